/**
 * Regenerative cycles and their ratio estimator.
 *
 * A path that returns to a regeneration state (every component up) starts afresh: its cycles are
 * independent and identically distributed. A time average is then E[Y]/E[τ], Y what a cycle
 * accrues (the time integral of a lookup's failure probability) and τ its length, each cycle
 * weighed by the likelihood ratio L of its path when it was drawn under a change of measure:
 *
 *   q̂ = Σ a_c / Σ b_c,   a_c = L_c·Y_c,  b_c = L_c·τ_c,
 *   se(q̂)² = n/(n − 1) · Σ (a_c − q̂·b_c)² / (Σ b_c)²         (the delta method on iid cycles).
 *
 * Cycles are independent by construction, so no batch correlation remains to correct. The sums
 * are kept per chunk, centred on the chunk's own ratio (so that the residuals do not cancel
 * catastrophically), and merge exactly into the run's in chunk order.
 */

export interface CycleSums {
  cycles: number;
  numerator: number;
  denominator: number;
  /** The chunk's own ratio, the centre of its residual sums. */
  centre: number;
  /** Σ (a − centre·b)². */
  residualSquares: number;
  /** Σ (a − centre·b)·b. */
  residualCross: number;
  /** Σ b². */
  denominatorSquares: number;
  /** Σ a²: with Σ a, the effective number of cycles the numerator rests on. */
  numeratorSquares: number;
  /** Σ L, Σ L², max L over the cycles: the likelihood ratio's own check (its mean is 1). */
  weightSum: number;
  weightSquares: number;
  weightMax: number;
  /** Cycles whose weight reached the cap, after which they went on under the original law. */
  weightCapped: number;
}

/** Collects one chunk's cycles, then centres its sums. */
export class CycleCollector {
  private a: number[] = [];
  private b: number[] = [];
  private weightSum = 0;
  private weightSquares = 0;
  private weightMax = 0;
  private weightCapped = 0;

  add(numerator: number, denominator: number, weight: number, capped: boolean): void {
    this.a.push(numerator);
    this.b.push(denominator);
    this.weightSum += weight;
    this.weightSquares += weight * weight;
    if (weight > this.weightMax) this.weightMax = weight;
    if (capped) this.weightCapped++;
  }

  get cycles(): number {
    return this.a.length;
  }

  sums(): CycleSums {
    const { a, b } = this;
    let numerator = 0;
    let denominator = 0;
    let numeratorSquares = 0;
    let denominatorSquares = 0;
    for (let i = 0; i < a.length; i++) {
      numerator += a[i]!;
      denominator += b[i]!;
      numeratorSquares += a[i]! * a[i]!;
      denominatorSquares += b[i]! * b[i]!;
    }
    const centre = denominator > 0 ? numerator / denominator : 0;
    let residualSquares = 0;
    let residualCross = 0;
    for (let i = 0; i < a.length; i++) {
      const r = a[i]! - centre * b[i]!;
      residualSquares += r * r;
      residualCross += r * b[i]!;
    }
    return {
      cycles: a.length,
      numerator,
      denominator,
      centre,
      residualSquares,
      residualCross,
      denominatorSquares,
      numeratorSquares,
      weightSum: this.weightSum,
      weightSquares: this.weightSquares,
      weightMax: this.weightMax,
      weightCapped: this.weightCapped,
    };
  }
}

export interface RatioOfCycles {
  value: number;
  standardError: number;
  cycles: number;
  /** (Σ a)²/Σ a²: how many equally weighted cycles would carry the same evidence. */
  effectiveCycles: number;
  weightMean: number;
  weightMeanError: number;
  weightMax: number;
  weightCapped: number;
}

/** Chunks' sums (in chunk order) → the run's ratio and its standard error. */
export function mergeCycles(chunks: readonly CycleSums[]): RatioOfCycles {
  let cycles = 0;
  let numerator = 0;
  let denominator = 0;
  let numeratorSquares = 0;
  let weightSum = 0;
  let weightSquares = 0;
  let weightMax = 0;
  let weightCapped = 0;
  for (const c of chunks) {
    cycles += c.cycles;
    numerator += c.numerator;
    denominator += c.denominator;
    numeratorSquares += c.numeratorSquares;
    weightSum += c.weightSum;
    weightSquares += c.weightSquares;
    weightMax = Math.max(weightMax, c.weightMax);
    weightCapped += c.weightCapped;
  }
  const value = denominator > 0 ? numerator / denominator : 0;
  let residualSquares = 0;
  for (const c of chunks) {
    const shift = c.centre - value;
    residualSquares += c.residualSquares + 2 * shift * c.residualCross + shift * shift * c.denominatorSquares;
  }
  const standardError = cycles > 1 && denominator > 0 ? Math.sqrt((Math.max(residualSquares, 0) * cycles) / (cycles - 1)) / denominator : 0;
  const weightMean = cycles > 0 ? weightSum / cycles : 0;
  const weightVariance = cycles > 1 ? Math.max(weightSquares - cycles * weightMean * weightMean, 0) / (cycles - 1) : 0;
  return {
    value,
    standardError,
    cycles,
    effectiveCycles: numeratorSquares > 0 ? (numerator * numerator) / numeratorSquares : 0,
    weightMean,
    weightMeanError: cycles > 0 ? Math.sqrt(weightVariance / cycles) : 0,
    weightMax,
    weightCapped,
  };
}
