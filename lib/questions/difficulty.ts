import type { BankDifficulty } from "./bank-schema";

/**
 * Starting item difficulty on the ability (logit) scale for a bank label, before
 * any student has answered it. Calibration moves it from there.
 */
export function initialItemRating(label: BankDifficulty): number {
  switch (label) {
    case "easy":
      return -1;
    case "medium":
      return 0;
    case "hard":
      return 1;
  }
}
