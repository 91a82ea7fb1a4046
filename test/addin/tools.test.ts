/**
 * A tool that takes plain catalog parameters (the simulator) becomes a positional TRACKER function
 * like a model, with no edit in addin/. Here the simulate tool is put in the catalog's tool list
 * for this file, so the rule is exercised whether or not the catalog lists it yet.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { describeParams, evaluate, type AnyModel, type ModelResult } from "../../shared/index";
import { simulateTool } from "../../shared/tools/simulate";
import { excelFunctions, outputArgument } from "../../addin/functions/signatures";
import { runModel } from "../../addin/functions/runtime";
import { FakeExcelError } from "./built";

vi.mock("../../shared/tools/index", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../shared/tools/index")>();
  const { simulateTool } = await import("../../shared/tools/simulate");
  return { tools: actual.tools.some((t) => t.name === "simulate") ? actual.tools : [...actual.tools, simulateTool] };
});

beforeAll(() => {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { Error: FakeExcelError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" } };
});
afterAll(() => {
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
});

const params = describeParams(simulateTool as unknown as AnyModel);
/** A short run: enough events for a number, few enough for a test. */
const small = { design: "dsmu", n: 2, events: 4000, chunks: 2, seed: 7 };
const args = (output?: string) => [...params.map((p) => (p.name in small ? [[small[p.name as keyof typeof small]]] : null)), output === undefined ? null : [[output]]];

describe("TRACKER.SIMULATE", () => {
  it("is generated with the tool's parameters in order, then output", () => {
    const fn = excelFunctions().find((f) => f.id === "SIMULATE")!;
    expect(fn.kind).toBe("tool");
    expect(fn.args.map((a) => a.name)).toEqual([...params.map((p) => p.name), outputArgument]);
    expect(fn.args.map((a) => a.optional)).toEqual([...params.map((p) => p.optional), true]);
  });

  it("returns the simulation's numbers, by name or by path into an interval", () => {
    const expected = evaluate("simulate", small) as unknown as ModelResult & { interval95: [number, number] };
    expect(runModel("simulate", args())).toEqual([[expected.value]]);
    expect(runModel("simulate", args("interval95.0"))).toEqual([[expected.interval95[0]]]);
    expect(runModel("simulate", args("lookups"))).toEqual([[expected.lookups]]);
  });

  it("names the numbers there are when the output is unknown, and the rule when a parameter is bad", () => {
    const unknown = runModel("simulate", args("speed"))[0]![0] as FakeExcelError;
    expect(unknown).toBeInstanceOf(FakeExcelError);
    expect(unknown.message).toMatch(/^output must name a number in the result \(.*\bvalue\b.*\blookups\b.*\), got "speed"$/);
    const bad = runModel("simulate", [...args().slice(0, -1).map((a, i) => (params[i]!.name === "n" ? [[0]] : a)), null])[0]![0] as FakeExcelError;
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toContain("n must be a whole number from 1 to 64");
  });
});
