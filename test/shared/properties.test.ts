/**
 * Properties every model must keep over its whole valid range, bad input aside, drawn with
 * fast-check from each model's own parameter metadata, so a new model is covered when it joins the
 * catalog. Fixed seed and bounded runs: deterministic, a few seconds in all.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeParams, effectAt, models, ValidationError } from "../../shared/index";
import { evaluateModel } from "./fixtures";
import { evaluateDrawn, paramsOf, SEED, validValueOf } from "./arbitraries";

const runs = (numRuns: number) => ({ numRuns, seed: SEED });
const EPS = Number.EPSILON;
const reliabilityModels = models.filter((m) => m.reliability);

type Drawn = Record<string, number | string>;

describe.each(models.map((m) => [m.name, m] as const))("%s over its whole valid range", (_name, model) => {
  it("returns finite numbers, or says in a note why one is unbounded; never NaN", () => {
    fc.assert(
      fc.property(paramsOf(model), (params) => {
        const result = evaluateDrawn(model, params);
        if (!result) return;
        for (const [key, v] of Object.entries(result)) {
          if (typeof v !== "number") continue;
          expect(Number.isNaN(v), `${key} is NaN`).toBe(false);
          if (key !== "nines" && !Number.isFinite(v)) expect(result.notes, `${key} is ${v} without a note`).toBeDefined();
        }
      }),
      runs(300),
    );
  });
});

describe.each(reliabilityModels.map((m) => [m.name, m] as const))("%s as a probability", (_name, model) => {
  it("keeps 0 ≤ value ≤ 1, 0 ≤ unreliability ≤ 1, and value + unreliability = 1 within a few ulps", () => {
    fc.assert(
      fc.property(paramsOf(model), (params) => {
        const result = evaluateDrawn(model, params);
        if (!result) return;
        const value = result.value as number;
        const unreliability = result.unreliability as number;
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        expect(unreliability).toBeGreaterThanOrEqual(0);
        expect(unreliability).toBeLessThanOrEqual(1);
        expect(Math.abs(value + unreliability - 1)).toBeLessThanOrEqual(4 * EPS);
        const nines = result.nines as number;
        if (unreliability === 0) expect(nines).toBe(Infinity);
        else expect(Math.abs(nines - -Math.log10(unreliability))).toBeLessThanOrEqual(4 * EPS * Math.max(1, Math.abs(nines)));
      }),
      runs(300),
    );
  });

  // Raising a parameter that "raises" reliability never lowers the value nor raises the
  // unreliability, beyond rounding (1e-12 relative); "lowers" is the mirror image. Where a choice
  // voids the effect (effectUnless), the draw is skipped: nothing is promised there.
  const levers = describeParams(model).filter((p) => p.effect !== undefined && p.type !== "choice");
  it.each(levers.map((p) => [p.name, p.effect, p] as const))("moves the right way as %s rises (%s)", (_param, effect, param) => {
    fc.assert(
      fc.property(paramsOf(model), validValueOf(param), validValueOf(param), (base, x, y) => {
        if (effectAt(param, base) === undefined) return;
        const [low, high] = [Math.min(x as number, y as number), Math.max(x as number, y as number)];
        const atLow = { ...base, [param.name]: low };
        const atHigh = { ...base, [param.name]: high };
        const a = evaluateDrawn(model, atLow, [param.name]);
        const b = evaluateDrawn(model, atHigh, [param.name]);
        if (!a || !b) return;
        const [better, worse] = effect === "raises" ? [b, a] : [a, b];
        const slack = (x: number) => 1e-12 * x + 1e-300;
        expect(better.value as number).toBeGreaterThanOrEqual((worse.value as number) - slack(worse.value as number));
        expect(better.unreliability as number).toBeLessThanOrEqual((worse.unreliability as number) + slack(worse.unreliability as number));
      }),
      runs(150),
    );
  });
});

describe("the levers a planner turns first are declared, so the monotonicity above covers them", () => {
  it.each([
    ["rserver", "n", "raises"],
    ["rdht", "m", "raises"],
    ["rdht", "k", "lowers"],
    ["node", "Pup", "raises"],
    ["rs", "Ps", "raises"],
    ["rs", "h", "raises"],
    ["rs", "n", "raises"],
    ["rs", "lambda", "lowers"],
    ["availability", "mttf", "raises"],
    ["availability", "mttr", "lowers"],
  ])("%s: %s %s reliability", (name, param, effect) => {
    const model = models.find((m) => m.name === name)!;
    expect(describeParams(model).find((p) => p.name === param)?.effect).toBe(effect);
  });
});

const probability = fc.oneof(fc.constantFrom(0, 5e-324, 1e-300, 1e-12, 0.5, 0.999999999999, 1 - 2 ** -53, 1), fc.double({ min: 0, max: 1, noNaN: true }));
const count = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 1e9 }));
const load = fc.oneof(fc.constantFrom(0, 5e-324, 1e-300, 1 - 1e-12, 1, 1 + 1e-12, 1.5, 1e6, 1e12), fc.double({ min: 0, max: 1e6, noNaN: true }));
const value = (name: string, params: Drawn) => evaluateModel(name, params).value;

describe("limits", () => {
  it("rserver: Rs = 0 gives 0, Rs = 1 gives 1 with nothing left to fail", () => {
    fc.assert(
      fc.property(count, (n) => {
        expect(value("rserver", { Rs: 0, n })).toBe(0);
        const perfect = evaluateModel("rserver", { Rs: 1, n });
        expect([perfect.value, perfect.unreliability, perfect.nines]).toEqual([1, 0, Infinity]);
      }),
      runs(100),
    );
  });

  it("rdht: a path of k = 0 hops always succeeds; Rp = 0 never does", () => {
    fc.assert(
      fc.property(probability, count, fc.double({ min: 0, max: 1e6, noNaN: true, minExcluded: true }), (Rp, m, k) => {
        const none = evaluateModel("rdht", { Rp, m, k: 0 });
        expect([none.value, none.unreliability]).toEqual([1, 0]);
        expect(value("rdht", { Rp: 0, m, k })).toBe(0);
      }),
      runs(100),
    );
  });

  it("node and rs: a factor of 0 gives 0, all factors 1 give 1", () => {
    fc.assert(
      fc.property(probability, probability, (a, b) => {
        expect(value("node", { Pup: 0, Pqueued: a, Pserved: b })).toBe(0);
        expect(value("node", { Pup: a, Pqueued: b, Pserved: 0 })).toBe(0);
        expect(value("rs", { Ps: 0, lambda: a, mu: 1, n: 1, h: 10 })).toBe(0);
      }),
      runs(100),
    );
    expect(evaluateModel("node", { Pup: 1, Pqueued: 1 }).unreliability).toBe(0);
    expect(evaluateModel("rs", { Ps: 1, lambda: 0, mu: 1, n: 3, h: 1 }).unreliability).toBe(0);
  });

  it("availability: no repair time means always up", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e15, minExcluded: true, noNaN: true }), (mttf) => {
        const result = evaluateModel("availability", { mttf, mttr: 0 });
        expect([result.value, result.unreliability]).toEqual([1, 0]);
      }),
      runs(100),
    );
  });

  it("blocking: an idle node never blocks, and ρ = 1 gives exactly 1/(h + 1)", () => {
    fc.assert(
      fc.property(count, (h) => {
        expect(value("blocking", { rho: 0, h })).toBe(0);
        expect(value("blocking", { rho: 1, h })).toBe(1 / (h + 1));
        expect(evaluateModel("blocking", { rho: 1, h }).Pqueued).toBe(h / (h + 1));
      }),
      runs(100),
    );
  });

  it("blocking: overload drives B to 1, since B ≥ 1 − 1/ρ for ρ > 1", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e12, minExcluded: true, noNaN: true }), count, (rho, h) => {
        const b = value("blocking", { rho, h });
        expect(b).toBeGreaterThanOrEqual((1 - 1 / rho) * (1 - 4 * EPS));
        expect(b).toBeLessThanOrEqual(1);
      }),
      runs(200),
    );
    expect(value("blocking", { rho: 1e12, h: 1 })).toBeCloseTo(1 - 1e-12, 15);
  });

  it("blocking: with ρ < 1 a deep queue never blocks, since B ≤ ρ^h", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), count, (rho, h) => {
        expect(value("blocking", { rho, h })).toBeLessThanOrEqual(rho ** h * (1 + 1e-12) + 1e-320);
      }),
      runs(200),
    );
    expect(value("blocking", { rho: 0.999, h: 1e9 })).toBe(0);
  });

  it("blocking: B rises with ρ and falls with h; Pqueued mirrors it", () => {
    fc.assert(
      fc.property(load, load, count, count, (r1, r2, h1, h2) => {
        const [rLow, rHigh] = [Math.min(r1, r2), Math.max(r1, r2)];
        const [hLow, hHigh] = [Math.min(h1, h2), Math.max(h1, h2)];
        const slack = (x: number) => 1e-12 * x + 1e-300;
        const lighter = evaluateModel("blocking", { rho: rLow, h: hLow });
        const heavier = evaluateModel("blocking", { rho: rHigh, h: hLow });
        expect(heavier.value).toBeGreaterThanOrEqual(lighter.value - slack(lighter.value));
        expect(heavier.Pqueued as number).toBeLessThanOrEqual((lighter.Pqueued as number) + slack(lighter.Pqueued as number));
        const deeper = evaluateModel("blocking", { rho: rLow, h: hHigh });
        expect(deeper.value).toBeLessThanOrEqual(lighter.value + slack(lighter.value));
      }),
      runs(300),
    );
  });

  it("refuses what is not valid instead of computing it", () => {
    expect(() => evaluateModel("blocking", { rho: -1e-300, h: 1 })).toThrow(ValidationError);
    expect(() => evaluateModel("rserver", { Rs: 1 + 2 ** -52, n: 1 })).toThrow(ValidationError);
  });
});
