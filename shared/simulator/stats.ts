/**
 * From chunk measurements to an estimate with confidence intervals.
 *
 * Lookups are not independent trials: while a server is down every lookup that needs it fails, so
 * failures come in runs as long as a repair. A binomial interval treats them as independent and is
 * far too narrow then; the method of batch means is not: it cuts each chunk into consecutive
 * batches, treats the batch failure rates as the observations, and needs batches long enough to be
 * nearly independent. So batches are sized by simulated time, each spanning several correlation
 * times of the slowest up/down process that matters (plan.ts works them out), and then merged while
 * the queues leave their neighbours correlated. A chunk too short for two such batches is one batch
 * (chunks are independent runs); a run left with too few batches says so and widens its interval.
 * The interval is a score interval at the batches' effective sample size: like Wilson's, it follows
 * the variance at the value it tests, so it does not undercover the side where failures are few.
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
  return wilsonScore(successes / trials, trials, normalQuantile(1 - (1 - level) / 2));
}

/**
 * The score interval of a proportion p measured with the precision of `n` independent trials (n may
 * be an effective sample size, not a whole number), at quantile z: the p′ with |p − p′| ≤ z·√(p′(1 − p′)/n).
 * Its width follows the variance at p′, not at p, so it does not undercover the side where p is small.
 */
export function wilsonScore(p: number, n: number, z: number): Interval {
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  // At p = 0 or 1 the bound on that side is exact, but centre ± half rounds a few ulps inside it.
  return [p === 0 ? 0 : Math.max(0, centre - half), p === 1 ? 1 : Math.min(1, centre + half)];
}

/**
 * Batches of one chunk: numerators (successes or latency sums) over denominators (lookups or
 * successes), and the simulated seconds each spans.
 */
export interface Batches {
  numerators: number[];
  denominators: number[];
  spans: number[];
}

/** Merge neighbours within a chunk (never across chunks: they are separate runs). */
function halve(chunk: Batches): Batches {
  const out: Batches = { numerators: [], denominators: [], spans: [] };
  for (let i = 0; i < chunk.numerators.length; i += 2) {
    out.numerators.push(chunk.numerators[i]! + (chunk.numerators[i + 1] ?? 0));
    out.denominators.push(chunk.denominators[i]! + (chunk.denominators[i + 1] ?? 0));
    out.spans.push(chunk.spans[i]! + (chunk.spans[i + 1] ?? 0));
  }
  return out;
}

/**
 * Merge consecutive batches of a chunk until each spans at least `minSpan` simulated seconds; what
 * is left at the end (shorter) joins the last one. A chunk shorter than two such batches becomes one
 * batch: chunks are independent runs, so their means are independent even when short.
 */
function spanned(chunk: Batches, minSpan: number): Batches {
  if (!(minSpan > 0)) return { numerators: [...chunk.numerators], denominators: [...chunk.denominators], spans: [...chunk.spans] };
  const out: Batches = { numerators: [], denominators: [], spans: [] };
  let numerator = 0;
  let denominator = 0;
  let span = 0;
  const n = chunk.numerators.length;
  for (let i = 0; i < n; i++) {
    numerator += chunk.numerators[i]!;
    denominator += chunk.denominators[i]!;
    span += chunk.spans[i]!;
    if (span >= minSpan || i === n - 1) {
      if (span < minSpan && out.numerators.length > 0) {
        const last = out.numerators.length - 1;
        out.numerators[last]! += numerator;
        out.denominators[last]! += denominator;
        out.spans[last]! += span;
      } else {
        out.numerators.push(numerator);
        out.denominators.push(denominator);
        out.spans.push(span);
      }
      numerator = 0;
      denominator = 0;
      span = 0;
    }
  }
  return out;
}

export interface RatioEstimate {
  value: number;
  /** Standard error from batch means (0 when every batch agrees). */
  standardError: number;
  /** Batches the error rests on, after merging correlated neighbours. */
  batches: number;
  /** Lag-1 correlation of the batch residuals that remained. */
  lag1: number;
  /** Chunks too short for two batches of the span asked, each taken whole as one batch. */
  wholeChunks: number;
}

const MIN_BATCHES = 10;
const MAX_LAG1 = 0.1;

export interface BatchOptions {
  /** Simulated seconds each batch must span, merging neighbours within a chunk (0: as they come). */
  minSpan?: number;
  /**
   * Merge neighbours further while their residuals are correlated (lag 1 > 0.1, the queues' own
   * correlation) and at least 2·10 batches remain, then widen for what is left as for an AR(1)
   * series. False when `minSpan` already spans the correlation: only neighbours then share it, across
   * their common boundary, and the widening is that of an MA(1) series.
   */
  mergeCorrelated?: boolean;
}

