/**
 * Double-double arithmetic: a number carried as the unevaluated sum hi + lo of two doubles
 * (|lo| ≤ ulp(hi)/2), about 106 significant bits, built on the error-free transformations
 * two-sum and two-product.
 *
 * Why the models need it: near full load with a deep queue the unreliability of a design moves
 * with ρ about replicas·h/2 times as fast as ρ itself (d ln Q/d ln ρ ≈ m·h/2, 4e9 at m = 8,
 * h = 1e9), so rounding ρ = λ·k/(N·µ) to a double, or even one of its products λ·k and N·µ, costs
 * up to that many ulps of Q. Carried as double-doubles, the products and the quotient keep ln ρ to
 * an ulp of itself, and ρ's rounding never reaches the blocking probability.
 *
 * The algorithms are the classical ones (Dekker 1971, Knuth's two-sum; the library of Hida, Li and
 * Bailey for exp and log). JavaScript has no fused multiply-add, so two-product splits its factors
 * (Veltkamp), exact for factors below 2^996.
 */

import type { Load } from "./index";

export interface DoubleDouble {
  readonly hi: number;
  readonly lo: number;
}

/** A double as a double-double (exact). */
export function dd(x: number): DoubleDouble {
  return { hi: x, lo: 0 };
}

/** a + b exactly, as s + e with s = fl(a + b) (Knuth). */
export function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

/** a + b exactly when |a| ≥ |b| (Dekker's fast two-sum): renormalises a double-double. */
function quickTwoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

/** 2^27 + 1, Veltkamp's splitter: x·SPLITTER − (x·SPLITTER − x) is x's high 26 bits. */
export const SPLITTER = 134217729;

/** a's high 26 bits (Veltkamp's split); a minus them is the low 26, exactly. */
function highHalf(a: number): number {
  const t = SPLITTER * a;
  return t - (t - a);
}

/** a·b exactly, as p + e with p = fl(a·b) (Dekker's two-product over Veltkamp's split). */
export function twoProduct(a: number, b: number): DoubleDouble {
  const p = a * b;
  const aHi = highHalf(a);
  const aLo = a - aHi;
  const bHi = highHalf(b);
  const bLo = b - bHi;
  return { hi: p, lo: aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo };
}

export function ddAdd(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const s = twoSum(x.hi, y.hi);
  const t = twoSum(x.lo, y.lo);
  const u = quickTwoSum(s.hi, s.lo + t.hi);
  return quickTwoSum(u.hi, u.lo + t.lo);
}

export function ddSub(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  return ddAdd(x, { hi: -y.hi, lo: -y.lo });
}

export function ddMul(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const p = twoProduct(x.hi, y.hi);
  return quickTwoSum(p.hi, p.lo + (x.hi * y.lo + x.lo * y.hi));
}

export function ddMulNumber(x: DoubleDouble, b: number): DoubleDouble {
  const p = twoProduct(x.hi, b);
  return quickTwoSum(p.hi, p.lo + x.lo * b);
}

/**
 * The largest whole power wholePower squares for itself: 6 squarings and 7 products at most. The
 * dozen or more a power near 1024 would take cost more than pow, which is within an ulp.
 */
const MAX_SQUARED_POWER = 64;

