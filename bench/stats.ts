/** Summary of a set of latency samples, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * Summarises latency samples with nearest-rank percentiles: the p-th percentile is the smallest sample
 * that at least p% of the samples do not exceed.
 */
export function summariseLatencies(samplesMs: readonly number[]): LatencySummary {
  if (samplesMs.length === 0) throw new Error('Cannot summarise an empty set of latency samples.');
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);

  return {
    count: sorted.length,
    meanMs: round(total / sorted.length),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1]!),
  };
}

/** Nearest-rank percentile of samples sorted in ascending order. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Straight line fitted by least squares: `y = intercept + slope × x`. */
export interface LinearFit {
  readonly slope: number;
  readonly intercept: number;
}

/** Fits a straight line through points by ordinary least squares. */
export function fitLine(xs: readonly number[], ys: readonly number[]): LinearFit {
  if (xs.length !== ys.length || xs.length < 2) {
    throw new Error(
      `A line fit needs at least 2 points with one y per x, not ${xs.length} and ${ys.length}.`,
    );
  }
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < xs.length; i++) {
    covariance += (xs[i]! - meanX) * (ys[i]! - meanY);
    variance += (xs[i]! - meanX) ** 2;
  }

  const slope = variance === 0 ? 0 : covariance / variance;
  return { slope, intercept: meanY - slope * meanX };
}

/** Rounds to three decimals, enough for milliseconds and ratios in a report. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