/**
 * Ratio estimator Σ numerators / Σ denominators with its batch-means standard error: the residual
 * numerator − value·denominator of each batch, whose spread over batches (with the t correction
 * applied by the caller) carries the correlation within batches. Batches are first merged within
 * each chunk until each spans `minSpan` simulated seconds; a chunk too short for two is one batch.
 */
export function batchMeans(chunks: readonly Batches[], { minSpan = 0, mergeCorrelated = true }: BatchOptions = {}): RatioEstimate {
  let current = chunks.map((c) => spanned(c, minSpan));
  const wholeChunks = minSpan > 0 ? current.filter((c) => c.numerators.length === 1).length : 0;
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
    if (mergeCorrelated && lag1 > MAX_LAG1 && count >= 2 * MIN_BATCHES && current.every((c) => c.numerators.length >= 2)) {
      current = current.map(halve);
      continue;
    }
    const meanDenominator = totalDenominator / Math.max(count, 1);
    // The correlation left between neighbours widens the error: the variance of a mean of batches
    // is (1 + r)/(1 − r) times larger for an AR(1) series (what merging could not remove), 1 + 2r
    // when only neighbours are correlated (batches longer than the correlation: the part of each
    // near their common boundary). For exponential correlation of time τ and batches of c·τ, r is
    // about 1/(2(c − 1)) and 1 + 2r = c/(c − 1) is exactly what batch means miss.
    const r = Math.min(Math.max(lag1, 0), 0.9);
    const inflation = Math.sqrt(mergeCorrelated ? (1 + r) / (1 - r) : 1 + 2 * r);
    const standardError = count > 1 && meanDenominator > 0 ? (inflation * Math.sqrt(sumSquares / (count * (count - 1)))) / meanDenominator : 0;
    return { value, standardError, batches: count, lag1, wholeChunks };
  }
}

/** value ± t·se at two-sided `level`, clipped to [lo, hi]. */
export function batchInterval(estimate: RatioEstimate, level: number, lo = 0, hi = Infinity): Interval {
  if (estimate.batches < 2) return [lo, hi];
  const half = studentQuantile(1 - (1 - level) / 2, estimate.batches - 1) * estimate.standardError;
  return [Math.max(lo, estimate.value - half), Math.min(hi, estimate.value + half)];
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
  /** The failure rate's own intervals, from the failure counts. */
  unreliabilityInterval95: Interval;
  unreliabilityInterval99: Interval;
  /** Batch-means standard error of the failure rate (the success rate's is the same). */
  standardError: number;
  /**
   * Independent lookups that would give that standard error, Q(1 − Q)/se², at most the lookups:
   * the lookups when no failure (or nothing but failures) was seen, 0 when one batch leaves no error to speak of.
   */
  effectiveSampleSize: number;
  meanLatency: number | null;
  meanLatencyInterval95: Interval | null;
  batches: number;
  /** Correlation time of the slowest failure process that matters, seconds (0: none does). */
  correlationTime: number;
  /** For each of the cycles given, whether it matters (adds more than a negligible share to the variance). */
  cyclesThatMatter: boolean[];
  /** Simulated seconds each batch spans at least: SPAN_IN_CORRELATION_TIMES × correlationTime. */
  minBatchSpan: number;
  /** Chunks too short for two such batches, each taken as one batch. */
  wholeChunks: number;
  /** Failures and successes seen, but fewer than MIN_INDEPENDENT_BATCHES batches: the run is too short to tell. */
  tooShort: boolean;
  simulatedTime: number;
  unitFailures: number;
  outages: number;
  servedByAttempt: number[];
}

/** A failure process as the intervals need it (plan.ts's FailureCycle): its correlation time and variance bound. */
export interface Cycle {
  tau: number;
  variance: number;
}

/** What sets how long lookups' outcomes stay correlated (plan.ts): the failure processes, and how long one lookup takes. */
export interface Correlation {
  cycles: readonly Cycle[];
  /** Seconds after its arrival that a lookup's outcome may depend on the state. */
  lookupReach: number;
}

/**
 * The constants of the intervals (see the README's Statistics): batches span at least `span`
 * correlation times of the slowest failure process that matters; a process matters when it can add
 * more than `negligible` × Q(1 − Q) to the variance of one lookup's outcome; with fewer than
 * `minBatches` batches the run is too short to tell.
 */
export interface Tuning {
  span: number;
  negligible: number;
  minBatches: number;
}

export const TUNING: Tuning = { span: 5, negligible: 0.05, minBatches: 8 };

/**
 * Which failure processes matter: those that can add more than a negligible share to the variance
 * of the failure rate beside the binomial Q(1 − Q). One that adds less (failures so rare, or repairs
 * so short, that the lookups' own noise swamps them) is left out: the batches are then sized by the
 * queues' correlation alone (the lag-1 merge), as for blocking. With no failure seen every one matters.
 */
