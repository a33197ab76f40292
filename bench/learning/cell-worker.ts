// A child process of run.ts: runs the cells it is sent and sends back their
// summaries, so the grid uses every core.
import { runCell, summarize } from "./cell";
import type { CellSpec } from "./cell";

process.on("message", (spec: CellSpec) => {
  const summary = summarize(runCell(spec));
  process.send?.(summary);
});
