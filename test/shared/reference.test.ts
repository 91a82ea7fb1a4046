/**
 * Issue 2 §3: every model against 50-digit reference values (test/fixtures/reference.json, made by
 * scripts/reference/generate.ts), relative error ≤ 1e-12 on the success rate, the unreliability and
 * every other recorded output, through evaluateModel() as every surface calls it.
 */
import { describe, expect, it } from "vitest";
import { evaluateModel, mismatch, reference, referenceCases, RELATIVE_TOLERANCE, UNDERFLOW } from "./fixtures";

const modelsInFixture = [...new Set(reference.cases.map((c) => c.model))];

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
  it("covers the models and the corners issue 2 names", () => {
    expect(reference.digits).toBeGreaterThanOrEqual(50);
    expect(modelsInFixture).toEqual(expect.arrayContaining(["rserver", "rdht", "node", "blocking", "rs", "availability", "mm1h", "pathlength"]));
    const has = (model: string, where: (p: Record<string, number | string>) => boolean) => referenceCases(model, (c) => where(c.params)).length > 0;
    expect(has("blocking", (p) => p.rho === 1.5 && p.h === 1751)).toBe(true);
    expect(has("blocking", (p) => p.rho === 1.5 && p.h === 1e7)).toBe(true);
    expect(has("blocking", (p) => p.rho === 1 + 1e-12 && p.h === 1e7)).toBe(true);
    expect(has("blocking", (p) => p.rho === 1e6)).toBe(true);
    expect(has("rdht", (p) => p.k === 100)).toBe(true);
    expect(has("rdht", (p) => p.k === 2.5)).toBe(true);
    const tiny = reference.cases.filter((c) => c.expect.unreliability !== undefined && Number(c.expect.unreliability) > 0 && Number(c.expect.unreliability) < 1e-18);
    expect(tiny.length).toBeGreaterThan(50);
  });
});

/**
 * Cases the product gets wrong today, each kept failing on purpose (it.fails) so that the fix turns
 * it red and the entry is removed here. Reported to the model owners.
 */
const knownIssues: Record<string, string> = {};

for (const model of modelsInFixture) {
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
