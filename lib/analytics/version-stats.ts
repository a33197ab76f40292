/**
 * Per-version statistics of one question from its answers. Pure.
 *
 * A first attempt is a student's first answer to the question (any version),
 * counted under the version they answered: first-attempt facility is the
 * share of those that were correct, the measure calibration uses too.
 */

export type VersionAnswer = { userId: string; questionVersionId: string; correct: boolean; createdAt: Date };

export type VersionStats = { attempts: number; correct: number; firstAttempts: number; firstCorrect: number; facility: number | null };

export function versionStats(answers: readonly VersionAnswer[]): Map<string, VersionStats> {
  const stats = new Map<string, VersionStats>();
  const seen = new Set<string>();
  const sorted = [...answers].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const answer of sorted) {
    let row = stats.get(answer.questionVersionId);
    if (!row) {
      row = { attempts: 0, correct: 0, firstAttempts: 0, firstCorrect: 0, facility: null };
      stats.set(answer.questionVersionId, row);
    }
    row.attempts += 1;
    if (answer.correct) row.correct += 1;
    if (!seen.has(answer.userId)) {
      seen.add(answer.userId);
      row.firstAttempts += 1;
      if (answer.correct) row.firstCorrect += 1;
    }
  }
  for (const row of stats.values()) row.facility = row.firstAttempts > 0 ? row.firstCorrect / row.firstAttempts : null;
  return stats;
}
