/**
 * The binomial tails: n identical independent members, each working with probability R, and X the
 * number that work. kofn's identical members need both tails, R = P(X ≥ k) and Q = P(X < k), each
 * within a few ulps of itself, as the Poisson-binomial recursion gives them, but at the cost of the
 * textbook formula rather than of its n·min(k, n − k + 1) compensated steps.
 *
 *   P(X = j) = C(n, j)·R^j·(1 − R)^(n−j),   R = Σ_{j≥k} P(X = j),   Q = Σ_{j<k} P(X = j)
 *
 * The side with fewer terms is summed directly: Q's k terms when k ≤ n − k + 1, else the value's
 * n − k + 1, written as failures i = n − j: Σ_{i≤n−k} C(n, i)·q^i·R^(n−i). Call that side S, its
 * m = min(k, n − k + 1) terms Σ_{i<m} C(n, i)·a^i·b^(n−i), a the chance of what is counted (working
 * or failing) and b of the other. Only for m ≤ 5 (FEW_TERMS), and only where every step is exact to
 * a few ulps:
 * - q = 1 − R enters exactly: a double for R ≥ 0.5 (Sterbenz), else qHi + qLo (two-sum) with
 *   qHi ≥ 0.5. Then q^e = qHi^e·(1 + qLo/qHi)^e = qHi^e·(1 + e·qLo/qHi), the square of
 *   e·qLo/qHi ≤ 1e4·2^-53 dropped (below 1e-24). A rounded q^e would be off by up to e/2 ulps.
 * - C(n, i) for i ≤ 4 is exact: C(n, i + 1) = C(n, i)·(n − i)/(i + 1), the product below 2^53 for
 *   n ≤ 1e4 (4·C(1e4, 4) = 1.7e15) and the quotient a whole number.
 * - Each power is one Math.pow (V8's is fdlibm's, "nearly rounded": within 1.3 ulps over 20,000
 *   draws with n up to 1e4 against decimal.js), so a term C·a^i·b^(n−i) is within 2·2.6u of the two
 *   powers, 3u of its two products and the correction: 8.2u, u = 2^-53. The terms are
 *   non-negative, so their sum is within 8.2u + 4u (m − 1 ≤ 4 additions) of S: 12.2u, 1.4e-15.
 * - A power may underflow where the term would not: its absolute error is then at most about
 *   2^-1074, times C ≤ 2^53, so 2^-1015 over the terms, nothing beside an S ≥ 2^-900 (TINY).
 *   Smaller S go to the recursion, which carries every chance scaled by 2^960.
 *
 * The other side O is 1 − S only where S ≤ 1/2: then O ≥ 1/2 and the subtraction costs half an ulp
 * of O, and S's error reaches O shrunk by S/O ≤ 1 (numerics' parallelPower takes p = 1 − q by the
 * same rule). Where S > 1/2, O < 1/2 and 1 − S would cancel, so O is computed directly: with one
 * term (k = 1: S = q^n, or k = n: S = R^n), O = 1 − b^n = −expm1(n·log1p(−a)), a exact there (b^n > 1/2
 * puts b above 1/2, so a = 1 − b is exact: a = R for k = 1, a = q of an R > 1/2 for k = n), within
 * 2u of log1p and the product and 2u of expm1, whose condition at x < 0 is below 1; with more, the
 * recursion. So R and Q are each within 14u (1.6e-15) of themselves, or come from the recursion.
 */
import { atLeastOf } from "./poisson-binomial";
import type { Prob } from "./index";

/** The most terms summed directly on the smaller side: C(n, i) is exact for i < 5 and n ≤ 1e4. */
export const FEW_TERMS = 5;
/** The largest n for which FEW_TERMS keeps C(n, i) exact (C(n, i)·(n − i) < 2^53 for i < 4). */
export const FEW_TERMS_MAX_N = 10_000;
/** Below this S may have lost digits to underflowing powers: the recursion takes it. */
export const TINY = 2 ** -900;

/**
 * P(at least k of n identical members work) as p and P(fewer than k) as q, 1 ≤ k ≤ n, each within
 * 14u of itself: the smaller side's few terms and its complement (see the file's comment), or the
 * Poisson-binomial recursion over n copies of R where that bound is not proven (more than
 * FEW_TERMS terms, S below TINY, or S > 1/2 with more than one term).
 */
export function binomialTail(R: number, n: number, k: number): Prob {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(k) && k >= 1 && k <= n))
    throw new RangeError(`binomialTail needs whole n ≥ 1 and k from 1 to n, got n = ${n}, k = ${k}`);
  // One member is itself, R to the bit, as the recursion gives it (the sum below would take q's complement).
  if (n === 1) return atLeastOf([R], 1);
  const countFailures = n - k + 1 < k;
  const m = countFailures ? n - k + 1 : k;
  if (m <= FEW_TERMS && n <= FEW_TERMS_MAX_N) {
    // q = 1 − R = qHi + qLo exactly (two-sum); qLo ≠ 0 only for R < 0.5, where qHi ≥ 0.5.
    const qHi = 1 - R;
    const back = qHi - 1;
    const qLo = 1 - (qHi - back) + (-R - back);
    // a: the chance of what is counted, b: of the other; one of them may carry a low part.
    const a = countFailures ? qHi : R;
    const b = countFailures ? R : qHi;
    // δ = qLo/qHi (0 when q is exact, so that R = 1, qHi = 0, never divides by it).
    const shift = qLo === 0 ? 0 : qLo / qHi;
    const aShift = countFailures ? shift : 0;
    const bShift = countFailures ? 0 : shift;
    let small = 0;
    let c = 1;
    for (let i = 0; i < m; i++) {
      if (i > 0) c = (c * (n - i + 1)) / i;
      const term = c * a ** i * b ** (n - i);
      // (x·(1 + δ))^e = x^e·(1 + e·δ): the low part's share, only when there is one.
      small += qLo === 0 ? term : term + term * (i * aShift + (n - i) * bShift);
    }
    if (small >= TINY) {
      if (small <= 0.5) {
        const other = 1 - small;
        return countFailures ? { p: small, q: other } : { p: other, q: small };
      }
      if (m === 1) {
        const other = -Math.expm1(n * Math.log1p(-a));
        return countFailures ? { p: small, q: other } : { p: other, q: small };
      }
    }
  }
  return atLeastOf(new Array<number>(n).fill(R), k);
}
