/**
 * From chunk measurements to an estimate with confidence intervals.
 *
 * Lookups are not independent trials: while a server is down every lookup that needs it fails, so
 * successes come in runs as long as a repair. A binomial interval (Wilson) treats them as
 * independent and is far too narrow then; the method of batch means is not: it cuts each chunk into
 * consecutive batches of lookups, treats the batch success rates as the observations, and merges
 * neighbouring batches until their lag-1 correlation is small. The interval reported is the union
 * of the two: Wilson still speaks when batches disagree too little to say anything (no failure at
 * all, say), batch means when lookups are correlated.
 */
import type { ChunkResult } from "./engine";

/** Standard normal quantile: the x with P(Z ≤ x) = p (0.975 → 1.95996…). */
export function normalQuantile(p: number): number {
  // Acklam's approximation (relative error < 1.2e-9) for the lower-tail probability p.
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    return -normalQuantile(1 - p);
  }
  return x;
}

/**
 * Student t quantile with ν degrees of freedom: closed forms for ν = 1 and 2, where a run with a
 * handful of lookups leaves that few batches, and otherwise the Cornish–Fisher expansion around the
 * normal quantile (within 1% at ν = 3, about 1e-4 from ν = 5). The expansion alone gives 40.5 for
 * ν = 1 at 99.5% against the true 63.7: an interval a third too narrow.
 */
