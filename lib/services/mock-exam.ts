import "server-only";
import { randomInt } from "node:crypto";
import { howOthersAnswered, type OthersAnswered } from "../analytics/item-analysis";
import { drawMockExam, type MockCandidate } from "../scheduler/mock-blueprint";
import { createRng } from "../scheduler/rng";
import { ActionError } from "../server/action-client";
import { getDb, type DbTx } from "../server/db";
import type { MockItemInput, MockTimerChange, StartMockExamInput } from "../validation/mock-exam";
import { MOCK_EXAM_EXTENSION_SEC } from "../validation/mock-exam";
import { directRead, isUniqueViolation, prismaSql } from "../server/direct-sql";
import { inOrder, newPresentationId, optionOrderOf, shuffled, writeAnswer, type PresentedOption } from "./practice";
import { openExamQuestionIds, openExams, type RunningExam } from "./open-exams";
import { queueReadinessRefresh } from "./readiness";
import { lockOwnExamRow, lockUserRow } from "./row-locks";

/**
 * Timed mock exams. Starting one draws N published questions of the student's
 * subject to the topic blueprint and issues them as presentations (mode
 * MOCK_EXAM, position 0..N-1, options shuffled). Until submission the student
 * only changes each item's selection and flag; nothing is scored and no key,
 * feedback or explanation is read for the exam pages. Submission (by the
 * student, or by the server once the deadline has passed) records an answer
 * for every item with a selection through the same writeAnswer as practice,
 * so each feeds the learner model exactly once, all in one transaction.
 */

export type MockExamListItem = {
  id: string;
  startedAt: Date;
  questionCount: number;
  submittedAt: Date | null;
  correctCount: number | null;
  endedBy: string | null;
};

export type MockItemState = { position: number; answered: boolean; flagged: boolean };

export type MockExamView = {
  examId: string;
  subjectName: string;
  questionCount: number;
  /** Null when the timer is off. */
  deadline: Date | null;
  timerHidden: boolean;
  items: MockItemState[];
  current: {
    presentationId: string;
    position: number;
    topicName: string;
    stem: string;
    options: PresentedOption[];
    selectedOptionId: string | null;
    flagged: boolean;
  };
};

export type MockExamOpen = { status: "open"; view: MockExamView } | { status: "submitted" } | { status: "not-found" };

export type MockResultItem = {
  /** The item's presentation: what "Report a problem" refers to. */
  presentationId: string;
  position: number;
  topicName: string;
  stem: string;
  chosenOptionId: string | null;
  correct: boolean;
  explanation: string;
  options: Array<PresentedOption & { correct: boolean; feedback: string }>;
  /** How other students answered the version on their first attempt, once enough have (practice.ts AnswerResult). */
  others: OthersAnswered | null;
};

export type MockExamResults = {
  examId: string;
  subjectName: string;
  startedAt: Date;
  submittedAt: Date;
  endedBy: "submitted" | "expired";
  questionCount: number;
  correctCount: number;
  answeredCount: number;
  timeUsedSec: number;
  topics: Array<{ topicName: string; correct: number; total: number }>;
  items: MockResultItem[];
};

export type MockSaveOutcome =
  | { status: "saved"; selectedOptionId: string | null; flagged: boolean }
  | { status: "expired" };

export type MockSubmitOutcome = { replayed: boolean; endedBy: "submitted" | "expired" };

const NOT_FOUND_MESSAGE = "This mock exam does not exist or is not yours. Nothing was saved.";
const ITEM_NOT_FOUND = "This question is not part of your mock exam. Nothing was saved.";
const ALREADY_SUBMITTED = "This mock exam has already been submitted; its answers can no longer change. Nothing was saved.";

type ExamRow = { id: string; userId: string; subjectId: string; submittedAt: Date | null; deadline: Date | null };
const EXAM_COLUMNS = { id: true, userId: true, subjectId: true, submittedAt: true, deadline: true } as const;

function isOverdue(exam: Pick<ExamRow, "submittedAt" | "deadline">, now: Date): boolean {
  return exam.submittedAt === null && exam.deadline !== null && now.getTime() >= exam.deadline.getTime();
}

