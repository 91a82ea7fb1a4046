/**
 * kofn, at least k of n members working, beyond what the catalog-wide properties and the 50-digit
 * references check: its identities with rserver (k = 1) and a series (k = n), monotonicity in k and
 * in each member, invariance under reordering the members, both tails against the distribution in
 * decimal, and each member's Birnbaum importance against its definition. Fixed seed, bounded runs.
 */
import type Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { context, exact } from "../../scripts/reference/exact";
import { lookupModel, ValidationError } from "../../shared/index";
import { IMPORTANCE_MAX_WORK } from "../../shared/models/kofn";
import { atLeastOf, othersExactly } from "../../shared/numerics/poisson-binomial";
import { SEED } from "./arbitraries";
import { evaluateModel } from "./fixtures";

const runs = (numRuns: number) => ({ numRuns, seed: SEED });
const EPS = Number.EPSILON;
const kofn = lookupModel("kofn");

/** Members as planners and floating point care about them: the edges, the many nines, any double. */
const member = fc.oneof(
  fc.constantFrom(0, 5e-324, 1e-300, 1e-12, 0.5, 0.9, 0.999, 0.999999999999, 1 - 1e-15, 1 - 2 ** -45, 1 - 2 ** -53, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const list = (maxLength: number) => fc.array(member, { minLength: 1, maxLength });
/** A list and a k from 1 to its length. */
const listAndK = (maxLength: number) => list(maxLength).chain((R) => fc.tuple(fc.constant(R), fc.integer({ min: 1, max: R.length })));

/** The list with member i set to r, and without member i. */
const replaced = (R: readonly number[], i: number, r: number) => R.map((x, j) => (j === i ? r : x));
const without = (R: readonly number[], i: number) => R.filter((_, j) => j !== i);

const at = (k: number, R: number | readonly number[], n?: number) => evaluateModel("kofn", n === undefined ? { k, R } : { k, n, R });

/** |a − b| within `relative` of the larger, or both below the smallest normal number (where digits run out). */
function close(a: number, b: number, relative: number): boolean {
  return Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b)) || Math.max(a, b) < 1e-300;
}

/** P(X = j) for the number X of members that work, in 60-digit decimal: the recursion over members, with no truncation. */
function distribution(R: readonly number[]): Decimal[] {
  const D = context(60);
  let pmf = [new D(1)];
  for (const r of R) {
    const p = exact(D, r);
    const q = new D(1).minus(p);
    pmf = [...pmf.map((x) => x.times(q)), new D(0)].map((x, j) => (j > 0 ? x.plus(pmf[j - 1]!.times(p)) : x));
  }
  return pmf;
}
const total = (terms: readonly Decimal[]) => terms.reduce((a, b) => a.plus(b)).toNumber();

describe("kofn: identities", () => {
  it("k = 1 is rserver: any one of the members suffices", () => {
    fc.assert(
      fc.property(list(60), (R) => {
        const one = at(1, R);
        const parallel = evaluateModel("rserver", { Rs: R });
        expect(close(one.value, parallel.value, 1e-14), `value ${one.value} vs ${parallel.value}`).toBe(true);
        expect(close(one.unreliability!, parallel.unreliability!, 1e-14), `Q ${one.unreliability} vs ${parallel.unreliability}`).toBe(true);
      }),
      runs(300),
    );
  });

  it("k = n is the series of all members: R = Π R_i, Q = 1 − Π R_i", () => {
    fc.assert(
      fc.property(list(60), (R) => {
        const all = at(R.length, R);
        const series = R.reduce((product, r) => product * r, 1);
        // Q of a series, q1 + p1·q2 + …: terms of one sign, exact for R_i ≥ 0.5.
        let q = 0;
        let p = 1;
        for (const r of R) {
          q += p * (1 - r);
          p *= r;
        }
        expect(close(all.value, series, R.length * EPS), `value ${all.value} vs ${series}`).toBe(true);
        expect(close(all.unreliability!, Math.min(1, q), R.length * EPS), `Q ${all.unreliability} vs ${q}`).toBe(true);
      }),
      runs(300),
    );
  });

  it("one R with n equals the list of n equal members, and one R without n is one member", () => {
    fc.assert(
      fc.property(member, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (r, n, kDrawn) => {
        const k = Math.min(kDrawn, n);
        expect(at(k, r, n)).toEqual(at(k, new Array(n).fill(r)));
      }),
      runs(100),
    );
    expect(at(1, 0.9)).toEqual(at(1, [0.9]));
  });

  it("value + unreliability = 1 within a few ulps, each in [0, 1], for lists too", () => {
    fc.assert(
      fc.property(listAndK(80), ([R, k]) => {
        const { value, unreliability } = at(k, R);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        expect(unreliability).toBeGreaterThanOrEqual(0);
        expect(unreliability).toBeLessThanOrEqual(1);
        expect(Math.abs(value + unreliability! - 1)).toBeLessThanOrEqual(4 * EPS);
      }),
      runs(300),
    );
  });

  it("expectedWorking is Σ R_i", () => {
    expect(at(2, [0.9, 0.99, 0.999]).expectedWorking).toBeCloseTo(2.889, 14);
    expect(at(2, 0.9, 3).expectedWorking).toBeCloseTo(2.7, 14);
  });
});

