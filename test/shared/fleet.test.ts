/**
 * Mixed fleets in rserver and rdht: the product of the members' unreliabilities kept exact over ten
 * thousand members, and each member's Birnbaum importance against its definition, in decimal (a
 * product over the others for rserver, a central difference of R for rdht). Fixed seed.
 */
import type Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { context, exact } from "../../scripts/reference/exact";
import { lookupModel } from "../../shared/index";
import { fleetSize } from "../../shared/models/fleet";
import { parallelAll, prob } from "../../shared/numerics";
import { SEED } from "./arbitraries";
import { evaluateModel } from "./fixtures";

const runs = (numRuns: number) => ({ numRuns, seed: SEED });
/** 1100 digits: 1 − Π (1 − R_i) keeps a subnormal R_i's digits (5e-324 has 750 of them). */
const D = context(1100);
const one = new D(1);

const member = fc.oneof(
  fc.constantFrom(0, 5e-324, 1e-300, 1e-12, 0.1, 0.5, 0.9, 0.999999999999, 1 - 2 ** -45, 1 - 2 ** -53, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const list = (maxLength: number) => fc.array(member, { minLength: 1, maxLength });

/** Π (1 − R_i) over the members, in decimal. */
const allFail = (R: readonly number[]): Decimal => R.reduce((q, r) => q.times(one.minus(exact(D, r))), new D(1));

/** Relative error, with anything below the smallest normal number as good as 0 (its digits run out). */
function relative(got: number, want: Decimal): number {
  if (want.isZero()) return got === 0 ? 0 : Infinity;
  if (want.abs().lt(1e-300)) return got >= 0 && got < 1e-299 ? 0 : Infinity;
  return new D(got).minus(want).div(want).abs().toNumber();
}

describe("a fleet's size and members", () => {
  it("one number is `count` equal members, one without a count; a list is itself", () => {
    expect(fleetSize(0.9, 3)).toBe(3);
    expect(fleetSize(0.9, undefined)).toBe(1);
    expect(fleetSize([0.9, 0.99], undefined)).toBe(2);
  });
});

describe("members in parallel: Q = Π (1 − R_i), each factor exact", () => {
  it("agrees with the decimal product within a few ulps, for any list", () => {
    fc.assert(
      fc.property(list(50), (R) => {
        const got = parallelAll(R.map(prob));
        const q = allFail(R);
        expect(relative(got.q, q)).toBeLessThanOrEqual(4 * Number.EPSILON);
        expect(relative(got.p, one.minus(q))).toBeLessThanOrEqual(4 * Number.EPSILON);
      }),
      runs(300),
    );
  });

  it("keeps ten thousand members below 50% exact, where rounding each 1 − R_i would drift", () => {
    // fl(1 − 0.3) is 2.8e-17 relative below 0.7; ten thousand such factors would be 4e-13 off.
    const R = new Array(1e4).fill(0.3);
    const got = parallelAll(R.map(prob));
    expect(relative(got.q, allFail(R))).toBeLessThanOrEqual(4 * Number.EPSILON);
    const tiny = Array.from({ length: 1e4 }, (_, i) => (1 + (i % 10)) * 1e-5);
    const both = parallelAll(tiny.map(prob));
    expect(relative(both.q, allFail(tiny))).toBeLessThanOrEqual(4 * Number.EPSILON);
    expect(relative(both.p, one.minus(allFail(tiny)))).toBeLessThanOrEqual(4 * Number.EPSILON);
  });
});

describe("Birnbaum importance of a listed member", () => {
  const importance = (model: string, params: Record<string, unknown>) => {
    const definition = lookupModel(model);
    const parts = definition.importance!(definition.params.parse(params));
    if (!Array.isArray(parts)) throw new Error(`${model}: importance skipped: ${parts.skipped}`);
    return parts;
  };

  it("rserver: I_i = Π_{j≠i} (1 − R_j), without dividing by a member's 0, named by server", () => {
    fc.assert(
      fc.property(list(30), (Rs) => {
        const parts = importance("rserver", { Rs });
        expect(parts).toHaveLength(Rs.length);
        parts.forEach((part, i) => {
          expect(part).toMatchObject({ param: "Rs", index: i, part: `Rs.${i} (server ${i + 1})`, reliability: Rs[i] });
          expect(relative(part.importance, allFail(Rs.filter((_, j) => j !== i)))).toBeLessThanOrEqual(4 * Number.EPSILON);
        });
      }),
      runs(200),
    );
    expect(importance("rserver", { Rs: [1, 0.9, 0.99] }).map((p) => p.importance)).toEqual([(1 - 0.9) * (1 - 0.99), 0, 0]);
  });

  it("rserver: I_i is Q with the server failed minus Q with it working, since Q is linear in each", () => {
    const Rs = [0.9, 0.999, 0.99, 0.5];
    for (const part of importance("rserver", { Rs })) {
      const failed = evaluateModel("rserver", { Rs: Rs.map((r, j) => (j === part.index ? 0 : r)) }).unreliability!;
      const working = evaluateModel("rserver", { Rs: Rs.map((r, j) => (j === part.index ? 1 : r)) }).unreliability!;
      expect(part.importance).toBeCloseTo(failed - working, 18);
    }
  });

  /** R = (1 − Π (1 − R_i))^k in 80-digit decimal (its powers take logarithms, limited to 1025 digits). */
  const D80 = context(80);
  const rdhtValue = (Rp: readonly Decimal[], k: number) => new D80(1).minus(Rp.reduce((q, r) => q.times(new D80(1).minus(r)), new D80(1))).pow(exact(D80, k));

  it("rdht: I_i = ∂R/∂R_i, against a central difference of R in decimal", () => {
    const inside = fc.double({ min: 1e-3, max: 1 - 1e-3, noNaN: true });
    fc.assert(
      fc.property(fc.array(inside, { minLength: 1, maxLength: 8 }), fc.constantFrom(0.5, 1, 2.5, 7.3, 100), (Rp, k) => {
        const h = new D80("1e-30");
        importance("rdht", { Rp, k }).forEach((part, i) => {
          expect(part).toMatchObject({ param: "Rp", index: i, part: `Rp.${i} (replica ${i + 1})` });
          const at = (shift: Decimal) =>
            rdhtValue(
              Rp.map((r, j) => (j === i ? exact(D, r).plus(shift) : exact(D, r))),
              k,
            );
          const slope = at(h).minus(at(h.neg())).div(h.times(2));
          expect(relative(part.importance, slope)).toBeLessThanOrEqual(1e-13);
        });
      }),
      runs(100),
    );
  });

  it("rdht at its edges: no hops, every replica at 0, a certain replica", () => {
    expect(importance("rdht", { Rp: [0.9, 0.5], k: 0 }).map((p) => p.importance)).toEqual([0, 0]);
    // R = (R_1 + R_2 − R_1·R_2)^k at 0: slope 1 for k = 1, 0 for k > 1, unbounded for k < 1.
    expect(importance("rdht", { Rp: [0, 0], k: 1 }).map((p) => p.importance)).toEqual([1, 1]);
    expect(importance("rdht", { Rp: [0, 0], k: 2 }).map((p) => p.importance)).toEqual([0, 0]);
    expect(importance("rdht", { Rp: [0, 0], k: 0.5 }).map((p) => p.importance)).toEqual([Infinity, Infinity]);
    // A certain replica: the hop never fails, so only that replica's own loss would matter.
    expect(importance("rdht", { Rp: [1, 0.9], k: 3 }).map((p) => p.importance)).toEqual([3 * (1 - 0.9), 0]);
  });

  it("is empty when every member is alike (one number)", () => {
    expect(importance("rserver", { Rs: 0.9, n: 3 })).toEqual([]);
    expect(importance("rdht", { Rp: 0.9, m: 3, k: 5 })).toEqual([]);
  });
});