/** The exam if it is this user's; otherwise null (unknown and foreign ids look the same). */
async function ownExam(tx: DbTx, userId: string, examId: string): Promise<ExamRow | null> {
  const exam = await tx.mockExam.findUnique({ where: { id: examId }, select: EXAM_COLUMNS });
  return exam && exam.userId === userId ? exam : null;
}

/**
 * Options of every transaction that may submit an exam. Each answer it writes
 * locks its question's calibration until commit, so exams over the same
 * questions submitted at once (a class at a shared deadline) commit one after
 * another: the last may wait for all the others, longer than Prisma's default
 * 5 s.
 */
const SUBMITTING = { maxWait: 10_000, timeout: 60_000 } as const;

/**
 * The exam if it is this user's, its row locked until commit (row-locks.ts):
 * a save or timer change that arrives while a submit is in flight waits for
 * it, then finds the exam submitted, so a choice is never acknowledged and
 * left out of the score.
 */
async function lockedOwnExam(tx: DbTx, userId: string, examId: string): Promise<ExamRow | null> {
  await lockOwnExamRow(prismaSql(tx), examId, userId);
  return ownExam(tx, userId, examId);
}

/**
 * Ends an open exam inside the caller's transaction: claims it (a second
 * submit finds it submitted and writes nothing), then records an answer for
 * every item with a selection and stores the score. An expired exam ends at
 * its deadline. Returns false when it had already been submitted.
 */
async function submitInTx(tx: DbTx, userId: string, exam: ExamRow, endedBy: "submitted" | "expired", now: Date): Promise<boolean> {
  const endedAt = endedBy === "expired" && exam.deadline ? exam.deadline : now;
  const claimed = await tx.mockExam.updateMany({
    where: { id: exam.id, userId, submittedAt: null },
    data: { submittedAt: endedAt, endedBy },
  });
  if (claimed.count !== 1) return false;
  const items = await tx.presentation.findMany({
    where: { mockExamId: exam.id, userId },
    orderBy: { position: "asc" },
    select: { id: true, questionId: true, questionVersionId: true, sessionId: true, issuedAt: true, selectedOptionId: true, answerId: true, optionOrder: true },
  });
  let correct = 0;
  // Each answer locks its question's calibration until commit: every submit
  // takes them in question order, so two exams over the same questions never
  // wait on each other in a cycle (a deadlock on PostgreSQL).
  const byQuestion = [...items].sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0));
  for (const item of byQuestion) {
    if (!item.selectedOptionId || item.answerId) continue;
    // Selections were checked when saved; checked again so a bad row cannot be scored.
    if (!optionOrderOf(item.optionOrder).includes(item.selectedOptionId)) continue;
    const written = await writeAnswer(prismaSql(tx), { userId, presentation: item, optionId: item.selectedOptionId, confidence: "SURE", now });
    if (written?.correct) correct += 1;
  }
  await tx.mockExam.update({ where: { id: exam.id }, data: { correctCount: correct } });
  return true;
}

/** Submits the exam if its deadline has passed; true when it is (now) submitted. */
async function settle(tx: DbTx, userId: string, exam: ExamRow, now: Date): Promise<boolean> {
  if (exam.submittedAt) return true;
  if (!isOverdue(exam, now)) return false;
  await submitInTx(tx, userId, exam, "expired", now);
  return true;
}

/** The subject a mock exam is drawn from: the student's current one, else the first subject created. */
async function subjectFor(tx: DbTx, userId: string) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { currentSubjectId: true } });
  const current = user.currentSubjectId
    ? await tx.subject.findUnique({ where: { id: user.currentSubjectId }, select: { id: true, name: true } })
    : null;
  return current ?? (await tx.subject.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, name: true } }));
}

/**
 * Starts a mock exam for the user: draws the questions to the blueprint and
 * creates the exam with its presentations in one transaction. A start that
 * carries its form's token starts one exam for that form: a repeat (a double
 * click, a retry after a lost connection, two posts at once) gets the exam
 * the first one started while it runs; once that exam has ended, the same
 * form starts a new one, which takes the token over. Two at once on
 * PostgreSQL meet at the unique index, and the one refused reads the other's
 * exam.
 */
