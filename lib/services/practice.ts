import "server-only";
import { randomBytes, randomInt } from "node:crypto";
import { localDay } from "../analytics/calendar";
import { howOthersAnswered, type OthersAnswered } from "../analytics/item-analysis";
import { ActionError } from "../server/action-client";
import { getDb, type DbTx } from "../server/db";
import { directRead, directTransaction, isUniqueViolation, newRowId, prismaSql, sqlBool, sqlDate, sqlNumber, sqlNumberOrNull, type Sql } from "../server/direct-sql";
import type { Difficulty, PracticeMode } from "../generated/prisma/client";
import type { Confidence } from "../scheduler/types";
import type { SubmitAnswerInput } from "../validation/practice";
import { bookmarkedQuestionIds } from "./bookmarks";
import { queueReadinessRefresh } from "./readiness";
import { mistakesOf } from "./mistakes";
import type { PracticeScreen } from "./practice-screen";
import { publishedBank, type PublishedBank, type PublishedQuestion } from "./published-bank";
import { applyAnswerToLearnerModel, FIT_COLUMNS_SQL, pickInBank, type FitColumns } from "./scheduling";
import { inOpenExam, openExamQuestionIds } from "./open-exams";
import { LOCK_USER_SQL, lockUserRow } from "./row-locks";

/**
 * Practice: issuing a question as a stored presentation, and recording the
 * answer to it.
 *
 * Every question shown is a Presentation row: which version, in which option
 * order, for whom. Its id is the attempt token the form sends back, so the
 * browser makes no tokens and cannot answer anything it was not shown. The
 * view of an unanswered presentation never contains which option is correct,
 * any option's feedback or the explanation; those are read only once the
 * presentation has an answer.
 */

export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const;

export type PresentedOption = { id: string; letter: string; text: string };

export type AnswerResult = {
  answerId: string;
  correct: boolean;
  chosenOptionId: string;
  correctOptionId: string;
  confidence: Confidence;
  explanation: string;
  /** Every option in the order it was shown, with its letter, key flag and feedback. */
  options: Array<PresentedOption & { correct: boolean; feedback: string }>;
  /**
   * How other students answered this version on their first attempt (each
   * option's share and the facility), once at least MIN_STUDENTS_FOR_OTHERS
   * have; null before. Only ever part of an answered presentation's result.
   */
  others: OthersAnswered | null;
};

export type PracticeQuestionView = {
  presentationId: string;
  topicName: string;
  stem: string;
  options: PresentedOption[];
  /** Why the scheduler chose it, e.g. "Review: you last saw this 6 days ago". */
  reason: string;
  /** Null until the presentation is answered. */
  result: AnswerResult | null;
  /** The practice mode it was issued in; a drill's topic slug (for "Next question" to stay in the mode). */
  mode: PracticeMode;
  drillTopicSlug: string | null;
};

/**
 * What a practice page serves from: the adaptive mix, one topic, the
 * student's recent mistakes, or their bookmarks.
 */
export type PracticeScope =
  | { mode: "ADAPTIVE" }
  | { mode: "TOPIC_DRILL"; topicId: string }
  | { mode: "MISTAKES" }
  | { mode: "BOOKMARKS" };

export const ADAPTIVE: PracticeScope = { mode: "ADAPTIVE" };

export type RecordedAnswer = AnswerResult & {
  presentationId: string;
  /** The practice scope the presentation was issued in: "Next question" stays in it. */
  scope: PracticeScope;
  /** True when this submit repeated one that was already stored: nothing was written. */
  replayed: boolean;
};

/**
 * The question form's state after a submit: the result (to a page with
 * JavaScript; without it the browser is sent to the answered presentation's
 * page) or why nothing was stored.
 */
export type AnswerFormState =
  | { ok: true; result: AnswerResult; next?: PracticeScreen | null }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> }
  | null;

/** An open presentation is shown again (reload, second tab) for this long. */
const REUSE_OPEN_PRESENTATION_MS = 12 * 60 * 60 * 1000;
/** Presentations issued within this gap of the previous one belong to the same practice session. */
const SESSION_GAP_MS = 30 * 60 * 1000;
/** Response times above this are a student who walked away: stored capped. */
const MAX_RESPONSE_MS = 60 * 60 * 1000;

