import { markdownToPlain } from "./markdown";

/**
 * The text the instructor's bank list searches: a question's slug, and its
 * stem and options as they show on screen (Markdown's emphasis and code
 * marks and backslash escapes dropped, so "four problem areas" finds
 * "**four problem** areas" and "3*4" finds "3\*4"), lower-cased and with
 * runs of white space collapsed. Stored on the question (Question.searchText)
 * by every write of its current version, so a search is one indexed-table
 * scan instead of a join over versions.
 */
export function searchTextOf(slug: string, stem: string, options: ReadonlyArray<{ text: string }>): string {
  return [slug, markdownToPlain(stem), ...options.map((o) => markdownToPlain(o.text))].join(" ").toLowerCase().replace(/\s+/g, " ").trim();
}