export async function startMockExam(userId: string, input: StartMockExamInput, now = new Date()): Promise<{ examId: string }> {
  const { startToken } = input;
  try {
    return await startOnce(userId, input, now);
  } catch (error) {
    if (startToken === undefined || !isUniqueViolation(error)) throw error;
    const started = await getDb().mockExam.findUnique({ where: { userId_startToken: { userId, startToken } }, select: { id: true } });
    if (!started) throw error;
    return { examId: started.id };
  }
}

async function startOnce(userId: string, input: StartMockExamInput, now: Date): Promise<{ examId: string }> {
  return getDb().$transaction(async (tx) => {
    const startToken = input.startToken ?? null;
    if (startToken !== null) {
      const started = await tx.mockExam.findUnique({ where: { userId_startToken: { userId, startToken } }, select: { id: true, submittedAt: true, deadline: true } });
      if (started && started.submittedAt === null && !isOverdue(started, now)) return { examId: started.id };
      // A form shown again after its exam ended (the browser's Back button): the new exam takes the token over, so this form's repeats open it.
      if (started) await tx.mockExam.update({ where: { id: started.id }, data: { startToken: null } });
    }
    // The student's row (row-locks.ts), after the ended exam's row above, as a submit takes them: a
    // practice answer (practice.ts recordAnswer) or another start at this moment either committed
    // before the draw below or waits for this exam, and then finds it running.
    await lockUserRow(prismaSql(tx), userId);
    const subject = await subjectFor(tx, userId);
    if (!subject) throw new ActionError("INVALID_INPUT", "There is no subject to take a mock exam in yet. Nothing was started.");
    const topics = await tx.topic.findMany({ where: { subjectId: subject.id }, orderBy: { position: "asc" }, select: { id: true, weight: true } });
    const questions = await tx.question.findMany({
      where: { status: "PUBLISHED", topicId: { in: topics.map((t) => t.id) } },
      select: { id: true, topicId: true, currentVersion: true, versions: { select: { id: true, version: true, options: { select: { id: true } } } } },
    });
    // Not the questions of an exam the student has running: this one's results would show their keys (decision 0006).
    const taken = await openExamQuestionIds(prismaSql(tx), userId, now);
    const servable = questions.flatMap((q) => {
      const version = q.versions.find((v) => v.version === q.currentVersion);
      return version && version.options.length > 1 && !taken.has(q.id) ? [{ ...q, version }] : [];
    });
    if (servable.length < input.questionCount) {
      const message =
        taken.size === 0
          ? `${subject.name} has ${servable.length} published questions: choose ${servable.length} or fewer.`
          : `${subject.name} has ${servable.length} published questions that are not in a mock exam you have running: choose ${servable.length} or fewer, or finish that exam first.`;
      throw new ActionError("INVALID_INPUT", `Not enough questions for this exam. Nothing was started.`, { questionCount: [message] });
    }

    // Latest answer per question: never met or last wrong is what the student needs most.
    const history = await tx.answer.findMany({
      where: { userId, questionId: { in: servable.map((q) => q.id) } },
      orderBy: { createdAt: "desc" },
      select: { questionId: true, correct: true },
    });
    const lastCorrect = new Map<string, boolean>();
    for (const answer of history) if (!lastCorrect.has(answer.questionId)) lastCorrect.set(answer.questionId, answer.correct);
    const candidates: MockCandidate[] = servable.map((q) => ({ questionId: q.id, topicId: q.topicId, needed: lastCorrect.get(q.id) !== true }));

    const draw = drawMockExam({
      topics: topics.map((t) => ({ topicId: t.id, weight: t.weight })),
      candidates,
      count: input.questionCount,
      rng: createRng(randomInt(2 ** 32)),
    });
    const byId = new Map(servable.map((q) => [q.id, q]));
    const exam = await tx.mockExam.create({
      data: {
        userId,
        subjectId: subject.id,
        questionCount: input.questionCount,
        timeLimitSec: input.timeLimitSec,
        startedAt: now,
        deadline: input.timeLimitSec === null ? null : new Date(now.getTime() + input.timeLimitSec * 1000),
        startToken,
      },
      select: { id: true },
    });
    await tx.presentation.createMany({
      data: draw.questionIds.map((questionId, position) => {
        const question = byId.get(questionId)!;
        return {
          id: newPresentationId(),
          userId,
          questionId,
          questionVersionId: question.version.id,
          optionOrder: shuffled(question.version.options.map((o) => o.id)),
          mode: "MOCK_EXAM" as const,
          reason: "Mock exam",
          mockExamId: exam.id,
          position,
          issuedAt: now,
        };
      }),
    });
    return { examId: exam.id };
  });
}

