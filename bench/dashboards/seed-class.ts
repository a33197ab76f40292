// Seeds the dashboards benchmark's class into the database DATABASE_URL names
// (already migrated and holding the bundled bank): one instructor, a class on
// the bank's subject, and STUDENTS students who practised for DAYS days,
// ANSWERS answers in all, with their memory states, topic abilities, study
// days, presentations and the questions' calibration, as the app would have
// written them. The simulated students differ in ability and diligence;
// recall follows the scheduler's own memory model (this bench measures page
// speed, not the scheduler). Finally each student's readiness is estimated
// and stored, as practice would have left it.
//
//   tsx --conditions=react-server bench/dashboards/seed-class.ts STUDENTS ANSWERS DAYS PASSWORD
//
// Prints one JSON line: {"classId":"...","subjectId":"...","subjectSlug":"ipt","students":200,"answers":100000}.
import Database from "better-sqlite3";
import { getDb } from "../../lib/server/db";
import { hashPassword } from "../../lib/server/password";
import { newRowId, sqliteDate } from "../../lib/server/direct-sql";
import { knowledgeProbability } from "../../lib/scheduler/ability";
import { probabilityCorrect, retrievability, reviewMemory } from "../../lib/scheduler/memory";
import { createRng } from "../../lib/scheduler/rng";
import type { MemoryState } from "../../lib/scheduler/types";
import { refreshReadinessSnapshot } from "../../lib/services/readiness";

const [studentsArg, answersArg, daysArg, password] = process.argv.slice(2);
if (!studentsArg || !answersArg || !daysArg || !password) throw new Error("usage: seed-class.ts STUDENTS ANSWERS DAYS PASSWORD");
const STUDENTS = Number(studentsArg);
const ANSWERS = Number(answersArg);
const DAYS = Number(daysArg);
const DAY_MS = 86_400_000;
const NOW = Date.now();
const START = NOW - DAYS * DAY_MS;

const db = getDb();
const rng = createRng(16);
const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

const subject = await db.subject.findFirstOrThrow({ orderBy: { createdAt: "asc" }, select: { id: true, slug: true } });
const questions = await db.question.findMany({
  where: { status: "PUBLISHED", topic: { subjectId: subject.id } },
  select: {
    id: true,
    topicId: true,
    currentVersion: true,
    calibration: { select: { rating: true } },
    versions: { select: { id: true, version: true, options: { select: { id: true, correct: true }, orderBy: { position: "asc" } } } },
  },
});
const items = questions.map((q) => {
  const version = q.versions.find((v) => v.version === q.currentVersion)!;
  return { id: q.id, topicId: q.topicId, versionId: version.id, options: version.options, rating: q.calibration?.rating ?? 0 };
});

const passwordHash = await hashPassword(password);
const instructor = await db.user.create({ data: { email: "bench-instructor@example.test", name: "Bench instructor", role: "INSTRUCTOR", passwordHash } });
const classroom = await db.classroom.create({
  data: { name: "Bench class", joinCode: "BENCH234", ownerId: instructor.id, subjectId: subject.id, examDate: new Date(NOW + 30 * DAY_MS) },
});
const examDate = new Date(NOW + 30 * DAY_MS);

