/**
 * A tool that takes plain catalog parameters (the simulator) becomes a positional TRACKER function
 * like a model, with no edit in addin/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate, lookup, plainParams } from "../../shared/index";
import { excelFunctions, outputArgument } from "../../addin/functions/signatures";
import { modelCells, planCells } from "../../addin/functions/runtime";
import { FakeExcelError } from "./built";

beforeAll(() => {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
    Error: FakeExcelError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
  };
});
afterAll(() => {
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
});

const params = plainParams(lookup("simulate"))!;
/** A short run: enough events for a number, few enough for a test. */
const small = { design: "dsmu", n: 2, events: 4000, chunks: 2, seed: 7 };
const args = (output?: string) => [
  ...params.map((p) => (p.name in small ? [[small[p.name as keyof typeof small]]] : null)),
  output === undefined ? null : [[output]],
];

describe("TRACKER.SIMULATE", () => {
  it("is generated with the tool's parameters in order, then output", () => {
    const fn = excelFunctions().find((f) => f.id === "SIMULATE")!;
    expect(fn.kind).toBe("tool");
    expect(fn.args.map((a) => a.name)).toEqual([...params.map((p) => p.name), outputArgument]);
    expect(fn.args.map((a) => a.optional)).toEqual([...params.map((p) => p.optional), true]);
  });

  it("returns the simulation's numbers, by name or by path into an interval", () => {
    const expected = evaluate("simulate", small);
    expect(modelCells("simulate", args())).toEqual([[expected.value]]);
    expect(modelCells("simulate", args("interval95.0"))).toEqual([[expected.interval95[0]]]);
    expect(modelCells("simulate", args("lookups"))).toEqual([[expected.lookups]]);
  });

  it("names the numbers there are when the output is unknown, and the rule when a parameter is bad", () => {
    const unknown = modelCells("simulate", args("speed"))[0]![0] as FakeExcelError;
    expect(unknown).toBeInstanceOf(FakeExcelError);
    expect(unknown.message).toMatch(/^output must name a number in the result \(.*\bvalue\b.*\blookups\b.*\), got "speed"$/);
    const bad = modelCells("simulate", [
      ...args()
        .slice(0, -1)
        .map((a, i) => (params[i]!.name === "n" ? [[0]] : a)),
      null,
    ])[0]![0] as FakeExcelError;
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toContain("n must be a whole number from 1 to 64");
  });
});

describe("TRACKER.PLAN of a window", () => {
  // TRACKER.PLAN(model, find, [target], [names], [values], [nines], [output]), as Excel passes it.
  const names = [["m", "lambda", "algorithm"]];
  const values = [[3, 10000, "log2"]];
  const fixed = { m: 3, lambda: 10000, algorithm: "log2" };
  const request = { model: "dsdhta", find: "servers", fixed, nines: 6.8 };
  const call = (nines: number, output: string | null) =>
    planCells([[["dsdhta"]], [["servers"]], null, names, values, [[nines]], output === null ? null : [[output]]]);

  it("gives the window's lower end as value and lower, its upper end as upper", () => {
    const expected = evaluate("plan", request);
    expect(expected.monotone).toBe(false);
    const { from, to } = expected.interval!;
    expect(to).toBeGreaterThan(from);
    expect(call(6.8, null)).toEqual([[from]]);
    expect(call(6.8, "lower")).toEqual([[from]]);
    expect(call(6.8, "upper")).toEqual([[to]]);
    expect(call(6.8, "message")).toEqual([[expected.message]]);
    // The upper end is the last that meets the target: one more server misses it.
    const q = (servers: number) => evaluate("dsdhta", { ...fixed, servers }).unreliability!;
    expect(q(to)).toBeLessThanOrEqual(expected.targetUnreliability);
    expect(q(to + 1)).toBeGreaterThan(expected.targetUnreliability);
  });

  it("is #N/A with the reason, for every number, when no window reaches the target", () => {
    const expected = evaluate("plan", { ...request, nines: 9 });
    expect(expected.feasible).toBe(false);
    for (const output of [null, "upper", "lower"]) {
      const got = call(9, output)[0]![0] as FakeExcelError;
      expect(got).toBeInstanceOf(FakeExcelError);
      expect(got.code).toBe("#N/A");
      expect(expected.message.startsWith(got.message!.replace(/…$/, ""))).toBe(true);
    }
    expect(call(9, "message")).toEqual([[expected.message]]);
  });

  it("names upper among the outputs it offers", () => {
    const got = call(6.8, "top")[0]![0] as FakeExcelError;
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toBe('output must be one of value, lower, upper, achieved, unreliability, nines, message, got "top"');
  });
});
