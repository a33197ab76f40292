/**
 * A question's free labels (Question.tags): trimmed, without blanks or
 * repeats, in the order first given. At most MAX_TAGS per question, so the
 * bank list's tag filter can look at each stored position (see
 * lib/services/question-list.ts). Pure.
 */
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 100;

export function normaliseTags(raw: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const value of raw) {
    if (typeof value !== "string") continue;
    const tag = value.trim().replace(/\s+/g, " ");
    if (tag === "" || seen.has(tag)) continue;
    seen.add(tag);
    tags.push(tag);
  }
  return tags;
}

/** Why these tags cannot be stored; null when they can. */
export function tagsProblem(tags: readonly string[]): string | null {
  if (tags.length > MAX_TAGS) return `${tags.length} tags: a question may have at most ${MAX_TAGS}`;
  const long = tags.find((t) => t.length > MAX_TAG_LENGTH);
  if (long !== undefined) return `the tag "${long.slice(0, 30)}…" is longer than ${MAX_TAG_LENGTH} characters`;
  return null;
}

export function sameTags(stored: unknown, tags: readonly string[]): boolean {
  return Array.isArray(stored) && stored.length === tags.length && stored.every((t, i) => t === tags[i]);
}
