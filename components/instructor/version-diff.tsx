import { diffWords, hasChanges } from "@/lib/questions/diff";

/** A word diff: removed words struck through in <del>, added ones underlined in <ins> (not colour alone). */
export function WordDiff({ before, after }: { before: string; after: string }) {
  const parts = diffWords(before, after);
  if (!hasChanges(parts)) return <span className="text-slate-600 dark:text-slate-400">(unchanged)</span>;
  return (
    <span className="whitespace-pre-wrap break-words">
      {parts.map((part, i) =>
        part.type === "equal" ? (
          <span key={i}>{part.text}</span>
        ) : part.type === "delete" ? (
          <del key={i} className="bg-red-50 text-red-900 line-through dark:bg-red-950 dark:text-red-200">
            <span className="sr-only">[removed: </span>
            {part.text}
            <span className="sr-only">]</span>
          </del>
        ) : (
          <ins key={i} className="bg-emerald-50 text-emerald-900 underline dark:bg-emerald-950 dark:text-emerald-200">
            <span className="sr-only">[added: </span>
            {part.text}
            <span className="sr-only">]</span>
          </ins>
        ),
      )}
    </span>
  );
}

type VersionText = { stem: string; explanation: string; options: Array<{ text: string; feedback: string; correct: boolean }> };

const LETTERS = ["A", "B", "C", "D", "E", "F", "G"];

/** What changed from one version's wording to the next, field by field. */
export function VersionDiff({ previous, current }: { previous: VersionText; current: VersionText }) {
  const count = Math.max(previous.options.length, current.options.length);
  const keyBefore = previous.options.findIndex((o) => o.correct);
  const keyAfter = current.options.findIndex((o) => o.correct);
  const rows: Array<{ label: string; before: string; after: string }> = [{ label: "Stem", before: previous.stem, after: current.stem }];
  for (let i = 0; i < count; i += 1) {
    const letter = LETTERS[i] ?? String(i + 1);
    rows.push({ label: `Option ${letter}`, before: previous.options[i]?.text ?? "", after: current.options[i]?.text ?? "" });
    rows.push({ label: `Option ${letter} feedback`, before: previous.options[i]?.feedback ?? "", after: current.options[i]?.feedback ?? "" });
  }
  rows.push({ label: "Explanation", before: previous.explanation, after: current.explanation });
  const changed = rows.filter((r) => hasChanges(diffWords(r.before, r.after)));
  return (
    <dl className="mt-2 space-y-2 text-sm" data-testid="version-diff">
      {keyBefore !== keyAfter ? (
        <div>
          <dt className="font-medium text-slate-800 dark:text-slate-200">Correct option</dt>
          <dd className="text-slate-900 dark:text-slate-100">
            was option {LETTERS[keyBefore] ?? "none"}, now option {LETTERS[keyAfter] ?? "none"}
          </dd>
        </div>
      ) : null}
      {changed.map((row) => (
        <div key={row.label}>
          <dt className="font-medium text-slate-800 dark:text-slate-200">{row.label}</dt>
          <dd className="text-slate-900 dark:text-slate-100">
            <WordDiff before={row.before} after={row.after} />
          </dd>
        </div>
      ))}
      {changed.length === 0 && keyBefore === keyAfter ? <p className="text-slate-600 dark:text-slate-400">No wording changes.</p> : null}
    </dl>
  );
}