/** The student's mock exams, newest first; any whose deadline has passed is submitted first. */
export async function listMockExams(userId: string, now = new Date()): Promise<MockExamListItem[]> {
  const db = getDb();
  const overdue = await db.mockExam.findMany({
    where: { userId, submittedAt: null, deadline: { lte: now } },
    select: EXAM_COLUMNS,
  });
  for (const exam of overdue) await db.$transaction((tx) => settle(tx, userId, exam, now), SUBMITTING);
  return db.mockExam.findMany({
    where: { userId },
    orderBy: { startedAt: "desc" },
    take: 50,
    select: { id: true, startedAt: true, questionCount: true, submittedAt: true, correctCount: true, endedBy: true },
  });
}

/**
 * The student's running exams in a subject, newest first (an exam past its
 * deadline is over even before its next access submits it). Practice names
 * them: their questions are held back from every practice mode until each ends.
 */
export async function runningMockExams(userId: string, subjectId: string, now = new Date()): Promise<RunningExam[]> {
  return directRead((sql) => openExams(sql, userId, subjectId, now));
}

/**
 * One item of an open exam for the exam page (position clamped to the exam),
 * with the state of every item for the grid. Only the stem and the option
 * texts are read: never the key, the feedback or the explanation. A passed
 * deadline submits the exam instead ("submitted").
 */
export async function openMockExam(userId: string, examId: string, position: number, now = new Date()): Promise<MockExamOpen> {
  return getDb().$transaction(async (tx): Promise<MockExamOpen> => {
    const exam = await ownExam(tx, userId, examId);
    if (!exam) return { status: "not-found" };
    if (await settle(tx, userId, exam, now)) return { status: "submitted" };
    const full = await tx.mockExam.findUniqueOrThrow({
      where: { id: exam.id },
      select: { questionCount: true, deadline: true, timerHidden: true, subject: { select: { name: true } } },
    });
    const items = await tx.presentation.findMany({
      where: { mockExamId: exam.id, userId },
      orderBy: { position: "asc" },
      select: { id: true, position: true, questionVersionId: true, optionOrder: true, selectedOptionId: true, flagged: true },
    });
    const at = Math.min(Math.max(0, position), items.length - 1);
    const item = items[at];
    if (!item) return { status: "not-found" };
    const version = await tx.questionVersion.findUniqueOrThrow({
      where: { id: item.questionVersionId },
      select: { stem: true, options: { select: { id: true, text: true } }, question: { select: { topic: { select: { name: true } } } } },
    });
    return {
      status: "open",
      view: {
        examId: exam.id,
        subjectName: full.subject.name,
        questionCount: full.questionCount,
        deadline: full.deadline,
        timerHidden: full.timerHidden,
        items: items.map((i, index) => ({ position: i.position ?? index, answered: i.selectedOptionId !== null, flagged: i.flagged })),
        current: {
          presentationId: item.id,
          position: at,
          topicName: version.question.topic.name,
          stem: version.stem,
          options: inOrder(optionOrderOf(item.optionOrder), version.options).map(({ id, letter, text }) => ({ id, letter, text })),
          selectedOptionId: item.selectedOptionId,
          flagged: item.flagged,
        },
      },
    };
  }, SUBMITTING);
}

/**
 * Saves an item's selection and/or flag. Refused for an unknown or foreign
 * exam or item, an option the item did not show, and a submitted exam; a
 * passed deadline submits the exam and saves nothing ("expired").
 */
