/**
 * The models against 50-digit reference values (test/fixtures/reference.json, made by
 * scripts/reference/generate.ts), relative error ≤ 1e-12 on the success rate, the unreliability and
 * every other recorded output, through evaluateModel() as every surface calls it. Every reliability
 * model of the catalog must have cases, so a model added without references fails here.
 */
import { describe, expect, it } from "vitest";
import { referenceFormulas } from "../../scripts/reference/all-formulas";
import { type AnyModel, describeParams, designs, models } from "../../shared/index";
import { evaluateModel, mismatch, reference, referenceCases, RELATIVE_TOLERANCE, UNDERFLOW, type ReferenceCase } from "./fixtures";

const catalogModels: readonly AnyModel[] = models;
const modelsInFixture = [...new Set(reference.cases.map((c) => c.model))];
/** The catalog's models the fixture covers, in the catalog's order. */
const covered = catalogModels.map((m) => m.name).filter((name) => modelsInFixture.includes(name));

/** nines = −log10(Q): judged against the reference Q, so it is exact to about an ulp of itself. */
function ninesMismatch(got: unknown, unreliabilityText: string): string | undefined {
  const q = Number(unreliabilityText);
  if (typeof got !== "number") return `nines is ${String(got)}`;
  if (q === 0) return got === Infinity ? undefined : `nines ${got}, want Infinity for a zero unreliability`;
  if (q < UNDERFLOW) return got >= -Math.log10(UNDERFLOW * 10) ? undefined : `nines ${got}, want at least ${-Math.log10(UNDERFLOW * 10)}`;
  const want = -Math.log10(q);
  return Math.abs(got - want) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(want)) ? undefined : `nines ${got}, want ${want}`;
}