const NOT_YOURS =
  "This question was not shown to you, or it no longer exists. Open practice again to get a new one. Nothing was saved.";
const IN_OPEN_EXAM =
  "This question is in a mock exam you have running: answer it there. Practice takes it back once the exam ends. Nothing was saved.";

/** Fisher-Yates with the operating system's random source: the browser cannot predict or choose the order. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function newPresentationId(): string {
  return randomBytes(18).toString("base64url");
}

export function optionOrderOf(stored: unknown): string[] {
  // Plain SQL returns the JSON column's text; Prisma returns it parsed.
  let value: unknown = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      value = null;
    }
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string")) {
    throw new Error("presentation has a malformed option order");
  }
  return value;
}

export function inOrder<T extends { id: string }>(order: string[], options: T[]): Array<T & { letter: string }> {
  const byId = new Map(options.map((o) => [o.id, o]));
  return order.map((id, index) => {
    const option = byId.get(id);
    if (!option) throw new Error(`presented option ${id} is missing from its version`);
    return { ...option, letter: OPTION_LETTERS[index] ?? String(index + 1) };
  });
}

type PresentationRow = {
  id: string;
  userId: string;
  questionVersionId: string;
  optionOrder: unknown;
  reason: string;
  answerId: string | null;
  mode: PracticeMode;
  topicId: string | null;
};

const PRESENTATION_COLUMNS = {
  id: true,
  userId: true,
  questionVersionId: true,
  optionOrder: true,
  reason: true,
  answerId: true,
  mode: true,
  topicId: true,
} as const;

/** A presentation as plain SQL reads it: what answering, issuing and the screen need. */
type PresentationSqlRow = PresentationRow & {
  questionId: string;
  sessionId: string | null;
  issuedAt: unknown;
  mockExamId: string | null;
};
const PRESENTATION_SQL = `"id", "userId", "questionVersionId", "optionOrder", "reason", "answerId", "mode", "topicId", "questionId", "sessionId", "issuedAt", "mockExamId"`;

/** The practice scope a presentation was issued in (a mock exam's items are never answered through practice). */
function scopeOf(presentation: { mode: PracticeMode; topicId: string | null }): PracticeScope {
  if (presentation.mode === "TOPIC_DRILL" && presentation.topicId) return { mode: "TOPIC_DRILL", topicId: presentation.topicId };
  if (presentation.mode === "MISTAKES" || presentation.mode === "BOOKMARKS") return { mode: presentation.mode };
  return ADAPTIVE;
}

/** The result of an answered presentation, options in the order they were shown: two keyed reads. */
async function resultOf(sql: Sql, presentation: PresentationRow): Promise<AnswerResult> {
  if (!presentation.answerId) throw new Error(`presentation ${presentation.id} has no answer`);
  const answer = await sql.one<{ id: string; correct: unknown; optionId: string; confidence: Confidence; explanation: string }>(
    `SELECT a."id", a."correct", a."optionId", a."confidence", v."explanation"
     FROM "Answer" a JOIN "QuestionVersion" v ON v."id" = a."questionVersionId"
     WHERE a."id" = ?`,
    presentation.answerId,
  );
  if (!answer) throw new Error(`answer ${presentation.answerId} is missing`);
  const stored = await sql.all<{ id: string; text: string; correct: unknown; feedback: string }>(
    `SELECT "id", "text", "correct", "feedback" FROM "Option" WHERE "versionId" = ?`,
    presentation.questionVersionId,
  );
  const options = inOrder(
    optionOrderOf(presentation.optionOrder),
    stored.map((o) => ({ ...o, correct: sqlBool(o.correct) })),
  );
  const key = options.find((o) => o.correct);
  if (!key) throw new Error(`question version of answer ${answer.id} has no correct option`);
  // One index-only range of the version's first attempts (Answer_questionVersionId_firstAttempt_idx).
  const counts = await sql.all<{ optionId: string; n: unknown }>(
    `SELECT "optionId", COUNT(*) AS "n" FROM "Answer" WHERE "questionVersionId" = ? AND "firstAttempt" = ? GROUP BY "optionId"`,
    presentation.questionVersionId,
    true,
  );
  const others = howOthersAnswered(
    counts.map((c) => ({ optionId: c.optionId, count: sqlNumber(c.n) })),
    new Set(options.filter((o) => o.correct).map((o) => o.id)),
  );
  return {
    answerId: answer.id,
    correct: sqlBool(answer.correct),
    chosenOptionId: answer.optionId,
    correctOptionId: key.id,
    confidence: answer.confidence,
    explanation: answer.explanation,
    options: options.map(({ id, letter, text, correct, feedback }) => ({ id, letter, text, correct, feedback })),
    others,
  };
}

