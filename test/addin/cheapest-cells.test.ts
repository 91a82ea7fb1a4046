/**
 * TRACKER.CHEAPEST(serverTypes, lambda, nines, [bytesPerLookup], [costPerGB], [designs], [names],
 * [values], [show]) as Excel calls it (every argument a matrix, an omitted one null), against the
 * catalog's evaluate("cheapest", …): the price list as a range with a header row, the target, the
 * designs, the names/values that go to the top level or into `fixed`, and each table `show` spills.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate, exampleServerTypes, frontierColumns, serverTypeColumns, type ServerType } from "../../shared/index";
import { cheapestCells } from "../../addin/functions/runtime";
import { cheapestFunction, cheapestNamedParams, excelFunctions } from "../../addin/functions/signatures";
import { callBuilt, FakeExcelError } from "./built";

beforeAll(() => {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
    Error: FakeExcelError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  };
});
afterAll(() => {
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
});

const signature = cheapestFunction();
type ArgName = "serverTypes" | "lambda" | "nines" | "bytesPerLookup" | "costPerGB" | "designs" | "names" | "values" | "show";
const cell = (v: unknown) => [[v]];

/** The positional arguments Excel passes for these, by the signature's order: null for each one left out. */
function args(given: Partial<Record<ArgName, unknown>>): unknown[] {
  return signature.args.map((a) => (a.name in given ? given[a.name as ArgName] : null));
}
/** TRACKER.CHEAPEST from the source, each argument as Excel passes it. */
const call = (given: Partial<Record<ArgName, unknown>>) => cheapestCells(args(given) as never);

function errorOf(result: unknown[][]): FakeExcelError {
  expect(result).toHaveLength(1);
  expect(result[0]).toHaveLength(1);
  expect(result[0]![0]).toBeInstanceOf(FakeExcelError);
  return result[0]![0] as FakeExcelError;
}

/** What a spill shows for the catalog's frontier: its columns, then its rows with null as an empty cell. */
function frontierSpill(result: { columns: string[]; rows: (string | number | null)[][] }): unknown[][] {
  return [result.columns, ...result.rows.map((row) => row.map((v) => (v === null ? "" : v)))];
}

/** A price list as a range: a header row of `columns`, then each type's values in that order. */
function priceList(types: readonly ServerType[], columns: readonly string[] = serverTypeColumns): unknown[][] {
  const field = (c: string) => serverTypeColumns.find((f) => f.toLowerCase() === c.trim().toLowerCase())!;
  return [[...columns], ...types.map((t) => columns.map((c) => t[field(c)]))];
}

const types: ServerType[] = [
  { name: "a1", mu: 600, h: 40, mttf: 500, mttr: 5, costPerMonth: 15 },
  { name: "b2", mu: 3000, h: 120, mttf: 2000, mttr: 1.5, costPerMonth: 90 },
];
const workload = { lambda: 2400, nines: 7 };

describe("TRACKER.CHEAPEST's signature", () => {
  it("is listed after SWEEP, with serverTypes, lambda and nines required and the rest optional", () => {
    const ids = excelFunctions().map((f) => f.id);
    expect(ids.indexOf("CHEAPEST")).toBe(ids.indexOf("SWEEP") + 1);
    expect(signature.kind).toBe("cheapest");
    expect(signature.args.map((a) => [a.name, a.optional])).toEqual([
      ["serverTypes", false],
      ["lambda", false],
      ["nines", false],
      ["bytesPerLookup", true],
      ["costPerGB", true],
      ["designs", true],
      ["names", true],
      ["values", true],
      ["show", true],
    ]);
  });

  it("reads the top-level names from the tool's schema, and says them and the header rule in its help, each within 255 characters", () => {
    expect(cheapestNamedParams().sort()).toEqual(["N", "arrivalRate", "lookupsPerPeer", "maxReplicas", "maxServers", "sessionTime", "target"]);
    const help = Object.fromEntries(signature.args.map((a) => [a.name, a.help]));
    for (const name of cheapestNamedParams()) expect(help.names).toContain(name);
    expect(help.serverTypes).toContain(`first row names the columns ${serverTypeColumns.join(", ")}`);
    expect(help.bytesPerLookup).toContain("default 1000");
    expect(help.lambda).toContain("(lookups/s)");
    expect(signature.description.length).toBeLessThanOrEqual(255);
    for (const a of signature.args) expect(a.help.length, a.name).toBeLessThanOrEqual(255);
  });
});

