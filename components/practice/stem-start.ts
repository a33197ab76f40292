/** The first words of a stem, for lists: at most `max` characters, cut at a word. */
export function stemStart(stem: string, max = 140): string {
  if (stem.length <= max) return stem;
  const cut = stem.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