/** The view of a presentation: never the key, the feedback or the explanation before it is answered. */
async function viewOf(db: DbTx, presentation: PresentationRow): Promise<PracticeQuestionView> {
  const version = await db.questionVersion.findUniqueOrThrow({
    where: { id: presentation.questionVersionId },
    select: {
      stem: true,
      // Only the columns a student may see before answering are read here.
      options: { select: { id: true, text: true } },
      question: { select: { topic: { select: { name: true } } } },
    },
  });
  return {
    presentationId: presentation.id,
    topicName: version.question.topic.name,
    stem: version.stem,
    options: inOrder(optionOrderOf(presentation.optionOrder), version.options).map(({ id, letter, text }) => ({ id, letter, text })),
    reason: presentation.reason,
    result: presentation.answerId ? await resultOf(prismaSql(db), presentation) : null,
    mode: presentation.mode,
    drillTopicSlug: presentation.topicId
      ? ((await db.topic.findUnique({ where: { id: presentation.topicId }, select: { slug: true } }))?.slug ?? null)
      : null,
  };
}

/** The practice session a new presentation belongs to: the current one, or a new one after a break. */
async function sessionFor(sql: Sql, userId: string, previous: { sessionId: string | null; issuedAt: unknown } | undefined, now: Date) {
  const issuedAt = sqlDate(previous?.issuedAt);
  if (previous?.sessionId && issuedAt && now.getTime() - issuedAt.getTime() < SESSION_GAP_MS) return previous.sessionId;
  const id = newRowId();
  await sql.run(`INSERT INTO "PracticeSession" ("id", "userId", "startedAt", "answeredCount", "correctCount") VALUES (?, ?, ?, 0, 0)`, id, userId, now);
  return id;
}

type ScopedPick = { question: PublishedQuestion; reason: string; bank: PublishedBank };

/**
 * The next question in a scope, with the words that say why: the scheduler's
 * pick, or the head of the mistakes list. Never one of `inExams`, the
 * questions of the student's open mock exams.
 */
async function pickInScope(db: DbTx, userId: string, scope: PracticeScope, now: Date, inExams: ReadonlySet<string>): Promise<ScopedPick | null> {
  const seed = randomInt(2 ** 32);
  if (scope.mode === "MISTAKES") {
    const bank = await publishedBank(db);
    const last = await db.answer.findFirst({ where: { userId }, orderBy: { createdAt: "desc" }, select: { questionId: true } });
    // The one just answered waits its turn, unless it is the only mistake left.
    const mistakes = (await mistakesOf(db, userId, now)).filter((m) => bank.questions.has(m.questionId) && !inExams.has(m.questionId));
    const next = mistakes.find((m) => m.questionId !== last?.questionId) ?? mistakes[0];
    if (!next) return null;
    const times = next.timesMissed === 1 ? "once" : next.timesMissed === 2 ? "twice" : `${next.timesMissed} times`;
    return { question: bank.questions.get(next.questionId)!, reason: `Review mistakes: you missed this ${times}`, bank };
  }
  // The subject the student studies now (scheduling.ts PickScope), for every other mode.
  let picked;
  if (scope.mode === "BOOKMARKS") {
    const questionIds = await bookmarkedQuestionIds(db, userId);
    if (questionIds.length === 0) return null;
    picked = await pickInBank(userId, now, seed, { questionIds, excludeQuestionIds: inExams });
  } else if (scope.mode === "TOPIC_DRILL") {
    picked = await pickInBank(userId, now, seed, { topicId: scope.topicId, excludeQuestionIds: inExams });
  } else {
    picked = await pickInBank(userId, now, seed, { excludeQuestionIds: inExams });
  }
  return picked ? { question: picked.question, reason: picked.pick.reason.message, bank: picked.bank } : null;
}

