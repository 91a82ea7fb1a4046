/**
 * Every TRACKER.* function called through its CustomFunctions.associate registration, the way
 * Excel calls it (every argument a matrix, omitted ones null), against the catalog's evaluate().
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  catalog,
  describeParams,
  evaluate as evaluateAny,
  lookup,
  lookupModel,
  models,
  plainParams,
  runModel,
  tools,
  validate,
  type ValidationError,
  type AnyModel,
} from "../../shared/index";
import { excelFunctions, functionId, outputChoices } from "../../addin/functions/signatures";
import { FakeExcelError, loadRegisteredFunctions, type Registered } from "./built";

let registered: Map<string, Registered>;
beforeAll(() => {
  registered = loadRegisteredFunctions();
});

/** A model's result by name, as the catalog computes it. */
const evaluate = (name: string, params: unknown) => runModel(lookupModel(name), params).result;
const plan = (params: unknown) => evaluateAny("plan", params);
const sweep = (params: unknown) => evaluateAny("sweep", params);
const cell = (v: unknown) => [[v]];
function call(id: string, ...args: unknown[]): unknown[][] {
  const fn = registered.get(id);
  if (!fn) throw new Error(`TRACKER.${id} is not registered`);
  return fn(...args) as unknown[][];
}
/** Excel passes one matrix per declared argument and null for each omitted one at the end. */
function callModel(model: AnyModel, values: Record<string, unknown>, output?: string): unknown {
  const args = describeParams(model).map((p) => (p.name in values ? cell(values[p.name]) : null));
  const result = call(functionId(model.name), ...args, output === undefined ? null : cell(output));
  expect(result).toHaveLength(1);
  expect(result[0]).toHaveLength(1);
  return result[0]![0];
}
function errorOf(value: unknown): FakeExcelError {
  expect(value).toBeInstanceOf(FakeExcelError);
  return value as FakeExcelError;
}
const anyModels = models as readonly AnyModel[];
const rdht = catalog.get("rdht") as AnyModel;

describe("registration", () => {
  it("associates exactly one function per catalog model, plus PLAN, SWEEP, the tools with plain parameters and PRESET", () => {
    const flatTools = tools.filter((t) => plainParams(t)).map((t) => functionId(t.name));
    const expected = [...anyModels.map((m) => functionId(m.name)), "PLAN", "SWEEP", ...(catalog.has("cheapest") ? ["CHEAPEST"] : []), ...flatTools, "PRESET"];
    expect([...registered.keys()].sort()).toEqual(expected.sort());
    expect(
      excelFunctions()
        .map((f) => f.id)
        .sort(),
    ).toEqual(expected.sort());
  });
});

describe.each(anyModels.map((m) => [m.name, m] as const))("TRACKER.%s", (_name, model) => {
  const example = model.example.params;
  const expected = evaluate(model.name, example);

  it("gives the catalog's value for the catalog's example", () => {
    expect(callModel(model, example)).toBe(expected.value);
  });

  it("gives every output the catalog computes, each read directly from its result", () => {
    for (const output of outputChoices(model).slice(1)) {
      const got = callModel(model, example, output);
      const want = expected[output];
      if (typeof want === "number" && Number.isFinite(want)) expect(got, output).toBe(want);
      else expect(errorOf(got).code, output).toBe("#N/A");
    }
  });

  it("takes the catalog default for every omitted argument that has one", () => {
    const defaulted = new Set(
      describeParams(model)
        .filter((p) => p.default !== undefined)
        .map((p) => p.name),
    );
    const given = Object.fromEntries(Object.entries(example).filter(([name]) => !defaulted.has(name)));
    const withDefaults = validate(model.name, given);
    for (const name of defaulted) expect(withDefaults[name], name).toBe(describeParams(model).find((p) => p.name === name)!.default);
    expect(callModel(model, given)).toBe(evaluate(model.name, given).value);
  });

  it("names the argument and the rule for a value of the wrong kind", () => {
    const first = describeParams(model)[0]!;
    const got = errorOf(callModel(model, { ...example, [first.name]: true }));
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toContain(first.name);
    expect(got.message).toContain(first.rule);
  });
});

