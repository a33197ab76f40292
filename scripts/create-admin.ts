/**
 * Creates the first real admin, or makes an existing account one:
 *
 *   npm run admin:create                       asks for name, email and password
 *   ADMIN_EMAIL=... ADMIN_NAME=... ADMIN_PASSWORD=... npm run admin:create
 *   npm run admin:create -- --reset            an existing account becomes an admin with the new password
 *
 * The password meets the same policy as sign-ups.
 */
import { existsSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { signUpSchema } from "../lib/validation/auth";

if (existsSync(".env")) process.loadEnvFile(".env");
const { values } = parseArgs({ options: { reset: { type: "boolean", default: false } } });

async function ask(): Promise<{ name: string; email: string; password: string }> {
  const fromEnv = { name: process.env.ADMIN_NAME, email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };
  if (fromEnv.email && fromEnv.password) return { name: fromEnv.name ?? "Admin", email: fromEnv.email, password: fromEnv.password };
  if (!process.stdin.isTTY) {
    throw new Error("Set ADMIN_EMAIL and ADMIN_PASSWORD (and optionally ADMIN_NAME), or run this in a terminal to be asked.");
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const name = (await rl.question("Name: ")).trim();
    const email = (await rl.question("Email: ")).trim();
    // Hide the password as it is typed.
    const output = process.stdout as NodeJS.WriteStream & { _writeToOutput?: (s: string) => void };
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => write(s.startsWith("Password") ? s : "");
    const password = await rl.question("Password (at least 10 characters): ");
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = write;
    output.write("\n");
    return { name, email, password };
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  const parsed = signUpSchema.safeParse(await ask());
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "input"}: ${i.message}`);
    throw new Error(`The admin was not created:\n${lines.join("\n")}`);
  }
  const { createAdmin } = await import("../lib/services/accounts");
  const result = await createAdmin(parsed.data, { reset: values.reset });
  console.log(result.created ? `Created admin ${parsed.data.email}.` : `${parsed.data.email} is now an admin with the new password.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
