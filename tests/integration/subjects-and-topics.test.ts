import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { createSubject, getSubjectBySlug, listSubjects } from "@/lib/services/subjects";
import { createTopic, getSubjectTopics, moveTopic, removeTopic, setBlueprint, updateTopic } from "@/lib/services/topics";
import { blueprintSchema, createSubjectSchema, weightFieldName } from "@/lib/validation/topics";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

async function instructor() {
  return createUser({ role: "INSTRUCTOR", name: "Ina Instructor" });
}

async function subjectWithTopics(names: string[]) {
  const actor = await instructor();
  const subject = await createSubject(actor, createSubjectSchema.parse({ name: "Cognitive Behavioural Therapy", slug: "cbt" }));
  const topics = [];
  for (const name of names) topics.push(await createTopic(actor, { subjectSlug: "cbt", name, description: "" }));
  return { actor, subject, topics };
}

/** What the blueprint form posts, parsed as the action parses it. */
function blueprintForm(subjectSlug: string, entries: Array<[string, string]>) {
  const form: Record<string, unknown> = { subjectSlug, topicId: entries.map(([id]) => id) };
  for (const [id, percent] of entries) form[weightFieldName(id)] = percent;
  return blueprintSchema.safeParse(form);
}

describe("subjects", () => {
  it("creates a subject with a derived slug, lists it with its counts, and audits the creation", async () => {
    const actor = await instructor();
    const created = await createSubject(actor, createSubjectSchema.parse({ name: "Schéma Therapy", description: "Young's model" }));
    expect(created.slug).toBe("schema-therapy");
    const topic = await createTopic(actor, { subjectSlug: "schema-therapy", name: "Modes", description: "" });
    await createQuestion({ topicId: topic.id });
    await createQuestion({ topicId: topic.id, status: "DRAFT" });

    const listed = (await listSubjects(actor)).find((s) => s.slug === "schema-therapy");
    expect(listed).toMatchObject({ name: "Schéma Therapy", topics: 1, publishedQuestions: 1, description: "Young's model" });
    const audit = await getDb().auditEntry.findMany({ where: { entityType: "subject", entityId: created.id } });
    expect(audit.map((a) => a.action)).toEqual(["subject.create"]);
    expect(audit[0]!.actorId).toBe(actor.id);
  });

  it("refuses a slug another subject has, with a message beside the slug, and writes nothing", async () => {
    const actor = await instructor();
    await createSubject(actor, createSubjectSchema.parse({ name: "IPT", slug: "ipt" }));
    await expect(createSubject(actor, createSubjectSchema.parse({ name: "Another", slug: "ipt" }))).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { slug: [expect.stringContaining("“ipt” is already used by IPT")] },
    });
    expect(await getDb().subject.count()).toBe(1);
    expect(await getDb().auditEntry.count()).toBe(1);
  });

  it("rejects a malformed slug before the service sees it", () => {
    const parsed = createSubjectSchema.safeParse({ name: "X", slug: "Has Spaces!" });
    expect(parsed.success).toBe(false);
    const empty = createSubjectSchema.safeParse({ name: "", slug: "" });
    expect(empty.success).toBe(false);
  });
});