describe("cells as Excel passes them", () => {
  it("spills a 2-D result when two ranges cross, each cell equal to evaluate()", () => {
    const k = [[1], [2.5], [10]];
    const m = [[1, 2, 3, 4]];
    const result = call("RDHT", cell(0.9), m, k, null);
    expect(result).toHaveLength(3);
    result.forEach((row, r) => {
      expect(row).toHaveLength(4);
      row.forEach((v, c) => {
        expect(v).toBe(evaluate("rdht", { Rp: 0.9, m: m[0]![c], k: k[r]![0] }).value);
      });
    });
  });

  it("reports a bad cell inside a spill in that cell only, naming the argument and rule", () => {
    const result = call("RSERVER", cell(0.9), [[3, 2.5, 1]], cell("nines"));
    expect(result[0]![0]).toBe(evaluate("rserver", { Rs: 0.9, n: 3 }).nines);
    expect(result[0]![2]).toBe(evaluate("rserver", { Rs: 0.9, n: 1 }).nines);
    const bad = errorOf(result[0]![1]);
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toBe("n must be a whole number from 1 to 1e9, got 2.5");
  });

  it("marks cells outside a shorter range #N/A, as Excel's own functions do", () => {
    const result = call("NODE", [[0.9, 0.99]], [[0.5, 0.6, 0.7]], null, null);
    expect(result[0]![0]).toBe(evaluate("node", { Pup: 0.9, Pqueued: 0.5 }).value);
    expect(result[0]![1]).toBe(evaluate("node", { Pup: 0.99, Pqueued: 0.6 }).value);
    expect(errorOf(result[0]![2]).code).toBe("#N/A");
  });

  it("reads numeric text as the number and refuses other text with the catalog's message", () => {
    expect(callModel(rdht, { Rp: "0.9", m: " 3 ", k: "5" })).toBe(evaluate("rdht", { Rp: 0.9, m: 3, k: 5 }).value);
    const got = errorOf(callModel(rdht, { Rp: 0.9, m: "three", k: 5 }));
    expect(got.message).toBe('m must be a whole number from 1 to 1e9, got "three"');
  });

  it("refuses booleans rather than reading TRUE as 1", () => {
    const got = errorOf(call("RSERVER", cell(0.9), cell(true), null)[0]![0]);
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toBe("n must be a whole number from 1 to 1e9, got true");
  });

  it("treats an omitted argument or an empty cell passed as null or \"\" as left out: the default, or 'required'", () => {
    expect(call("NODE", cell(0.999), cell(0.9999), cell(""), null)[0]![0]).toBe(evaluate("node", { Pup: 0.999, Pqueued: 0.9999 }).value);
    expect(call("NODE", cell(0.999), cell(0.9999), [[null]], null)[0]![0]).toBe(evaluate("node", { Pup: 0.999, Pqueued: 0.9999 }).value);
    const missing = errorOf(call("RDHT", cell(0.9), cell(3), cell(""), null)[0]![0]);
    expect(missing.message).toMatch(/^k is required/);
  });

  it("matches a choice without regard to case", () => {
    expect(call("PATHLENGTH", cell(1e6), cell("Chord"), null, null, null)[0]![0]).toBe(evaluate("pathlength", { N: 1e6, algorithm: "chord" }).value);
  });

  it("names the output argument and its choices when the output is unknown", () => {
    const got = errorOf(call("RSERVER", cell(0.9), cell(3), cell("reliability"))[0]![0]);
    expect(got.message).toBe('output must be one of value, unreliability, nines, got "reliability"');
  });

  it("shows #N/A with the catalog's note when the nines are unbounded (a message shows only with #VALUE! and #N/A)", () => {
    const got = errorOf(call("RSERVER", cell(1), cell(3), cell("nines"))[0]![0]);
    expect(got.code).toBe("#N/A");
    expect(got.message).toContain("unbounded");
  });

  it("keeps the unreliability digits 1 − value would lose", () => {
    const q = call("RSERVER", cell(0.9999), cell(5), cell("unreliability"))[0]![0] as number;
    expect(q).toBe(evaluate("rserver", { Rs: 0.9999, n: 5 }).unreliability);
    expect(q).toBeGreaterThan(0);
    expect(call("RSERVER", cell(0.9999), cell(5), null)[0]![0]).toBe(1);
  });

  it("refuses a spill that would be absurdly large instead of hanging", () => {
    const column = Array.from({ length: 2000 }, () => [0.9]);
    const row = [Array.from({ length: 1000 }, () => 0.99)];
    const result = call("NODE", column, row, null, null);
    expect(result).toHaveLength(1);
    expect(errorOf(result[0]![0]).message).toContain("2000×1000");
  });
});