describe("serverTypes: a range with a header row", () => {
  it("takes the columns in any order and case, with spaces around them, as the catalog takes the list", () => {
    const expected = evaluate("cheapest", { ...workload, serverTypes: types });
    const header = [" MU ", "Name", "H", "mttf", "MTTR", "costpermonth"];
    const got = call({ serverTypes: priceList(types, header), lambda: cell(2400), nines: cell(7) });
    expect(got).toEqual(frontierSpill(expected));
    // The same list in the catalog's column order gives the same table.
    expect(call({ serverTypes: priceList(types), lambda: cell(2400), nines: cell(7) })).toEqual(got);
    expect(got[1]![2]).toBe(expected.rows[0]![2]);
  });

  it("reads numbers given as text as the numbers, as every other cell does", () => {
    const asText = priceList(types).map((row, r) => (r === 0 ? row : row.map((v) => (typeof v === "number" ? ` ${v} ` : v))));
    expect(call({ serverTypes: asText, lambda: cell("2400"), nines: cell("7") })).toEqual(
      frontierSpill(evaluate("cheapest", { ...workload, serverTypes: types })),
    );
  });

  it("refuses a missing column, naming it", () => {
    const header = ["name", "mu", "h", "mttf", "costPerMonth"];
    const got = errorOf(call({ serverTypes: priceList(types, header), lambda: cell(2400), nines: cell(7) }));
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toMatch(/^serverTypes must have a header row naming the columns name, mu, h, mttf, mttr, costPerMonth .*: mttr is missing$/);
  });

  it("refuses a column a server type does not have, by name, and a column named twice", () => {
    const extra = priceList(types).map((row, r) => [...row, r === 0 ? "region" : "eu"]);
    const got = errorOf(call({ serverTypes: extra, lambda: cell(2400), nines: cell(7) }));
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toContain('got "region" in column 7');
    const twice = priceList(types).map((row, r) => [...row, r === 0 ? "MU" : 1]);
    expect(errorOf(call({ serverTypes: twice, lambda: cell(2400), nines: cell(7) })).message).toContain("mu is named twice");
  });

  it("gives the catalog's message for a bad value, naming serverTypes, the column and the range's row", () => {
    const range = priceList(types);
    range[2]![1] = -5; // mu of the second server type: row 3 of the range, under the header.
    const got = errorOf(call({ serverTypes: range, lambda: cell(2400), nines: cell(7) }));
    expect(got.code).toBe("#VALUE!");
    let catalog = "";
    try {
      evaluate("cheapest", { ...workload, serverTypes: [types[0], { ...types[1], mu: -5 }] });
    } catch (error) {
      catalog = (error as Error).message;
    }
    expect(catalog).toMatch(/^serverTypes\.1\.mu must be/);
    expect(got.message).toBe(`${catalog} (row 3 of the serverTypes range)`);
    expect(got.message).toContain("serverTypes");
    expect(got.message).toContain("mu");
  });

  it("names the range's row past the empty rows it skipped, and says so for a type named twice", () => {
    const range = [priceList(types)[0]!, [null, null, null, null, null, null], ...priceList([types[0]!, types[0]!]).slice(1)];
    const got = errorOf(call({ serverTypes: range, lambda: cell(2400), nines: cell(7) }));
    expect(got.message).toMatch(/^serverTypes\.1\.name must differ from the other types' names: "a1" is given twice \(row 4 of the serverTypes range\)$/);
  });

  it('skips rows whose cells are all empty (null, empty text or "default"), wherever they are', () => {
    const expected = frontierSpill(evaluate("cheapest", { ...workload, serverTypes: types }));
    const [header, first, second] = priceList(types);
    const blank = (v: unknown) => Array.from({ length: 6 }, () => v);
    const range = [blank(null), header, blank(""), first, blank("default"), second, blank(null)];
    expect(call({ serverTypes: range, lambda: cell(2400), nines: cell(7) })).toEqual(expected);
    // Desktop Excel passes 0 for an empty cell of a range: a row of zeros is a spare row too (a type has a name),
    // a spare column of zeros is skipped, and a selection of nothing but zeros leaves the list out.
    expect(call({ serverTypes: [header, first, blank(0), second, blank(0)], lambda: cell(2400), nines: cell(7) })).toEqual(expected);
    const spare = [header!, first!, second!].map((row) => [...row, 0]);
    expect(call({ serverTypes: spare, lambda: cell(2400), nines: cell(7) })).toEqual(expected);
    expect(call({ serverTypes: [blank(0), blank(0)], lambda: cell(2400), nines: cell(7) })).toEqual(frontierSpill(evaluate("cheapest", { ...workload })));
    // A zero inside a type's row is that value: here a free server.
    const free = priceList(types);
    free[1]![5] = 0;
    expect(call({ serverTypes: free, lambda: cell(2400), nines: cell(7) })).toEqual(
      frontierSpill(evaluate("cheapest", { ...workload, serverTypes: [{ ...types[0]!, costPerMonth: 0 }, types[1]!] })),
    );
    // A cell left empty inside a filled row is not skipped: the catalog says the type lacks it.
    const holed = priceList(types);
    holed[1]![3] = null;
    expect(errorOf(call({ serverTypes: holed, lambda: cell(2400), nines: cell(7) })).message).toMatch(/^serverTypes\.0\.mttf is required/);
  });

  it('takes the catalog\'s example types when left out: an empty argument, "default", or a range of empty cells', () => {
    const expected = frontierSpill(evaluate("cheapest", workload));
    expect(expected.length).toBeGreaterThan(1);
    for (const serverTypes of [
      null,
      cell(null),
      cell("default"),
      cell(" Default "),
      [
        [null, ""],
        ["", null],
      ],
    ]) {
      expect(call({ serverTypes, lambda: cell(2400), nines: cell(7) }), JSON.stringify(serverTypes)).toEqual(expected);
    }
    // The example list written out as a range is the same list.
    expect(call({ serverTypes: priceList(exampleServerTypes), lambda: cell(2400), nines: cell(7) })).toEqual(expected);
  });

  it("refuses one cell that is not a price list, and a cell holding a data type with no value, naming its row", () => {
    const one = errorOf(call({ serverTypes: cell("small"), lambda: cell(2400), nines: cell(7) }));
    expect(one.code).toBe("#VALUE!");
    expect(one.message).toMatch(/^serverTypes must be a range whose first row names the columns name, mu, h, mttf, mttr, costPerMonth .*got "small"$/);
    const range: unknown[][] = priceList(types);
    range[2]![4] = { type: "Entity", text: "Seattle" };
    const entity = errorOf(call({ serverTypes: range, lambda: cell(2400), nines: cell(7) }));
    expect(entity.message).toBe(
      'serverTypes.1.mttr must be a number: the cell holds a data type (Entity "Seattle") with no single value (row 3 of the serverTypes range)',
    );
  });

  it("passes a header with no types to the catalog, which refuses an empty list", () => {
    const got = errorOf(call({ serverTypes: [[...serverTypeColumns]], lambda: cell(2400), nines: cell(7) }));
    expect(got.message).toMatch(/^serverTypes must be a list of 1 to 50 server types/);
  });
});

describe("show", () => {
  const expected = evaluate("cheapest", workload);

  it('"frontier" (the default) spills the frontier: frontierColumns as the header, then the catalog\'s rows', () => {
    const got = call({ lambda: cell(2400), nines: cell(7) });
    expect(got[0]).toEqual([...frontierColumns]);
    expect(got.slice(1)).toEqual(expected.rows.map((row) => row.map((v) => (v === null ? "" : v))));
    expect(got).toHaveLength(expected.frontier.length + 1);
    expect(call({ lambda: cell(2400), nines: cell(7), show: cell("Frontier") })).toEqual(got);
  });

  it('"best" spills the header and the answer as one row: the frontier\'s row at the target, with no extra cost', () => {
    const got = call({ lambda: cell(2400), nines: cell(7), show: cell("best") });
    expect(got).toHaveLength(2);
    expect(got[0]).toEqual([...frontierColumns]);
    const column = (name: string) => frontierColumns.indexOf(name as (typeof frontierColumns)[number]);
    const atTarget = frontierSpill(expected).find((row) => row[column("atLeastNines")] === 7)!;
    expect(got[1]).toEqual(atTarget.map((v, i) => (i === column("extraCost") ? "" : v)));
    const best = expected.best!;
    expect(got[1]![column("servers")]).toBe(best.servers);
    expect(got[1]![column("serverType")]).toBe(best.serverType);
    expect(got[1]![column("costPerMonth")]).toBe(best.costPerMonth.total);
  });

  it('"message" is the catalog\'s sentence in one cell', () => {
    expect(call({ lambda: cell(2400), nines: cell(7), show: cell("message") })).toEqual([[expected.message]]);
  });

  it('"peers" spills the peer-based designs, and is #N/A with the catalog\'s note when none was considered', () => {
    const names = [["N"], ["sessionTime"]];
    const values = [[1e6], [2]];
    const withPeers = evaluate("cheapest", { ...workload, N: 1e6, sessionTime: 2 });
    expect(withPeers.peers.length).toBeGreaterThan(0);
    const got = call({ lambda: cell(2400), nines: cell(7), names, values, show: cell("peers") });
    expect(got[0]).toEqual(["design", "nines", "unreliability", "meetsTarget", "trackerNodes", "lookupsPerSecond", "bytesPerSecond", "smallestM"]);
    expect(got.slice(1)).toEqual(
      withPeers.peers.map((p) => [
        p.design,
        p.nines,
        p.unreliability,
        p.meetsTarget,
        p.trackerNodes,
        p.perNode.lookupsPerSecond,
        p.perNode.bytesPerSecond,
        p.smallestM ?? "",
      ]),
    );
    const none = errorOf(call({ lambda: cell(2400), nines: cell(7), show: cell("peers") }));
    expect(none.code).toBe("#N/A");
    expect(expected.notes).toContain(none.message);
  });

  it("refuses a show it does not know, naming the choices", () => {
    const got = errorOf(call({ lambda: cell(2400), nines: cell(7), show: cell("cheapest") }));
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toBe('show must be one of frontier, best, peers, message, got "cheapest"');
  });
});

describe("a target nothing searched reaches", () => {
  it("is #N/A for best and for an empty frontier, carrying the catalog's reason, while message gives the whole sentence", () => {
    const names = [["sites", "siteMttf", "siteMttr"]];
    const values = [[1, 100, 10]];
    const expected = evaluate("cheapest", { lambda: 2400, nines: 9, fixed: { sites: 1, siteMttf: 100, siteMttr: 10 } });
    expect(expected.feasible).toBe(false);
    expect(expected.rows).toHaveLength(0);
    const best = errorOf(call({ lambda: cell(2400), nines: cell(9), names, values, show: cell("best") }));
    expect(best.code).toBe("#N/A");
    expect(best.message!.length).toBeLessThanOrEqual(255);
    if (expected.message.length <= 255) expect(best.message).toBe(expected.message);
    else expect(best.message).toMatch(/^No configuration searched reaches 9\.00 nines; the closest, dsmu with \d+ × \w+, has 1\.04\./);
    expect(errorOf(call({ lambda: cell(2400), nines: cell(9), names, values }))).toEqual(best);
    expect(call({ lambda: cell(2400), nines: cell(9), names, values, show: cell("message") })).toEqual([[expected.message]]);
  });

  it("says in the #N/A what alone would make it feasible, within the 255 characters a cell's error shows", () => {
    const tiny: ServerType[] = [{ name: "tiny", mu: 500, h: 50, mttf: 100, mttr: 10, costPerMonth: 5 }];
    const expected = evaluate("cheapest", { lambda: 2400, nines: 9, serverTypes: tiny, designs: ["dsmu"], maxServers: 4 });
    expect(expected.feasible).toBe(false);
    expect(expected.remedies!.length).toBeGreaterThan(0);
    const got = errorOf(
      call({
        serverTypes: priceList(tiny),
        lambda: cell(2400),
        nines: cell(9),
        designs: cell("dsmu"),
        names: cell("maxServers"),
        values: cell(4),
        show: cell("best"),
      }),
    );
    expect(got.code).toBe("#N/A");
    expect(got.message!.length).toBeLessThanOrEqual(255);
    for (const r of expected.remedies!) expect(got.message).toContain(`${r.param} ${r.effect === "raises" ? "≥" : "≤"} `);
    expect(got.message).toMatch(/reaches 9\.00 nines|9\.00 nines/);
  });
});

describe("designs", () => {
  const both = evaluate("cheapest", { ...workload, designs: ["dsmu", "dsdhta"] });
  const onlyDht = evaluate("cheapest", { ...workload, designs: ["dsdhta"] });

  it("takes one cell's text listing them (commas, semicolons, spaces), in any case", () => {
    expect(call({ lambda: cell(2400), nines: cell(7), designs: cell("DSMU, dsdhta") })).toEqual(frontierSpill(both));
    expect(call({ lambda: cell(2400), nines: cell(7), designs: cell("dsmu;DsDhta") })).toEqual(frontierSpill(both));
    const got = call({ lambda: cell(2400), nines: cell(7), designs: cell(" dsdhta ") });
    expect(got).toEqual(frontierSpill(onlyDht));
    expect(got.slice(1).every((row) => row[1] === "dsdhta")).toBe(true);
  });

  it("takes a range of names, skipping empty cells", () => {
    expect(call({ lambda: cell(2400), nines: cell(7), designs: [["dsmu"], [null], ["DSDHTA"]] })).toEqual(frontierSpill(both));
    expect(call({ lambda: cell(2400), nines: cell(7), designs: [["dsdhta", ""]] })).toEqual(frontierSpill(onlyDht));
  });

  it("refuses a design the tool does not know, in the catalog's words", () => {
    const got = errorOf(call({ lambda: cell(2400), nines: cell(7), designs: cell("dsmu, raft") }));
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toBe('designs.1 must be one of dsmu, dsdhta, pdhta, sndhta, got "raft"');
  });
});

describe("names and values", () => {
  it("send target to the top level, so a success rate stands in for nines", () => {
    const expected = evaluate("cheapest", { lambda: 2400, target: 0.99999 });
    expect(call({ lambda: cell(2400), names: cell("target"), values: cell(0.99999) })).toEqual(frontierSpill(expected));
    expect(call({ lambda: cell(2400), names: cell("target"), values: cell(0.99999), show: cell("message") })).toEqual([[expected.message]]);
    // Both, or neither, is the catalog's refusal.
    const both = errorOf(call({ lambda: cell(2400), nines: cell(5), names: cell("target"), values: cell(0.99999) }));
    expect(both.message).toMatch(/^give either target .* or nines/);
  });

  it("send a design's parameter (sites, a choice in any case, design.param) into fixed, reading numbers from text", () => {
    const fixed = { sites: 2, siteMttf: 8760, siteMttr: 4, algorithm: "chord", "dsdhta.m": 4 };
    const expected = evaluate("cheapest", { ...workload, fixed });
    const names = [["sites"], ["siteMttf"], ["siteMttr"], ["algorithm"], ["dsdhta.m"]];
    const got = call({ lambda: cell(2400), nines: cell(7), names, values: [["2"], [" 8760 "], [4], ["Chord"], [4]] });
    expect(got).toEqual(frontierSpill(expected));
    expect(got).not.toEqual(frontierSpill(evaluate("cheapest", workload)));
  });

  it("derive lambda from arrivalRate and lookupsPerPeer when lambda is left empty", () => {
    const expected = evaluate("cheapest", { nines: 7, arrivalRate: 10, lookupsPerPeer: 240 });
    expect(call({ lambda: null, nines: cell(7), names: [["arrivalRate", "lookupsPerPeer"]], values: [[10, 240]] })).toEqual(frontierSpill(expected));
  });

  it("refuse a parameter that has an argument of its own, and a name the designs do not take, in the catalog's words", () => {
    const twice = errorOf(call({ lambda: cell(2400), nines: cell(7), names: cell("lambda"), values: cell(100) }));
    expect(twice.code).toBe("#VALUE!");
    expect(twice.message).toContain("names must not hold lambda");
    const unknown = errorOf(call({ lambda: cell(2400), nines: cell(7), names: cell("colour"), values: cell("red") }));
    expect(unknown.message).toMatch(/^fixed\.colour: none of the designs considered .* has a parameter colour( \(pdhta and sndhta were set aside: .*\))?$/);
  });
});

describe("the work cap", () => {
  it("refuses a search past the catalog's cap before it starts, naming maxServers", () => {
    const fifty: ServerType[] = Array.from({ length: 50 }, (_, i) => ({ name: `t${i}`, mu: 500 + i, h: 50, mttf: 720, mttr: 4, costPerMonth: 20 + i }));
    const started = Date.now();
    const got = errorOf(
      call({ serverTypes: priceList(fifty), lambda: cell(2400), nines: cell(7), names: [["maxServers"], ["algorithm"]], values: [[10000], ["kademlia"]] }),
    );
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toContain("maxServers");
    expect(got.message).toMatch(/past the cap/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("the built add-in", () => {
  it("registers TRACKER.CHEAPEST, which gives the catalog's answer as Excel calls it", () => {
    const expected = evaluate("cheapest", { ...workload, serverTypes: types });
    const header = ["mttr", "NAME", "costPerMonth", "mu", "h", "mttf"];
    expect(callBuilt("CHEAPEST", ...args({ serverTypes: priceList(types, header), lambda: cell(2400), nines: cell(7) }))).toEqual(frontierSpill(expected));
    expect(callBuilt("CHEAPEST", ...args({ lambda: cell(2400), nines: cell(7), show: cell("message") }))).toEqual([[evaluate("cheapest", workload).message]]);
  });
});
