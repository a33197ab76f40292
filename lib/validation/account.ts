import { z } from "./zod";
import { newPasswordSchema, PASSWORD_MAX_LENGTH } from "./auth";

/** Shared by the account forms (settings, the reset page, the admin's users page) and their actions. */

const currentPassword = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(PASSWORD_MAX_LENGTH, "That is not your current password.");

/** What the user types to confirm deletion: a phrase nobody types by accident. */
export const DELETE_CONFIRMATION = "delete my account";

export const changePasswordSchema = z
  .object({
    currentPassword,
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "Type the new password again." }).min(1, "Type the new password again."),
  })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ["confirmPassword"], message: "The two new passwords do not match." })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from your current one.",
  });

export const deleteAccountSchema = z.object({
  password: currentPassword,
  confirmation: z
    .string({ error: `Type "${DELETE_CONFIRMATION}" to confirm.` })
    .trim()
    .toLowerCase()
    .refine((v) => v === DELETE_CONFIRMATION, `Type "${DELETE_CONFIRMATION}" to confirm.`),
});

/** A reset link's token: 32 random bytes in base64url. */
export const RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const INVALID_RESET_LINK =
  "This reset link does not work: it was already used, has expired, or a newer link replaced it. Nothing was changed; ask an admin for a new link.";

export const resetTokenSchema = z.string().regex(RESET_TOKEN_PATTERN, INVALID_RESET_LINK);

export const resetPasswordSchema = z
  .object({
    token: resetTokenSchema,
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "Type the new password again." }).min(1, "Type the new password again."),
  })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ["confirmPassword"], message: "The two new passwords do not match." });

export const createResetLinkSchema = z.object({ userId: z.string().min(1).max(64) });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

/** What an account form shows after its action: what happened, or the refusal with field errors. */
export type AccountFormState =
  | { ok: true; message: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> }
  | null;

/** The admin's reset-link form: the link, shown once. */
export type ResetLinkFormState =
  | { ok: true; url: string; expiresAt: string; name: string; email: string }
  | { ok: false; error: string }
  | null;
