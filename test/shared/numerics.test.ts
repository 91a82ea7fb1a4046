/**
 * The double-double building blocks and the load, each against exact arithmetic (decimal.js at the
 * exact values of the doubles), over the ranges the models call them with and their edges.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { context, exact } from "../../scripts/reference/exact";
import {
  dd,
  ddDiv,
  ddExp,
  ddLog,
  ddMul,
  loadOf,
  loadOfDD,
  loadOfRates,
  mm1hFreePlacesBound,
  mm1hMeanInSystemLn,
  parallelPower,
  prob,
  twoProduct,
  twoSum,
  wholePower,
  type DoubleDouble,
} from "../../shared/numerics";
import { SEED } from "./arbitraries";

const D = context(120);
const exactOf = (x: DoubleDouble) => exact(D, x.hi).plus(exact(D, x.lo));
const relativeError = (got: DoubleDouble | number, want: InstanceType<typeof D>) => {
  const value = typeof got === "number" ? exact(D, got) : exactOf(got);
  return want.isZero() ? value.abs().toNumber() : value.minus(want).div(want).abs().toNumber();
};
const runs = { numRuns: 300, seed: SEED };
// Wide enough for any product of the models' rates and counts, narrow enough that no product or
// error term leaves the normal doubles (where no double-double can be exact).
const magnitude = fc.double({ min: 1e-90, max: 1e90, noNaN: true }).chain((x) => fc.constantFrom(x, -x));

describe("error-free transformations", () => {
  it("two-sum and two-product are exact: hi + lo is the true sum and product", () => {
    fc.assert(
      fc.property(magnitude, magnitude, (a, b) => {
        const s = twoSum(a, b);
        expect(exactOf(s).eq(exact(D, a).plus(exact(D, b)))).toBe(true);
        expect(s.hi).toBe(a + b);
        const p = twoProduct(a, b);
        expect(exactOf(p).eq(exact(D, a).times(exact(D, b)))).toBe(true);
        expect(p.hi).toBe(a * b);
      }),
      runs,
    );
  });

  it("products and quotients of double-doubles keep about 106 bits", () => {
    fc.assert(
      fc.property(magnitude, magnitude, magnitude, (a, b, c) => {
        const x = twoProduct(a, b);
        const y = dd(c);
        expect(relativeError(ddMul(x, y), exactOf(x).times(exactOf(y)))).toBeLessThan(1e-30);
        expect(relativeError(ddDiv(x, y), exactOf(x).div(exactOf(y)))).toBeLessThan(1e-30);
      }),
      runs,
    );
  });
});

describe("exp and log in double-double", () => {
  it("ddExp is within 1e-30 where the models call it (|x| ≤ 45) and 1e-29 out to |x| = 670", () => {
    const xs = [0, 1e-20, 0.5, 0.34657, 1, -1, 10, -10, 45, -45, 300, -300, 670, -670];
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...xs), fc.double({ min: -670, max: 670, noNaN: true })), (x) => {
        expect(relativeError(ddExp(dd(x)), exact(D, x).exp())).toBeLessThan(Math.abs(x) <= 45 ? 1e-30 : 1e-29);
      }),
      runs,
    );
  });

  it("ddLog is within 1e-30 over the node counts the designs take (1 to 3.6e18), derived ones included", () => {
    const counts = fc.oneof(fc.constantFrom(1, 2, 3, 1e5, 123456.789, 3.6e18), fc.double({ min: 1, max: 3.6e18, noNaN: true }));
    fc.assert(
      fc.property(counts, fc.double({ min: 0.5, max: 2, noNaN: true }), (N, f) => {
        const x = twoProduct(N, f);
        const want = exactOf(x).ln();
        if (want.abs().lt(1e-3)) return; // absolute precision near 1, as its doc says
        expect(relativeError(ddLog(x), want)).toBeLessThan(1e-30);
      }),
      runs,
    );
    expect(ddLog(dd(1))).toEqual({ hi: 0, lo: 0 });
    expect(() => ddLog(dd(0))).toThrow(RangeError);
    expect(() => ddLog(dd(2 ** 996))).toThrow(RangeError);
  });
});

describe("the load: ln ρ and ρ − 1 together", () => {
  // The ratios where the forms switch (exactly ½ and 2) and their neighbours, and 1 ± 1e-12.
  const ratios = [0.5, 0.5 * (1 - 2 ** -52), 0.5 * (1 + 2 ** -52), 2, 2 * (1 - 2 ** -53), 2 * (1 + 2 ** -52), 1 - 1e-12, 1 + 1e-12, 1e-300, 1e12];
  it("is within a few ulps for a ρ given, a ratio of rates and a ratio of double-doubles", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...ratios), fc.double({ min: 1e-300, max: 1e12, noNaN: true })),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (ratio, scale) => {
          const b = scale;
          const a = ratio * b;
          const rho = exact(D, a).div(exact(D, b));
          for (const load of [loadOfRates(a, b), loadOfDD(dd(a), dd(b))]) {
            expect(relativeError(load.ln, rho.ln())).toBeLessThan(8 * Number.EPSILON);
            if (!rho.eq(1)) expect(relativeError(load.minusOne, rho.minus(1))).toBeLessThan(8 * Number.EPSILON);
          }
          const given = loadOf(ratio);
          expect(relativeError(given.ln, exact(D, ratio).ln())).toBeLessThan(4 * Number.EPSILON);
        },
      ),
      runs,
    );
  });

  it("forms ρ − 1 from the products, not from their rounded quotient", () => {
    // λ = 2000.0000002 over 2 × 1000: the quotient rounds to 1.0000000001000000083, 4e-8 off in ρ − 1.
    const load = loadOfDD(dd(2000.0000002), twoProduct(2, 1000));
    const rho = exact(D, 2000.0000002).div(2000);
    expect(relativeError(load.minusOne, rho.minus(1))).toBeLessThan(4 * Number.EPSILON);
    expect(relativeError(loadOf(2000.0000002 / 2000).minusOne, rho.minus(1))).toBeGreaterThan(1e-9);
  });
});

describe("the bound on an M/M/1/h node's free places, h − L (mm1hFreePlacesBound)", () => {
  // The DHT designs test the bound before they take L (dht-path.ts): their decision is the exact
  // one's only if the bound is never below h − L, as computed and as it is.
  const rate = fc.oneof(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.constantFrom(1, 2, 10, 100));
  const load = fc.oneof(
    fc.double({ min: 0, max: 1e12, noNaN: true }).map((rho) => ({ load: loadOf(rho), rho: exact(D, rho) })),
    fc.double({ min: 1 - 1e-3, max: 1 + 1e-3, noNaN: true }).map((rho) => ({ load: loadOf(rho), rho: exact(D, rho) })),
    fc.tuple(rate, rate).map(([a, b]) => ({ load: loadOfRates(a, b), rho: exact(D, a).div(exact(D, b)) })),
  );
  it("is at least h − L, the computed L and L in decimal, for any load and h from 1 to 10^6", () => {
    fc.assert(
      fc.property(load, fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 1e6 })), ({ load, rho }, h) => {
        const bound = mm1hFreePlacesBound(load, h);
        expect(bound).toBeGreaterThanOrEqual(h - mm1hMeanInSystemLn(load.ln, h));
        // L = ρ/(1 − ρ) − (h+1)ρ^{h+1}/(1 − ρ^{h+1}), h/2 at ρ = 1, in 120 digits.
        const power = rho.pow(h + 1);
        const L = rho.eq(1) ? exact(D, h / 2) : rho.div(D.sub(1, rho)).minus(power.times(h + 1).div(D.sub(1, power)));
        expect(exact(D, bound).gte(D.sub(h, L)), `ρ = ${rho.toPrecision(20)}, h = ${h}`).toBe(true);
      }),
      { ...runs, numRuns: 2000 },
    );
  });
  it("falls to about 1/(ρ − 1) for an overloaded node, where h + 1 bounds any load", () => {
    expect(mm1hFreePlacesBound(loadOf(2), 20)).toBe(2);
    expect(mm1hFreePlacesBound(loadOf(1.5), 1e4)).toBe(3);
    expect(mm1hFreePlacesBound(loadOf(0.5), 20)).toBe(21);
    expect(mm1hFreePlacesBound(loadOf(1 + 1e-9), 20)).toBe(21);
  });
});

describe("x^n for a whole n by squaring in double-double (wholePower)", () => {
  const power = fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0.999, max: 1, noNaN: true }),
    fc.constantFrom(0, 1, 0.5, 0.1, 1 - 2 ** -53, 2 ** -60),
  );
  it("is x^n correctly rounded wherever x^n ≥ 2^-900, n from 0 to 64 (the engine's pow is its own below)", () => {
    fc.assert(
      fc.property(power, fc.oneof(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 64 })), (x, n) => {
        const want = exact(D, x).pow(n);
        const got = wholePower(x, n);
        if (want.gte(2 ** -900)) expect(got, `${x}^${n}`).toBe(want.toNumber());
        else expect(got, `${x}^${n}`).toBe(x ** n);
      }),
      { ...runs, numRuns: 3000 },
    );
  });
  it("is the engine's pow for an n past 64 or not whole, and below 2^-900 (known from x's exponent, or at the end)", () => {
    for (const [x, n] of [
      [2 ** -60, 16],
      [0.75 * 2 ** -14, 64],
      [5e-324, 3],
      [0, 5],
      [0.999, 65],
      [0.999, 1025],
      [0.9999, 1e6],
      [0.3, 2.5],
    ] as const)
      expect(wholePower(x, n)).toBe(x ** n);
  });
});

describe("n units in parallel (parallelPower), either side of its branches", () => {
  // The fast path (p1 ≥ 0.5: q1^n squared out from the exact q1) meets the careful one (p1 < 0.5: e^{n·log1p(−p1)})
  // at p1 = 0.5, and p = 1 − q meets −expm1 at q = 0.5. Units right at, just above and just below
  // both, tiny ones and ones within an ulp of 1, against q1^n and 1 − q1^n in decimal.js.
  const nextUp = (x: number) => x + x * 2 ** -52;
  const nextDown = (x: number) => x - x * 2 ** -53;
  const halfToTheOneOverN = (n: number) => 1 - 0.5 ** (1 / n);
  const WIDE = context(700);
  const unit = fc.oneof(
    fc.constantFrom(0.5, nextUp(0.5), nextDown(0.5), 1, nextDown(1), 1e-300, 2 ** -60),
    fc.double({ min: 0.49, max: 0.51, noNaN: true }),
    fc.double({ min: 1e-20, max: 1, noNaN: true }),
    fc.integer({ min: 1, max: 64 }).map(halfToTheOneOverN),
  );
  it("keeps the unreliability and the success rate each within 1e-13 (a q below 1e-300 within 1e-300)", () => {
    fc.assert(
      fc.property(unit, fc.integer({ min: 0, max: 200 }), (p1, n) => {
        const got = parallelPower(prob(p1), n);
        // 1 − q1^n of a unit at 1e-300 needs 300 digits before it shows: 700 are carried.
        const q = exact(WIDE, 1).minus(exact(WIDE, p1)).pow(n);
        const p = exact(WIDE, 1).minus(q);
        for (const [value, want] of [
          [got.q, q],
          [got.p, p],
        ] as const) {
          const error = want.lt(1e-300) ? Math.abs(value - want.toNumber()) : exact(WIDE, value).minus(want).div(want).abs().toNumber();
          expect(error, `p1 = ${p1}, n = ${n}: got ${value}, want ${want.toPrecision(20)}`).toBeLessThanOrEqual(want.lt(1e-300) ? 1e-300 : 1e-13);
        }
      }),
      { ...runs, numRuns: 2000 },
    );
  });
});
