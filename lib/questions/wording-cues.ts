import { OPTIONS_PER_QUESTION, type BankQuestion } from "./bank-schema";
import { normaliseWords } from "./normalise-words";

/**
 * Wording cues: the signals a testwise examinee with no subject knowledge uses
 * to pick an answer (hedged words, absolute words, words echoed from the stem,
 * the longest option, the option most like the others), and a guesser that
 * answers from them alone. Pure: no I/O.
 */

/** Hedged words a testwise reader trusts ("tends to" counts through "tend"). */
export const HEDGE_WORDS: ReadonlySet<string> = new Set([
  "often",
  "may",
  "can",
  "usually",
  "typically",
  "generally",
  "tend",
  "tends",
  "some",
  "might",
]);

/** Absolute words a testwise reader distrusts. */
export const ABSOLUTE_WORDS: ReadonlySet<string> = new Set([
  "always",
  "never",
  "only",
  "all",
  "none",
  "must",
  "entirely",
  "solely",
  "every",
  "everyone",
  "everything",
]);

const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but nor so yet of to in on at by for with from into onto about as than then that this these those " +
    "is are was were be been being am do does did done has have had having it its it's itself he she they them their theirs " +
    "his her hers him we us our you your i me my mine who whom whose which what when where why how whether if not no " +
    "there here up down out over under again further once more most less least very just also too such own same other " +
    "each both any few many much one two three four would should could will shall can may might must " +
    "after before since because while during within without between through toward towards " +
    "best most likely following statement describes describe fits fit accurate true which"
  ).split(" "),
);

/** A crude stem so that "relationship" and "relationships" count as one word. */
export function stemWord(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ["ings", "ing", "ies", "ied", "ed", "es", "s", "ly"]) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) {
      const base = word.slice(0, -suffix.length);
      return suffix === "ies" || suffix === "ied" ? `${base}y` : base;
    }
  }
  return word;
}

/** Stemmed content words of a text (stop words and words under 3 letters dropped). */
export function contentWords(text: string): Set<string> {
  return new Set(
    normaliseWords(text)
      .filter((w) => w.length >= 3 && !STOP_WORDS.has(w))
      .map(stemWord),
  );
}

function hasAny(text: string, words: ReadonlySet<string>): boolean {
  return normaliseWords(text).some((w) => words.has(w));
}

export function hasHedge(text: string): boolean {
  return hasAny(text, HEDGE_WORDS);
}

export function hasAbsolute(text: string): boolean {
  return hasAny(text, ABSOLUTE_WORDS);
}

/** What the cue rules read of an item: its stem and options with the key flag. */
export type CueItem = Pick<BankQuestion, "stem"> & { options: ReadonlyArray<{ text: string; correct: boolean }> };

export type CueName = "hedge-key-only" | "absolute-distractors-only" | "stem-echo-key-only";

export const CUE_NAMES: readonly CueName[] = ["hedge-key-only", "absolute-distractors-only", "stem-echo-key-only"];

/** Stem content words repeated in the key and in no distractor. */
export function stemEchoesInKeyOnly(q: CueItem): string[] {
  const stem = contentWords(q.stem);
  const key = q.options.find((o) => o.correct);
  if (!key) return [];
  const inDistractors = new Set(q.options.filter((o) => !o.correct).flatMap((o) => [...contentWords(o.text)]));
  return [...contentWords(key.text)].filter((w) => stem.has(w) && !inDistractors.has(w));
}

/** The wording cues in one item that point at its key. */
export function cuesPointingAtKey(q: CueItem): CueName[] {
  const key = q.options.find((o) => o.correct);
  if (!key) return [];
  const distractors = q.options.filter((o) => !o.correct);
  const cues: CueName[] = [];
  if (hasHedge(key.text) && distractors.every((o) => !hasHedge(o.text))) cues.push("hedge-key-only");
  if (!hasAbsolute(key.text) && distractors.every((o) => hasAbsolute(o.text))) cues.push("absolute-distractors-only");
  if (stemEchoesInKeyOnly(q).length > 0) cues.push("stem-echo-key-only");
  return cues;
}

