// Creates N benchmark students (bench-000@example.test ...) with one shared
// password, directly in the database DATABASE_URL names. Run with
// --conditions=react-server (it uses the server's own password hashing).
//
//   tsx --conditions=react-server bench/practice/make-students.ts N PASSWORD
import { getDb } from "../../lib/server/db";
import { hashPassword } from "../../lib/server/password";

const [countArg, password] = process.argv.slice(2);
if (!countArg || !password) throw new Error("usage: make-students.ts N PASSWORD");
const count = Number(countArg);
const passwordHash = await hashPassword(password);
await getDb().user.createMany({
  data: Array.from({ length: count }, (_, i) => ({
    email: `bench-${String(i).padStart(3, "0")}@example.test`,
    name: `Bench student ${String(i)}`,
    passwordHash,
    role: "STUDENT" as const,
  })),
});
console.log(`created ${String(count)} students`);