describe("the reference fixture", () => {
  it("has cases for every reliability model in the catalog (a new one needs a formula in scripts/reference/ and a regenerated fixture)", () => {
    expect(catalogModels.filter((m) => m.reliability && referenceCases(m.name).length === 0).map((m) => m.name)).toEqual([]);
  });

  it("has cases for every model the generator has a formula for, and for no model outside the catalog", () => {
    expect(Object.keys(referenceFormulas).filter((name) => !modelsInFixture.includes(name))).toEqual([]);
    expect(modelsInFixture.filter((name) => !covered.includes(name))).toEqual([]);
  });

  it("holds 50 digits, and the corners where the textbook forms break", () => {
    expect(reference.digits).toBeGreaterThanOrEqual(50);
    const has = (model: string, where: (p: Record<string, number | string | number[]>) => boolean) => referenceCases(model, (c) => where(c.params)).length > 0;
    expect(has("blocking", (p) => p.rho === 1.5 && p.h === 1751)).toBe(true);
    expect(has("blocking", (p) => p.rho === 1.5 && p.h === 1e7)).toBe(true);
    expect(has("blocking", (p) => p.rho === 1 + 1e-12 && p.h === 1e7)).toBe(true);
    expect(has("blocking", (p) => p.rho === 1e6)).toBe(true);
    expect(has("rdht", (p) => p.k === 100)).toBe(true);
    expect(has("rdht", (p) => p.k === 2.5)).toBe(true);
    const tiny = reference.cases.filter(
      (c) => c.expect.unreliability !== undefined && Number(c.expect.unreliability) > 0 && Number(c.expect.unreliability) < 1e-18,
    );
    expect(tiny.length).toBeGreaterThan(50);
  });

  it("holds issue 12's corners: mixed lists with members at 1 − 2^-45, kofn over 1e4 members and within 1e-15 of 1, 1 to 3 sites", () => {
    const list = (p: Record<string, unknown>, name: string) => (Array.isArray(p[name]) ? (p[name] as number[]) : undefined);
    const has = (model: string, where: (p: Record<string, unknown>) => boolean) => referenceCases(model, (c) => where(c.params)).length > 0;
    expect(has("rserver", (p) => list(p, "Rs")?.includes(1 - 2 ** -45) === true)).toBe(true);
    expect(has("rdht", (p) => list(p, "Rp")?.includes(1 - 2 ** -45) === true)).toBe(true);
    expect(has("kofn", (p) => list(p, "R")?.length === 1e4)).toBe(true);
    const nearOne = (r: number) => r >= 1 - 1e-15 && r < 1;
    expect(has("kofn", (p) => (list(p, "R") ?? [p.R as number]).some(nearOne))).toBe(true);
    for (const model of ["dsmu", "dsdhta"])
      for (const sites of [1, 2, 3])
        expect(
          has(model, (p) => p.sites === sites),
          `${model} over ${sites} sites`,
        ).toBe(true);
  });

  // The designs near full load with deep queues, where a rounded load costs digits. Each quantity a
  // design can derive (it takes the parameter the derivation starts from) must be there derived.
  const rhoOf = (c: ReferenceCase) => Number(c.expect.rho);
  const derived: Record<string, { from: string; isDerived: (p: Record<string, number | string | number[]>) => boolean }> = {
    lambda: { from: "arrivalRate", isDerived: (p) => p.lambda === undefined && p.rho === undefined },
    N: { from: "N", isDerived: (p) => p.N === undefined && p.arrivalRate !== undefined && p.supernodes === undefined },
    k: { from: "algorithm", isDerived: (p) => p.k === undefined && p.algorithm !== "onehop" },
  };
  it.each(designs.map((d) => [d.name, d as AnyModel] as const))("%s has cases near full load with deep queues, derived loads included", (model, design) => {
    const cases = referenceCases(model);
    const near = (c: ReferenceCase, width: number) => Math.abs(rhoOf(c) - 1) <= width;
    expect(cases.filter((c) => near(c, 1e-3) && (c.params.h as number) >= 1e5).length).toBeGreaterThan(50);
    for (const side of [-1, 1]) expect(cases.some((c) => c.params.h === 1e9 && Math.abs(rhoOf(c) - (1 + side * 1e-12)) < 1e-15)).toBe(true);
    expect(cases.some((c) => rhoOf(c) === 1 && (c.params.h as number) >= 1e5)).toBe(true);
    expect(cases.some((c) => c.params.pserved === "include" && c.params.h === 1e9)).toBe(true);
    const takes = new Set(describeParams(design).map((p) => p.name));
    for (const [quantity, { from, isDerived }] of Object.entries(derived)) {
      if (!takes.has(from)) continue;
      expect(
        cases.some((c) => isDerived(c.params) && near(c, 1e-9) && c.params.h === 1e9),
        `${model}: derived ${quantity}`,
      ).toBe(true);
    }
  });

  it("has P_served where every naive form cancels: ν/µ down to 1e-16 and below, ρ = 1 ± 1e-12, h up to 1e9", () => {
    const cases = referenceCases("pserved");
    const nuOverMu = (p: Record<string, number | string | number[]>) => 1 / (3600 * (p.mttf as number) * (p.mu as number));
    expect(cases.some((c) => nuOverMu(c.params) <= 1.0001e-16 && c.params.h === 1e9 && Math.abs(rhoOf(c) - 1 - 1e-12) < 1e-15)).toBe(true);
    expect(cases.some((c) => nuOverMu(c.params) <= 1.0001e-16 && c.params.h === 1e9 && Math.abs(rhoOf(c) - 1 + 1e-12) < 1e-15)).toBe(true);
    expect(cases.some((c) => nuOverMu(c.params) < 1e-24)).toBe(true);
    expect(cases.some((c) => nuOverMu(c.params) > 10)).toBe(true);
    expect(cases.filter((c) => (c.params.h as number) <= 1000).length).toBeGreaterThan(100);
  });
});

/**
 * Cases the product gets wrong today, each kept failing on purpose (it.fails) so that the fix turns
 * it red and the entry is removed here. Reported to the model owners.
 */
const knownIssues: Record<string, string> = {};

for (const model of covered) {
  describe(`${model} against the 50-digit reference`, () => {
    const cases = referenceCases(model).map((c) => [JSON.stringify(c.params), c] as const);
    const known = (c: (typeof cases)[number]) => knownIssues[`${model} ${c[0]}`] !== undefined;
    const check = (_name: string, c: (typeof cases)[number][1]) => {
      const result = evaluateModel(c.model, c.params);
      const problems: string[] = [];
      for (const [output, text] of Object.entries(c.expect)) {
        const problem = mismatch(result[output], text);
        if (problem) problems.push(`${output}: ${problem}`);
      }
      if (c.expect.unreliability !== undefined) {
        const problem = ninesMismatch(result.nines, c.expect.unreliability);
        if (problem) problems.push(problem);
      }
      expect(problems).toEqual([]);
    };
    it.each(cases.filter((c) => !known(c)))("%s", check);
    const failing = cases.filter(known);
    if (failing.length > 0) it.fails.each(failing)("known issue: %s", check);
  });
}

it("lists known issues only for cases the fixture holds", () => {
  const held = new Set(reference.cases.map((c) => `${c.model} ${JSON.stringify(c.params)}`));
  expect(Object.keys(knownIssues).filter((key) => !held.has(key))).toEqual([]);
});
