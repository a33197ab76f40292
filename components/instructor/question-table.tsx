import type { QuestionRow } from "@/lib/services/question-stats";

export function QuestionTable({ rows }: { rows: QuestionRow[] }) {
  return (
    <div className="mt-6 overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-3">Question</th>
            <th className="px-4 py-3">Topic</th>
            <th className="px-4 py-3">Status</th>
            <th className="px-4 py-3">Level</th>
            <th className="px-4 py-3 text-right">Attempts</th>
            <th className="px-4 py-3 text-right">Correct</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="max-w-md px-4 py-3">
                <span className="block font-mono text-xs text-slate-500">
                  {row.slug} · v{row.version}
                </span>
                <span className="line-clamp-2 text-slate-900">{row.stem}</span>
              </td>
              <td className="px-4 py-3 text-slate-700">{row.topic}</td>
              <td className="px-4 py-3 text-slate-700">{row.status.toLowerCase()}</td>
              <td className="px-4 py-3 text-slate-700">{row.difficulty.toLowerCase()}</td>
              <td className="px-4 py-3 text-right tabular-nums">{row.attempts}</td>
              <td className="px-4 py-3 text-right tabular-nums">
                {row.correctRate === null ? "–" : `${Math.round(row.correctRate * 100)}%`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
