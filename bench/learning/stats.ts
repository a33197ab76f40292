import { createRng } from "../../lib/scheduler/rng";

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return values.length > 0 ? sum / values.length : NaN;
}

/** Percentile bootstrap 95% interval of the mean (fixed seed, so reruns agree). */
export function bootstrapMean(values: ArrayLike<number>, resamples = 1000, seed = 99): [number, number] {
  const rng = createRng(seed);
  const n = values.length;
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += values[Math.floor(rng.next() * n)] ?? 0;
    means[r] = sum / n;
  }
  means.sort();
  return [means[Math.floor(0.025 * resamples)] ?? NaN, means[Math.floor(0.975 * resamples)] ?? NaN];
}
