import { describe, expect, it } from "vitest";
import { changeUserRole, listUsers } from "@/lib/services/accounts";
import { listQuestionsWithStats } from "@/lib/services/question-stats";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

/** Services that serve a role check it themselves; a page or layout in front of them is not enough. */
describe("role checks inside services", () => {
  it("lists the question bank with statistics for staff only", async () => {
    await createQuestion();
    const student = await createUser();
    const instructor = await createUser({ role: "INSTRUCTOR" });
    await expect(listQuestionsWithStats(student)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await listQuestionsWithStats(instructor)).toHaveLength(1);
  });

  it("lists users and changes roles for admins only", async () => {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const student = await createUser();
    await expect(listUsers(instructor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeUserRole(instructor, student.id, "ADMIN")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await createUser({ role: "ADMIN" });
    expect((await listUsers(admin)).map((u) => u.id)).toContain(student.id);
  });
});
