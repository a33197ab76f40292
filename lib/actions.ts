import "server-only";
import { forbidden, unauthorized, unstable_rethrow } from "next/navigation";
import { createActionClient } from "./action-client";
import { currentUser } from "./auth";

/**
 * The action client every app/<area>/actions.ts uses. A denied session or role
 * becomes a real 401/403 response, so a raw POST without a session is refused.
 */
export const { publicAction, authAction } = createActionClient({
  getUser: currentUser,
  rethrowIfFrameworkError: unstable_rethrow,
  onDenied: (failure) => {
    if (failure.code === "UNAUTHENTICATED") unauthorized();
    forbidden();
  },
  logError: (error) => console.error("[action]", error),
});