describe("kofn: monotone and symmetric", () => {
  const slack = (x: number) => 1e-13 * x + 1e-300;

  it("needing more members never raises the value nor lowers the unreliability", () => {
    fc.assert(
      fc.property(list(60), (R) => {
        let previous = at(1, R);
        for (let k = 2; k <= R.length; k++) {
          const next = at(k, R);
          expect(next.value).toBeLessThanOrEqual(previous.value + slack(previous.value));
          expect(next.unreliability!).toBeGreaterThanOrEqual(previous.unreliability! - slack(previous.unreliability!));
          previous = next;
        }
      }),
      runs(100),
    );
  });

  it("a more reliable member never lowers the value nor raises the unreliability", () => {
    fc.assert(
      fc.property(listAndK(60), fc.nat(), member, ([R, k], which, other) => {
        const i = which % R.length;
        const [low, high] = [Math.min(R[i]!, other), Math.max(R[i]!, other)];
        const worse = at(k, replaced(R, i, low));
        const better = at(k, replaced(R, i, high));
        expect(better.value).toBeGreaterThanOrEqual(worse.value - slack(worse.value));
        expect(better.unreliability!).toBeLessThanOrEqual(worse.unreliability! + slack(worse.unreliability!));
      }),
      runs(300),
    );
  });

  it("the members' order does not matter", () => {
    fc.assert(
      fc.property(
        listAndK(80).chain(([R, k]) => fc.tuple(fc.constant(R), fc.constant(k), fc.shuffledSubarray(R, { minLength: R.length, maxLength: R.length }))),
        ([R, k, shuffled]) => {
          const a = at(k, R);
          const b = at(k, shuffled);
          expect(close(a.value, b.value, 4 * EPS), `value ${a.value} vs ${b.value}`).toBe(true);
          expect(close(a.unreliability!, b.unreliability!, 1e-14), `Q ${a.unreliability} vs ${b.unreliability}`).toBe(true);
        },
      ),
      runs(200),
    );
  });
});

describe("kofn: both tails against the distribution in decimal", () => {
  it("P(X ≥ k) and P(X < k), each within 1e-14 relative, however small", () => {
    fc.assert(
      fc.property(list(40), (R) => {
        const pmf = distribution(R);
        for (let k = 1; k <= R.length; k++) {
          const { value, unreliability } = at(k, R);
          const [upper, lower] = [total(pmf.slice(k)), total(pmf.slice(0, k))];
          expect(close(value, upper, 1e-14), `k = ${k}: value ${value} vs ${upper}`).toBe(true);
          expect(close(unreliability!, lower, 1e-14), `k = ${k}: Q ${unreliability} vs ${lower}`).toBe(true);
        }
      }),
      runs(60),
    );
  });

  it("keeps a tail of 1e-11 beside a value of 1 − 1e-11: 1e4 members within 1e-15 of 1, all needed", () => {
    const R = Array.from({ length: 1e4 }, (_, i) => 1 - (1 + (i % 7)) * 1e-16);
    const { value, unreliability } = at(1e4, R);
    // Q = 1 − Π R_i = Σ q_i − … ≈ 4e-12 for q_i ≈ 4e-16 on average; value = Π R_i.
    const D = context(60);
    const product = R.reduce((p, r) => p.times(exact(D, r)), new D(1));
    expect(close(value, product.toNumber(), 4 * EPS)).toBe(true);
    expect(close(unreliability!, new D(1).minus(product).toNumber(), 1e-13)).toBe(true);
  });

  it("refuses a k outside 1 … n in the numerics themselves", () => {
    expect(() => atLeastOf([0.9, 0.9], 3)).toThrow(RangeError);
    expect(() => atLeastOf([0.9], 0)).toThrow(RangeError);
    expect(() => othersExactly([0.9, 0.9], 2)).toThrow(RangeError);
  });
});

