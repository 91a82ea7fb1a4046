/**
 * The task pane's number wording (addin/taskpane/format.ts), without a page: success rates as a
 * planner reads them, unreliabilities and nines, units that do not repeat a name, and the plan
 * tool's messages in the same terms.
 */
import { describe, expect, it } from "vitest";
import { ninesText, numberText, oneMinus, successRate, unreliabilityText } from "../../addin/taskpane/format";
import { withUnit } from "../../shared/index";
import { evaluate, scientific } from "../../shared/index";

describe("success rates", () => {
  it("are percentages while their digits show: two significant digits of the rate and of its complement", () => {
    expect(successRate(0.9976, 0.0024)).toBe("99.76%");
    expect(successRate(0.99, 0.01)).toBe("99%");
    expect(successRate(0.999, 1e-3)).toBe("99.9%");
    expect(successRate(0.99999, 1e-5)).toBe("99.999%");
    expect(successRate(0.999979, 2.1e-5)).toBe("99.9979%");
    expect(successRate(0.5, 0.5)).toBe("50%");
    expect(successRate(0.003, 0.997)).toBe("0.3%");
  });

  it("read 1 − q where a percentage would round to 100%, never 100% (1) beside a tiny unreliability", () => {
    expect(successRate(1, 1e-20)).toBe("1 − 1.0e-20");
    expect(successRate(0.9999999976, 2.38e-9)).toBe("1 − 2.4e-9");
    expect(successRate(1 - 9.5e-6, 9.5e-6)).toBe("1 − 9.5e-6");
    // The catalog's own near-1 result: the value is 1 in floating point, the unreliability is not.
    const figure = evaluate("figure", { figure: 4 });
    const best = figure.series[1]!.points.at(-1)!;
    expect(best.value).toBe(1);
    expect(successRate(best.value, best.unreliability)).toBe(oneMinus(best.unreliability));
    expect(successRate(best.value, best.unreliability)).toMatch(/^1 − \d\.\de-\d+$/);
  });

  it("are 100% only when the unreliability is 0, and a tiny rate is written in scientific notation", () => {
    expect(successRate(1, 0)).toBe("100%");
    expect(successRate(0, 1)).toBe("0%");
    expect(successRate(1e-12, 1 - 1e-12)).toBe("1.0e-12");
  });
});

describe("unreliabilities, nines and other numbers", () => {
  it("writes an unreliability in scientific notation to three significant digits", () => {
    expect(unreliabilityText(2.3810518924052594e-9)).toBe("2.38e-9");
    expect(unreliabilityText(1e-5)).toBe("1.00e-5");
    expect(unreliabilityText(0.0588235)).toBe("5.88e-2");
    expect(unreliabilityText(0)).toBe("0");
    expect(unreliabilityText(1)).toBe("1");
  });

  it("gives nines two decimals, or unbounded", () => {
    expect(ninesText(8.623231139521758)).toBe("8.62");
    expect(ninesText(5)).toBe("5.00");
    expect(ninesText(Infinity)).toBe("unbounded");
  });

  it("keeps six significant digits, scientific when tiny or huge, and 1 − x where six digits would round to 1", () => {
    expect(numberText(16.609640474436812)).toBe("16.6096");
    expect(numberText(100000)).toBe("100000");
    expect(numberText(8.3048e-4)).toBe("8.30e-4");
    expect(numberText(2.4336e-22)).toBe("2.43e-22");
    expect(numberText(1e12)).toBe("1.00e12");
    expect(numberText(0.99999995)).toBe("1 − 5.0e-8");
    expect(numberText(1)).toBe("1");
    expect(numberText(0)).toBe("0");
    expect(numberText(Infinity)).toBe("unbounded");
    expect(numberText("kademlia")).toBe("kademlia");
    expect(scientific(1.5e6, 2)).toBe("1.5e6");
  });
});

describe("units", () => {
  it("follow a name only when they add something: replicas, not replicas (replicas)", () => {
    expect(withUnit("replicas", "replicas")).toBe("replicas");
    expect(withUnit("N", "peers")).toBe("N (peers)");
    expect(withUnit("MTTF/MTTR", "")).toBe("MTTF/MTTR");
    expect(withUnit("k", undefined)).toBe("k");
    const x = evaluate("figure", { figure: 4 }).x;
    expect(withUnit(x.name, x.unit)).toBe(x.name);
  });
});

describe("the plan tool's messages", () => {
  it("write targets and unreliabilities in the pane's terms: 1 − 1.0e-5, not 1 − 0.0000100", () => {
    const plan = evaluate("plan", { model: "pdhta", find: "m", fixed: { sessionTime: 2, repairTime: 0.125, N: 100000, lambda: 50 }, nines: 5 });
    expect(plan.message).toContain("1 − 1.0e-5 (5.00 nines)");
    expect(plan.message).not.toContain("0.0000100");
    const window = evaluate("plan", { model: "dsdhta", find: "servers", fixed: { m: 3, lambda: 10000, algorithm: "log2" }, nines: 6.8 });
    expect(window.message).toContain("1 − 1.6e-7 (6.80 nines)");
    expect(window.message).toMatch(/unreliability \d\.\d\de-\d+\)/);
  });
});