export function studentQuantile(p: number, nu: number): number {
  if (nu === 1) return Math.tan(Math.PI * (p - 0.5));
  if (nu === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
}

export type Interval = [number, number];

/** Wilson score interval for `successes` of `trials` independent trials at two-sided `level`. */
export function wilson(successes: number, trials: number, level: number): Interval {
  if (trials === 0) return [0, 1];
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  // At p = 0 or 1 the bound on that side is exact, but centre ± half rounds a few ulps inside it.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === trials ? 1 : Math.min(1, centre + half)];
}

/** Batches of one chunk: numerators (successes or latency sums) over denominators (lookups or successes). */
interface Batches {
  numerators: number[];
  denominators: number[];
}

/** Merge neighbours within a chunk (never across chunks: they are separate runs). */
function halve(chunk: Batches): Batches {
  const numerators: number[] = [];
  const denominators: number[] = [];
  for (let i = 0; i < chunk.numerators.length; i += 2) {
    numerators.push(chunk.numerators[i]! + (chunk.numerators[i + 1] ?? 0));
    denominators.push(chunk.denominators[i]! + (chunk.denominators[i + 1] ?? 0));
  }
  return { numerators, denominators };
}

export interface RatioEstimate {
  value: number;
  /** Standard error from batch means (0 when every batch agrees). */
  standardError: number;
  /** Batches the error rests on, after merging correlated neighbours. */
  batches: number;
  /** Lag-1 correlation of the batch residuals that remained. */
  lag1: number;
}

const MIN_BATCHES = 10;
const MAX_LAG1 = 0.1;

/**
 * Ratio estimator Σ numerators / Σ denominators with its batch-means standard error: the residual
 * numerator − value·denominator of each batch, whose spread over batches (with the t correction
 * applied by the caller) carries the correlation within batches. Neighbouring batches are merged
 * while their residuals are correlated (lag 1 > 0.1) and at least 2·10 batches remain.
 */
export function batchMeans(chunks: readonly Batches[]): RatioEstimate {
  let current = chunks.map((c) => ({ numerators: [...c.numerators], denominators: [...c.denominators] }));
  const totalNumerator = current.reduce((s, c) => s + c.numerators.reduce((a, b) => a + b, 0), 0);
  const totalDenominator = current.reduce((s, c) => s + c.denominators.reduce((a, b) => a + b, 0), 0);
  const value = totalDenominator > 0 ? totalNumerator / totalDenominator : 0;
  for (;;) {
    const residuals = current.map((c) => c.numerators.map((x, i) => x - value * c.denominators[i]!));
    const count = residuals.reduce((s, r) => s + r.length, 0);
    let sumSquares = 0;
    let lagProducts = 0;
    for (const r of residuals) {
      for (let i = 0; i < r.length; i++) {
        sumSquares += r[i]! * r[i]!;
        if (i > 0) lagProducts += r[i]! * r[i - 1]!;
      }
    }
    const lag1 = sumSquares > 0 ? lagProducts / sumSquares : 0;
    if (lag1 > MAX_LAG1 && count >= 2 * MIN_BATCHES && current.every((c) => c.numerators.length >= 2)) {
      current = current.map(halve);
      continue;
    }
    const meanDenominator = totalDenominator / Math.max(count, 1);
    // Correlation that merging could not remove (too few batches left) widens the error as for an
    // AR(1) series: the variance of a mean of correlated batches is (1 + r)/(1 − r) times larger.
    const r = Math.min(Math.max(lag1, 0), 0.9);
    const inflation = Math.sqrt((1 + r) / (1 - r));
    const standardError = count > 1 && meanDenominator > 0 ? (inflation * Math.sqrt(sumSquares / (count * (count - 1)))) / meanDenominator : 0;
    return { value, standardError, batches: count, lag1 };
  }
}

/** value ± t·se at two-sided `level`, clipped to [lo, hi]. */
export function batchInterval(estimate: RatioEstimate, level: number, lo = 0, hi = Infinity): Interval {
  if (estimate.batches < 2) return [lo, hi];
  const half = studentQuantile(1 - (1 - level) / 2, estimate.batches - 1) * estimate.standardError;
  return [Math.max(lo, estimate.value - half), Math.min(hi, estimate.value + half)];
}

/** The smallest interval holding both. */
export function union(a: Interval, b: Interval): Interval {
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

export interface MergedStatistics {
  lookups: number;
  successes: number;
  unfinished: number;
  events: number;
  warmupEvents: number;
  successRate: number;
  failureRate: number;
  interval95: Interval;
  interval99: Interval;
  meanLatency: number | null;
  meanLatencyInterval95: Interval | null;
  batches: number;
  simulatedTime: number;
  unitFailures: number;
  outages: number;
  servedByAttempt: number[];
}

/**
 * Chunks (in index order, which the caller guarantees) → one estimate. Pure arithmetic on their
 * counts, so chunks run here or in workers or elsewhere merge to the same numbers.
 */
export function mergeChunks(chunks: readonly ChunkResult[]): MergedStatistics {
  const lookups = chunks.reduce((s, c) => s + c.lookups, 0);
  const successes = chunks.reduce((s, c) => s + c.successes, 0);
  const success = batchMeans(chunks.map((c) => ({ numerators: c.batchSuccesses, denominators: c.batchLookups })));
  const intervalAt = (level: number) => union(wilson(successes, lookups, level), batchInterval(success, level, 0, 1));
  const latency = batchMeans(chunks.map((c) => ({ numerators: c.batchLatency, denominators: c.batchSuccesses })));
  const served = chunks[0]?.servedByAttempt.map((_, i) => chunks.reduce((s, c) => s + c.servedByAttempt[i]!, 0)) ?? [];
  return {
    lookups,
    successes,
    unfinished: chunks.reduce((s, c) => s + c.unfinished, 0),
    events: chunks.reduce((s, c) => s + c.events, 0),
    warmupEvents: chunks.reduce((s, c) => s + c.warmupEvents, 0),
    successRate: lookups > 0 ? successes / lookups : 0,
    failureRate: lookups > 0 ? (lookups - successes) / lookups : 0,
    interval95: intervalAt(0.95),
    interval99: intervalAt(0.99),
    meanLatency: successes > 0 ? latency.value : null,
    meanLatencyInterval95: successes > 0 ? batchInterval(latency, 0.95, 0) : null,
    batches: success.batches,
    simulatedTime: chunks.reduce((s, c) => s + c.simulatedTime, 0),
    unitFailures: chunks.reduce((s, c) => s + c.unitFailures, 0),
    outages: chunks.reduce((s, c) => s + c.outages, 0),
    servedByAttempt: served,
  };
}