export async function saveMockItem(
  userId: string,
  input: Pick<MockItemInput, "examId" | "presentationId" | "optionId" | "flagged">,
  now = new Date(),
): Promise<MockSaveOutcome> {
  return getDb().$transaction(async (tx): Promise<MockSaveOutcome> => {
    const exam = await lockedOwnExam(tx, userId, input.examId);
    if (!exam) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    if (exam.submittedAt) throw new ActionError("CONFLICT", ALREADY_SUBMITTED);
    if (await settle(tx, userId, exam, now)) return { status: "expired" };
    const item = await tx.presentation.findUnique({
      where: { id: input.presentationId },
      select: { id: true, userId: true, mockExamId: true, optionOrder: true, selectedOptionId: true, flagged: true },
    });
    if (!item || item.userId !== userId || item.mockExamId !== exam.id) throw new ActionError("NOT_FOUND", ITEM_NOT_FOUND);
    if (input.optionId !== undefined && !optionOrderOf(item.optionOrder).includes(input.optionId)) {
      throw new ActionError("INVALID_INPUT", "That option is not one of this question's options. Nothing was saved.", {
        optionId: ["Choose one of the options shown."],
      });
    }
    const saved = await tx.presentation.update({
      where: { id: item.id },
      data: {
        ...(input.optionId !== undefined ? { selectedOptionId: input.optionId } : {}),
        ...(input.flagged !== undefined ? { flagged: input.flagged } : {}),
      },
      select: { selectedOptionId: true, flagged: true },
    });
    return { status: "saved", ...saved };
  }, SUBMITTING);
}

/** The student's control over the timer (WCAG 2.2.1): extend by ten minutes, turn off, hide or show. */
export async function changeMockTimer(userId: string, examId: string, change: MockTimerChange, now = new Date()): Promise<"changed" | "expired"> {
  return getDb().$transaction(async (tx): Promise<"changed" | "expired"> => {
    const exam = await lockedOwnExam(tx, userId, examId);
    if (!exam) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    if (exam.submittedAt) throw new ActionError("CONFLICT", ALREADY_SUBMITTED);
    if (await settle(tx, userId, exam, now)) return "expired";
    if (change === "hide" || change === "show") {
      await tx.mockExam.update({ where: { id: exam.id }, data: { timerHidden: change === "hide" } });
    } else if (change === "off") {
      await tx.mockExam.update({ where: { id: exam.id }, data: { deadline: null, timeLimitSec: null } });
    } else {
      if (!exam.deadline) throw new ActionError("CONFLICT", "The timer is already off, so there is nothing to extend.");
      await tx.mockExam.update({
        where: { id: exam.id },
        data: { deadline: new Date(exam.deadline.getTime() + MOCK_EXAM_EXTENSION_SEC * 1000), timeLimitSec: { increment: MOCK_EXAM_EXTENSION_SEC } },
      });
    }
    return "changed";
  }, SUBMITTING);
}

/**
 * Submits the exam. Submitting a finished exam again writes nothing and
 * reports a replay; a passed deadline submits it as expired.
 */
export async function submitMockExam(userId: string, examId: string, now = new Date()): Promise<MockSubmitOutcome> {
  let submittedSubject: string | null = null;
  const outcome = await getDb().$transaction(async (tx): Promise<MockSubmitOutcome> => {
    const exam = await ownExam(tx, userId, examId);
    if (!exam) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    if (exam.submittedAt) {
      const row = await tx.mockExam.findUniqueOrThrow({ where: { id: exam.id }, select: { endedBy: true } });
      return { replayed: true, endedBy: row.endedBy === "expired" ? "expired" : "submitted" };
    }
    const endedBy = isOverdue(exam, now) ? "expired" : "submitted";
    const submitted = await submitInTx(tx, userId, exam, endedBy, now);
    if (submitted) submittedSubject = exam.subjectId;
    return { replayed: !submitted, endedBy };
  }, SUBMITTING);
  // Committed: the dashboards' stored readiness catches up shortly.
  if (submittedSubject !== null) queueReadinessRefresh(userId, submittedSubject);
  return outcome;
}

