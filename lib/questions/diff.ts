/**
 * A word-level diff of two texts, for a question's version history. Pure.
 * Words keep the white space that follows them and compare without it, so
 * joining the "equal" and "insert" parts gives the new text back exactly.
 */

export type DiffPart = { type: "equal" | "insert" | "delete"; text: string };

/** Above this many word pairs the middle is shown as replaced whole (keeps a pathological edit cheap). */
const MAX_CELLS = 1_000_000;

function words(text: string): string[] {
  return text.match(/\s+|\S+\s*/g) ?? [];
}

const sameWord = (a: string, b: string) => a.trimEnd() === b.trimEnd();

function push(parts: DiffPart[], type: DiffPart["type"], text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.type === type) last.text += text;
  else parts.push({ type, text });
}

/**
 * The parts that turn `before` into `after`: unchanged words ("equal", as
 * `after` has them), removed ones ("delete") and added ones ("insert"), from
 * a longest common subsequence of words.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  let start = 0;
  while (start < a.length && start < b.length && sameWord(a[start]!, b[start]!)) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && sameWord(a[endA - 1]!, b[endB - 1]!)) {
    endA -= 1;
    endB -= 1;
  }
  const parts: DiffPart[] = [];
  push(parts, "equal", b.slice(0, start).join(""));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    push(parts, "delete", midA.join(""));
    push(parts, "insert", midB.join(""));
  } else {
    // lcs[i][j]: length of the longest common subsequence of midA[i..] and midB[j..].
    const n = midA.length;
    const m = midB.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        lcs[i]![j] = sameWord(midA[i]!, midB[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (sameWord(midA[i]!, midB[j]!)) {
        push(parts, "equal", midB[j]!);
        i += 1;
        j += 1;
      } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
        push(parts, "delete", midA[i]!);
        i += 1;
      } else {
        push(parts, "insert", midB[j]!);
        j += 1;
      }
    }
    while (i < n) push(parts, "delete", midA[i++]!);
    while (j < m) push(parts, "insert", midB[j++]!);
  }
  push(parts, "equal", b.slice(endB).join(""));
  return parts;
}

/** True when the texts differ in anything but trailing white space of words. */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.type !== "equal");
}
