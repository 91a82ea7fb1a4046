/**
 * TRACKER.SIMULATE's method, through the built functions.js as Excel calls it: the argument comes
 * from the catalog (after the last parameter that was there before it, so older formulas keep their
 * meaning), and the cell can show the method, the relative half-width, the effective sample size
 * and whether to trust the run.
 */
import { describe, expect, it } from "vitest";
import { evaluate, lookup, plainParams } from "../../shared/index";
import { callBuilt, cell, FakeExcelError } from "./built";

const names = plainParams(lookup("simulate"))!.map((p) => p.name);
const planner: Record<string, unknown> = { design: "dsmu", n: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400, events: 40_000 };
const args = (params: Record<string, unknown>) => names.map((name) => (name in params ? cell(params[name]) : null));

describe("TRACKER.SIMULATE's method", () => {
  it("is the last parameter, after the site parameters that came before it", () => {
    expect(names.slice(-4)).toEqual(["sites", "siteMttf", "siteMttr", "method"]);
  });

  it("shows what the run reports: the method, the unreliability, its relative half-width, the effective sample size, the trust", () => {
    const expected = evaluate("simulate", { ...planner, method: "importance" }) as unknown as Record<string, unknown>;
    const show = (output: string) => callBuilt("SIMULATE", ...args({ ...planner, method: "importance" }), cell(output))[0]![0];
    expect(show("method")).toBe("importance");
    expect(show("unreliability")).toBe(expected.unreliability);
    expect(show("relativeHalfWidth95")).toBe(expected.relativeHalfWidth95);
    expect(show("effectiveSampleSize")).toBe(expected.effectiveSampleSize);
    expect(show("trusted")).toBe(true);
    expect(show("rareEvent.nodeUnreliability")).toBe((expected.rareEvent as Record<string, unknown>).nodeUnreliability);
    // Left out, the method is auto, which takes importance here.
    expect(callBuilt("SIMULATE", ...args(planner), cell("method"))[0]![0]).toBe("importance");
  });

  it("is #VALUE! naming method when it is not one of the choices, or cannot take the run", () => {
    const wrong = callBuilt("SIMULATE", ...args({ ...planner, method: "splitting" }), cell("value"))[0]![0];
    expect(wrong).toBeInstanceOf(FakeExcelError);
    expect((wrong as FakeExcelError).message).toMatch(/^method must be one of/);
    const refused = callBuilt(
      "SIMULATE",
      ...args({ ...planner, lifetime: "weibull", sites: 3, siteMttf: 8760, siteMttr: 4, method: "importance" }),
      cell("value"),
    )[0]![0];
    expect(refused).toBeInstanceOf(FakeExcelError);
    expect((refused as FakeExcelError).code).toBe("#VALUE!");
    expect((refused as FakeExcelError).message).toMatch(/^method importance cannot take this run/);
  });
});