describe("a list argument (Rs, Rp, R)", () => {
  it("reads its whole range as the members, in reading order, instead of spilling over it", () => {
    const result = call("RSERVER", [[0.9], [0.99], [0.999]], null, cell("unreliability"));
    expect(result).toEqual([[evaluate("rserver", { Rs: [0.9, 0.99, 0.999] }).unreliability]]);
    const grid = call(
      "RSERVER",
      [
        [0.9, 0.99],
        [0.999, 0.5],
      ],
      null,
      null,
    );
    expect(grid).toEqual([[evaluate("rserver", { Rs: [0.9, 0.99, 0.999, 0.5] }).value]]);
  });

  it("skips the cells that leave a value out, and reads one cell's separated text as a list", () => {
    const rs = [0.9, 0.99, 0.999];
    const want = evaluate("rserver", { Rs: rs }).value;
    expect(call("RSERVER", [[0.9], [null], [""], [0.99], ["default"], [0.999]], null, null)).toEqual([[want]]);
    expect(call("RSERVER", cell("0.9, 0.99; 0.999"), null, null)).toEqual([[want]]);
    expect(call("RSERVER", [["0.9, 0.99"], [0.999]], null, null)).toEqual([[want]]);
  });

  it("spills over the other arguments: one result per k, each from the whole list", () => {
    const result = call("RDHT", [[0.9], [0.99]], null, [[1, 2, 5]], null);
    expect(result).toEqual([[1, 2, 5].map((k) => evaluate("rdht", { Rp: [0.9, 0.99], k }).value)]);
  });

  it("names the member that breaks the rule, and the count that disagrees with the list", () => {
    const bad = errorOf(call("RSERVER", [[0.9], [1.5]], null, null)[0]![0]);
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toBe("Rs.1 must be a finite number from 0 to 1, got 1.5");
    expect(errorOf(call("RSERVER", [[0.9], [0.99]], cell(3), null)[0]![0]).message).toBe("n must equal the number of Rs listed (2), or be left out: got n = 3");
    expect(errorOf(call("RSERVER", [[null], [""]], null, null)[0]![0]).message).toMatch(/^Rs is required/);
  });

  it("shares one work budget over a spill of a model whose cost grows with its inputs (kofn), and says so in the cells past it", () => {
    const R = Array.from({ length: 1e4 }, () => [0.9]);
    const ks = [Array.from({ length: 41 }, (_, i) => 4980 + i)];
    const row = call("KOFN", ks, null, R, cell("unreliability"))[0]!;
    expect(row[0]).toBe(evaluate("kofn", { k: 4980, R: R.map((r) => r[0]!) }).unreliability);
    const refused = row.filter((v) => v instanceof FakeExcelError).map((v) => errorOf(v));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.code).toBe("#VALUE!");
    expect(refused[0]!.message).toMatch(/^this spill asks kofn for more than 5e8 steps of work/);
  });

  it("in SWEEP's values, one cell's text is the list", () => {
    const table = call("SWEEP", cell("rdht"), cell("k"), [[1, 2]], null, null, cell("Rp"), cell("0.9, 0.99"), null, null, null, null, null);
    expect(table[0]).toEqual(["k", "value", "unreliability", "nines"]);
    expect(table.slice(1).map((row) => row[1])).toEqual([1, 2].map((k) => evaluate("rdht", { Rp: [0.9, 0.99], k }).value));
  });

  it("says in its help that it is a list, and every other argument that a range spills", () => {
    const rserver = excelFunctions().find((f) => f.id === "RSERVER")!;
    expect(rserver.args[0]!.help).toMatch(/A list: a range gives one member per cell\.$/);
    expect(rserver.args[1]!.help).toMatch(/; optional\. A range gives one result per cell\.$/);
    // RDHT's m is required in Excel's eyes (k follows it), and its help says how to leave it out.
    const m = excelFunctions().find((f) => f.id === "RDHT")!.args[1]!;
    expect([m.optional, m.help.includes("leave the argument empty to leave it out")]).toEqual([false, true]);
  });
});

describe("P_served in cells", () => {
  it("TRACKER.PSERVED and every design's pserved argument give the catalog's numbers", () => {
    const pserved = catalog.get("pserved") as AnyModel;
    const node = { lambda: 9.99, mu: 10, h: 10000, mttf: 2 };
    expect(callModel(pserved, node)).toBe(evaluate("pserved", node).value);
    expect(callModel(pserved, node, "unreliability")).toBe(evaluate("pserved", node).unreliability);
    for (const name of ["dsmu", "pdhta", "dsdhta", "sndhta"]) {
      const design = catalog.get(name) as AnyModel;
      const params = { ...design.example.params, h: 1e4, pserved: "include" };
      const expected = evaluate(name, params);
      expect(expected.Pserved as number).toBeLessThan(1);
      expect(callModel(design, params, "unreliability")).toBe(expected.unreliability);
      expect(callModel(design, { ...params, pserved: "INCLUDE" }, "Pserved")).toBe(expected.Pserved);
    }
  });
});

