import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { ActionError } from "@/lib/server/action-client";
import { getDb } from "@/lib/server/db";
import { recordAnswer } from "@/lib/services/practice";
import { registerStudent } from "@/lib/services/accounts";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createPresentation } from "../factories/presentations";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

/**
 * The process serves every query over one SQLite connection. A query from
 * another request that arrives while an interactive transaction is open must
 * neither see its uncommitted rows nor be rolled back with it.
 */

class Rollback extends Error {}

describe("writes outside an open transaction", () => {
  it("survive the transaction's rollback and never read its uncommitted rows", async () => {
    const db = getDb();
    let outsideAcknowledged = false;
    let seenFromOutside: string[] = [];

    const inside = db
      .$transaction(
        async (tx) => {
          await tx.subject.create({ data: { slug: "inside", name: "Written inside, rolled back" } });
          await sleep(300);
          throw new Rollback();
        },
        { timeout: 10_000 },
      )
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });

    const outside = (async () => {
      await sleep(50);
      const read = db.subject.findMany({ select: { slug: true } }).then((rows) => {
        seenFromOutside = rows.map((r) => r.slug);
      });
      await db.subject.create({ data: { slug: "outside", name: "Written outside, acknowledged" } });
      outsideAcknowledged = true;
      await read;
    })();

    await Promise.all([inside, outside]);

    expect(outsideAcknowledged).toBe(true);
    expect(seenFromOutside).not.toContain("inside");
    const slugs = (await db.subject.findMany({ select: { slug: true } })).map((r) => r.slug);
    expect(slugs).toEqual(["outside"]);
  });

  it("keeps every acknowledged write of 50 concurrent mixed writers, and nothing that was refused", async () => {
    const db = getDb();
    const question = await createQuestion();
    const version = question.versions[0]!;
    const students = await Promise.all(Array.from({ length: 20 }, () => createUser()));
    // An option of another question: answers that name it roll back after the presentation is read.
    const other = await createQuestion();
    const foreignOption = other.versions[0]!.options[1]!.id;

    type Outcome =
      | { kind: "answer"; userId: string; token: string; acknowledged: boolean }
      | { kind: "rolled-back"; userId: string; token: string; refused: boolean }
      | { kind: "sign-up"; email: string; acknowledged: boolean }
      | { kind: "slow-rollback"; slug: string };

    const writers: Array<Promise<Outcome>> = [];
    for (let i = 0; i < 50; i += 1) {
      const student = students[i % students.length]!;
      const token = (await createPresentation(student.id, question)).id;
      if (i % 5 === 4) {
        // A transaction that awaits real I/O before it fails, as any service may.
        const slug = `slow-${i}`;
        writers.push(
          db
            .$transaction(async (tx) => {
              await tx.subject.create({ data: { slug, name: "Rolled back after a wait" } });
              await sleep(10 + (i % 4) * 5);
              throw new Rollback();
            })
            .catch(() => ({ kind: "slow-rollback", slug })),
        );
      } else if (i % 3 === 0) {
        const input = submitAnswerSchema.parse({ presentationId: token, optionId: foreignOption });
        writers.push(
          recordAnswer(student.id, input).then(
            () => ({ kind: "rolled-back", userId: student.id, token, refused: false }),
            (error: unknown) => ({ kind: "rolled-back", userId: student.id, token, refused: error instanceof ActionError }),
          ),
        );
      } else if (i % 3 === 1) {
        const email = `mixed-${i}@example.com`;
        writers.push(
          registerStudent({ name: `Mixed ${i}`, email, password: "a sturdy passphrase" }, { address: `10.1.0.${i}` }).then(
            () => ({ kind: "sign-up", email, acknowledged: true }),
            () => ({ kind: "sign-up", email, acknowledged: false }),
          ),
        );
      } else {
        // Submitted twice at once: the losing submit's transaction rolls back.
        const input = submitAnswerSchema.parse({ presentationId: token, optionId: version.options[i % 4]!.id });
        writers.push(
          Promise.all([recordAnswer(student.id, input), recordAnswer(student.id, input)]).then(
            ([a, b]) => ({ kind: "answer", userId: student.id, token, acknowledged: a.answerId === b.answerId }),
            () => ({ kind: "answer", userId: student.id, token, acknowledged: false }),
          ),
        );
      }
    }
    const outcomes = await Promise.all(writers);

    for (const outcome of outcomes) {
      if (outcome.kind === "sign-up") {
        expect(outcome.acknowledged).toBe(true);
        expect(await db.user.count({ where: { email: outcome.email } })).toBe(1);
      } else if (outcome.kind === "answer") {
        expect(outcome.acknowledged).toBe(true);
        expect(await db.answer.count({ where: { userId: outcome.userId, attemptToken: outcome.token } })).toBe(1);
      } else if (outcome.kind === "slow-rollback") {
        expect(await db.subject.count({ where: { slug: outcome.slug } })).toBe(0);
      } else {
        expect(outcome.refused).toBe(true);
        expect(await db.answer.count({ where: { userId: outcome.userId, attemptToken: outcome.token } })).toBe(0);
      }
    }
    // Every stored answer moved its student's memory state exactly once.
    const committed = outcomes.filter((o) => o.kind === "answer");
    expect(await db.answer.count()).toBe(committed.length);
    const reps = await db.memoryState.aggregate({ _sum: { reps: true }, where: { questionId: question.id } });
    expect(reps._sum.reps).toBe(committed.length);
    const calibration = await db.questionCalibration.findUniqueOrThrow({ where: { questionId: question.id } });
    expect(calibration.attempts).toBe(committed.length);
  });
});