export type GuessReason = "hedge" | "absolute" | "stem-echo" | "longest" | "most-similar" | "first";

export type Guess = { index: number; reason: GuessReason };

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Indices among `candidates` with the highest score, or all of them when the top is tied. */
function pickTop(candidates: number[], score: (i: number) => number): number[] {
  const best = Math.max(...candidates.map(score));
  return candidates.filter((i) => score(i) === best);
}

/**
 * A testwise guesser with no subject knowledge. It narrows the options cue by
 * cue and stops at the first cue that leaves a single option:
 * 1. keep the hedged options, if some but not all are hedged;
 * 2. drop the absolute options, if some but not all are absolute;
 * 3. keep the options that echo the most stem content words;
 * 4. keep the strictly longest option;
 * 5. keep the option whose words are most shared with the other options.
 * If nothing singles one out, it takes the first remaining option.
 */
export function guessFromWording(q: BankQuestion): Guess {
  const all = q.options.map((_, i) => i);
  let left = all;
  const texts = q.options.map((o) => o.text);

  const narrow = (keep: number[], reason: GuessReason): Guess | null => {
    if (keep.length > 0 && keep.length < left.length) left = keep;
    const only = left[0];
    return left.length === 1 && only !== undefined ? { index: only, reason } : null;
  };

  const hedged = left.filter((i) => hasHedge(texts[i] ?? ""));
  const hedgeGuess = narrow(hedged, "hedge");
  if (hedgeGuess) return hedgeGuess;

  const plain = left.filter((i) => !hasAbsolute(texts[i] ?? ""));
  const absoluteGuess = narrow(plain, "absolute");
  if (absoluteGuess) return absoluteGuess;

  const stem = contentWords(q.stem);
  const words = texts.map((t) => contentWords(t));
  const echo = (i: number) => [...(words[i] ?? [])].filter((w) => stem.has(w)).length;
  if (Math.max(...left.map(echo)) > 0) {
    const echoGuess = narrow(pickTop(left, echo), "stem-echo");
    if (echoGuess) return echoGuess;
  }

  const longestGuess = narrow(pickTop(left, (i) => (texts[i] ?? "").trim().length), "longest");
  if (longestGuess) return longestGuess;

  const likeness = (i: number) =>
    all.filter((j) => j !== i).reduce((sum, j) => sum + jaccard(words[i] ?? new Set(), words[j] ?? new Set()), 0);
  const similarGuess = narrow(pickTop(left, likeness), "most-similar");
  if (similarGuess) return similarGuess;

  return { index: left[0] ?? 0, reason: "first" };
}

export type GuesserReport = {
  total: number;
  correct: number;
  /**
   * Expected score of a contrarian who rules out the option the wording
   * guesser would pick and chooses at random among the rest: above 25% when
   * the cues point away from the key, which is a giveaway too.
   */
  contrarianExpected: number;
  byReason: Record<GuessReason, { decided: number; correct: number }>;
};

export function runGuesser(questions: readonly BankQuestion[]): GuesserReport {
  const byReason: GuesserReport["byReason"] = {
    hedge: { decided: 0, correct: 0 },
    absolute: { decided: 0, correct: 0 },
    "stem-echo": { decided: 0, correct: 0 },
    longest: { decided: 0, correct: 0 },
    "most-similar": { decided: 0, correct: 0 },
    first: { decided: 0, correct: 0 },
  };
  let correct = 0;
  for (const q of questions) {
    const guess = guessFromWording(q);
    const right = q.options[guess.index]?.correct === true;
    byReason[guess.reason].decided += 1;
    if (right) {
      byReason[guess.reason].correct += 1;
      correct += 1;
    }
  }
  const total = questions.length;
  const contrarianExpected = total === 0 ? 0 : (total - correct) / (OPTIONS_PER_QUESTION - 1) / total;
  return { total, correct, contrarianExpected, byReason };
}
