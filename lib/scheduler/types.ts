// Plain data shapes of the scheduler. Each maps 1:1 onto a Prisma model
// (MemoryState, TopicAbility, QuestionCalibration) so a service can pass rows
// in and write results back without conversion.

/** Mirrors the Prisma enum MemoryPhase. */
export type MemoryPhase = "NEW" | "LEARNING" | "REVIEW" | "RELEARNING";

/** Mirrors the Prisma enum Confidence. */
export type Confidence = "GUESSED" | "UNSURE" | "SURE";

/** The bank's difficulty label of a question. */
export type DifficultyLabel = "easy" | "medium" | "hard";

/** Per (user, question) memory: the FSRS card plus mastery bookkeeping. */
export interface MemoryState {
  stability: number;
  difficulty: number;
  due: Date;
  lastReview: Date | null;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: MemoryPhase;
  /** Last correct, confidently answered review. */
  lastCorrectAt: Date | null;
  /** Two correct, confident answers at least a day apart (reset by a lapse). */
  mastered: boolean;
}

/** Per (user, topic) ability on the logit scale; 0 is the average student. */
export interface TopicAbility {
  rating: number;
  attempts: number;
}

/** Per question difficulty on the same scale as ability, calibrated online. */
export interface QuestionCalibration {
  rating: number;
  firstAttempts: number;
  firstCorrect: number;
  attempts: number;
  correct: number;
}

/** What the scheduler learns from one answer. */
export interface AnswerEvidence {
  correct: boolean;
  confidence: Confidence;
  /** Number of options shown; the chance of a blind guess is 1 / optionCount. */
  optionCount: number;
}

/** A seeded source of uniform numbers in [0, 1). See rng.ts. */
export interface Rng {
  next(): number;
}

/** A topic and its share of the exam blueprint (weights of a subject sum to 1). */
export interface TopicWeight {
  topicId: string;
  weight: number;
}

/** The student's study plan (User.examDate, User.dailyGoal). */
export interface StudyPlan {
  examDate: Date | null;
  /** Questions per day; null means the scheduler's default. */
  dailyGoal: number | null;
}

/** A question that may be picked, with this student's state for it. */
export interface Candidate {
  questionId: string;
  topicId: string;
  optionCount: number;
  /** QuestionCalibration.rating, or initialItemRating(label) when not calibrated yet. */
  itemRating: number;
  /**
   * initialItemRating(label) when itemRating is a calibration from the class's
   * first answers; absent while nobody has answered the item (itemRating is
   * then the label's rating). Readiness places the items nobody has answered
   * where the class's answered items of their label have gone
   * (ratingsOnClassScale, ability.ts).
   */
  labelRating?: number;
  /**
   * QuestionCalibration.firstAttempts: the class's first answers itemRating
   * rests on (with labelRating). Readiness trusts the rating by them
   * (ratingsOnClassScale); absent, it takes the rating as it stands.
   */
  calibrationAnswers?: number;
  /**
   * QuestionCalibration.firstCorrect: how many of those first answers were
   * right. Readiness reads the class's level from them (classLevel,
   * first-answer-check.ts); absent, the item says nothing about it.
   */
  calibrationCorrect?: number;
  /** null (or state NEW with no lastReview) means the student has never answered it. */
  memory: MemoryState | null;
}

/**
 * The student's own forgetting curve, fitted online from review outcomes
 * (memory-fit.ts): retrievability R(t) = (1 + f * t / (scale * S)) ^ -decay,
 * where S is the FSRS stability. scale = 1, decay = 0.1542 is FSRS-6's
 * default curve; a large decay approaches exponential forgetting. Per-user
 * state: needs a place in the schema (see the decision record).
 * The evidence fit (memory-evidence.ts) adds the item's practices n (every
 * answer so far, right or wrong: MemoryState.reps):
 * R = (1 + f * t / (scale * S * n ^ practiceExponent)) ^ -decay.
 */
