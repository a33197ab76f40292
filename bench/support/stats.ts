// Latency statistics the benchmarks report: nearest-rank percentiles in ms.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const round2 = (x: number): number => Math.round(x * 100) / 100;

export type Latencies = { p50: number; p95: number; p99: number; count: number; perSecond: number };

export function summarise(samples: readonly number[], elapsedMs: number): Latencies {
  return {
    p50: round1(percentile(samples, 50)),
    p95: round1(percentile(samples, 95)),
    p99: round1(percentile(samples, 99)),
    count: samples.length,
    perSecond: round1((samples.length * 1000) / elapsedMs),
  };
}
