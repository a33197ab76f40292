import "server-only";
import type { Difficulty } from "../generated/prisma/client";
import type { Candidate } from "../scheduler/types";
import type { DbTx } from "../server/db";
import { directRead, sqlNumber } from "../server/direct-sql";
import { startingRating } from "./difficulty-label";

/**
 * The published bank, held in this server process's memory so that choosing
 * the next question reads only the student's own rows.
 *
 * What is held: every published question's current version (stem, option ids
 * and texts in stored order; never the key, the feedback or the explanation),
 * its topic and subject, and every topic's name, slug and blueprint weight.
 * Whether the copy is current is known from one primary-key read: database
 * triggers (migration 0008) write a fresh random stamp into BankRevision on
 * every change to a question, version, option or topic, by any writer in any
 * process; a copy whose stamp differs is reloaded before use.
 *
 * Item ratings (QuestionCalibration) change with every first attempt, so they
 * are not part of the stamp: they are re-read at most every
 * RATINGS_MAX_AGE_MS. A rating is a slow running estimate; a few seconds of
 * lag moves no pick noticeably, and a reload on every answer would cost more
 * than the whole pick.
 */

export type PublishedQuestion = {
  id: string;
  topicId: string;
  subjectId: string;
  difficulty: Difficulty;
  versionId: string;
  stem: string;
  /** In stored order; a presentation shuffles them. */
  options: ReadonlyArray<{ id: string; text: string }>;
};

export type PublishedTopic = { id: string; subjectId: string; slug: string; name: string; weight: number };

export interface PublishedBank {
  /** BankRevision's stamp when this copy was read; null for a database that has never had a bank. */
  readonly stamp: number | null;
  readonly questions: ReadonlyMap<string, PublishedQuestion>;
  readonly topics: ReadonlyMap<string, PublishedTopic>;
  /** Published questions of one subject (every published question for null). */
  questionsOf(subjectId: string | null): readonly PublishedQuestion[];
  topicsOf(subjectId: string | null): readonly PublishedTopic[];
  /** The item's Elo rating: its calibration once a student has answered it, until then its difficulty label's starting rating. */
  rating(question: PublishedQuestion): number;
  /** The subject's questions as candidates the student has not met (shared, frozen). */
  candidatesOf(subjectId: string | null): readonly Candidate[];
}

const RATINGS_MAX_AGE_MS = 15_000;

/** A question's QuestionCalibration once a student has answered it: its Elo rating, the first attempts it rests on and how many were right. */
type Calibrated = { rating: number; answers: number; correct: number };


class BankCopy implements PublishedBank {
  readonly #bySubject = new Map<string, PublishedQuestion[]>();
  readonly #topicsBySubject = new Map<string, PublishedTopic[]>();
  readonly #all: PublishedQuestion[];
  readonly #allTopics: PublishedTopic[];
  /** Calibrated ratings of the questions a student has answered, with the first attempts each rests on. */
  ratings = new Map<string, Calibrated>();
  ratingsReadAt = 0;

  constructor(
    readonly stamp: number | null,
    readonly questions: ReadonlyMap<string, PublishedQuestion>,
    readonly topics: ReadonlyMap<string, PublishedTopic>,
  ) {
    this.#all = [...questions.values()];
    this.#allTopics = [...topics.values()];
    for (const q of this.#all) {
      const list = this.#bySubject.get(q.subjectId) ?? [];
      list.push(q);
      this.#bySubject.set(q.subjectId, list);
    }
    for (const t of this.#allTopics) {
      const list = this.#topicsBySubject.get(t.subjectId) ?? [];
      list.push(t);
      this.#topicsBySubject.set(t.subjectId, list);
    }
  }

  questionsOf(subjectId: string | null): readonly PublishedQuestion[] {
    return subjectId === null ? this.#all : (this.#bySubject.get(subjectId) ?? []);
  }

  topicsOf(subjectId: string | null): readonly PublishedTopic[] {
    return subjectId === null ? this.#allTopics : (this.#topicsBySubject.get(subjectId) ?? []);
  }

  rating(question: PublishedQuestion): number {
    return this.ratings.get(question.id)?.rating ?? startingRating(question.difficulty);
  }

  readonly #candidates = new Map<string | null, readonly Candidate[]>();

  /**
   * Every published question of a subject as a scheduler candidate the
   * student has not met (memory null), frozen and shared by every pick until
   * the ratings are re-read: a pick copies only the candidates the student
   * has memory of, instead of building one object per question of the bank.
   */
  candidatesOf(subjectId: string | null): readonly Candidate[] {
    let list = this.#candidates.get(subjectId);
    if (!list) {
      list = this.questionsOf(subjectId).map((q) => {
        const candidate: Candidate = { questionId: q.id, topicId: q.topicId, optionCount: q.options.length, itemRating: this.rating(q), memory: null };
        // Readiness places a question by its label's place on the class's scale and, by its answers, its own rating (ratingsOnClassScale).
        const calibrated = this.ratings.get(q.id);
        if (calibrated !== undefined) {
          candidate.labelRating = startingRating(q.difficulty);
          candidate.calibrationAnswers = calibrated.answers;
          // ...and reads where the class stands from the first answers' share right (classLevel).
          candidate.calibrationCorrect = calibrated.correct;
        }
        return Object.freeze(candidate);
      });
      this.#candidates.set(subjectId, list);
    }
    return list;
  }

