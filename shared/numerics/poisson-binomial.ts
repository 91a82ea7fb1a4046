/**
 * The Poisson-binomial distribution: how many of n independent members work, member i with its own
 * probability R_i. kofn needs both tails, P(X ≥ k) and P(X < k), each to 1e-12 relative for n up to
 * 1e4 with members within 1e-15 of 1, and each member's Birnbaum importance, P(exactly k − 1 of the
 * others work).
 *
 * The method is the textbook recursion over the members, one at a time,
 *
 *   P_i(j) = P_{i−1}(j)·(1 − R_i) + P_{i−1}(j − 1)·R_i,
 *
 * a sum of two non-negative terms, so nothing ever cancels. Four refinements, each for a reason:
 * - It counts whichever event needs fewer states: the members that work, up to k − 1, when k is
 *   small, else the members that fail, up to n − k. The counts beyond the last state flow into one
 *   absorbing state, so both tails come out of one pass, each a sum of non-negative terms (the
 *   states' total and the absorbed mass), neither formed as 1 − the other. Work: n·min(k, n − k + 1).
 * - Every chance is carried as a double plus a correction (the rounding error of each product and
 *   sum, kept exactly by two-product and two-sum): the recursion's n steps would otherwise let the
 *   rounding errors of doubles grow to 2n ulps, 2.2e-12 at n = 1e4, beyond what is promised. The
 *   members' chances enter exactly: 1 − R_i is exact as a double for R_i ≥ 0.5 and kept as a
 *   double-double below (exactComplement).
 * - Chances are scaled by 2^960 (exact, undone at the end), so that chances down to 1e-597 stay
 *   normal doubles, corrections included: subnormal arithmetic is many times slower (unscaled, a
 *   pass over 1e4 members of 60% took ten times as long).
 * - Counts whose chance falls below 2^-1200 (scaled: 2^-240) are dropped from the window of counts
 *   held. The distribution is log-concave (a convolution of Bernoulli distributions), so those form
 *   the two ends of the window, and dropping
 *   them loses at most 1e8 · 2^-1200 ≈ 1e-353 absolutely, far below the smallest normal result.
 *   Reliable fleets then keep only the few counts of failure that can happen: n·30 steps, not n².
 */
import { SPLITTER } from "./double-double";
import { exactComplement, type Prob } from "./index";

/** 2^960: the scale every chance is carried at. Below 2^996, Veltkamp's split is still exact. */
const SCALE = 2 ** 960;
const UNSCALE = 2 ** -960;
/** A scaled chance below this (2^-1200 unscaled) is dropped from the window. */
const NEGLIGIBLE = 2 ** -240;

/** Each member's chance of the event counted ("hit") and of the other ("miss"), each exactly hi + lo. */
interface Chances {
  readonly hitHi: Float64Array;
  readonly hitLo: Float64Array;
  readonly missHi: Float64Array;
  readonly missLo: Float64Array;
}

/** The members' chances, counting the members that fail (hit = 1 − R_i) or that work (hit = R_i). */
function chancesOf(reliabilities: readonly number[], countFailures: boolean): Chances {
  const n = reliabilities.length;
  const chances = { hitHi: new Float64Array(n), hitLo: new Float64Array(n), missHi: new Float64Array(n), missLo: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const r = reliabilities[i]!;
    const q = exactComplement(r);
    const [hitHi, hitLo, missHi, missLo] = countFailures ? [q.hi, q.lo, r, 0] : [r, 0, q.hi, q.lo];
    chances.hitHi[i] = hitHi;
    chances.hitLo[i] = hitLo;
    chances.missHi[i] = missHi;
    chances.missLo[i] = missLo;
  }
  return chances;
}

/**
 * The distribution of the number of hits among the members added so far, scaled by 2^960: the
 * chance of count j is hi[j − base] + lo[j − base] for j in the window [bottom, top], 0 (negligible)
 * outside it, and the chance of more than `last` hits is overflowHi + overflowLo.
 */
class Counts {
  bottom: number;
  top: number;
  overflowHi = 0;
  overflowLo = 0;

