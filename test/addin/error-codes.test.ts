/**
 * "Handle and return errors from your custom function": Excel shows a custom message only with
 * #VALUE! and #N/A (CustomFunctions.ErrorCode: the other codes take none). So every error a
 * TRACKER function returns carries its reason with one of those two codes. Many failing calls are
 * driven through the built functions.js as Excel calls it, and every error they give is checked.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookup, plainParams } from "../../shared/index";
import { cellError, excelError } from "../../addin/functions/cells";
import { FakeExcelError, loadRegisteredFunctions, repoRoot, type Registered } from "./built";

let registered: Map<string, Registered>;
beforeAll(() => {
  registered = loadRegisteredFunctions();
});

const cell = (v: unknown) => [[v]];
function call(id: string, ...args: unknown[]): unknown[][] {
  const fn = registered.get(id);
  if (!fn) throw new Error(`TRACKER.${id} is not registered`);
  return fn(...args) as unknown[][];
}
const errorsIn = (result: unknown[][]) => result.flat().filter((v): v is FakeExcelError => v instanceof FakeExcelError);

/** A short simulation (few events), its arguments in the order TRACKER.SIMULATE takes them. */
const simulateParams = plainParams(lookup("simulate"))!;
const small: Record<string, unknown> = { design: "dsmu", n: 2, events: 4000, chunks: 1, seed: 1 };
const simulateArgs = simulateParams.map((p) => (p.name in small ? cell(small[p.name]) : null));

