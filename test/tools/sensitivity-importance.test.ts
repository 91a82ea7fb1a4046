/**
 * The sensitivity tool's Birnbaum importances: for a mixed fleet, each server's ∂R/∂R_i, largest
 * first; for servers over sites, each site's. Checked against the definition, R with the part
 * working minus R with it failed (exact for a design linear in R_i), not against the models' own
 * formulas.
 */
import { describe, expect, it } from "vitest";
import { evaluate, type ModelResult } from "../../shared/index";
import type { SensitivityResult } from "../../shared/tools/sensitivity";

const sensitivity = (model: string, params: Record<string, unknown>) => evaluate("sensitivity", { model, params }) as SensitivityResult;

/** The result with member i of the list set to `r`. */
function resultWith(model: string, params: Record<string, unknown>, list: string, i: number, r: number) {
  const members = [...(params[list] as number[])];
  members[i] = r;
  return evaluate(model, { ...params, [list]: members }) as ModelResult;
}

/** R with member i of the list set to `r`. */
function valueWith(model: string, params: Record<string, unknown>, list: string, i: number, r: number): number {
  return resultWith(model, params, list, i, r).value;
}

describe("sensitivity: which server or site matters most", () => {
  const fleet = [0.9, 0.999, 0.99, 0.5];

  it.each([
    ["rserver", { Rs: fleet }, "Rs"],
    ["kofn", { k: 2, R: fleet }, "R"],
  ] as const)("%s: each member's importance is R(it works) − R(it fails), largest first", (model, params, list) => {
    const { importance } = sensitivity(model, params);
    expect(importance).toHaveLength(fleet.length);
    const byIndex = [...importance].sort((a, b) => a.index - b.index);
    byIndex.forEach((part, i) => {
      expect(part.param).toBe(list);
      expect(part.reliability).toBe(fleet[i]);
      // Q(it fails) − Q(it works): R's difference would cancel where both are near 1.
      const want = resultWith(model, params, list, i, 0).unreliability! - resultWith(model, params, list, i, 1).unreliability!;
      expect(Math.abs(part.importance - want)).toBeLessThanOrEqual(1e-12 * Math.abs(want) + 1e-300);
    });
    for (let i = 1; i < importance.length; i++) expect(importance[i - 1]!.importance).toBeGreaterThanOrEqual(importance[i]!.importance);
  });

  it("rdht: each replica's importance is the derivative of R along the path", () => {
    const params = { Rp: [0.9, 0.99, 0.8], k: 4 };
    const { importance } = sensitivity("rdht", params);
    expect(importance).toHaveLength(3);
    for (const part of importance) {
      const h = 1e-6;
      const r = params.Rp[part.index]!;
      const slope = (valueWith("rdht", params, "Rp", part.index, r + h) - valueWith("rdht", params, "Rp", part.index, r - h)) / (2 * h);
      expect(part.importance).toBeCloseTo(slope, 8);
    }
  });

  it("in parallel, the most reliable server has the largest importance: ∂R/∂R_i is the others' joint unreliability", () => {
    const { importance } = sensitivity("rserver", { Rs: [0.999, 0.9, 0.99] });
    expect(importance.map((p) => p.index)).toEqual([0, 2, 1]);
    expect(importance[0]!.importance).toBeCloseTo(0.1 * 0.01, 15);
  });

  it("says why, when the parts differ but their importances cost past the model's cap", () => {
    const R = Array.from({ length: 3000 }, (_, i) => 0.9 + (i % 10) / 100);
    const result = sensitivity("kofn", { k: 1500, R });
    expect(result.importance).toEqual([]);
    expect(result.importanceNote).toMatch(/^each member's importance is not computed for 3000 members at k = 1500: .* past the cap/);
    expect(sensitivity("kofn", { k: 2, R: [0.9, 0.99] }).importanceNote).toBeUndefined();
  });

  it("is empty when every part is alike: one Rs for all servers, no sites", () => {
    expect(sensitivity("rserver", { Rs: 0.9, n: 3 }).importance).toEqual([]);
    expect(sensitivity("dsmu", { lambda: 2400 }).importance).toEqual([]);
  });

  it.each(["dsmu", "dsdhta"])("%s over sites: one importance per site, each between 0 and 1, the fuller sites first", (model) => {
    const params = { lambda: 2400, sites: 3, siteMttf: 100, siteMttr: 4, ...(model === "dsmu" ? { n: 4 } : { servers: 21, m: 2 }) };
    const { importance } = sensitivity(model, params);
    expect(importance.map((p) => p.param)).toEqual(["sites", "sites", "sites"]);
    expect(new Set(importance.map((p) => p.index))).toEqual(new Set([0, 1, 2]));
    for (const part of importance) {
      expect(part.importance).toBeGreaterThan(0);
      expect(part.importance).toBeLessThanOrEqual(1);
      expect(part.reliability).toBeCloseTo(100 / 104, 15);
    }
    // dsmu's 4 servers over 3 sites: site 1 holds two of them, so losing it costs the most.
    if (model === "dsmu") expect(importance[0]!.index).toBe(0);
  });
});
