import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/server/db";
import type { QuestionStatus } from "@/lib/generated/prisma/client";

export async function createTopic() {
  const db = getDb();
  const subject = await db.subject.upsert({
    where: { slug: "test-subject" },
    create: { slug: "test-subject", name: "Test subject" },
    update: {},
  });
  const slug = `topic-${randomUUID().slice(0, 8)}`;
  return db.topic.create({ data: { slug, name: `Topic ${slug}`, subjectId: subject.id, weight: 0.5 } });
}

/** A question with one version and four options; option 1 (0-based) is the key. */
export async function createQuestion(overrides: { status?: QuestionStatus; topicId?: string } = {}) {
  const topicId = overrides.topicId ?? (await createTopic()).id;
  const slug = `test-q-${randomUUID().slice(0, 8)}`;
  return getDb().question.create({
    data: {
      slug,
      topicId,
      status: overrides.status ?? "PUBLISHED",
      sources: ["000_8e6e561306f24fb4.txt"],
      versions: {
        create: {
          version: 1,
          stem: `Stem of ${slug}?`,
          explanation: "Because B.",
          contentHash: slug,
          options: {
            create: ["A", "B", "C", "D"].map((text, position) => ({
              position,
              text: `Option ${text}`,
              correct: position === 1,
              feedback: position === 1 ? "Correct. B." : `Not ${text}.`,
            })),
          },
        },
      },
      calibration: { create: { rating: 0 } },
    },
    include: { versions: { include: { options: { orderBy: { position: "asc" } } } } },
  });
}