// The file itself, for bulk inserts in one transaction (Prisma's createMany would take minutes).
const url = process.env.DATABASE_URL ?? "";
const sqlite = new Database(url.replace(/^file:/, ""));
sqlite.pragma("journal_mode = WAL");
const insert = {
  user: sqlite.prepare(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "currentSubjectId", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, 'STUDENT', ?, ?, ?)`),
  enrolment: sqlite.prepare(`INSERT INTO "Enrolment" ("id", "userId", "subjectId", "examDate", "dailyGoal", "createdAt") VALUES (?, ?, ?, ?, 20, ?)`),
  membership: sqlite.prepare(`INSERT INTO "ClassMembership" ("id", "classId", "userId", "joinedAt") VALUES (?, ?, ?, ?)`),
  answer: sqlite.prepare(
    `INSERT INTO "Answer" ("id", "userId", "questionId", "questionVersionId", "optionId", "correct", "confidence", "responseMs", "attemptToken", "createdAt", "firstAttempt") VALUES (?, ?, ?, ?, ?, ?, 'SURE', ?, ?, ?, ?)`,
  ),
  presentation: sqlite.prepare(
    `INSERT INTO "Presentation" ("id", "userId", "questionId", "questionVersionId", "optionOrder", "mode", "reason", "issuedAt", "answeredAt", "answerId") VALUES (?, ?, ?, ?, ?, 'ADAPTIVE', 'bench', ?, ?, ?)`,
  ),
  memory: sqlite.prepare(
    `INSERT INTO "MemoryState" ("id", "userId", "questionId", "stability", "difficulty", "due", "lastReview", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastCorrectAt", "mastered", "createdAt", "firstCorrect", "firstGuessed", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  ability: sqlite.prepare(`INSERT INTO "TopicAbility" ("id", "userId", "topicId", "rating", "attempts", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`),
  studyDay: sqlite.prepare(`INSERT INTO "StudyDay" ("userId", "subjectId", "day", "answered", "correct") VALUES (?, ?, ?, ?, ?)`),
};

const perStudent = Math.floor(ANSWERS / STUDENTS);
let written = 0;
const studentIds: string[] = [];
const firstTally = new Map<string, { n: number; correct: number; attempts: number; right: number }>();

sqlite.transaction(() => {
  for (let s = 0; s < STUDENTS; s++) {
    const userId = newRowId();
    studentIds.push(userId);
    const joined = new Date(START - DAY_MS);
    insert.user.run(userId, `bench-${String(s).padStart(3, "0")}@example.test`, `Bench student ${String(s)}`, passwordHash, subject.id, sqliteDate(joined), sqliteDate(joined));
    insert.enrolment.run(newRowId(), userId, subject.id, sqliteDate(examDate), sqliteDate(joined));
    insert.membership.run(newRowId(), classroom.id, userId, sqliteDate(joined));
    const ability = normal();
    // Some students stop early (the at-risk ones), most study most days.
    const studyShare = 0.5 + 0.45 * rng.next();
    const lastDay = rng.next() < 0.1 ? Math.floor(DAYS * (0.5 + 0.3 * rng.next())) : DAYS;
    const target = perStudent + (s < ANSWERS % STUDENTS ? 1 : 0);
    const memories = new Map<string, MemoryState>();
    const firstCorrect = new Map<string, boolean>();
    const topicAttempts = new Map<string, { n: number; right: number }>();
    const days = new Map<string, { answered: number; correct: number }>();
    let unseen = [...items].sort(() => rng.next() - 0.5);
    let done = 0;
    for (let d = 0; d < lastDay && done < target; d++) {
      const finalDay = d === lastDay - 1;
      if (!finalDay && rng.next() > studyShare) continue;
      // Spread what is left over the study days expected to remain; the last day takes the rest.
      const quota = finalDay ? target - done : Math.ceil((target - done) / Math.max(1, (lastDay - d) * studyShare));
      let at = START + d * DAY_MS + (8 + 10 * rng.next()) * 3_600_000;
      for (let k = 0; k < quota && done < target; k++) {
        const now = new Date(at);
        // Due reviews first, else a new item, else the least recently seen.
        let item = items.find((i) => {
          const m = memories.get(i.id);
          return m !== undefined && m.due.getTime() <= at;
        });
        if (!item && unseen.length > 0) {
          item = unseen[0]!;
          unseen = unseen.slice(1);
        }
        item ??= items[Math.floor(rng.next() * items.length)]!;
        const memory = memories.get(item.id) ?? null;
        const known = memory ? retrievability(memory, now) : knowledgeProbability(ability, item.rating);
        const correct = rng.next() < probabilityCorrect(known, item.options.length);
        const chosen = correct ? item.options.find((o) => o.correct)! : item.options.filter((o) => !o.correct)[Math.floor(rng.next() * (item.options.length - 1))]!;
        const next = reviewMemory({ memory, answer: { correct, confidence: "SURE", optionCount: item.options.length }, now, examDate, priorRecall: 0.5 }).memory;
        memories.set(item.id, next);
        const answerId = newRowId();
        insert.answer.run(answerId, userId, item.id, item.versionId, chosen.id, correct ? 1 : 0, 5_000 + Math.floor(20_000 * rng.next()), newRowId(), sqliteDate(now), memory === null ? 1 : 0);
        if (memory === null) {
          firstCorrect.set(item.id, correct);
          const tally = firstTally.get(item.id) ?? { n: 0, correct: 0, attempts: 0, right: 0 };
          tally.n += 1;
          if (correct) tally.correct += 1;
          firstTally.set(item.id, tally);
        }
        const tally = firstTally.get(item.id)!;
        tally.attempts += 1;
        if (correct) tally.right += 1;
        insert.presentation.run(newRowId(), userId, item.id, item.versionId, JSON.stringify(item.options.map((o) => o.id)), sqliteDate(new Date(at - 20_000)), sqliteDate(now), answerId);
        const topic = topicAttempts.get(item.topicId) ?? { n: 0, right: 0 };
        topic.n += 1;
        if (correct) topic.right += 1;
        topicAttempts.set(item.topicId, topic);
        const day = new Date(at).toISOString().slice(0, 10);
        const tallyDay = days.get(day) ?? { answered: 0, correct: 0 };
        tallyDay.answered += 1;
        if (correct) tallyDay.correct += 1;
        days.set(day, tallyDay);
        done += 1;
        written += 1;
        at += 30_000 + 60_000 * rng.next();
      }
    }
    const stamp = sqliteDate(new Date(NOW));
    for (const [questionId, m] of memories) {
      insert.memory.run(
        newRowId(),
        userId,
        questionId,
        m.stability,
        m.difficulty,
        sqliteDate(m.due),
        m.lastReview ? sqliteDate(m.lastReview) : null,
        m.scheduledDays,
        m.learningSteps,
        m.reps,
        m.lapses,
        m.state,
        m.lastCorrectAt ? sqliteDate(m.lastCorrectAt) : null,
        m.mastered ? 1 : 0,
        stamp,
        firstCorrect.get(questionId) === true ? 1 : 0,
        // Every seeded answer is given as sure.
        0,
        stamp,
      );
    }
    for (const [topicId, t] of topicAttempts) {
      // A rough Elo stand-in: the log-odds of the student's share right, shrunk toward 0.
      const share = (t.right + 1) / (t.n + 2);
      insert.ability.run(newRowId(), userId, topicId, Math.log(share / (1 - share)), t.n, stamp);
    }
    for (const [day, t] of days) insert.studyDay.run(userId, subject.id, day, t.answered, t.correct);
  }
  const calibrate = sqlite.prepare(
    `UPDATE "QuestionCalibration" SET "firstAttempts" = ?, "firstCorrect" = ?, "attempts" = ?, "correct" = ?, "facility" = ? WHERE "questionId" = ?`,
  );
  for (const [questionId, t] of firstTally) calibrate.run(t.n, t.correct, t.attempts, t.right, t.n > 0 ? t.correct / t.n : null, questionId);
})();
sqlite.close();

// Readiness as practice would have left it on each enrolment (class views read the stored copy).
for (const userId of studentIds) await refreshReadinessSnapshot(userId, subject.id);
console.log(JSON.stringify({ classId: classroom.id, subjectId: subject.id, subjectSlug: subject.slug, students: STUDENTS, answers: written }));
process.exit(0);