describe("TRACKER.PLAN", () => {
  const names = [["Rs"]];
  const values = [[0.99]];

  it("gives the plan tool's answer, its achieved nines and its message", () => {
    const expected = plan({ model: "rserver", find: "n", fixed: { Rs: 0.99 }, target: 0.99999 });
    expect(expected.feasible).toBe(true);
    expect(call("PLAN", cell("rserver"), cell("n"), cell(0.99999), names, values, null, null)).toEqual([[expected.value]]);
    expect(call("PLAN", cell("rserver"), cell("n"), cell(0.99999), names, values, null, cell("nines"))).toEqual([[expected.achieved!.nines]]);
    expect(call("PLAN", cell("rserver"), cell("n"), cell(0.99999), names, values, null, cell("message"))).toEqual([[expected.message]]);
  });

  it("takes a target in nines", () => {
    const expected = plan({ model: "rdht", find: "m", fixed: { Rp: 0.5, k: 10 }, nines: 4 });
    expect(call("PLAN", cell("rdht"), cell("m"), null, [["Rp", "k"]], [[0.5, 10]], cell(4), null)).toEqual([[expected.value]]);
  });

  it("shows #N/A with the reason when no value reaches the target", () => {
    const got = errorOf(call("PLAN", cell("rserver"), cell("n"), cell(0.99999), names, [[0]], null, null)[0]![0]);
    expect(got.code).toBe("#N/A");
    expect(got.message).toBe(plan({ model: "rserver", find: "n", fixed: { Rs: 0 }, target: 0.99999 }).message);
  });

  it("passes the tool's own validation message through", () => {
    const got = errorOf(call("PLAN", cell("rserver"), cell("n"), cell(2), names, values, null, null)[0]![0]);
    expect(got.code).toBe("#VALUE!");
    let message = "";
    try {
      plan({ model: "rserver", find: "n", fixed: { Rs: 0.99 }, target: 2 });
    } catch (e) {
      message = (e as ValidationError).message;
    }
    expect(got.message).toBe(message);
  });

  it("refuses names and values of different lengths", () => {
    const got = errorOf(call("PLAN", cell("rserver"), cell("n"), cell(0.999), [["Rs", "n"]], [[0.9]], null, null)[0]![0]);
    expect(got.message).toBe("values must have one cell per name: 2 names, got 1 values");
  });
});

describe("TRACKER.SWEEP", () => {
  it("spills the sweep tool's table with its header row", () => {
    const expected = sweep({ model: "rdht", fixed: { Rp: 0.9, m: 3 }, over: [{ param: "k", from: 1, to: 20, steps: 20 }] });
    const got = call("SWEEP", cell("rdht"), cell("k"), cell(1), cell(20), cell(20), [["Rp"], ["m"]], [[0.9], [3]], null, null, null, null, null);
    expect(got[0]).toEqual(expected.columns);
    expect(got.slice(1)).toEqual(expected.rows);
  });

  it("takes the values of an axis from a range, and a second axis", () => {
    const expected = sweep({
      model: "rserver",
      over: [
        { param: "Rs", values: [0.9, 0.99] },
        { param: "n", from: 1, to: 4, steps: 4 },
      ],
    });
    const got = call("SWEEP", cell("rserver"), cell("Rs"), [[0.9], [0.99]], null, null, null, null, cell("n"), cell(1), cell(4), cell(4), null);
    expect(got).toEqual([expected.columns, ...expected.rows]);
  });

  it("shows a sweep error as one #VALUE! cell with the tool's words", () => {
    const got = call("SWEEP", cell("rserver"), cell("x"), cell(1), cell(2), cell(2), null, null, null, null, null, null, null);
    expect(got).toHaveLength(1);
    expect(errorOf(got[0]![0]).message).toContain("must name a parameter of rserver");
  });
});

describe.runIf(tools.some((t) => t.name === "simulate"))("TRACKER.SIMULATE", () => {
  it("runs the simulator through its registration, equal to evaluate()", () => {
    const small = { design: "pdhta", m: 2, events: 4000, chunks: 2, seed: 3 };
    const params = plainParams(lookup("simulate"))!;
    const args = params.map((p) => (p.name in small ? cell(small[p.name as keyof typeof small]) : null));
    const expected = evaluateAny("simulate", small);
    expect(call("SIMULATE", ...args, null)).toEqual([[expected.value]]);
    expect(call("SIMULATE", ...args, cell("halfWidth95"))).toEqual([[expected.halfWidth95]]);
  });
});