describe("kofn: Birnbaum importance, P(exactly k − 1 of the others work)", () => {
  const importanceOf = (k: number, R: number | readonly number[], n?: number) => kofn.importance!(kofn.params.parse(n === undefined ? { k, R } : { k, n, R }));
  /** The importances, which these lists are short enough to have. */
  const partsOf = (k: number, R: readonly number[]) => {
    const parts = importanceOf(k, R);
    if (!Array.isArray(parts)) throw new Error(`importance skipped: ${parts.skipped}`);
    return parts;
  };

  it("equals the others' distribution at k − 1, in decimal", () => {
    fc.assert(
      fc.property(listAndK(25), ([R, k]) => {
        const parts = partsOf(k, R);
        expect(parts).toHaveLength(R.length);
        parts.forEach((part, i) => {
          const want = distribution(without(R, i))[k - 1]!.toNumber();
          expect(close(part.importance, want, 1e-14), `member ${i}: ${part.importance} vs ${want}`).toBe(true);
          expect(part).toMatchObject({ param: "R", index: i, part: `R.${i} (member ${i + 1})`, reliability: R[i] });
        });
      }),
      runs(60),
    );
  });

  it("is R(member works) − R(member fails): kofn is linear in each member", () => {
    const R = Array.from({ length: 300 }, (_, i) => 0.3 + 0.4 * (((i * 7919) % 300) / 300));
    const k = 150;
    const parts = partsOf(k, R);
    for (const i of [0, 17, 299]) {
      const works = at(k, replaced(R, i, 1)).value;
      const fails = at(k, replaced(R, i, 0)).value;
      // Values near ½ and a difference of 1e-2 or so: the subtraction costs under 1e-13.
      expect(close(parts[i]!.importance, works - fails, 1e-12)).toBe(true);
    }
  });

  it("is empty for one R (all members alike) and beyond the cap on work, and computed up to it", () => {
    expect(importanceOf(2, 0.9, 3)).toEqual([]);
    const atCap = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? 0.999 : 0.9));
    expect(2000 * 1000).toBeLessThanOrEqual(IMPORTANCE_MAX_WORK);
    expect(importanceOf(1000, atCap)).toHaveLength(2000);
    const beyond = Array.from({ length: 3000 }, () => 0.9);
    expect(3000 * 1500).toBeGreaterThan(IMPORTANCE_MAX_WORK);
    expect(importanceOf(1500, beyond)).toMatchObject({ skipped: expect.stringMatching(/past the cap/) });
    // Long lists with k near 1 or n stay under the cap.
    expect(importanceOf(2, new Array(1e4).fill(0.9))).toHaveLength(1e4);
  });

  it("of a member when every member is certain is 0 unless k − 1 others are exactly what is left", () => {
    const certain = [1, 1, 1];
    expect(partsOf(3, certain).map((p) => p.importance)).toEqual([1, 1, 1]);
    expect(partsOf(2, certain).map((p) => p.importance)).toEqual([0, 0, 0]);
  });
});

describe("kofn: bad input", () => {
  const errors = (params: unknown) => {
    try {
      evaluateModel("kofn", params);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).errors;
    }
    throw new Error(`kofn accepted ${JSON.stringify(params)}`);
  };

  it("names k when it exceeds the members there are", () => {
    expect(errors({ k: 4, n: 3, R: 0.9 })).toEqual([{ path: "k", message: "k must be at most n (3): at least k of the n must work, got k = 4" }]);
    expect(errors({ k: 4, R: [0.9, 0.99, 0.999] })).toEqual([
      { path: "k", message: "k must be at most the number of R listed (3): at least k of them must work, got k = 4" },
    ]);
    expect(errors({ k: 2, R: 0.9 })).toEqual([
      { path: "k", message: "k must be 1 when R is one number without n (one member): give n, or list one R per member, got k = 2" },
    ]);
  });

  it("ties n to the list, and caps n and k at 1e4", () => {
    expect(errors({ k: 1, n: 2, R: [0.9, 0.99, 0.999] })).toEqual([
      { path: "n", message: "n must equal the number of R listed (3), or be left out: got n = 2" },
    ]);
    expect(errors({ k: 1, n: 10_001, R: 0.9 }).map((e) => e.path)).toEqual(["n"]);
    expect(errors({ k: 10_001, n: 10_000, R: 0.9 }).map((e) => e.path)).toEqual(["k"]);
    expect(errors({ k: 1.5, n: 3, R: 0.9 }).map((e) => e.path)).toEqual(["k"]);
    expect(errors({ k: 1, R: [0.9, Number.NaN] }).map((e) => e.path)).toEqual(["R.1"]);
  });

  it("computes the largest fleet it takes", () => {
    const R = Array.from({ length: 1e4 }, (_, i) => 0.5 + 0.5 * (((i * 7919) % 1e4) / 1e4));
    for (const k of [1, 5000, 9000, 1e4]) {
      const { value, unreliability } = at(k, R);
      expect(Math.abs(value + unreliability! - 1)).toBeLessThanOrEqual(4 * EPS);
    }
  });
});
