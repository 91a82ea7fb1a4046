/**
 * The numerically careful building blocks every model uses, written once.
 *
 * Planners live at five nines and beyond, where the number that matters is the unreliability
 * q = 1 − R. Forming R first and subtracting from 1 throws those digits away (1 − 1e-17 is 1 in
 * double precision), so every quantity here travels as a pair: the success probability `p` and its
 * complement `q`, each computed directly so that each is accurate to a few ulps on its own.
 */
import { type DoubleDouble, dd, ddMul, ddMulNumber, loadOfDD, twoSum, wholePower } from "./double-double";

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
 * q = −expm1(k·ln p1), with ln p1 from logP so that neither side cancels. While q < 0.5 the
 * complement p = 1 − q is exact to an ulp of p (p ≥ 0.5), so e^{k·ln p1} is only taken beyond.
 */
export function seriesPower(x: Prob, k: number): Prob {
  // One object made in one place (as in parallelPower): inlined into a caller that only reads it, it is never allocated.
  let p = 1;
  let q = 0;
  if (k === 1) {
    // One unit is itself (a one-hop path): exact, where e^{ln p1} would round twice.
    p = x.p;
    q = x.q;
  } else if (k !== 0) {
    const l = logP(x);
    if (l === -Infinity) {
      p = 0;
      q = 1;
    } else {
      const kl = k * l;
      q = -Math.expm1(kl);
      p = q < 0.5 ? 1 - q : Math.exp(kl);
    }
  }
  return { p, q };
}

/**
 * n identical units in parallel: q = q1^n, p = 1 − q while q < 0.5 (exact to an ulp of p, as in
 * seriesPower), −expm1(n·ln q1) beyond.
 *
 * A unit of p1 ≥ 0.5 has q1 ≤ 0.5 exact (Sterbenz), so q1^n is wholePower's, correctly rounded for
 * n ≤ 64 and within an ulp beyond (e^{n·ln q1} is off by up to |n·ln q1|/2 ulps, 470 near 1e-300),
 * and q ≤ 0.25 leaves p = 1 − q exact. Only a unit below 50%, whose q1 as a double has lost p1's
 * digits, takes the careful form: ln q1 = log1p(−p1), q = e^{n·ln q1}.
 */
export function parallelPower(x: Prob, n: number): Prob {
  // The hot path of eq. (1) and of every hop. Every branch ends in the one object literal below, a
  // copy of x included: an engine that inlines this into a caller which only reads the pair (a
  // sweep's cell) then never allocates it, where a result from one of several places must be.
  let p: number;
  let q: number;
  if (n === 0) {
    p = 0;
    q = 1;
  } else if (n === 1) {
    // One unit is itself: exact, and the same as a list of one (parallelAll).
    p = x.p;
    q = x.q;
  } else if (x.p >= 0.5) {
    q = wholePower(x.q, n);
    p = 1 - q;
  } else {
    // p1 < 0.5: ln q1 = log1p(−p1) is finite, and q reaches below 0.5 only for a large n.
    const nl = n * Math.log1p(-x.p);
    q = Math.exp(nl);
    p = q < 0.5 ? 1 - q : -Math.expm1(nl);
  }
  return { p, q };
}

/**
 * 1 − p exactly, as a double-double: for p ≥ 0.5 the double 1 − p is already exact (Sterbenz) and
 * the low part is 0; below, two-sum keeps the bits of p that 1 − p rounds away.
 */
export function exactComplement(p: number): DoubleDouble {
  return twoSum(1, -p);
}

/**
 * Σ x_i by Neumaier's compensated summation: the rounding error of every addition is collected
 * and added once at the end, so the sum is within about two ulps however many terms there are (a
 * plain sum of n terms of one sign drifts by up to n ulps).
 */
export function compensatedSum(xs: Iterable<number>): number {
  let sum = 0;
  let error = 0;
  for (const x of xs) {
    const s = twoSum(sum, x);
    sum = s.hi;
    error += s.lo;
  }
  return sum + error;
}

