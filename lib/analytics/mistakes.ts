// Review mistakes: which questions a student should look at again because
// their latest answer was wrong, and in which order. Pure: takes the answers
// and the instant.

const DAY_MS = 86_400_000;

/** Only questions whose latest (wrong) answer falls within this window are listed. */
export const MISTAKE_WINDOW_DAYS = 30;

export type AnswerRecord = { questionId: string; correct: boolean; createdAt: Date };

export type Mistake = {
  questionId: string;
  /** Wrong answers to this question, all told. */
  timesMissed: number;
  lastMissedAt: Date;
};

/**
 * The questions whose latest answer is wrong and was given in the last
 * MISTAKE_WINDOW_DAYS days: the ones missed most often first, then the most
 * recently missed, then by id so the order is stable.
 */
export function listMistakes(answers: readonly AnswerRecord[], now: Date): Mistake[] {
  const cutoff = now.getTime() - MISTAKE_WINDOW_DAYS * DAY_MS;
  const latest = new Map<string, AnswerRecord>();
  const missed = new Map<string, number>();
  for (const answer of answers) {
    const seen = latest.get(answer.questionId);
    if (!seen || answer.createdAt.getTime() > seen.createdAt.getTime()) latest.set(answer.questionId, answer);
    if (!answer.correct) missed.set(answer.questionId, (missed.get(answer.questionId) ?? 0) + 1);
  }
  const mistakes: Mistake[] = [];
  for (const [questionId, answer] of latest) {
    if (answer.correct || answer.createdAt.getTime() < cutoff || answer.createdAt.getTime() > now.getTime()) continue;
    mistakes.push({ questionId, timesMissed: missed.get(questionId) ?? 1, lastMissedAt: answer.createdAt });
  }
  return mistakes.sort(
    (a, b) =>
      b.timesMissed - a.timesMissed ||
      b.lastMissedAt.getTime() - a.lastMissedAt.getTime() ||
      (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0),
  );
}
