/**
 * kofn's identical members (numerics/binomial.ts): both binomial tails, P(X ≥ k) and P(X < k),
 * against the same sums in decimal.js at 700 digits, where the smaller side's few terms are summed
 * and its complement is formed without rounding. n up to 1e4; k near 1, near n and either side of
 * the five-term fast path's limit; members at 0, 1e-300, 0.5 and its neighbours, 1 − 1e-15, the
 * doubles next to 1, any double, and the members where the side summed crosses its branch points
 * (1/2, where the complement takes over; 2^-900, below which the recursion does). Fixed seed.
 */
import type Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { context, exact } from "../../scripts/reference/exact";
import { binomialTail, FEW_TERMS, TINY } from "../../shared/numerics/binomial";
import { SEED } from "./arbitraries";
import { evaluateModel } from "./fixtures";

const runs = (numRuns: number) => ({ numRuns, seed: SEED });
const u = 2 ** -53;
/** The bound the file's comment proves, 14u, with the measured pow (1.3 ulps) rounded up: 16u. */
const BOUND = 16 * u;
/** Below the smallest normal double, digits run out: an absolute error of a few subnormal steps. */
const SMALLEST_NORMAL = 2 ** -1022;
const SUBNORMAL_SLACK = 2 ** -1070;

const D = context(700);
const ONE = new D(1);

/** P(X < k) and P(X ≥ k) for n members of reliability R, from the side with fewer terms and 1 − it, in 700 digits. */
function tails(R: number, n: number, k: number): { value: Decimal; unreliability: Decimal } {
  const countFailures = n - k + 1 < k;
  const m = countFailures ? n - k + 1 : k;
  const r = exact(D, R);
  const q = ONE.minus(r);
  const [a, b] = countFailures ? [q, r] : [r, q];
  let sum = new D(0);
  let c = new D(1);
  for (let i = 0; i < m; i++) {
    if (i > 0) c = c.times(n - i + 1).div(i);
    sum = sum.plus(c.times(a.pow(i)).times(b.pow(n - i)));
  }
  const other = ONE.minus(sum);
  return countFailures ? { value: sum, unreliability: other } : { value: other, unreliability: sum };
}

/** got within BOUND of want relative, or within a few subnormal steps of it below the normal range. */
function check(got: number, want: Decimal, what: string): void {
  if (want.lt(SMALLEST_NORMAL)) {
    expect(Math.abs(got - want.toNumber()), `${what}: got ${got}, want ${want.toPrecision(20)}`).toBeLessThanOrEqual(SUBNORMAL_SLACK);
    return;
  }
  const error = exact(D, got).minus(want).div(want).abs().toNumber();
  expect(error, `${what}: got ${got}, want ${want.toPrecision(20)}, ${(error / u).toFixed(2)}u`).toBeLessThanOrEqual(BOUND);
}

const nextUp = (x: number) => x + x * 2 ** -52;
const nextDown = (x: number) => x - x * 2 ** -53;

/** n from 1 to 1e4, the small ones and the cap drawn on purpose. */
const size = fc.oneof(
  fc.constantFrom(1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 100, 9999, 10_000),
  fc.integer({ min: 1, max: 10_000 }),
  fc.integer({ min: 1, max: 60 }),
);
/** k near 1 or near n, d from the end: d = 4 is the last the fast path sums, d = 5 the first it leaves. */
const sizeAndK = size.chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc.integer({ min: 0, max: FEW_TERMS + 2 }).chain((d) => fc.constantFrom(Math.min(n, 1 + d), Math.max(1, n - d))),
  ),
);
/** Members that put the side summed at its branch points for this n and k, and members anyone may give. */
const member = (n: number, k: number) =>
  fc.oneof(
    fc.constantFrom(0, 5e-324, 1e-300, 1e-12, 1 / 3, 0.5, nextUp(0.5), nextDown(0.5), 0.9, 0.999999999999, 1 - 1e-15, 1 - 2 ** -52, 1 - 2 ** -53, 1),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0.49, max: 0.51, noNaN: true }),
    fc.double({ min: 1e-320, max: 1e-3, noNaN: true }),
    fc.integer({ min: 1, max: 2 ** 20 }).map((i) => 1 - i * 2 ** -53),
    // S = q^n or R^n at 1/2 (k = 1, k = n), at 2^-900, and the median near k (S ≈ 1/2 for k ≤ 5 from either end).
    fc.constantFrom(1 - 0.5 ** (1 / n), 0.5 ** (1 / n), 1 - TINY ** (1 / n), TINY ** (1 / n), (k - 1) / n, k / n, (k - 0.5) / n, Math.min(1, (k + 0.5) / n)),
    fc.double({ min: Math.max(0, (k - 2) / n), max: Math.min(1, (k + 1) / n), noNaN: true }),
  );
const cases = sizeAndK.chain(([n, k]) => fc.tuple(member(n, k), fc.constant(n), fc.constant(k)));

describe("identical members: the binomial tails against decimal.js", () => {
  it("P(X ≥ k) and P(X < k), each within 16u of itself (a subnormal within 2^-1070)", () => {
    fc.assert(
      fc.property(cases, ([R, n, k]) => {
        const got = binomialTail(R, n, k);
        const want = tails(R, n, k);
        const where = `R = ${R}, n = ${n}, k = ${k}`;
        check(got.p, want.value, `${where}: value`);
        check(got.q, want.unreliability, `${where}: unreliability`);
      }),
      runs(1000),
    );
  });

  it("is what kofn gives for one R with n", () => {
    fc.assert(
      fc.property(cases, ([R, n, k]) => {
        const got = binomialTail(R, n, k);
        const result = evaluateModel("kofn", { k, n, R });
        expect([result.value, result.unreliability]).toEqual([got.p, got.q]);
      }),
      runs(200),
    );
  });

  it("holds the planner's cases: 2 of 3 at 90%, 2 of n at 50% to 99.99%, 9999 of 1e4 within 1e-15 of 1", () => {
    for (const [R, n, k] of [
      [0.9, 3, 2],
      [0.5, 13, 2],
      [0.9999, 2, 2],
      [0.75, 7, 2],
      [1 - 1e-15, 10_000, 9999],
      [1 - 1e-15, 10_000, 10_000],
      [1e-300, 10_000, 1],
      [1e-300, 3, 2],
    ] as const) {
      const got = binomialTail(R, n, k);
      const want = tails(R, n, k);
      check(got.p, want.value, `R = ${R}, n = ${n}, k = ${k}: value`);
      check(got.q, want.unreliability, `R = ${R}, n = ${n}, k = ${k}: unreliability`);
    }
  });

  it("gives one member as itself: R to the bit, as a list of one does", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (R) => {
        expect(binomialTail(R, 1, 1).p).toBe(R);
        expect(evaluateModel("kofn", { k: 1, R }).value).toBe(R);
        expect(evaluateModel("kofn", { k: 1, R: [R] }).value).toBe(R);
      }),
      runs(500),
    );
    // Found by review: below 0.5 the sum took q's complement, an ulp off R.
    expect(binomialTail(0.23398723972964486, 1, 1).p).toBe(0.23398723972964486);
  });

  it("refuses n or k outside their ranges", () => {
    expect(() => binomialTail(0.9, 2, 3)).toThrow(RangeError);
    expect(() => binomialTail(0.9, 0, 1)).toThrow(RangeError);
    expect(() => binomialTail(0.9, 3, 1.5)).toThrow(RangeError);
  });
});