/** The results of a submitted exam; "open" while it is still running (nothing of the key is read then). */
export async function mockExamResults(
  userId: string,
  examId: string,
  now = new Date(),
): Promise<{ status: "submitted"; results: MockExamResults } | { status: "open" } | { status: "not-found" }> {
  const db = getDb();
  const settled = await db.$transaction(async (tx) => {
    const exam = await ownExam(tx, userId, examId);
    if (!exam) return "not-found" as const;
    return (await settle(tx, userId, exam, now)) ? ("submitted" as const) : ("open" as const);
  }, SUBMITTING);
  if (settled !== "submitted") return { status: settled };

  const exam = await db.mockExam.findUniqueOrThrow({
    where: { id: examId },
    select: {
      id: true,
      startedAt: true,
      submittedAt: true,
      endedBy: true,
      questionCount: true,
      correctCount: true,
      subject: { select: { name: true } },
      presentations: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          questionVersionId: true,
          optionOrder: true,
          selectedOptionId: true,
          answer: { select: { correct: true } },
        },
      },
    },
  });
  const versions = await db.questionVersion.findMany({
    where: { id: { in: exam.presentations.map((p) => p.questionVersionId) } },
    select: {
      id: true,
      stem: true,
      explanation: true,
      options: { select: { id: true, text: true, correct: true, feedback: true } },
      question: { select: { topic: { select: { name: true, position: true } } } },
    },
  });
  const versionById = new Map(versions.map((v) => [v.id, v]));
  // Other students' first attempts per option of each version: one grouped read of the covering version index.
  const firstAttempts = await db.answer.groupBy({
    by: ["questionVersionId", "optionId"],
    where: { questionVersionId: { in: versions.map((v) => v.id) }, firstAttempt: true },
    _count: { _all: true },
  });
  const countsOf = new Map<string, Array<{ optionId: string; count: number }>>();
  for (const row of firstAttempts) {
    const list = countsOf.get(row.questionVersionId) ?? [];
    list.push({ optionId: row.optionId, count: row._count._all });
    countsOf.set(row.questionVersionId, list);
  }
  const items: MockResultItem[] = exam.presentations.map((p, index) => {
    const version = versionById.get(p.questionVersionId);
    if (!version) throw new Error(`mock exam ${exam.id} shows a missing question version`);
    return {
      presentationId: p.id,
      position: p.position ?? index,
      topicName: version.question.topic.name,
      stem: version.stem,
      chosenOptionId: p.selectedOptionId,
      correct: p.answer?.correct ?? false,
      explanation: version.explanation,
      options: inOrder(optionOrderOf(p.optionOrder), version.options).map(({ id, letter, text, correct, feedback }) => ({ id, letter, text, correct, feedback })),
      others: howOthersAnswered(countsOf.get(version.id) ?? [], new Set(version.options.filter((o) => o.correct).map((o) => o.id))),
    };
  });
  const topics = new Map<string, { topicName: string; correct: number; total: number }>();
  for (const item of items) {
    const topic = topics.get(item.topicName) ?? { topicName: item.topicName, correct: 0, total: 0 };
    topic.total += 1;
    if (item.correct) topic.correct += 1;
    topics.set(item.topicName, topic);
  }
  const submittedAt = exam.submittedAt ?? now;
  return {
    status: "submitted",
    results: {
      examId: exam.id,
      subjectName: exam.subject.name,
      startedAt: exam.startedAt,
      submittedAt,
      endedBy: exam.endedBy === "expired" ? "expired" : "submitted",
      questionCount: exam.questionCount,
      correctCount: exam.correctCount ?? items.filter((i) => i.correct).length,
      answeredCount: items.filter((i) => i.chosenOptionId !== null).length,
      timeUsedSec: Math.max(0, Math.round((submittedAt.getTime() - exam.startedAt.getTime()) / 1000)),
      topics: [...topics.values()].sort((a, b) => a.topicName.localeCompare(b.topicName)),
      items,
    },
  };
}
