import "server-only";
import type { Difficulty } from "../generated/prisma/client";
import { initialItemRating } from "../scheduler/ability";
import type { DifficultyLabel } from "../scheduler/types";

/**
 * The stored Difficulty of a question (Prisma's enum) as the scheduler's
 * label, and the rating a question starts at before anyone has answered it.
 * One place for the question editor, the published bank and the learner model.
 */
const LABELS: Readonly<Record<Difficulty, DifficultyLabel>> = Object.freeze({ EASY: "easy", MEDIUM: "medium", HARD: "hard" });

export function difficultyLabel(difficulty: Difficulty): DifficultyLabel {
  return LABELS[difficulty];
}

/** The item rating of a question nobody has answered yet (its label's). */
export function startingRating(difficulty: Difficulty): number {
  return initialItemRating(LABELS[difficulty]);
}
