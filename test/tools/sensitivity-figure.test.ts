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