/**
 * Units in parallel, each its own: q = Π q_i, carried as a double-double so that ten thousand
 * factors keep the product to an ulp (a double product would drift by up to n/2 ulps, 5e-13 at
 * n = 1e4). A unit with p_i < 0.5 enters as 1 − p_i in double-double (exactComplement): its q_i ≥ 0.5
 * as a double is rounded by up to half an ulp, and ten thousand such roundings of one sign would
 * add up to 1e-12; from p_i it is exact (prob(p_i)), and never worse than q_i itself (p_i ≤ q_i).
 *
 * While q < 0.5, p = 1 − q is exact to an ulp of p; beyond (every unit below 50%), p is
 * −expm1(Σ ln q_i) with ln q_i = log1p(−p_i): terms of one sign, summed with compensation, so small
 * p_i keep their digits.
 */
export function parallelAll(units: readonly Prob[]): Prob {
  let product = dd(1);
  for (const u of units) product = u.p < 0.5 ? ddMul(product, exactComplement(u.p)) : ddMulNumber(product, u.q);
  const q = product.hi + product.lo;
  if (q < 0.5) return { p: 1 - product.hi - product.lo, q };
  return { p: -Math.expm1(compensatedSum(units.map((u) => Math.log1p(-u.p)))), q };
}

/**
 * Leave one out: for each unit, the product of every other unit's unreliability, Π_{j≠i} q_j (the
 * Birnbaum importance of a unit in parallel). From prefix and suffix products in double-double,
 * never by dividing Q by q_i, which may be 0. Each entry is within a few ulps.
 */
