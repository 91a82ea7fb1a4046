import { describe, expect, it } from "vitest";
import { evaluate, ValidationError } from "../../shared/index";

describe("sensitivity", () => {
  it("measures each lever by its change in nines, strongest first", () => {
    const result = evaluate("sensitivity", { model: "rserver", params: { Rs: 0.9, n: 3 } });
    expect(result.base.nines).toBeCloseTo(3, 12);
    const byName = Object.fromEntries(result.levers.map((l) => [l.param, l]));
    // Doubling n squares the unreliability: three more nines.
    expect(byName.n!.deltaNines).toBeCloseTo(3, 12);
    // Halving a server's unreliability (0.9 → 0.95) gains 3·log10(2) nines.
    expect(byName.Rs!.to).toBeCloseTo(0.95, 15);
    expect(byName.Rs!.deltaNines).toBeCloseTo(3 * Math.log10(2), 12);
    expect(result.levers[0]!.param).toBe("n");
  });

  it("shows levers that lower reliability with a negative change, and ones that cannot move with a note", () => {
    const result = evaluate("sensitivity", { model: "dsdhta", params: { lambda: 10000, servers: 4, m: 3 } });
    const byName = Object.fromEntries(result.levers.map((l) => [l.param, l]));
    expect(byName.mttr!.deltaNines).toBeLessThan(0);
    expect(byName.lambda!.deltaNines).toBeLessThan(0);
    expect(byName.m!.deltaNines).toBeNull();
    expect(byName.m!.note).toContain("cannot exceed servers");
    expect(result.levers.at(-1)!.deltaNines).toBeNull();
  });

  it("needs a reliability model", () => {
    expect(() => evaluate("sensitivity", { model: "mm1h", params: { lambda: 1, mu: 2, h: 3 } })).toThrow(ValidationError);
  });
});

describe("figure presets", () => {
  const points = (figure: 2 | 3 | 4, series: number) => evaluate("figure", { figure }).series[series]!.points;

  it("computes every point with the catalog model and states its parameters", () => {
    for (const figure of [2, 3, 4] as const) {
      const result = evaluate("figure", { figure });
      expect(result.series.map((s) => s.model)).toEqual(["dsmu", "pdhta"]);
      expect(result.parameters.server.mttf).toBe(720);
      for (const s of result.series)
        for (const p of s.points) expect(p.unreliability).toBe(evaluate(s.model as "dsmu", p.params).unreliability);
      expect(result.rows).toHaveLength(result.x.values.length);
      expect(result.columns).toHaveLength(7);
    }
  });

  it("Figure 2: the server-based tracker collapses under load, the DHT scales", () => {
    const server = points(2, 0);
    const dht = points(2, 1);
    expect(server[0]!.nines).toBeGreaterThan(dht[0]!.nines);
    expect(server.at(-1)!.nines).toBeLessThan(1);
    expect(dht.at(-1)!.nines).toBeGreaterThan(6);
  });

  it("Figure 3: longer time to failure helps both, the DHT more", () => {
    const server = points(3, 0).map((p) => p.nines);
    const dht = points(3, 1).map((p) => p.nines);
    for (let i = 1; i < server.length; i++) {
      expect(server[i]!).toBeGreaterThan(server[i - 1]!);
      expect(dht[i]!).toBeGreaterThan(dht[i - 1]!);
    }
    expect(dht.at(-1)! - dht[0]!).toBeGreaterThan(server.at(-1)! - server[0]!);
  });

  it("Figure 4: every replica adds nines in both designs", () => {
    for (const s of [0, 1]) {
      const nines = points(4, s).map((p) => p.nines);
      for (let i = 1; i < nines.length; i++) expect(nines[i]!).toBeGreaterThan(nines[i - 1]!);
    }
  });

  it("knows only the paper's figures", () => {
    expect(() => evaluate("figure", { figure: 5 })).toThrow("figure must be 2, 3 or 4");
  });
});
