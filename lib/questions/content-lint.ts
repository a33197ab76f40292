import { normaliseWords } from "./normalise-words";
import { DIFFICULTIES, OPTIONS_PER_QUESTION, QUESTION_KINDS, type BankQuestion, type QuestionBank } from "./bank-schema";
import { contentWords, cuesPointingAtKey, CUE_NAMES, stemEchoesInKeyOnly, type CueName } from "./wording-cues";

/**
 * The content lint of a question bank: the editorial rules a schema cannot
 * express. Pure: the caller reads the bank and the seed articles and passes
 * them in. Every rule here has a unit test that makes it fail.
 */

export type LintRule =
  | "bank-size"
  | "topic-minimum"
  | "kind-share"
  | "banned-option"
  | "key-longest-share"
  | "length-ratio-share"
  | "near-duplicate-stem"
  | "seed-overlap"
  | "unknown-source"
  | "explanation-length"
  | "feedback-tone"
  | "key-position"
  | "hedge-cue-share"
  | "absolute-cue"
  | "stem-echo-share"
  | "cross-item-giveaway";

export type LintViolation = { rule: LintRule; itemId: string | null; message: string };

export const TOPIC_MINIMUMS: Readonly<Record<string, number>> = {
  focus: 15,
  history: 15,
  structure: 20,
  grief: 15,
  "role-disputes": 15,
  "role-transitions": 15,
  "interpersonal-deficits": 15,
  techniques: 25,
  alliance: 15,
  contrasts: 25,
  applications: 15,
  evidence: 15,
  adaptations: 15,
};

export const LINT_LIMITS = {
  minQuestions: 260,
  minApplicationShare: 0.5,
  minContrastShare: 0.15,
  /** Share of items whose key is the strictly longest option. */
  maxKeyLongestShare: 0.35,
  /** Share of items whose longest option is more than twice the shortest. */
  maxLengthRatioShare: 0.1,
  /** Consecutive words that may not be shared with a seed article. */
  seedOverlapWords: 8,
  /** Word-bigram Jaccard similarity at which two stems count as near-duplicates. */
  stemSimilarity: 0.5,
  /** Share of items whose key sits in any one position. */
  maxKeyPositionShare: 0.4,
  explanationSentences: { min: 1, max: 4 },
  /** Share of items where a hedged word sits in the key and in no distractor. */
  maxHedgeCueShare: 0.04,
  /** Share of items where a stem content word is repeated in the key and in no distractor. */
  maxStemEchoShare: 0.05,
  /**
   * Two items are near-duplicates across the bank when the content words of
   * their stems and keys overlap this much (Jaccard), or when both keys state
   * the same fact: keys of at least `giveawayKeyMinWords` content words whose
   * overlap reaches `giveawayKeySimilarity`. Short keys (a technique's or a
   * problem area's name) may repeat across vignettes.
   */
  giveawayItemSimilarity: 0.3,
  giveawayKeySimilarity: 0.6,
  giveawayKeyMinWords: 5,
} as const;

export type LintMode =
  /** The whole bank: every rule, including minimum counts and shares. */
  | "bank"
  /** A partial draft file: per-item rules and the length shares over the file. */
  | "draft";

export type LintInput = {
  questions: readonly BankQuestion[];
  /** Seed article file name -> text. */
  seeds: ReadonlyMap<string, string>;
  mode: LintMode;
  /** Stems of items already in the bank, checked for near-duplicates in draft mode. */
  existingStems?: ReadonlyArray<{ id: string; stem: string }>;
  /** Items already in the bank, checked for cross-item giveaways in draft mode. */
  existingItems?: readonly BankQuestion[];
};

export type DifficultySpread = Record<string, Record<string, number>>;

export type LintStats = {
  total: number;
  perTopic: Array<{ topic: string; count: number; minimum: number }>;
  kinds: Record<string, number>;
  difficulties: Record<string, number>;
  keyLongestShare: number;
  lengthRatioShare: number;
  keyPositions: number[];
  /** For each wording cue, the share of items where it points at the key. */
  cueShares: Record<CueName, number>;
  /** Item counts per topic and per kind, split by difficulty label. */
  difficultyByTopic: DifficultySpread;
  difficultyByKind: DifficultySpread;
};

export type LintReport = { violations: LintViolation[]; stats: LintStats };

const BANNED_OPTION_PATTERNS: readonly RegExp[] = [
  /\b(all|none|neither) of (the )?(above|these|them|the options)\b/i,
  /\bboth (of )?(the )?above\b/i,
  /\bboth [a-d] and [a-d]\b/i,
  /^\s*\(?[a-d]\)? (and|&) \(?[a-d]\)?\s*$/i,
];


function nGrams(words: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= words.length; i += 1) out.push(words.slice(i, i + n).join(" "));
  return out;
}

