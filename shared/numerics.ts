/**
 * The numerically careful building blocks every model uses, written once.
 *
 * Planners live at five nines and beyond, where the number that matters is the unreliability
 * q = 1 − R. Forming R first and subtracting from 1 throws those digits away (1 − 1e-17 is 1 in
 * double precision), so every quantity here travels as a pair: the success probability `p` and its
 * complement `q`, each computed directly so that each is accurate to a few ulps on its own.
 */

/** A probability and its complement, each accurate on its own: p + q = 1 up to rounding. */
export interface Prob {
  readonly p: number;
  readonly q: number;
}

/**
 * A probability given as a double. For p ≥ 0.5 the complement 1 − p is exact (Sterbenz), and for
 * p < 0.5 the rounding of 1 − p is harmless because q ≥ 0.5 then.
 */
export function prob(p: number): Prob {
  return { p, q: 1 - p };
}

/**
 * Steady-state availability of a unit that fails and is repaired: A = MTTF/(MTTF + MTTR) and
 * U = MTTR/(MTTF + MTTR), each its own quotient, so neither is formed as 1 − the other (A would
 * cancel when MTTR ≫ MTTF, U when MTTF ≫ MTTR).
 */
export function availabilityOf(mttf: number, mttr: number): Prob {
  const total = mttf + mttr;
  return { p: mttf / total, q: mttr / total };
}

/** The complement: success becomes failure. */
export function complement(x: Prob): Prob {
  return { p: x.q, q: x.p };
}

/**
 * ln p, accurate whichever of p or q is small: log1p(−q) when q is small (ln of a number near 1
 * would lose the digits of q), ln p otherwise.
 */
export function logP(x: Prob): number {
  return x.q < 0.5 ? Math.log1p(-x.q) : Math.log(x.p);
}

/**
 * Series: every unit must work. p = p1·p2 and q = q1 + p1·q2, a sum of non-negative terms, so the
 * unreliability of a series of reliable units keeps all its digits.
 */
export function series(a: Prob, b: Prob): Prob {
  return { p: a.p * b.p, q: a.q + a.p * b.q };
}

/**
 * k identical units in series, k real ≥ 0 (an expected DHT path length need not be whole):
 * p = e^{k·ln p1}, q = −expm1(k·ln p1). ln p1 comes from logP, so neither side cancels.
 */
export function seriesPower(x: Prob, k: number): Prob {
  if (k === 0) return { p: 1, q: 0 };
  const l = logP(x);
  if (l === -Infinity) return { p: 0, q: 1 };
  const kl = k * l;
  return { p: Math.exp(kl), q: -Math.expm1(kl) };
}

/** n identical units in parallel: q = q1^n computed as e^{n·ln q1} with ln q1 taken carefully. */
export function parallelPower(x: Prob, n: number): Prob {
  // seriesPower on the complement, written out: this is the hot path of eq. (1) and of every hop.
  if (n === 0) return { p: 0, q: 1 };
  const lnQ = x.p < 0.5 ? Math.log1p(-x.p) : Math.log(x.q);
  if (lnQ === -Infinity) return { p: 1, q: 0 };
  const nl = n * lnQ;
  return { p: -Math.expm1(nl), q: Math.exp(nl) };
}

/** Product of several independent factors (eq. 3: Pup · Pqueued · Pserved). */
export function seriesAll(factors: readonly Prob[]): Prob {
  return factors.reduce(series, { p: 1, q: 0 });
}

/**
 * Nines of a reliability: −log10(q). Perfect reliability (q = 0, or an unreliability below the
 * smallest double) has unbounded nines: reported as Infinity, which surfaces must render.
 */
export function nines(q: number): number {
  return q <= 0 ? Infinity : q >= 1 ? 0 : -Math.log10(q);
}

/**
 * ln(a/b) for a, b ≥ 0, accurate near a = b too: there a − b is exact (Sterbenz) and log1p of the
 * relative difference keeps its digits, where ln of the rounded quotient would have an absolute
 * error of 1e-16, a relative error of 1e-4 in ln ρ at ρ = 1 + 1e-12.
 */
export function lnRatio(a: number, b: number): number {
  const ratio = a / b;
  return ratio >= 0.5 && ratio <= 2 ? Math.log1p((a - b) / b) : Math.log(ratio);
}