export interface MemoryFit {
  stabilityScale: number;
  decay: number;
  /**
   * Exponent of the item's practice count in the effective stability; 0 or
   * absent is FSRS's stability alone. Under ACT-R's accumulation every
   * practice adds a trace whether it succeeded or not, while an FSRS lapse
   * shrinks S (docs/decisions/0004, fifth pass).
   */
  practiceExponent?: number;
  /** Reviews the fit has seen. */
  reviews: number;
  /**
   * Standard errors of ln(stabilityScale) and ln(decay) and their
   * correlation, when the fit comes from memory-evidence.ts; readiness widens
   * its interval by them. Absent (the online fit of memory-fit.ts): readiness
   * assumes an error of 1 / sqrt(1 + reviews / 10) on each.
   */
  uncertainty?: MemoryFitUncertainty;
  /**
   * Only on an evidence fit that sits on a bound of its family (isBoundaryFit):
   * no curve within the bounds matches even the overall rate of the
   * student's later reviews, so shifts of logit R that do are fitted beside
   * it: an overall one (`logit`, standard error `sd`) and, per practice band
   * of memory-evidence.ts (practiceBand of the item's answers so far), the
   * shift for that band (`byBand`) with its standard error (`byBandSd`).
   * Readiness scores met items with them; the plan and reviewMemory do not
   * (the plan then uses FSRS-6's default curve).
   */
  recallOffset?: { logit: number; sd: number; byBand: readonly number[]; byBandSd: readonly number[] };
  /**
   * Shifts of logit R, beside the curve (and any recallOffset), for the
   * items whose first answer was recalled (`right`: right and not marked "I
   * guessed", firstRecalled in memory-evidence.ts) and for the others
   * (`wrong`), each with its standard error: how the student's later reviews of each
   * group stood against the one curve. Present once the evidence holds
   * reviews kept by first answer (memory-evidence.ts, version 3). Readiness
   * scores met items with them; the plan and reviewMemory do not.
   */
  firstAnswerOffset?: { right: number; rightSd: number; wrong: number; wrongSd: number };
}

export interface MemoryFitUncertainty {
  logScaleSd: number;
  logDecaySd: number;
  correlation: number;
  /**
   * Standard error of practiceExponent and its correlations with ln scale
   * and ln decay; absent when the evidence held no review after a second
   * practice (the exponent is then fixed at 0, not fitted).
   */
  practice?: { sd: number; correlationScale: number; correlationDecay: number };
}

/**
 * Tunable knobs. Defaults are in DEFAULT_SCHEDULER_PARAMS; `fsrsWeights` is the
 * slot for per-user FSRS-6 parameters once they are fitted.
 */
export interface SchedulerParams {
  /** FSRS-6 weights (21 numbers); ts-fsrs defaults when omitted. */
  fsrsWeights?: readonly number[];
  /** The student's fitted forgetting curve; FSRS-6's default curve when omitted. */
  memoryFit?: MemoryFit;
  /**
   * Retention below which a review is due while preparing for an exam, when
   * the study budget is ample (several reviews per item before the exam).
   */
  examRetention: number;
  /**
   * Retention reviews aim for when the budget is tight (about one review per
   * item or fewer before the exam): spacing reviews further apart then
   * covers more of the bank. See pacing.ts planRetention.
   */
  tightBudgetRetention: number;
  /** Retention without an exam date or after it. */
  normalRetention: number;
  /** Days before the exam in which every seen item gets a last review. */
  finalStretchDays: number;
  /** Horizon (days) for "knowledge" gains when there is no exam date. */
  horizonDaysWithoutExam: number;
  /** New items a day without an exam date (before the daily goal caps it). */
  newPerDayWithoutExam: number;
  /** Daily goal used when the student has none. */
  defaultDailyGoal: number;
  /** Share of days the student is expected to study (for projections). */
  studyDayShare: number;
  /** Longest horizon (days) a pick values its plan over; the exam date when sooner. */
  maxPlanHorizonDays: number;
}