/** Whether an open presentation may still be served in its scope (a mistake put right elsewhere, a bookmark removed). */
async function stillInScope(db: DbTx, userId: string, scope: PracticeScope, questionId: string, now: Date): Promise<boolean> {
  if (scope.mode === "MISTAKES") return (await mistakesOf(db, userId, now)).some((m) => m.questionId === questionId);
  if (scope.mode === "BOOKMARKS") return (await db.bookmark.count({ where: { userId, questionId } })) > 0;
  return true;
}

/**
 * Whether a question belongs to the subject the student studies now, for the
 * modes that follow it (adaptive and bookmarks): a question left open before
 * the student switched subject waits until they switch back. A drill names
 * its topic, and mistakes span every subject.
 */
function inCurrentSubject(currentSubjectId: string | null, scope: PracticeScope, question: PublishedQuestion): boolean {
  if (scope.mode !== "ADAPTIVE" && scope.mode !== "BOOKMARKS") return true;
  return currentSubjectId === null || currentSubjectId === question.subjectId;
}

/** The view of an unanswered presentation of a question's current version, from the bank in memory: no query. */
function viewFromBank(presentation: PresentationRow, question: PublishedQuestion, bank: PublishedBank): PracticeQuestionView {
  return {
    presentationId: presentation.id,
    topicName: bank.topics.get(question.topicId)?.name ?? "",
    stem: question.stem,
    options: inOrder(optionOrderOf(presentation.optionOrder), [...question.options]).map(({ id, letter, text }) => ({ id, letter, text })),
    reason: presentation.reason,
    result: null,
    mode: presentation.mode,
    drillTopicSlug: presentation.topicId ? (bank.topics.get(presentation.topicId)?.slug ?? null) : null,
  };
}

/** The student's latest presentation in a scope (mode and drill topic), by the (userId, mode, issuedAt) index. */
function latestInScope(sql: Sql, userId: string, mode: PracticeMode, topicId: string | null): Promise<PresentationSqlRow | undefined> {
  if (topicId === null) {
    return sql.one<PresentationSqlRow>(
      `SELECT ${PRESENTATION_SQL} FROM "Presentation" WHERE "userId" = ? AND "mode" = ? AND "topicId" IS NULL ORDER BY "issuedAt" DESC LIMIT 1`,
      userId,
      mode,
    );
  }
  return sql.one<PresentationSqlRow>(
    `SELECT ${PRESENTATION_SQL} FROM "Presentation" WHERE "userId" = ? AND "mode" = ? AND "topicId" = ? ORDER BY "issuedAt" DESC LIMIT 1`,
    userId,
    mode,
    topicId,
  );
}

/**
 * The question the student should see now in a scope (adaptive by default),
 * as a stored presentation. The latest open (unanswered) presentation of the
 * same mode (and drill topic) from the last hours is shown again, so a reload
 * or a second tab gets the same question in the same order and the same
 * token; otherwise the next question of the scope is picked and a new
 * presentation is issued, recording the mode and topic. Null when the scope
 * has nothing to practise. A question in one of the student's open mock
 * exams is neither shown again nor picked (decision 0006).
 *
 * The pick reads outside any transaction (SQLite gives the process one
 * connection, and a transaction holds it from BEGIN to COMMIT); only issuing
 * the presentation is a transaction, which first serves one that another tab
 * issued meanwhile. The adaptive path is plain SQL (lib/server/direct-sql.ts).
 */