/** Word-bigram Jaccard similarity of two texts (1 = same wording). */
export function stemSimilarity(a: string, b: string): number {
  const x = new Set(nGrams(normaliseWords(a), 2));
  const y = new Set(nGrams(normaliseWords(b), 2));
  if (x.size === 0 && y.size === 0) return normaliseWords(a).join(" ") === normaliseWords(b).join(" ") ? 1 : 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared += 1;
  return shared / (x.size + y.size - shared);
}

/** Sentences in a short explanation; abbreviations such as "e.g." do not end one. */
export function countSentences(text: string): number {
  const cleaned = text.replace(/\b(e\.g|i\.e|etc|vs|dr|mr|mrs|ms)\./gi, "$1");
  return cleaned.split(/[.!?]+(?:["')\]]+)?(?:\s+|$)/).filter((s) => s.trim().length > 0).length;
}

function itemTexts(q: BankQuestion): string[] {
  return [q.stem, q.explanation, ...q.options.flatMap((o) => [o.text, o.feedback])];
}

function keyIndex(q: Pick<LintableItem, "options">): number {
  return q.options.findIndex((o) => o.correct);
}

function keyIsStrictlyLongest(q: Pick<LintableItem, "options">): boolean {
  const k = keyIndex(q);
  const lengths = q.options.map((o) => o.text.trim().length);
  const key = lengths[k] ?? 0;
  return lengths.every((len, i) => i === k || len < key);
}

function exceedsLengthRatio(q: Pick<LintableItem, "options">): boolean {
  const lengths = q.options.map((o) => o.text.trim().length);
  return Math.max(...lengths) > 2 * Math.min(...lengths);
}

function share(count: number, total: number): number {
  return total === 0 ? 0 : count / total;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

function keyText(q: BankQuestion): string {
  return q.options.find((o) => o.correct)?.text ?? "";
}

/**
 * Why two items give each other away, or null: their stems and keys say
 * nearly the same thing, or their keys state the same fact.
 */
export function crossItemGiveaway(a: BankQuestion, b: BankQuestion): string | null {
  const aKey = contentWords(keyText(a));
  const bKey = contentWords(keyText(b));
  const aAll = new Set([...contentWords(a.stem), ...aKey]);
  const bAll = new Set([...contentWords(b.stem), ...bKey]);
  const whole = jaccard(aAll, bAll);
  if (whole >= LINT_LIMITS.giveawayItemSimilarity) return `stem and key overlap ${b.id}'s by ${whole.toFixed(2)}`;
  const minWords = LINT_LIMITS.giveawayKeyMinWords;
  const keys = jaccard(aKey, bKey);
  if (aKey.size >= minWords && bKey.size >= minWords && keys >= LINT_LIMITS.giveawayKeySimilarity) {
    return `key states the same fact as ${b.id}'s key (overlap ${keys.toFixed(2)})`;
  }
  return null;
}

function spreadAdd(spread: DifficultySpread, group: string, difficulty: string): void {
  const row = (spread[group] ??= Object.fromEntries(DIFFICULTIES.map((d) => [d, 0])));
  row[difficulty] = (row[difficulty] ?? 0) + 1;
}

/** What the per-item rules need of a question: its wording and key. */
export type LintableItem = {
  stem: string;
  explanation: string;
  options: ReadonlyArray<{ text: string; correct: boolean; feedback: string }>;
};

export type ItemLintRule =
  | "hedge-key-only"
  | "absolute-distractors-only"
  | "stem-echo-key-only"
  | "key-longest"
  | "length-ratio"
  | "banned-option"
  | "feedback-tone"
  | "explanation-length";

/**
 * One finding about one item. `field` names what it concerns: "stem",
 * "explanation", "options" (the options as a whole), or "options.<i>.text" /
 * "options.<i>.feedback" (0-based), so an editor can show it beside that field.
 */
export type ItemFinding = { rule: ItemLintRule; field: string; message: string };

/**
 * The rules that look at one item alone: wording cues pointing at the key,
 * option lengths, options that refer to other options, feedback tone and the
 * explanation's length. The bank lint counts the cues and lengths into shares;
 * the question editor shows every finding as a warning.
 */
export function lintItem(q: LintableItem): ItemFinding[] {
  const findings: ItemFinding[] = [];
  const add = (rule: ItemLintRule, field: string, message: string) => findings.push({ rule, field, message });
  const cues = cuesPointingAtKey(q);
  const k = keyIndex(q);
  if (cues.includes("hedge-key-only")) {
    add("hedge-key-only", `options.${k}.text`, "a hedged word (may, often, usually...) is in the key and in no distractor");
  }
  if (cues.includes("absolute-distractors-only")) {
    add("absolute-distractors-only", "options", "every distractor holds an absolute word (always, never, only...) and the key none");
  }
  if (cues.includes("stem-echo-key-only")) {
    add("stem-echo-key-only", "options", `the key repeats stem words no distractor has (${stemEchoesInKeyOnly(q).join(", ")})`);
  }
  if (q.options.length > 0 && keyIsStrictlyLongest(q)) add("key-longest", "options", "the key is the longest option");
  if (q.options.length > 0 && exceedsLengthRatio(q)) {
    add("length-ratio", "options", "the longest option is more than twice as long as the shortest");
  }
  q.options.forEach((o, i) => {
    if (BANNED_OPTION_PATTERNS.some((re) => re.test(o.text))) {
      add("banned-option", `options.${i}.text`, `option ${i + 1} ("${o.text}") refers to other options`);
    }
    if (!o.correct && /^\s*correct\b/i.test(o.feedback)) {
      add("feedback-tone", `options.${i}.feedback`, `option ${i + 1} is a distractor but its feedback starts with "Correct"`);
    }
    if (o.correct && /^\s*(incorrect|wrong|not quite)\b/i.test(o.feedback)) {
      add("feedback-tone", `options.${i}.feedback`, `option ${i + 1} is the key but its feedback calls it wrong`);
    }
  });
  const sentences = countSentences(q.explanation);
  const { min, max } = LINT_LIMITS.explanationSentences;
  if (sentences < min || sentences > max) {
    add("explanation-length", "explanation", `explanation has ${sentences} sentences (allowed ${min} to ${max})`);
  }
  return findings;
}

export function lintQuestions(input: LintInput): LintReport {
  const { questions, seeds, mode } = input;
  const violations: LintViolation[] = [];
  const add = (rule: LintRule, itemId: string | null, message: string) => violations.push({ rule, itemId, message });

  const seedGrams = new Map<string, string>();
  for (const [name, text] of seeds) {
    for (const gram of nGrams(normaliseWords(text), LINT_LIMITS.seedOverlapWords)) {
      if (!seedGrams.has(gram)) seedGrams.set(gram, name);
    }
  }

  let keyLongest = 0;
  let lengthRatio = 0;
  const keyPositions = new Array<number>(OPTIONS_PER_QUESTION).fill(0);
  const kinds: Record<string, number> = Object.fromEntries(QUESTION_KINDS.map((k) => [k, 0]));
  const difficulties: Record<string, number> = {};
  const topicCounts = new Map<string, number>();
  const cueCounts: Record<CueName, number> = { "hedge-key-only": 0, "absolute-distractors-only": 0, "stem-echo-key-only": 0 };
  const difficultyByTopic: DifficultySpread = {};
  const difficultyByKind: DifficultySpread = {};

  for (const q of questions) {
    topicCounts.set(q.topic, (topicCounts.get(q.topic) ?? 0) + 1);
    kinds[q.kind] = (kinds[q.kind] ?? 0) + 1;
    difficulties[q.difficulty] = (difficulties[q.difficulty] ?? 0) + 1;
    spreadAdd(difficultyByTopic, q.topic, q.difficulty);
    spreadAdd(difficultyByKind, q.kind, q.difficulty);
    const k = keyIndex(q);
    if (k >= 0 && k < keyPositions.length) keyPositions[k] = (keyPositions[k] ?? 0) + 1;
    // The per-item rules (shared with the question editor's live checks): the
    // cues and option lengths count toward the bank's shares; the rest are violations.
    for (const finding of lintItem(q)) {
      switch (finding.rule) {
        case "hedge-key-only":
        case "stem-echo-key-only":
          cueCounts[finding.rule] += 1;
          break;
        case "absolute-distractors-only":
          cueCounts[finding.rule] += 1;
          add("absolute-cue", q.id, finding.message);
          break;
        case "key-longest":
          keyLongest += 1;
          break;
        case "length-ratio":
          lengthRatio += 1;
          break;
        case "banned-option":
        case "feedback-tone":
        case "explanation-length":
          add(finding.rule, q.id, finding.message);
          break;
      }
    }

    for (const source of q.sources) {
      if (!seeds.has(source)) add("unknown-source", q.id, `source "${source}" is not a seed article`);
    }

    for (const text of itemTexts(q)) {
      const hit = nGrams(normaliseWords(text), LINT_LIMITS.seedOverlapWords).find((g) => seedGrams.has(g));
      if (hit) {
        add("seed-overlap", q.id, `shares "${hit}" with ${seedGrams.get(hit)}; reword it`);
        break;
      }
    }
  }

  // Near-duplicate stems, within the set and against the existing bank.
  const others = [...(input.existingStems ?? [])];
  questions.forEach((q, i) => {
    for (let j = i + 1; j < questions.length; j += 1) {
      const other = questions[j];
      if (other && stemSimilarity(q.stem, other.stem) >= LINT_LIMITS.stemSimilarity) {
        add("near-duplicate-stem", q.id, `stem is nearly the same as ${other.id}'s`);
      }
    }
    for (const existing of others) {
      if (existing.id !== q.id && stemSimilarity(q.stem, existing.stem) >= LINT_LIMITS.stemSimilarity) {
        add("near-duplicate-stem", q.id, `stem is nearly the same as ${existing.id}'s (already in the bank)`);
      }
    }
  });

  // Cross-item giveaways, within the set and against the existing bank.
  const existingItems = (input.existingItems ?? []).filter((e) => !questions.some((q) => q.id === e.id));
  questions.forEach((q, i) => {
    for (const other of [...questions.slice(i + 1), ...existingItems]) {
      const why = crossItemGiveaway(q, other);
      if (why) add("cross-item-giveaway", q.id, why);
    }
  });

  const total = questions.length;
  const cueShares = Object.fromEntries(CUE_NAMES.map((c) => [c, share(cueCounts[c], total)])) as Record<CueName, number>;
  if (cueShares["hedge-key-only"] > LINT_LIMITS.maxHedgeCueShare) {
    const ids = questions.filter((q) => cuesPointingAtKey(q).includes("hedge-key-only")).map((q) => q.id);
    add("hedge-cue-share", null, `a hedged word is in the key and in no distractor in ${pct(cueShares["hedge-key-only"])} of items (max ${pct(LINT_LIMITS.maxHedgeCueShare)}): ${ids.join(", ")}`);
  }
  if (cueShares["stem-echo-key-only"] > LINT_LIMITS.maxStemEchoShare) {
    const ids = questions.map((q) => ({ id: q.id, words: stemEchoesInKeyOnly(q) })).filter((x) => x.words.length > 0);
    add("stem-echo-share", null, `stem words are repeated in the key and in no distractor in ${pct(cueShares["stem-echo-key-only"])} of items (max ${pct(LINT_LIMITS.maxStemEchoShare)}): ${ids.map((x) => `${x.id} (${x.words.join(", ")})`).join("; ")}`);
  }
  const keyLongestShare = share(keyLongest, total);
  const lengthRatioShare = share(lengthRatio, total);
  if (keyLongestShare > LINT_LIMITS.maxKeyLongestShare) {
    add("key-longest-share", null, `the key is the strictly longest option in ${pct(keyLongestShare)} of items (max ${pct(LINT_LIMITS.maxKeyLongestShare)})`);
  }
  if (lengthRatioShare > LINT_LIMITS.maxLengthRatioShare) {
    add("length-ratio-share", null, `the longest option is over twice the shortest in ${pct(lengthRatioShare)} of items (max ${pct(LINT_LIMITS.maxLengthRatioShare)})`);
  }
  keyPositions.forEach((count, i) => {
    if (total >= 20 && share(count, total) > LINT_LIMITS.maxKeyPositionShare) {
      add("key-position", null, `the key is option ${i + 1} in ${pct(share(count, total))} of items (max ${pct(LINT_LIMITS.maxKeyPositionShare)})`);
    }
  });

  const perTopic = Object.entries(TOPIC_MINIMUMS).map(([topic, minimum]) => ({
    topic,
    count: topicCounts.get(topic) ?? 0,
    minimum,
  }));
  if (mode === "bank") {
    if (total < LINT_LIMITS.minQuestions) add("bank-size", null, `${total} questions; at least ${LINT_LIMITS.minQuestions} are required`);
    for (const t of perTopic) {
      if (t.count < t.minimum) add("topic-minimum", null, `topic ${t.topic} has ${t.count} questions; at least ${t.minimum} are required`);
    }
    const application = share(kinds.application ?? 0, total);
    const contrast = share(kinds.contrast ?? 0, total);
    if (application < LINT_LIMITS.minApplicationShare) {
      add("kind-share", null, `application items are ${pct(application)} (min ${pct(LINT_LIMITS.minApplicationShare)})`);
    }
    if (contrast < LINT_LIMITS.minContrastShare) {
      add("kind-share", null, `contrast items are ${pct(contrast)} (min ${pct(LINT_LIMITS.minContrastShare)})`);
    }
  }

  return {
    violations,
    stats: {
      total,
      perTopic,
      kinds,
      difficulties,
      keyLongestShare,
      lengthRatioShare,
      keyPositions,
      cueShares,
      difficultyByTopic,
      difficultyByKind,
    },
  };
}

/** Lints a whole, schema-valid bank. */
export function lintBank(bank: QuestionBank, seeds: ReadonlyMap<string, string>): LintReport {
  return lintQuestions({ questions: bank.questions, seeds, mode: "bank" });
}