/**
 * M/M/1/h blocking probability and its complement for ρ ≥ 0 and capacity h ≥ 1:
 *   B = (1 − ρ)·ρ^h / (1 − ρ^{h+1}),   1 − B = (1 − ρ^h) / (1 − ρ^{h+1}),   B(1, h) = 1/(h+1).
 *
 * With L = ln ρ (ln itself is accurate near 1 and for tiny ρ, unlike log1p(ρ − 1)):
 * - ρ > 1: B = expm1(−L)/expm1(−(h+1)L) and 1 − B = e^{−L}·expm1(−hL)/expm1(−(h+1)L). Both
 *   expm1 arguments are negative, so the ratios stay in (−1, 0) for any h: no overflow, where the
 *   textbook ρ^{h+1} overflows at h ≈ 1750 for ρ = 1.5 (GNU Octave's qsmm1k returns NaN there).
 * - ρ < 1: B = expm1(L)·e^{hL}/expm1((h+1)L) and 1 − B = expm1(hL)/expm1((h+1)L): again each
 *   expm1 lies in (−1, 0), and e^{hL} underflows gracefully with B.
 * - ρ = 1 exactly: B = 1/(h+1); ρ = 1 ± 1e-12 goes through the general form, which is exact there.
 */
export function mm1hBlocking(rho: number, h: number): Prob {
  if (rho === 0) return { p: 0, q: 1 };
  if (rho === Infinity) return { p: 1, q: 0 };
  return mm1hBlockingLn(Math.log(rho), h);
}

/** mm1hBlocking given L = ln ρ, for callers that know ρ as a ratio of rates (see lnRatio). */
export function mm1hBlockingLn(l: number, h: number): Prob {
  if (l === -Infinity) return { p: 0, q: 1 };
  if (l === 0) return { p: 1 / (h + 1), q: h / (h + 1) };
  if (l > 0) {
    const denominator = Math.expm1(-(h + 1) * l);
    return { p: Math.expm1(-l) / denominator, q: (Math.exp(-l) * Math.expm1(-h * l)) / denominator };
  }
  const denominator = Math.expm1((h + 1) * l);
  return { p: (Math.expm1(l) * Math.exp(h * l)) / denominator, q: Math.expm1(h * l) / denominator };
}

/**
 * f(y) = 1/(1 − e^{−y}) − 1/y, smooth with f(0) = 1/2. Near 0 the two terms cancel, so there it is
 * summed from its Bernoulli series f(y) = Σ B_{2n} y^{2n−1}/(2n)! + 1/2 (error < 2e-16 for |y| < 0.5).
 */
function halfPlusBernoulli(y: number): number {
  if (Math.abs(y) < 0.5) {
    const y2 = y * y;
    // Coefficients B_{2n}/(2n)! for n = 1..6.
    return (
      0.5 +
      y *
        (1 / 12 +
          y2 *
            (-1 / 720 +
              y2 * (1 / 30240 + y2 * (-1 / 1209600 + y2 * (1 / 47900160 + y2 * (-691 / 1307674368000))))))
    );
  }
  return -1 / Math.expm1(-y) - 1 / y;
}

/**
 * Mean number of lookups held by an M/M/1/h node, the one in service included:
 *   L = ρ/(1 − ρ) − (h+1)·ρ^{h+1}/(1 − ρ^{h+1}),   L = h/2 at ρ = 1.
 *
 * The textbook form cancels catastrophically near ρ = 1 (Octave loses it at ρ = 1 ± 1e-12). With
 * x = ln ρ and y = (h+1)·x the same quantity is L = 1/expm1(−x) − (h+1)/expm1(−y), whose terms only
 * cancel when |y| is small; there L = (h+1)·f(y) − f(x) with f from its series, which does not.
 *
 * Takes x = ln ρ, which callers form from the rates (lnRatio) so that it keeps its digits near 1.
 */
export function mm1hMeanInSystemLn(x: number, h: number): number {
  if (x === -Infinity) return 0;
  if (x === 0) return h / 2;
  const y = (h + 1) * x;
  if (Math.abs(y) < 0.5) return (h + 1) * halfPlusBernoulli(y) - halfPlusBernoulli(x);
  return 1 / Math.expm1(-x) - (h + 1) / Math.expm1(-y);
}