  setRatings(ratings: Map<string, Calibrated>, readAt: number): void {
    this.ratings = ratings;
    this.ratingsReadAt = readAt;
    this.#candidates.clear();
  }
}

type Held = { copy: BankCopy | null; loading: { stamp: number | null; promise: Promise<BankCopy> } | null; ratingsLoading: Promise<void> | null };

// One per process; on globalThis so development's module reloads share it.
const globalForBank = globalThis as unknown as { publishedBank?: Held };
const held: Held = (globalForBank.publishedBank ??= { copy: null, loading: null, ratingsLoading: null });

/** BankRevision's current stamp: one primary-key read. */
export async function bankStamp(db: DbTx): Promise<number | null> {
  const row = await db.bankRevision.findUnique({ where: { id: 1 }, select: { stamp: true } });
  return row?.stamp ?? null;
}

async function load(db: DbTx, stamp: number | null): Promise<BankCopy> {
  const [topicRows, questionRows] = [
    await db.topic.findMany({ select: { id: true, subjectId: true, slug: true, name: true, weight: true }, orderBy: [{ position: "asc" }, { slug: "asc" }] }),
    await db.question.findMany({
      where: { status: "PUBLISHED" },
      orderBy: { slug: "asc" },
      select: {
        id: true,
        topicId: true,
        difficulty: true,
        currentVersion: true,
        versions: {
          select: { id: true, version: true, stem: true, options: { select: { id: true, text: true }, orderBy: { position: "asc" } } },
        },
      },
    }),
  ];
  const topics = new Map(topicRows.map((t) => [t.id, t]));
  const questions = new Map<string, PublishedQuestion>();
  for (const q of questionRows) {
    const version = q.versions.find((v) => v.version === q.currentVersion);
    const topic = topics.get(q.topicId);
    // A question without its current version cannot be shown; it is left out rather than failing every pick.
    if (!version || !topic || version.options.length < 2) continue;
    questions.set(q.id, {
      id: q.id,
      topicId: q.topicId,
      subjectId: topic.subjectId,
      difficulty: q.difficulty,
      versionId: version.id,
      stem: version.stem,
      options: version.options,
    });
  }
  return new BankCopy(stamp, questions, topics);
}

/**
 * The rating of every item a student has answered, in one plain statement
 * (lib/server/direct-sql.ts): on a 5,000-question bank Prisma spent tens of
 * milliseconds building these rows, holding up every request on the process
 * each time the ratings were re-read. A row nobody has answered holds the
 * rating of the label the question had when it was written, which an edit of
 * the label leaves behind: such questions take their current label's.
 */
async function refreshRatings(copy: BankCopy, now: number): Promise<void> {
  const rows = await directRead((sql) =>
    sql.all<{ questionId: string; rating: number; firstAttempts: number; firstCorrect: number }>(
      `SELECT "questionId", "rating", "firstAttempts", "firstCorrect" FROM "QuestionCalibration" WHERE "firstAttempts" > 0`,
    ),
  );
  copy.setRatings(
    new Map(rows.map((r) => [r.questionId, { rating: sqlNumber(r.rating), answers: sqlNumber(r.firstAttempts), correct: sqlNumber(r.firstCorrect) }])),
    now,
  );
}

/**
 * The published bank as of `stamp` (read here when the caller has not read
 * it already, e.g. in the same statement as the student's own row). Loads
 * happen once per change however many requests ask at the same time.
 */
export async function publishedBank(db: DbTx, stamp?: number | null): Promise<PublishedBank> {
  const current = stamp === undefined ? await bankStamp(db) : stamp;
  let copy = held.copy;
  if (copy === null || copy.stamp !== current) {
    if (held.loading === null || held.loading.stamp !== current) {
      const promise = load(db, current);
      const loading = { stamp: current, promise };
      held.loading = loading;
      promise
        .then((loaded) => {
          // A slower load of an older stamp must not replace a newer copy.
          if (held.loading === loading) {
            held.copy = loaded;
            held.loading = null;
          }
        })
        .catch(() => {
          if (held.loading === loading) held.loading = null;
        });
    }
    copy = await held.loading.promise;
  }
  const now = Date.now();
  if (now - copy.ratingsReadAt > RATINGS_MAX_AGE_MS) {
    const target = copy;
    held.ratingsLoading ??= refreshRatings(target, now).finally(() => {
      held.ratingsLoading = null;
    });
    await held.ratingsLoading;
  }
  return copy;
}