  private constructor(
    /** The lowest count a slot is kept for. */
    readonly base: number,
    /** The highest count held; beyond it, the overflow. */
    readonly last: number,
    readonly hi: Float64Array,
    readonly lo: Float64Array,
  ) {
    this.bottom = base;
    this.top = base;
  }

  /** No member yet: zero hits, certainly. */
  static none(last: number): Counts {
    const counts = new Counts(0, last, new Float64Array(last + 1), new Float64Array(last + 1));
    counts.hi[0] = SCALE;
    return counts;
  }

  /** A copy of the counts from `from` up (the lower ones are not needed by whoever asks). */
  copyFrom(from: number): Counts {
    const base = Math.max(from, this.base);
    const counts = new Counts(base, this.last, this.hi.slice(base - this.base), this.lo.slice(base - this.base));
    counts.bottom = Math.max(this.bottom, base);
    counts.top = this.top;
    return counts;
  }

  /** The unscaled chance of exactly j hits. */
  at(j: number): number {
    return j < this.bottom || j > this.top ? 0 : (this.hi[j - this.base]! + this.lo[j - this.base]!) * UNSCALE;
  }

  /** The unscaled chance of at most `last` hits: the window's total, with compensation. */
  held(): number {
    let sum = 0;
    let error = 0;
    for (let s = this.bottom - this.base; s <= this.top - this.base; s++) {
      const x = this.hi[s]!;
      const t = sum + x;
      const back = t - sum;
      error += sum - (t - back) + (x - back) + this.lo[s]!;
      sum = t;
    }
    return (sum + error) * UNSCALE;
  }

  /** The unscaled chance of more than `last` hits. */
  overflow(): number {
    return (this.overflowHi + this.overflowLo) * UNSCALE;
  }

  /**
   * Add member i: P(j) ← P(j)·miss + P(j − 1)·hit over the window, the mass beyond `last` into the
   * overflow. Counts below `floor` are no longer needed (the caller's rule) and are dropped.
   *
   * Each product x·c is x·c_hi, split exactly into its double and its error (two-product over
   * Veltkamp's split, JavaScript having no fused multiply-add), plus x·c_lo; the two products' sum
   * by two-sum. Every error lands in lo, which carries the correction: lo stays within about 2n ulps
   * of hi, so its own roundings are of the order of an ulp squared. The splits and products are
   * written out rather than called (double-double.ts's twoProduct): each member's two splits are
   * made once, each count's once, and no object is made per step of the 5e7 a pass may take.
   */
  add(chances: Chances, i: number, floor = 0): void {
    const aHi = chances.hitHi[i]!;
    const aLo = chances.hitLo[i]!;
    const bHi = chances.missHi[i]!;
    const bLo = chances.missLo[i]!;
    let split = SPLITTER * aHi;
    const aH = split - (split - aHi);
    const aL = aHi - aH;
    split = SPLITTER * bHi;
    const bH = split - (split - bHi);
    const bL = bHi - bH;
    const { hi, lo, base, last } = this;

    if (this.top === last && this.bottom <= last) {
      const x = hi[last - base]!;
      split = SPLITTER * x;
      const xH = split - (split - x);
      const xL = x - xH;
      const p = x * aHi;
      const pError = aH * xH - p + (aH * xL + aL * xH) + aL * xL;
      const sum = this.overflowHi + p;
      const back = sum - this.overflowHi;
      const sumError = this.overflowHi - (sum - back) + (p - back);
      this.overflowHi = sum;
      this.overflowLo += pError + sumError + lo[last - base]! * aHi + x * aLo;
    }

    // Upwards through the window, `previous` holding P(j − 1) before this member (0 below the window).
    const newTop = Math.min(this.top + 1, last);
    let previous = 0;
    let previousLo = 0;
    let pH = 0;
    let pL = 0;
    for (let s = this.bottom - base; s <= newTop - base; s++) {
      const x = hi[s]!;
      const xLo = lo[s]!;
      split = SPLITTER * x;
      const xH = split - (split - x);
      const xL = x - xH;
      const stay = x * bHi;
      const stayError = bH * xH - stay + (bH * xL + bL * xH) + bL * xL;
      const move = previous * aHi;
      const moveError = aH * pH - move + (aH * pL + aL * pH) + aL * pL;
      const sum = stay + move;
      const back = sum - stay;
      const sumError = stay - (sum - back) + (move - back);
      hi[s] = sum;
      lo[s] = xLo * bHi + previousLo * aHi + (x * bLo + previous * aLo) + (stayError + moveError + sumError);
      previous = x;
      previousLo = xLo;
      pH = xH;
      pL = xL;
    }

    // Trim: negligible counts at the top (zeroed, since the window grows into them), then at the bottom.
    let top = newTop;
    let bottom = Math.max(this.bottom, floor);
    while (top >= bottom && hi[top - base]! < NEGLIGIBLE) {
      hi[top - base] = 0;
      lo[top - base] = 0;
      top--;
    }
    while (bottom <= top && hi[bottom - base]! < NEGLIGIBLE) bottom++;
    this.top = top;
    this.bottom = bottom;
  }
}

