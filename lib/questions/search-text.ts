/**
 * The text the instructor's bank list searches: a question's slug, stem and
 * options, lower-cased and with runs of white space collapsed. Stored on the
 * question (Question.searchText) by every write of its current version, so
 * a search is one indexed-table scan instead of a join over versions.
 */
export function searchTextOf(slug: string, stem: string, options: ReadonlyArray<{ text: string }>): string {
  return [slug, stem, ...options.map((o) => o.text)].join(" ").toLowerCase().replace(/\s+/g, " ").trim();
}