export function parallelOthers(units: readonly Prob[]): Float64Array {
  const n = units.length;
  const factor = (u: Prob) => (u.p < 0.5 ? exactComplement(u.p) : dd(u.q));
  // suffix[i] = Π_{j>i} q_j, as high and low parts.
  const suffixHi = new Float64Array(n);
  const suffixLo = new Float64Array(n);
  let after = dd(1);
  for (let i = n - 1; i >= 0; i--) {
    suffixHi[i] = after.hi;
    suffixLo[i] = after.lo;
    after = ddMul(after, factor(units[i]!));
  }
  const out = new Float64Array(n);
  let before = dd(1);
  for (let i = 0; i < n; i++) {
    const others = ddMul(before, { hi: suffixHi[i]!, lo: suffixLo[i]! });
    out[i] = others.hi + others.lo;
    before = ddMul(before, factor(units[i]!));
  }
  return out;
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

/** x to `digits` significant digits in scientific notation, exponent without "+", as planners write small probabilities: 2.4e-9, 1.0e-20, 1.5e6. */
export function scientific(x: number, digits: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  return x.toExponential(digits - 1).replace("e+", "e");
}

/**
 * A node's load ρ as the two numbers the queue formulas need, each to a few ulps of itself: ln ρ,
 * and ρ − 1, which is expm1(ln ρ) and so saves the queue formulas an exponential. Near ρ = 1 both
 * come from the rates' difference, never from a rounded quotient: ln of a ρ rounded to a double
 * has an absolute error of 1e-16, a relative error of 1e-4 in ln ρ at ρ = 1 + 1e-12, which a deep
 * queue amplifies h/2 times in the blocking probability.
 */
export interface Load {
  /** ρ itself, rounded to a double: what a result reports, never what a formula uses. */
  readonly rho: number;
  readonly ln: number;
  readonly minusOne: number;
}

/** The load of a node given ρ itself (a double is exactly the ρ meant: ρ − 1 is then exact near 1). */
export function loadOf(rho: number): Load {
  return { rho, ln: Math.log(rho), minusOne: rho - 1 };
}

/** The load a/b of two rates (see loadOfDD: within a factor 2, a − b is exact by Sterbenz). */
export function loadOfRates(a: number, b: number): Load {
  return loadOfDD(dd(a), dd(b));
}

/**
 * M/M/1/h blocking probability and its complement for ρ ≥ 0 and capacity h ≥ 1:
 *   B = (1 − ρ)·ρ^h / (1 − ρ^{h+1}),   1 − B = (1 − ρ^h) / (1 − ρ^{h+1}),   B(1, h) = 1/(h+1).
 *
 * With L = ln ρ and E1 = expm1(∓L), Eh = expm1(∓h·L) (the sign making both arguments negative),
 * expm1(∓(h+1)L) = Eh + E1·(1 + Eh), a sum of two terms of one sign, and:
 * - ρ < 1: B = E1·ρ^h / expm1((h+1)L), 1 − B = Eh / expm1((h+1)L), with E1 = ρ − 1;
 * - ρ > 1: B = E1 / expm1(−(h+1)L), 1 − B = Eh / (ρ·expm1(−(h+1)L)), with E1 = (1 − ρ)/ρ.
 * Every ratio stays in (−1, 0) for any h: no overflow, where the textbook ρ^{h+1} overflows at
 * h ≈ 1750 for ρ = 1.5 (GNU Octave's qsmm1k returns NaN there), and ρ^h underflows gracefully
 * with B. ρ − 1 is carried with L (Load), so E1 costs nothing, and ρ^h = 1 + Eh wherever that is
 * accurate: one or two exponentials in all. ρ = 1 exactly: B = 1/(h+1); ρ = 1 ± 1e-12 goes through
 * the general form, which is exact there.
 */
export function mm1hBlocking(rho: number, h: number): Prob {
  if (rho === 0) return { p: 0, q: 1 };
  if (rho === Infinity) return { p: 1, q: 0 };
  return mm1hBlockingAt(loadOf(rho), h);
}

/** mm1hBlocking for a load known by its logarithm and ρ − 1 (loadOfRates, loadOfDD). */
export function mm1hBlockingAt(load: Load, h: number): Prob {
  const l = load.ln;
  if (l === -Infinity) return { p: 0, q: 1 };
  if (l === 0) return { p: 1 / (h + 1), q: h / (h + 1) };
  if (l > 0) {
    const e1 = -load.minusOne / (1 + load.minusOne);
    const eh = Math.expm1(-h * l);
    const denominator = eh + e1 * (1 + eh);
    return { p: e1 / denominator, q: eh / ((1 + load.minusOne) * denominator) };
  }
  const hl = h * l;
  const eh = Math.expm1(hl);
  // While h·ln ρ > −½ (ρ^h > 0.6), 1 + Eh is ρ^h to an ulp; below, it would lose a small ρ^h's digits.
  const rhoPowerH = hl > -0.5 ? 1 + eh : Math.exp(hl);
  const denominator = eh + load.minusOne * rhoPowerH;
  return { p: (load.minusOne * rhoPowerH) / denominator, q: eh / denominator };
}

/**
 * f(y) = 1/(1 − e^{−y}) − 1/y, smooth with f(0) = 1/2. Near 0 the two terms cancel, so there it is
 * summed from its Bernoulli series f(y) = Σ B_{2n} y^{2n−1}/(2n)! + 1/2 (error < 2e-16 for |y| < 0.5).
 */
function halfPlusBernoulli(y: number): number {
  if (Math.abs(y) < 0.5) {
    const y2 = y * y;
    // Coefficients B_{2n}/(2n)! for n = 1..6.
    return 0.5 + y * (1 / 12 + y2 * (-1 / 720 + y2 * (1 / 30240 + y2 * (-1 / 1209600 + y2 * (1 / 47900160 + y2 * (-691 / 1307674368000))))));
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
 * Takes x = ln ρ, which callers form from the rates (a Load's ln) so that it keeps its digits near 1.
 */
export function mm1hMeanInSystemLn(x: number, h: number): number {
  if (x === -Infinity) return 0;
  // ρ below e^−700: 1/expm1(−x) would overflow to 0; there L = ρ/(1 − ρ) − … is ρ to 1e-304.
  if (x < -700) return Math.exp(x);
  if (x === 0) return h / 2;
  const y = (h + 1) * x;
  if (Math.abs(y) < 0.5) return (h + 1) * halfPlusBernoulli(y) - halfPlusBernoulli(x);
  return 1 / Math.expm1(-x) - (h + 1) / Math.expm1(-y);
}

/**
 * An upper bound on h − L, the mean number of free places at an M/M/1/h node (the gain d ln B/d ln ρ
 * of its blocking probability), for a cheap test before L itself is taken.
 *
 * The free places are the reversed queue: P(h − n free) ∝ (1/ρ)^(h−n), an M/M/1/h at load 1/ρ, whose
 * mean is below the unbounded M/M/1's, (1/ρ)/(1 − 1/ρ) = 1/(ρ − 1), for ρ > 1; and never above h.
 * The 1 added covers L's rounding, a few ulps of h + 1/(ρ − 1).
 *
 * Example: ρ = 2, h = 20: h − L = 0.99998999, bounded by 2 (where h + 1 = 21 would be the bound for any ρ).
 */
export function mm1hFreePlacesBound(load: Load, h: number): number {
  return (load.minusOne > 0 ? Math.min(h, 1 / load.minusOne) : h) + 1;
}

export * from "./double-double";