export function cyclesThatMatter(cycles: readonly Cycle[], failureRate: number, negligible = TUNING.negligible): boolean[] {
  const binomial = failureRate * (1 - failureRate);
  return cycles.map((c) => c.variance > negligible * binomial);
}

/**
 * Chunks (in index order, which the caller guarantees) → one estimate. Pure arithmetic on their
 * counts, so chunks run here or in workers or elsewhere merge to the same numbers.
 *
 * The intervals: batch means on the failure counts, with batches at least `span` correlation times
 * of the slowest failure process that matters (a chunk too short for two is one batch); then the
 * score (Wilson) interval at the effective sample size Q̂(1 − Q̂)/se², never above the lookups, with
 * Student's t on batches − 1 degrees of freedom. With
 * fewer than `minBatches` batches, the t quantile at half the miss rate; with one, [0, 1]. With no
 * failure seen (or no success) the batches cannot speak and Wilson's interval, as if lookups were
 * independent, is what remains.
 */
export function mergeChunks(
  chunks: readonly ChunkResult[],
  correlation: Correlation = { cycles: [], lookupReach: 0 },
  tuning: Tuning = TUNING,
): MergedStatistics {
  const { cycles, lookupReach } = correlation;
  const lookups = chunks.reduce((s, c) => s + c.lookups, 0);
  const successes = chunks.reduce((s, c) => s + c.successes, 0);
  const failures = lookups - successes;
  const failureRate = lookups > 0 ? failures / lookups : 0;
  const matter = cyclesThatMatter(cycles, failureRate, tuning.negligible);
  const tau = cycles.reduce((slowest, c, i) => (matter[i] ? Math.max(slowest, c.tau) : slowest), 0);
  // Lookups wait on later states only through later attempts: none seen, and their reach is moot.
  const served = chunks[0]?.servedByAttempt.map((_, i) => chunks.reduce((s, c) => s + c.servedByAttempt[i]!, 0)) ?? [];
  const retried = failures > 0 || served.some((x, i) => i > 0 && x > 0);
  const reach = retried ? lookupReach : 0;
  const minSpan = Math.max(reach, tuning.span * tau);
  const failure = batchMeans(
    chunks.map((c) => ({ numerators: c.batchLookups.map((l, i) => l - c.batchSuccesses[i]!), denominators: c.batchLookups, spans: c.batchSpan })),
    { minSpan, mergeCorrelated: tau === 0 },
  );
  const se = failure.standardError;
  const mixed = failures > 0 && successes > 0;
  const tooShort = mixed && failure.batches < tuning.minBatches;
  const effective = !mixed || se === 0 ? (mixed && failure.batches < 2 ? 0 : lookups) : Math.min(lookups, (failureRate * (1 - failureRate)) / (se * se));
  const scoreAt = (count: number, level: number): Interval => {
    if (lookups === 0 || (mixed && failure.batches < 2)) return [0, 1];
    const miss = (1 - level) / 2;
    if (!mixed) return wilsonScore(count / lookups, lookups, normalQuantile(1 - miss));
    return wilsonScore(count / lookups, effective, studentQuantile(1 - (tooShort ? miss / 2 : miss), failure.batches - 1));
  };
  // Latency is sized by the failures only when some were seen: none, and they cannot have moved it.
  const failed = chunks.some((c) => c.unitFailures + c.outages > 0);
  const latency = batchMeans(
    chunks.map((c) => ({ numerators: c.batchLatency, denominators: c.batchSuccesses, spans: c.batchSpan })),
    { minSpan: failed ? minSpan : reach, mergeCorrelated: !failed || tau === 0 },
  );
  return {
    lookups,
    successes,
    unfinished: chunks.reduce((s, c) => s + c.unfinished, 0),
    events: chunks.reduce((s, c) => s + c.events, 0),
    warmupEvents: chunks.reduce((s, c) => s + c.warmupEvents, 0),
    successRate: lookups > 0 ? successes / lookups : 0,
    failureRate,
    interval95: scoreAt(successes, 0.95),
    interval99: scoreAt(successes, 0.99),
    unreliabilityInterval95: scoreAt(failures, 0.95),
    unreliabilityInterval99: scoreAt(failures, 0.99),
    standardError: se,
    effectiveSampleSize: effective,
    meanLatency: successes > 0 ? latency.value : null,
    meanLatencyInterval95: successes > 0 ? batchInterval(latency, 0.95, 0) : null,
    batches: failure.batches,
    correlationTime: tau,
    cyclesThatMatter: matter,
    minBatchSpan: minSpan,
    wholeChunks: failure.wholeChunks,
    tooShort,
    simulatedTime: chunks.reduce((s, c) => s + c.simulatedTime, 0),
    unitFailures: chunks.reduce((s, c) => s + c.unitFailures, 0),
    outages: chunks.reduce((s, c) => s + c.outages, 0),
    servedByAttempt: served,
  };
}