/**
 * P(at least k of the members work) as p and P(fewer than k work) as q, 1 ≤ k ≤ n, each directly: the
 * states' total and the absorbed mass of one pass (see the file's comment). With the members that
 * work counted (k ≤ n − k + 1), the states 0 … k − 1 hold the lower tail and the overflow the upper;
 * with the failures counted, the states 0 … n − k hold the upper tail.
 */
export function atLeastOf(reliabilities: readonly number[], k: number): Prob {
  const n = reliabilities.length;
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new RangeError(`atLeastOf needs a whole k from 1 to ${n}, got ${k}`);
  const countFailures = n - k + 1 < k;
  const chances = chancesOf(reliabilities, countFailures);
  const counts = Counts.none(countFailures ? n - k : k - 1);
  for (let i = 0; i < n; i++) counts.add(chances, i);
  const [held, overflow] = [Math.min(1, counts.held()), Math.min(1, counts.overflow())];
  return countFailures ? { p: held, q: overflow } : { p: overflow, q: held };
}

/**
 * For each member, the chance that exactly `j` of the others work: its Birnbaum importance in a
 * j + 1 of n system, P(j others) = R(i works) − R(i fails). Divide and conquer, so that no member's
 * "others" is recomputed from scratch (n passes, n²·j steps): a segment's outside distribution is
 * handed to each half after adding the other half's members, and only the counts that can still
 * reach j are kept. Work ≈ n·t·(log2(n/t) + 2) steps with t = min(j, n − 1 − j) (the smaller of
 * the others that work or fail), memory t·log2 n; each entry as exact as the tails.
 */
export function othersExactly(reliabilities: readonly number[], j: number): Float64Array {
  const n = reliabilities.length;
  if (!(Number.isInteger(j) && j >= 0 && j <= n - 1)) throw new RangeError(`othersExactly needs a whole j from 0 to ${n - 1}, got ${j}`);
  const countFailures = n - 1 - j < j;
  const target = countFailures ? n - 1 - j : j;
  const chances = chancesOf(reliabilities, countFailures);
  const out = new Float64Array(n);

  // `outside` is the distribution over the members outside [from, to), exact for every count from
  // target − (to − from − 1) up: the members inside but one add at most to − from − 1.
  const within = (from: number, to: number, outside: Counts): void => {
    if (to - from === 1) {
      out[from] = outside.at(target);
      return;
    }
    const mid = (from + to) >>> 1;
    handOn(from, mid, mid, to, outside);
    handOn(mid, to, from, mid, outside);
  };
  const handOn = (from: number, to: number, addFrom: number, addTo: number, outside: Counts): void => {
    // After s more members, counts from target − (segment − 1) + s are still exact and needed.
    const lowest = target - (Math.max(to, addTo) - Math.min(from, addFrom) - 1);
    const counts = outside.copyFrom(Math.max(0, lowest));
    for (let i = addFrom; i < addTo; i++) counts.add(chances, i, Math.max(0, lowest + (i - addFrom + 1)));
    within(from, to, counts);
  };
  within(0, n, Counts.none(target));
  return out;
}