export async function currentPresentation(userId: string, scope: PracticeScope = ADAPTIVE, now = new Date()): Promise<PracticeQuestionView | null> {
  const db = getDb();
  const topicId = scope.mode === "TOPIC_DRILL" ? scope.topicId : null;
  const reusable = (p: { answerId: string | null; issuedAt: unknown } | undefined): p is PresentationSqlRow => {
    const issuedAt = sqlDate(p?.issuedAt);
    return p !== undefined && p.answerId === null && issuedAt !== null && now.getTime() - issuedAt.getTime() < REUSE_OPEN_PRESENTATION_MS;
  };

  const { open, student, inExams } = await directRead(async (sql) => ({
    open: await latestInScope(sql, userId, scope.mode, topicId),
    student: await sql.one<{ currentSubjectId: string | null; stamp: unknown }>(
      `SELECT "currentSubjectId", (SELECT r."stamp" FROM "BankRevision" r WHERE r."id" = 1) AS "stamp" FROM "User" WHERE "id" = ?`,
      userId,
    ),
    inExams: await openExamQuestionIds(sql, userId, now),
  }));
  if (reusable(open) && !inExams.has(open.questionId)) {
    const bank = await publishedBank(db, sqlNumberOrNull(student?.stamp));
    const currentSubjectId = student?.currentSubjectId ?? null;
    const question = bank.questions.get(open.questionId);
    // Still published in the wording it showed, and still part of the scope: show it again.
    if (
      question?.versionId === open.questionVersionId &&
      inCurrentSubject(currentSubjectId, scope, question) &&
      (await stillInScope(db, userId, scope, open.questionId, now))
    ) {
      return viewFromBank(open, question, bank);
    }
  }

  const picked = await pickInScope(db, userId, scope, now, inExams);
  if (!picked) return null;
  const { question, bank } = picked;
  const issued = await directTransaction(async (sql) => {
    // Tabs asking at once issue one at a time: each later one finds the first's presentation.
    await lockUserRow(sql, userId);
    const newest = await latestInScope(sql, userId, scope.mode, topicId);
    if (newest && newest.id !== open?.id && reusable(newest)) return { presentation: newest, raced: true };
    // Mock exam items are not practice: they neither continue nor start a practice session here.
    const latest = await sql.one<{ sessionId: string | null; issuedAt: unknown }>(
      `SELECT "sessionId", "issuedAt" FROM "Presentation" WHERE "userId" = ? AND "mode" <> 'MOCK_EXAM' ORDER BY "issuedAt" DESC LIMIT 1`,
      userId,
    );
    const sessionId = await sessionFor(sql, userId, latest, now);
    const created: PresentationSqlRow = {
      id: newPresentationId(),
      userId,
      questionId: question.id,
      questionVersionId: question.versionId,
      optionOrder: shuffled(question.options.map((o) => o.id)),
      mode: scope.mode,
      topicId,
      reason: picked.reason,
      sessionId,
      issuedAt: now,
      answerId: null,
      mockExamId: null,
    };
    await sql.run(
      `INSERT INTO "Presentation" ("id", "userId", "questionId", "questionVersionId", "optionOrder", "mode", "topicId", "reason", "sessionId", "issuedAt", "flagged")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      created.id,
      userId,
      question.id,
      question.versionId,
      JSON.stringify(created.optionOrder),
      scope.mode,
      topicId,
      picked.reason,
      sessionId,
      now,
      false,
    );
    return { presentation: created, raced: false };
    // Issuing acknowledges nothing the student did: its commit need not wait for the disk.
  }, { durable: false });
  const { presentation } = issued;
  if (!issued.raced) return viewFromBank(presentation, question, bank);
  const racedQuestion = bank.questions.get(presentation.questionId);
  return racedQuestion?.versionId === presentation.questionVersionId ? viewFromBank(presentation, racedQuestion, bank) : viewOf(db, presentation);
}

/** One of the student's own presentations, answered or not; another user's or an unknown id is not found. */
export async function presentationForStudent(userId: string, presentationId: string): Promise<PracticeQuestionView | null> {
  const db = getDb();
  const presentation = await db.presentation.findUnique({ where: { id: presentationId }, select: { ...PRESENTATION_COLUMNS, mockExamId: true } });
  if (!presentation || presentation.userId !== userId || presentation.mockExamId !== null) return null;
  return viewOf(db, presentation);
}

/** What writeAnswer needs to know about the presentation being answered. */
export type AnswerablePresentation = {
  id: string;
  questionId: string;
  questionVersionId: string;
  sessionId: string | null;
  issuedAt: Date;
};

/**
 * The one place an answer is written, inside the caller's transaction, for
 * every practice mode (adaptive, drills, mock exams): the Answer row, the
 * presentation's claim (answerId, answeredAt), the learner model (memory,
 * ability, calibration), the practice session's tally and the student's study
 * day. The caller has checked that the presentation is the user's, unanswered
 * and that the option is one it showed. Returns null, writing nothing, when
 * the question has gone back to draft; throws AlreadyAnswered when another
 * submit claimed the presentation first (the caller's transaction must roll back).
 * Plain SQL (lib/server/direct-sql.ts): practice runs it on the connection
 * directly, a mock exam's submit through its Prisma transaction.
 */
export async function writeAnswer(
  sql: Sql,
  args: {
    userId: string;
    presentation: AnswerablePresentation;
    optionId: string;
    confidence: Confidence;
    now: Date;
    shownMs?: number;
    /** Runs once the student's row is locked, before anything is written; a throw refuses the answer. */
    onceLocked?: () => Promise<void>;
  },
): Promise<{ answerId: string; correct: boolean; subjectId: string } | null> {
  const { userId, presentation, now } = args;
  const input = { optionId: args.optionId, confidence: args.confidence };
  const version = await sql.one<{ status: string; topicId: string; difficulty: Difficulty; subjectId: string }>(
    `SELECT q."status", q."topicId", q."difficulty", t."subjectId"
     FROM "QuestionVersion" v JOIN "Question" q ON q."id" = v."questionId" JOIN "Topic" t ON t."id" = q."topicId"
     WHERE v."id" = ?`,
    presentation.questionVersionId,
  );
  if (!version) throw new Error(`question version ${presentation.questionVersionId} is missing`);
  const options = await sql.all<{ id: string; correct: unknown }>(`SELECT "id", "correct" FROM "Option" WHERE "versionId" = ?`, presentation.questionVersionId);
  const option = options.find((o) => o.id === input.optionId);
  if (!option) throw new Error("presented option belongs to another version");
  // The student's row, locked (row-locks.ts): their answers that arrive at
  // once are applied one at a time, each reading the forgetting-curve
  // evidence, topic ability and memory the one before wrote.
  const [user] = await sql.all<FitColumns & { timeZone: string | null }>(`${LOCK_USER_SQL} RETURNING "timeZone", ${FIT_COLUMNS_SQL}`, userId);
  if (!user) throw new Error(`no user ${userId}`);
  await args.onceLocked?.();
  if (version.status === "DRAFT") return null;
  const correct = sqlBool(option.correct);

  // The learner model first: it reads the student's memory of the question,
  // which says whether this is their first attempt, and the answer row records it.
  const { firstAttempt } = await applyAnswerToLearnerModel(
    sql,
    {
      userId,
      questionId: presentation.questionId,
      topicId: version.topicId,
      subjectId: version.subjectId,
      difficulty: version.difficulty,
      optionCount: options.length,
      correct,
      confidence: input.confidence,
      fit: user,
    },
    now,
  );
  const answerId = newRowId();
  await sql.run(
    `INSERT INTO "Answer" ("id", "userId", "questionId", "questionVersionId", "optionId", "correct", "confidence", "responseMs", "attemptToken", "firstAttempt", "createdAt", "sessionId")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    answerId,
    userId,
    presentation.questionId,
    presentation.questionVersionId,
    option.id,
    correct,
    input.confidence,
    Math.round(Math.min(MAX_RESPONSE_MS, args.shownMs ?? MAX_RESPONSE_MS, Math.max(0, now.getTime() - presentation.issuedAt.getTime()))),
    presentation.id,
    firstAttempt,
    now,
    presentation.sessionId,
  );
  // Conditional: if another submit answered it first, nothing here may commit.
  const claimed = await sql.run(`UPDATE "Presentation" SET "answerId" = ?, "answeredAt" = ? WHERE "id" = ? AND "answerId" IS NULL`, answerId, now, presentation.id);
  if (claimed !== 1) throw new AlreadyAnswered();

  const hit = correct ? 1 : 0;
  if (presentation.sessionId) {
    await sql.run(
      `UPDATE "PracticeSession" SET "answeredCount" = "answeredCount" + 1, "correctCount" = "correctCount" + ? WHERE "id" = ?`,
      hit,
      presentation.sessionId,
    );
  }
  await sql.run(
    `INSERT INTO "StudyDay" ("userId", "subjectId", "day", "answered", "correct") VALUES (?, ?, ?, 1, ?)
     ON CONFLICT ("userId", "subjectId", "day") DO UPDATE SET "answered" = "StudyDay"."answered" + 1, "correct" = "StudyDay"."correct" + excluded."correct"`,
    userId,
    version.subjectId,
    localDay(now, user.timeZone),
    hit,
  );
  return { answerId, correct, subjectId: version.subjectId };
}

/** Thrown inside the transaction when another submit of the same presentation won: roll back, then replay. */
export class AlreadyAnswered extends Error {}

/** One presentation by id, with what answering it needs. */
function presentationById(sql: Sql, presentationId: string): Promise<PresentationSqlRow | undefined> {
  return sql.one<PresentationSqlRow>(`SELECT ${PRESENTATION_SQL} FROM "Presentation" WHERE "id" = ?`, presentationId);
}

/**
 * Records the answer to one presentation for the signed-in user. Accepted only
 * for an unanswered presentation of this user and an option it showed. The
 * answer, the presentation's state, memory, ability, calibration, the session
 * tally and the study day change in one transaction. A repeated submit of an
 * answered presentation returns the stored result and writes nothing. Refused
 * (CONFLICT, nothing written) while the question is in one of the student's
 * open mock exams (decision 0006).
 */
export async function recordAnswer(userId: string, input: SubmitAnswerInput, now = new Date()): Promise<RecordedAnswer> {
  let answeredSubject: string | null = null;
  try {
    const recorded = await directTransaction(async (sql) => {
      const presentation = await presentationById(sql, input.presentationId);
      // A mock exam's items are answered only by submitting the exam (lib/services/mock-exam.ts).
      if (!presentation || presentation.userId !== userId || presentation.mockExamId !== null) throw new ActionError("NOT_FOUND", NOT_YOURS);
      if (presentation.answerId) {
        return { ...(await resultOf(sql, presentation)), presentationId: presentation.id, scope: scopeOf(presentation), replayed: true };
      }
      if (!optionOrderOf(presentation.optionOrder).includes(input.optionId)) {
        throw new ActionError("INVALID_INPUT", "That option is not one of this question's options. Nothing was saved.", {
          optionId: ["Choose one of the options shown."],
        });
      }
      const answerable = { ...presentation, issuedAt: sqlDate(presentation.issuedAt)! };
      const written = await writeAnswer(sql, {
        userId,
        presentation: answerable,
        optionId: input.optionId,
        confidence: input.confidence,
        now,
        shownMs: input.shownMs,
        // Its question is in an exam the student has running: the result would show that item's key.
        // Asked once the student's row is locked (row-locks.ts): an exam starting at this moment has
        // either committed, and is found here, or waits for this answer before it draws.
        onceLocked: async () => {
          if (await inOpenExam(sql, userId, presentation.questionId, now)) throw new ActionError("CONFLICT", IN_OPEN_EXAM);
        },
      });
      if (!written) throw new ActionError("NOT_FOUND", "This question is no longer available for practice. Nothing was saved.");
      answeredSubject = written.subjectId;
      const stored = { ...presentation, answerId: written.answerId };
      return { ...(await resultOf(sql, stored)), presentationId: presentation.id, scope: scopeOf(presentation), replayed: false };
    });
    // Committed: the dashboards' stored readiness catches up once the student pauses.
    if (answeredSubject !== null) queueReadinessRefresh(userId, answeredSubject);
    return recorded;
  } catch (error) {
    // A concurrent submit of the same presentation won (another process, or the
    // unique attempt token): this one rolled back and returns the winner's result.
    if (!(error instanceof AlreadyAnswered) && !isUniqueViolation(error)) throw error;
    const replay = await directRead(async (sql) => {
      const presentation = await presentationById(sql, input.presentationId);
      if (!presentation || presentation.userId !== userId || !presentation.answerId) return null;
      return { ...(await resultOf(sql, presentation)), presentationId: presentation.id, scope: scopeOf(presentation), replayed: true };
    });
    if (!replay) throw error;
    return replay;
  }
}

/**
 * Records an answer and issues the next question of the same scope, for a
 * page that swaps it in when the student asks for it: one request per
 * question. A repeated submit returns the stored result and the question
 * already issued after it (an open presentation is served again), so nothing
 * is issued twice.
 */
export async function answerAndContinue(
  userId: string,
  input: SubmitAnswerInput,
  now = new Date(),
): Promise<{ recorded: RecordedAnswer; next: PracticeQuestionView | null }> {
  const recorded = await recordAnswer(userId, input, now);
  try {
    return { recorded, next: await currentPresentation(userId, recorded.scope, now) };
  } catch (error) {
    // The answer is stored: the student sees its result, and "Next question" asks the page instead.
    console.error("issuing the next question after an answer failed", error);
    return { recorded, next: null };
  }
}