/** Failing calls of every kind, each with the code its reason calls for. */
const failing: { what: string; code: "#VALUE!" | "#N/A"; run: () => unknown[][]; message?: RegExp }[] = [
  { what: "a boolean where a probability belongs", code: "#VALUE!", run: () => call("RSERVER", cell(true), cell(3), null), message: /^Rs must be/ },
  { what: "a probability out of range", code: "#VALUE!", run: () => call("RSERVER", cell(1.5), cell(3), null), message: /got 1\.5$/ },
  { what: "text that is not a number", code: "#VALUE!", run: () => call("RDHT", cell(0.9), cell("three"), cell(5), null), message: /got "three"$/ },
  { what: "a required parameter left out", code: "#VALUE!", run: () => call("RSERVER", cell(0.9), null, null), message: /^n is required/ },
  { what: "an unknown output", code: "#VALUE!", run: () => call("RSERVER", cell(0.9), cell(3), cell("reliability")), message: /^output must be one of/ },
  { what: "an unknown choice", code: "#VALUE!", run: () => call("PATHLENGTH", cell(1e6), cell("nosuchalgorithm"), null, null, null) },
  {
    what: "a spill above the cap",
    code: "#VALUE!",
    run: () =>
      call(
        "RSERVER",
        Array.from({ length: 2000 }, () => [0.9]),
        [Array.from({ length: 1000 }, (_, i) => i + 1)],
        null,
      ),
    message: /2000×1000/,
  },
  { what: "a cell outside a shorter range", code: "#N/A", run: () => call("RSERVER", [[0.9, 0.99]], [[1, 2, 3]], null), message: /outside/ },
  { what: "unbounded nines", code: "#N/A", run: () => call("RSERVER", cell(1), cell(3), cell("nines")), message: /unbounded|unreliability is 0/ },
  { what: "unbounded nines of a DHT", code: "#N/A", run: () => call("RDHT", cell(1), cell(3), cell(5), cell("nines")) },
  {
    what: "a range in a one-cell argument",
    code: "#VALUE!",
    run: () => call("PLAN", [["rserver", "rdht"]], cell("n"), cell(0.999), null, null, null, null),
    message: /single cell/,
  },
  { what: "PLAN of an unknown model", code: "#VALUE!", run: () => call("PLAN", cell("nosuch"), cell("n"), cell(0.999), null, null, null, null) },
  { what: "PLAN with a target above 1", code: "#VALUE!", run: () => call("PLAN", cell("rserver"), cell("n"), cell(2), cell("Rs"), cell(0.99), null, null) },
  { what: "PLAN that nothing reaches", code: "#N/A", run: () => call("PLAN", cell("rserver"), cell("n"), cell(0.99999), cell("Rs"), cell(0), null, null) },
  {
    what: "PLAN's upper end when nothing reaches",
    code: "#N/A",
    run: () => call("PLAN", cell("rserver"), cell("n"), cell(0.99999), cell("Rs"), cell(0), null, cell("upper")),
  },
  {
    what: "PLAN with an unknown output",
    code: "#VALUE!",
    run: () => call("PLAN", cell("rserver"), cell("n"), cell(0.999), cell("Rs"), cell(0.9), null, cell("top")),
  },
  {
    what: "PLAN with names and values that do not pair",
    code: "#VALUE!",
    run: () => call("PLAN", cell("rserver"), cell("n"), cell(0.999), [["Rs", "n"]], [[0.9]], null, null),
    message: /one cell per name/,
  },
  {
    what: "SWEEP of an unknown parameter",
    code: "#VALUE!",
    run: () => call("SWEEP", cell("rserver"), cell("x"), cell(1), cell(2), cell(2), null, null, null, null, null, null, null),
  },
  {
    what: "SWEEP with a listed axis and a last value",
    code: "#VALUE!",
    run: () => call("SWEEP", cell("rserver"), cell("Rs"), [[0.9], [0.99]], cell(1), null, cell("n"), cell(3), null, null, null, null, null),
    message: /must be left out/,
  },
  {
    what: "SWEEP cells whose nines are unbounded",
    code: "#N/A",
    run: () => call("SWEEP", cell("rserver"), cell("Rs"), [[0.9], [1]], null, null, cell("n"), cell(3), null, null, null, null, null),
    message: /unbounded/,
  },
  {
    what: "SIMULATE with an unknown output",
    code: "#VALUE!",
    run: () => call("SIMULATE", ...simulateArgs, cell("speed")),
    message: /^output must name a number/,
  },
  { what: "SIMULATE with a group for output", code: "#VALUE!", run: () => call("SIMULATE", ...simulateArgs, cell("interval95")), message: /interval95\.0/ },
  {
    what: "a linked data type with no single value",
    code: "#VALUE!",
    run: () => call("RSERVER", cell({ type: "Entity", text: "Seattle", properties: {} }), cell(3), null),
  },
  { what: "an error data type", code: "#VALUE!", run: () => call("RSERVER", cell({ type: "Error", basicValue: "#DIV/0!", errorType: "Div0" }), cell(3), null) },
];

describe("every error a TRACKER function returns", () => {
  it.each(failing.map((f) => [f.what, f] as const))("%s: the code whose message Excel shows, with the reason", (_what, f) => {
    const errors = errorsIn(f.run());
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(["#VALUE!", "#N/A"]).toContain(error.code);
      expect(error.code).toBe(f.code);
      expect(error.message?.trim().length ?? 0).toBeGreaterThan(0);
      if (f.message) expect(error.message).toMatch(f.message);
    }
  });

  it("is #VALUE! with the reason for a failure that is not the input's, and never takes another code", () => {
    (globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
      Error: FakeExcelError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
    };
    try {
      const failure = cellError(new RangeError("the model diverged")) as unknown as FakeExcelError;
      expect(failure.code).toBe("#VALUE!");
      expect(failure.message).toBe("could not compute: the model diverged");
      expect((excelError("notAvailable", "none") as unknown as FakeExcelError).code).toBe("#N/A");
    } finally {
      delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
    }
  });

  it("comes from source that names no error code whose message Excel would hide", () => {
    const dir = join(repoRoot, "addin/functions");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(dir, file), "utf8");
      expect(source, file).not.toMatch(/invalidNumber|divisionByZero|nullReference|invalidName|invalidReference|"#NUM!"|"#DIV\/0!"/);
    }
  });
});

afterAll(() => {
  registered.clear();
});
