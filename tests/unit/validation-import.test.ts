import { describe, expect, it } from "vitest";
import { importFormSchema } from "@/lib/validation/import";

/** The import form's input: pasted text, or (from a post without JavaScript) the file itself. */
describe("importFormSchema", () => {
  const file = (bytes: number, name = "bank.gift") => new File([new Uint8Array(bytes).fill(65)], name, { type: "text/plain" });

  it("accepts pasted text, or a file when the box is empty", () => {
    expect(importFormSchema.safeParse({ intent: "preview", text: "Q?{=A ~B}" }).success).toBe(true);
    const parsed = importFormSchema.safeParse({ intent: "import", text: "", file: file(10) });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.format).toBe("auto");
  });

  it("asks for text or a file when neither came, counting an empty file part (no file chosen) as none", () => {
    for (const input of [{ intent: "preview" }, { intent: "preview", text: "" }, { intent: "preview", text: "", file: file(0, "") }]) {
      const parsed = importFormSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ["text"], message: "Paste the questions or choose a file." })]);
    }
  });

  it("refuses a file over 5 MB beside the file field", () => {
    const parsed = importFormSchema.safeParse({ intent: "preview", file: file(5 * 1024 * 1024 + 1) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ["file"], message: "The file is larger than 5 MB; split it into smaller files." })]);
    expect(importFormSchema.safeParse({ intent: "preview", file: file(5 * 1024 * 1024) }).success).toBe(true);
  });

  it("imports into the chosen subject, IPT when none is named, and refuses a malformed subject beside its field", () => {
    expect(importFormSchema.parse({ intent: "preview", text: "x" }).subject).toBe("ipt");
    expect(importFormSchema.parse({ intent: "preview", subject: "e2e-study-skills", text: "x" }).subject).toBe("e2e-study-skills");
    const bad = importFormSchema.safeParse({ intent: "preview", subject: "../Admin", text: "x" });
    expect(bad.error?.issues).toEqual([expect.objectContaining({ path: ["subject"], message: "Choose a subject." })]);
  });

  it("refuses an unknown intent or format", () => {
    expect(importFormSchema.safeParse({ intent: "delete", text: "x" }).success).toBe(false);
    expect(importFormSchema.safeParse({ intent: "preview", format: "docx", text: "x" }).success).toBe(false);
  });
});