/** A double's bits, through one shared buffer: its binary exponent without a logarithm. */
const doubleBits = new Float64Array(1);
const doubleWords = new Uint32Array(doubleBits.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** e with x < 2^e for x ≥ 0 (⌊log2 x⌋ + 1 for a normal x; −1022 for 0 and the subnormals). */
function exponentAbove(x: number): number {
  doubleBits[0] = x;
  return ((doubleWords[HIGH_WORD]! >>> 20) & 0x7ff) - 1022;
}

/**
 * x^n for 0 ≤ x ≤ 1 and a whole n ≥ 0, by squaring in double-double: x^(2^j) squared and the powers
 * of n's bits multiplied in, each step to about 2^-104, so the one rounding that counts is the last:
 * the result is x^n correctly rounded but for a tie closer than 1e-15 ulp. V8's `x ** n` is within
 * an ulp (one in ten of a random sample off by one) and takes about twice as long (86–114 ns
 * against 39–63, n ≤ 12 on this machine).
 *
 * Every partial power lies between x^n and 1, so while x^n ≥ 2^-900 no product's error term falls
 * among the subnormals (two-product is exact there); below, and for n > 64 (or not whole), the
 * engine's pow. x's binary exponent e (x < 2^e) sends x^n < 2^(e·n) ≤ 2^-900 to pow before any
 * squaring (a sweep of 0.1^m over m to 1000 is mostly there); the rest of that range is found at
 * the end.
 * Written out in locals, where ddMul would make an object a step.
 *
 * Example: wholePower(0.1, 3) = 0.0010000000000000002 (the double nearest 0.1 cubed), as 0.1 ** 3.
 */
export function wholePower(x: number, n: number): number {
  if (!(n <= MAX_SQUARED_POWER && Number.isInteger(n)) || exponentAbove(x) * n <= -900) return x ** n;
  let hi = 1;
  let lo = 0;
  // x^(2^j): multiplied in where n's bit j is set, then squared while higher bits remain.
  let squareHi = x;
  let squareLo = 0;
  for (let bits = n; bits > 0; bits >>= 1) {
    // The square split once, for the product and for the next square alike.
    const top = highHalf(squareHi);
    const bottom = squareHi - top;
    if (bits & 1) {
      const p = hi * squareHi;
      const hiTop = highHalf(hi);
      const hiBottom = hi - hiTop;
      const error = hiTop * top - p + hiTop * bottom + hiBottom * top + hiBottom * bottom + (hi * squareLo + lo * squareHi);
      hi = p + error;
      lo = error - (hi - p);
    }
    if (bits > 1) {
      const p = squareHi * squareHi;
      const error = top * top - p + 2 * top * bottom + bottom * bottom + 2 * squareHi * squareLo;
      squareHi = p + error;
      squareLo = error - (squareHi - p);
    }
  }
  return hi < 2 ** -900 ? x ** n : hi + lo;
}

/** x / y: the quotient of the high parts, corrected once by the exact remainder. */
export function ddDiv(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const q1 = x.hi / y.hi;
  const r = ddSub(x, ddMulNumber(y, q1));
  const q2 = r.hi / y.hi;
  const r2 = ddSub(r, ddMulNumber(y, q2));
  return ddAdd(quickTwoSum(q1, q2), dd(r2.hi / y.hi));
}

export function ddDivNumber(x: DoubleDouble, b: number): DoubleDouble {
  return ddDiv(x, dd(b));
}

/** ln 2 to 106 bits (its low part from mpmath). */
const LN2: DoubleDouble = { hi: Math.LN2, lo: 2.3190468138462996e-17 };

/** 1/n! for the Taylor series of expm1, n = 1 … 9, each to 106 bits. */
const INVERSE_FACTORIALS: readonly DoubleDouble[] = (() => {
  const out: DoubleDouble[] = [];
  let factorial = 1;
  for (let n = 1; n <= 9; n++) {
    factorial *= n; // exact: 9! < 2^53
    out.push(ddDiv(dd(1), dd(factorial)));
  }
  return out;
})();

/** Halvings before the Taylor series: |r| ≤ ln2/2 becomes ≤ 3.4e-4, where nine terms reach 106 bits. */
const HALVINGS = 10;

/**
 * e^x for |x| ≤ 700: x = j·ln2 + r, expm1(r/2^10) by its Taylor series, then doubled back with
 * expm1(2s) = expm1(s)·(expm1(s) + 2), which keeps expm1's relative precision, and scaled by 2^j.
 * Within 1e-30 relative for |x| ≤ 45, where the models call it (ln N, ln N/d), and 1e-29 out to
 * |x| = 670 (ln 2's 106 bits times j); below −670 the low part falls among the subnormals and bits
 * are lost (3e-21 relative at −699).
 */
export function ddExp(x: DoubleDouble): DoubleDouble {
  if (!(Math.abs(x.hi) <= 700)) throw new RangeError(`ddExp is for |x| ≤ 700, got ${x.hi}`);
  const j = Math.round(x.hi / LN2.hi);
  const r = ddSub(x, ddMulNumber(LN2, j));
  const s = { hi: r.hi / 2 ** HALVINGS, lo: r.lo / 2 ** HALVINGS };
  // Horner: expm1(s) = s·(1 + s·(1/2! + s·(1/3! + …))), the factorials as double-doubles.
  let sum = INVERSE_FACTORIALS[INVERSE_FACTORIALS.length - 1]!;
  for (let n = INVERSE_FACTORIALS.length - 2; n >= 0; n--) sum = ddAdd(INVERSE_FACTORIALS[n]!, ddMul(s, sum));
  let expm1 = ddMul(s, sum);
  for (let i = 0; i < HALVINGS; i++) expm1 = ddMul(expm1, ddAdd(expm1, dd(2)));
  const e = ddAdd(dd(1), expm1);
  const scale = 2 ** j;
  return { hi: e.hi * scale, lo: e.lo * scale };
}

/**
 * ln x for e^−670 ≤ x < 2^996: one Newton step y + x·e^{−y} − 1 from y = Math.log(x.hi). Math.log
 * is within an ulp, so the step, whose error is the square of that, lands within about 1e-30 (ddExp's
 * own error), absolute near x = 1 (relative to ln x only to about 1e-32/|ln x| there). The models call
 * it with 1 ≤ x ≤ 3.6e18 (a number of nodes).
 */
export function ddLog(x: DoubleDouble): DoubleDouble {
  if (!(x.hi > 0 && x.hi < 2 ** 996)) throw new RangeError(`ddLog is for 0 < x < 2^996, got ${x.hi}`);
  const y = Math.log(x.hi);
  return ddAdd(dd(y), ddSub(ddMul(x, ddExp(dd(-y))), dd(1)));
}

/** log2 x for x > 0. */
export function ddLog2(x: DoubleDouble): DoubleDouble {
  return ddDiv(ddLog(x), LN2);
}

/**
 * The load a/b of two double-doubles: ln ρ and ρ − 1 to a few ulps of themselves. Within a factor
 * 2 the difference a − b is formed before anything rounds (a.hi − b.hi is exact by Sterbenz, the
 * low parts add their own difference), so ln ρ at ρ = 1 ± 1e-12 keeps every digit. A relative error
 * of 3 ulps in ln ρ reaches the unreliability at most 3 ulps · m·h·|ln ρ| times, below 1e-12
 * wherever a hop's unreliability is a normal double.
 */
export function loadOfDD(a: DoubleDouble, b: DoubleDouble): Load {
  const ratio = a.hi / b.hi;
  if (a.hi === 0) return { rho: 0, ln: -Infinity, minusOne: -1 };
  if (ratio >= 0.5 && ratio <= 2) {
    const minusOne = (a.hi - b.hi + (a.lo - b.lo)) / b.hi;
    return { rho: ratio, ln: Math.log1p(minusOne), minusOne };
  }
  // Far from 1, |ln ρ| ≥ ln 2 and the quotient's rounding is an ulp of it; the low parts add their share.
  return { rho: ratio, ln: Math.log(ratio) + (a.lo / a.hi - b.lo / b.hi), minusOne: ratio - 1 };
}
