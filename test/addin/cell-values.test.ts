/**
 * What a cell hands a TRACKER function, read the same way by every function, through the built
 * functions.js as Excel calls it:
 *  - the text "default" (omittedMarker, any case, spaces around it) leaves a parameter out, in a
 *    single argument, inside a range, in PLAN's and SWEEP's names/values lists and for `output`;
 *  - an empty cell arrives as 0 from desktop Excel and as null from Excel on the web (Office.js
 *    issues 4702, 1951, 5262): 0 is 0, null is left out;
 *  - a data type (allowCustomDataForDataTypeAny) gives its basic value where it has one, and an
 *    entity or linked data type is #VALUE! naming the argument.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate as evaluateAny, lookup, lookupModel, plainParams, runModel } from "../../shared/index";
import { omittedMarker } from "../../addin/functions/cells";
import { FakeExcelError, loadRegisteredFunctions, type Registered } from "./built";

let registered: Map<string, Registered>;
beforeAll(() => {
  registered = loadRegisteredFunctions();
});

const value = (name: string, params: unknown) => runModel(lookupModel(name), params).result.value;
const cell = (v: unknown) => [[v]];
function call(id: string, ...args: unknown[]): unknown[][] {
  const fn = registered.get(id);
  if (!fn) throw new Error(`TRACKER.${id} is not registered`);
  return fn(...args) as unknown[][];
}
const one = (id: string, ...args: unknown[]) => call(id, ...args)[0]![0];
function errorOf(v: unknown): FakeExcelError {
  expect(v).toBeInstanceOf(FakeExcelError);
  return v as FakeExcelError;
}
const markers = [omittedMarker, "DEFAULT", " Default ", "\tdefault\n"];

describe(`the text "${omittedMarker}" leaves a parameter out`, () => {
  // NODE(Pup, Pqueued, [Pserved], [output]): Pserved has a default.
  const withDefault = value("node", { Pup: 0.999, Pqueued: 0.9999 });

  it("in a single argument, in any case and with spaces around it, as an omitted argument does", () => {
    expect(one("NODE", cell(0.999), cell(0.9999), null, null)).toBe(withDefault);
    for (const marker of markers) expect(one("NODE", cell(0.999), cell(0.9999), cell(marker), null), JSON.stringify(marker)).toBe(withDefault);
  });

  it("and a required parameter left out so says 'required'", () => {
    expect(errorOf(one("RDHT", cell(0.9), cell(3), cell("default"), null)).message).toMatch(/^k is required/);
  });

  it("inside a range, in that cell only", () => {
    const got = call("NODE", cell(0.999), cell(0.9999), [[0.5, "default", 0.9]], null);
    expect(got).toEqual([
      [value("node", { Pup: 0.999, Pqueued: 0.9999, Pserved: 0.5 }), withDefault, value("node", { Pup: 0.999, Pqueued: 0.9999, Pserved: 0.9 })],
    ]);
  });

  it("for output, which then shows the value", () => {
    expect(one("RSERVER", cell(0.9), cell(3), cell("Default"))).toBe(value("rserver", { Rs: 0.9, n: 3 }));
  });

  it("for a tool called like a model (SIMULATE's parameters and output)", () => {
    const names = plainParams(lookup("simulate"))!.map((p) => p.name);
    const small: Record<string, unknown> = { design: "dsmu", n: 2, events: 4000, chunks: 1, seed: 5 };
    const args = names.map((name) => (name in small ? cell(small[name]) : cell("default")));
    expect(call("SIMULATE", ...args, cell("default"))).toEqual([[evaluateAny("simulate", small).value]]);
  });

  it("in PLAN's target, names and values, and in a row left at its default", () => {
    const expected = evaluateAny("plan", { model: "rdht", find: "m", fixed: { Rp: 0.5, k: 10 }, nines: 4 });
    // target "default" with nines given; a names/values row whose value is "default" (m is what PLAN finds).
    const got = call("PLAN", cell("rdht"), cell("m"), cell("default"), [["Rp"], ["k"], ["m"]], [[0.5], [10], ["default"]], cell(4), cell("default"));
    expect(got).toEqual([[expected.value]]);
    // A row whose name is "default" is skipped with its value.
    expect(call("PLAN", cell("rdht"), cell("m"), null, [["Rp"], ["default"], ["k"]], [[0.5], [99], [10]], cell(4), null)).toEqual([[expected.value]]);
  });

  it("in SWEEP's listed values, its last and steps, its second axis and its scale", () => {
    const expected = evaluateAny("sweep", { model: "rserver", fixed: { n: 3 }, over: [{ param: "Rs", values: [0.9, 0.99] }] });
    const got = call(
      "SWEEP",
      cell("rserver"),
      cell("Rs"),
      [[0.9], ["default"], [0.99]],
      cell("default"),
      cell("default"),
      cell("n"),
      cell(3),
      cell("default"),
      cell("default"),
      cell("default"),
      cell("default"),
      cell("default"),
    );
    expect(got).toEqual([expected.columns, ...expected.rows]);
  });
});

describe("an empty cell, as each Excel passes it", () => {
  it("as desktop Excel passes it (0) is 0: a typed 0 and an empty cell cannot be told apart", () => {
    const zero = value("node", { Pup: 0.999, Pqueued: 0.9999, Pserved: 0 });
    expect(zero).not.toBe(value("node", { Pup: 0.999, Pqueued: 0.9999 }));
    expect(one("NODE", cell(0.999), cell(0.9999), cell(0), null)).toBe(zero);
  });

  it('as Excel on the web passes it (null), or as "" inside a range, is left out', () => {
    const withDefault = value("node", { Pup: 0.999, Pqueued: 0.9999 });
    expect(one("NODE", cell(0.999), cell(0.9999), cell(null), null)).toBe(withDefault);
    expect(call("NODE", cell(0.999), cell(0.9999), [[0.5, ""]], null)[0]![1]).toBe(withDefault);
  });
});

describe("a cell holding a data type", () => {
  it("gives the basic value of a double, a formatted number, a string and an empty value", () => {
    const plain = value("rserver", { Rs: 0.9, n: 3 });
    expect(one("RSERVER", cell({ type: "Double", basicValue: 0.9 }), cell({ type: "Double", basicValue: 3, basicType: "Double" }), null)).toBe(plain);
    expect(one("RSERVER", cell({ type: "FormattedNumber", basicValue: 0.9, numberFormat: "0%" }), cell(3), null)).toBe(plain);
    expect(one("RSERVER", cell(0.9), cell({ type: "String", basicValue: "3" }), null)).toBe(plain);
    expect(one("RSERVER", cell(0.9), cell(3), cell({ type: "String", basicValue: "nines" }))).toBe(
      runModel(lookupModel("rserver"), { Rs: 0.9, n: 3 }).result.nines,
    );
    expect(one("RSERVER", cell(0.9), cell(3), cell({ type: "String", basicValue: "default" }))).toBe(plain);
    expect(one("NODE", cell(0.999), cell(0.9999), cell({ type: "Empty", basicValue: "" }), null)).toBe(value("node", { Pup: 0.999, Pqueued: 0.9999 }));
  });

  it("reads a boolean data type as the boolean, which the catalog refuses as it refuses TRUE", () => {
    expect(errorOf(one("RSERVER", cell(0.9), cell({ type: "Boolean", basicValue: true }), null)).message).toBe(
      "n must be a whole number from 1 to 1e9, got true",
    );
  });

  it("is #VALUE! naming the argument when it holds an entity or a linked data type, which have no single value", () => {
    const entity = {
      type: "Entity",
      text: "Seattle",
      basicType: "Error",
      basicValue: "#VALUE!",
      properties: { Population: { type: "Double", basicValue: 750000 } },
    };
    const got = errorOf(one("RSERVER", cell(entity), cell(3), null));
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toBe(
      'Rs must be a finite number from 0 to 1, or a list of 1 to 10000 of them: the cell holds a data type (Entity "Seattle") with no single value',
    );
    const linked = errorOf(one("RSERVER", cell(0.9), cell({ type: "LinkedEntity", text: "Contoso", id: { serviceId: 1 } }), null));
    expect(linked.message).toBe('n must be a whole number from 1 to 1e9: the cell holds a linked data type (LinkedEntity "Contoso") with no single value');
    const image = errorOf(one("RSERVER", cell(0.9), cell(3), cell({ type: "WebImage", address: "https://example.com/x.png" })));
    expect(image.message).toMatch(/^output must be one of value, unreliability, nines: the cell holds an image \(WebImage\)/);
  });

  it("is #VALUE! naming the argument when it holds an error value", () => {
    const got = errorOf(one("RSERVER", cell({ type: "Error", basicValue: "#DIV/0!", errorType: "Div0" }), cell(3), null));
    expect(got.message).toBe("Rs must be a finite number from 0 to 1, or a list of 1 to 10000 of them: the cell holds the error #DIV/0!");
  });

  it("inside a range, in that cell only", () => {
    const got = call("RSERVER", cell(0.9), [[{ type: "FormattedNumber", basicValue: 3, numberFormat: "0" }, { type: "Entity", text: "x" }, 2]], null)[0]!;
    expect(got[0]).toBe(value("rserver", { Rs: 0.9, n: 3 }));
    expect(errorOf(got[1]).code).toBe("#VALUE!");
    expect(got[2]).toBe(value("rserver", { Rs: 0.9, n: 2 }));
  });

  it("in PLAN's and SWEEP's text and list arguments", () => {
    const text = (s: string) => ({ type: "String", basicValue: s });
    const num = (n: number) => ({ type: "FormattedNumber", basicValue: n, numberFormat: "General" });
    const plan = evaluateAny("plan", { model: "rserver", find: "n", fixed: { Rs: 0.99 }, target: 0.99999 });
    expect(call("PLAN", cell(text("rserver")), cell(text("n")), cell(num(0.99999)), cell(text("Rs")), cell(num(0.99)), null, null)).toEqual([[plan.value]]);
    const sweep = evaluateAny("sweep", { model: "rserver", fixed: { n: 3 }, over: [{ param: "Rs", values: [0.9, 0.99] }] });
    const got = call(
      "SWEEP",
      cell(text("rserver")),
      cell(text("Rs")),
      [[num(0.9)], [num(0.99)]],
      null,
      null,
      cell(text("n")),
      cell(num(3)),
      null,
      null,
      null,
      null,
      null,
    );
    expect(got).toEqual([sweep.columns, ...sweep.rows]);
    const entity = errorOf(one("PLAN", cell({ type: "Entity", text: "Seattle" }), cell("n"), cell(0.999), null, null, null, null));
    expect(entity.message).toBe('model must be a model name: the cell holds a data type (Entity "Seattle") with no single value');
  });
});