describe("topics", () => {
  it("derives a stable, globally unique slug from the subject and name; renaming keeps it and is audited", async () => {
    const { actor, topics } = await subjectWithTopics(["Thought records"]);
    expect(topics[0]!.slug).toBe("cbt-thought-records");
    // Another subject whose slug makes the same topic slug gets a numbered one.
    await createSubject(actor, createSubjectSchema.parse({ name: "CBT thought", slug: "cbt-thought" }));
    const clash = await createTopic(actor, { subjectSlug: "cbt-thought", name: "Records", description: "" });
    expect(clash.slug).toBe("cbt-thought-records-2");

    await updateTopic(actor, { topicId: topics[0]!.id, name: "Automatic thoughts", description: "Catching them" });
    const renamed = await getDb().topic.findUniqueOrThrow({ where: { id: topics[0]!.id } });
    expect(renamed).toMatchObject({ slug: "cbt-thought-records", name: "Automatic thoughts", description: "Catching them" });
    const audit = await getDb().auditEntry.findMany({ where: { entityType: "topic", entityId: topics[0]!.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["topic.create", "topic.rename"]);
  });

  it("refuses a second topic with the same name in one subject", async () => {
    const { actor } = await subjectWithTopics(["Exposure"]);
    await expect(createTopic(actor, { subjectSlug: "cbt", name: "exposure", description: "" })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { name: [expect.stringContaining("already has a topic named")] },
    });
    expect(await getDb().topic.count()).toBe(1);
  });

  it("moves a topic up and down, keeping positions 0..n-1; the first cannot move up", async () => {
    const { actor, topics } = await subjectWithTopics(["A", "B", "C"]);
    const names = async () => (await getSubjectTopics(actor, "cbt")).topics.map((t) => `${t.position}:${t.name}`);
    expect(await names()).toEqual(["0:A", "1:B", "2:C"]);
    await moveTopic(actor, topics[2]!.id, "up");
    expect(await names()).toEqual(["0:A", "1:C", "2:B"]);
    await moveTopic(actor, topics[0]!.id, "down");
    expect(await names()).toEqual(["0:C", "1:A", "2:B"]);
    const audits = await getDb().auditEntry.count({ where: { action: "topic.move" } });
    await moveTopic(actor, topics[2]!.id, "up");
    expect(await names()).toEqual(["0:C", "1:A", "2:B"]);
    expect(await getDb().auditEntry.count({ where: { action: "topic.move" } })).toBe(audits);
  });

  it("removes an empty topic and closes the gap, but refuses one with questions, naming how many", async () => {
    const { actor, topics } = await subjectWithTopics(["A", "B", "C"]);
    await createQuestion({ topicId: topics[1]!.id });
    await createQuestion({ topicId: topics[1]!.id, status: "RETIRED" });
    await expect(removeTopic(actor, topics[1]!.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("has 2 questions") as string,
    });
    expect(await getDb().topic.count({ where: { id: topics[1]!.id } })).toBe(1);

    await removeTopic(actor, topics[0]!.id);
    const left = (await getSubjectTopics(actor, "cbt")).topics.map((t) => `${t.position}:${t.name}`);
    expect(left).toEqual(["0:B", "1:C"]);
    expect(await getDb().auditEntry.count({ where: { action: "topic.remove", entityId: topics[0]!.id } })).toBe(1);
  });
});

describe("the blueprint", () => {
  it("stores percentages that add up to 100 as fractions that add up to 1, and audits the change", async () => {
    const { actor, subject, topics } = await subjectWithTopics(["A", "B", "C"]);
    const parsed = blueprintForm("cbt", [
      [topics[0]!.id, "33.3"],
      [topics[1]!.id, "33.3"],
      [topics[2]!.id, "33,4"],
    ]);
    expect(parsed.success).toBe(true);
    await setBlueprint(actor, "cbt", parsed.data!.weights);
    const stored = await getDb().topic.findMany({ where: { subjectId: subject.id }, orderBy: { position: "asc" } });
    expect(stored.map((t) => t.weight)).toEqual([0.333, 0.333, 0.334]);
    expect(stored.reduce((sum, t) => sum + t.weight, 0)).toBeCloseTo(1, 9);
    expect((await getSubjectTopics(actor, "cbt")).totalTenths).toBe(1000);
    expect(await getDb().auditEntry.count({ where: { action: "topic.weights", entityId: subject.id } })).toBe(1);
  });

  it("rejects a total other than 100 with the total in the message, and a bad entry beside its field", async () => {
    const { actor, topics } = await subjectWithTopics(["A", "B"]);
    const short = blueprintForm("cbt", [
      [topics[0]!.id, "60"],
      [topics[1]!.id, "35.5"],
    ]);
    expect(short.success).toBe(false);
    expect(short.error!.issues[0]!.message).toContain("add up to 95.5%");

    const bad = blueprintForm("cbt", [
      [topics[0]!.id, "60.25"],
      [topics[1]!.id, "40"],
    ]);
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual([weightFieldName(topics[0]!.id)]);

    // The service checks the total too, and that every topic is named exactly once.
    await expect(setBlueprint(actor, "cbt", [{ topicId: topics[0]!.id, tenths: 600 }, { topicId: topics[1]!.id, tenths: 300 }])).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("90%") as string,
    });
    await expect(setBlueprint(actor, "cbt", [{ topicId: topics[0]!.id, tenths: 1000 }])).rejects.toMatchObject({ code: "CONFLICT" });
    const weights = (await getDb().topic.findMany()).map((t) => t.weight);
    expect(weights).toEqual([0, 0]);
  });
});

describe("a student", () => {
  it("is refused by every subject and topic function, and nothing is written", async () => {
    const { topics } = await subjectWithTopics(["A", "B"]);
    const student = await createUser();
    const before = await getDb().auditEntry.count();
    const calls: Array<Promise<unknown>> = [
      listSubjects(student),
      getSubjectBySlug(student, "cbt"),
      createSubject(student, createSubjectSchema.parse({ name: "Sneaky" })),
      getSubjectTopics(student, "cbt"),
      createTopic(student, { subjectSlug: "cbt", name: "Sneaky", description: "" }),
      updateTopic(student, { topicId: topics[0]!.id, name: "Sneaky", description: "" }),
      moveTopic(student, topics[1]!.id, "up"),
      removeTopic(student, topics[0]!.id),
      setBlueprint(student, "cbt", [{ topicId: topics[0]!.id, tenths: 500 }, { topicId: topics[1]!.id, tenths: 500 }]),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().auditEntry.count()).toBe(before);
    expect((await getDb().topic.findMany({ orderBy: { position: "asc" } })).map((t) => [t.name, t.weight])).toEqual([
      ["A", 0],
      ["B", 0],
    ]);
  });
});
