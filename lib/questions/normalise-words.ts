/** Lower-cased words of a text, punctuation and apostrophes dropped ("IPT's" -> "ipts"). Pure. */
export function normaliseWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^a-z0-9'\s]/g, " ")
    .replace(/'/g, "")
    .split(/\s+/)
    .filter(Boolean);
}
