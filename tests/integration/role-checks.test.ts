import { describe, expect, it } from "vitest";
import { changeUserRole, listUsers } from "@/lib/services/accounts";
import { listQuestions } from "@/lib/services/question-list";
import { parseQuestionListQuery } from "@/lib/validation/question-list";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

/** Services that serve a role check it themselves; a page or layout in front of them is not enough. */
describe("role checks inside services", () => {
  it("lists the question bank with statistics for staff only", async () => {
    const question = await createQuestion();
    const student = await createUser();
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const query = parseQuestionListQuery({});
    await expect(listQuestions(student, query)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listQuestions(null as never, query)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const page = await listQuestions(instructor, query);
    expect(page.rows.map((r) => r.slug)).toEqual([question.slug]);
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
