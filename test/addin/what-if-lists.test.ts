/**
 * What-if sheets with a list parameter and with the designs' sites (issue 12 §6). A list is held as
 * its members' text in its one named input cell ("0.9, 0.99, 0.999"), which the TRACKER formula
 * passes on, so the formula names one cell; a list parameter swept on an axis takes one number per
 * row for every member. Every sheet is recomputed through the functions the built functions.js
 * registers, with empty cells as the web and as desktop Excel pass them, and held to the catalog's
 * sweep; the parameters the task pane's axis pickers offer are the ones these sheets can take.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { evaluate, lookupModel, models, runModel, validate, type AnyModel } from "../../shared/index";
import { omittedMarker } from "../../addin/functions/cells";
import { axisChoices, type AxisSuggestion } from "../../addin/taskpane/axes";
import { listHint } from "../../addin/taskpane/fields";
import { definedName, maxCellChars, whatIfLayout, type WhatIfLayout } from "../../addin/taskpane/whatif";
import { insertWhatIfTable } from "../../addin/taskpane/workbook";
import { emptyArguments, evaluateTable, mockExcel, parseFormula, registeredFunctions, sheetCells, unmockExcel, type Shown } from "./what-if-sheet";

beforeAll(() => {
  registeredFunctions();
});

const listed = [0.9, 0.99, 0.999];

/** The cell a defined name of the sheet stands for. */
function named(layout: WhatIfLayout, name: string): string {
  return layout.names.find((n) => n.name === name)!.address.replace(/\$/g, "");
}

/** The sheet's numbers with empty cells as the web passes them, checked equal to desktop's (0). */
function shown(layout: WhatIfLayout, edits: Record<string, string | number> = {}): Shown[][] {
  const web = evaluateTable(layout, null, edits);
  expect(evaluateTable(layout, 0, edits)).toEqual(web);
  return web;
}

/** The catalog's sweep for the same request, one column, in the sheet's shape (axis 1 down, axis 2 across). */
function swept(model: string, fixed: Record<string, unknown>, axes: readonly { param: string; values: readonly (number | string)[] }[], output: string) {
  const sweep = evaluate("sweep", { model, fixed, over: axes.map((a) => ({ param: a.param, values: [...a.values] })) });
  const column = sweep.columns.indexOf(output);
  const across = axes[1]?.values.length ?? 1;
  return Array.from({ length: axes[0]!.values.length }, (_, r) => Array.from({ length: across }, (_, c) => sweep.rows[r * across + c]![column]));
}

describe("a list parameter as an input", () => {
  const request = { model: "rdht", params: { Rp: listed, k: 5 }, axes: [{ param: "k", values: [1, 2, 5, 10] }], output: "unreliability" };

  it("holds the list's members as text in its one named cell, which the formula passes on", () => {
    const layout = whatIfLayout(request);
    const cells = sheetCells(layout);
    expect(cells.get(named(layout, "Rp"))).toBe("0.9, 0.99, 0.999");
    // m, left out (the list says how many replicas), holds the omitted marker, never an empty cell.
    expect(cells.get(named(layout, "m"))).toBe(omittedMarker);
    expect(parseFormula(String(cells.get("G7"))).args).toEqual(["Rp", "m", "$F7", "output"]);
    expect(emptyArguments(layout)).toEqual([]);
    expect(layout.help.find((h) => h.title === "Rp")!.message).toContain(`${listHint[0]!.toUpperCase()}${listHint.slice(1)}, in this one cell`);
    const results = shown(layout);
    expect(results).toEqual(swept("rdht", { Rp: listed }, request.axes, "unreliability"));
    // Three replicas of 90%, 99% and 99.9%: one hop fails with 0.1 · 0.01 · 0.001.
    expect(results[0]![0]).toBeCloseTo(1e-6, 18);
  });

  it("recomputes when the planner edits the list in its cell, with any separator the catalog reads", () => {
    const layout = whatIfLayout(request);
    const cell = named(layout, "Rp");
    const edited = shown(layout, { [cell]: "0.9; 0.5 0.8" });
    expect(edited.map((row) => row[0])).toEqual(request.axes[0]!.values.map((k) => evaluate("rdht", { Rp: [0.9, 0.5, 0.8], k }).unreliability));
    // One number is one replica unless m says how many: typed with m beside it, it is eq. (2) again.
    const single = shown(layout, { [cell]: 0.9, [named(layout, "m")]: 3 });
    expect(single[2]![0]).toBe(evaluate("rdht", { Rp: 0.9, m: 3, k: 5 }).unreliability);
    // A count that disagrees with the list is the catalog's #VALUE!, naming the rule.
    const clash = shown(layout, { [named(layout, "m")]: 2 });
    expect(String(clash[0]![0])).toMatch(/^#VALUE!: .*m must equal the number of Rp listed \(3\)/);
  });

  it("refuses a list longer than an Excel cell holds, before anything is written", () => {
    const long = Array.from({ length: 5000 }, (_, i) => 0.5 + i / 100_000);
    expect(long.map(String).join(", ").length).toBeGreaterThan(maxCellChars);
    expect(() => whatIfLayout({ ...request, params: { Rp: long, k: 5 } })).toThrow(`more than the ${maxCellChars} an Excel cell holds`);
    const fits = long.slice(0, 2000);
    expect(sheetCells(whatIfLayout({ ...request, params: { Rp: fits, k: 5 } })).get("B7")).toBe(fits.join(", "));
  });

  it("sweeps a list parameter as one number per row for every member, its count an input", () => {
    const axes = [{ param: "Rs", values: [0.9, 0.99, 0.999] }];
    const layout = whatIfLayout({ model: "rserver", params: { Rs: listed, n: 3 }, axes, output: "nines" });
    const cells = sheetCells(layout);
    expect(cells.get("B7")).toBe("↓ column F");
    expect(cells.get(named(layout, "n"))).toBe(3);
    expect(shown(layout)).toEqual(swept("rserver", { n: 3 }, axes, "nines"));
  });

  it("holds kofn's listed members in one cell while its quorum k is swept up to their number", () => {
    const kofn = lookupModel("kofn");
    const raw = { k: 2, R: [0.9, 0.95, 0.99, 0.999] };
    const k = axisChoices(kofn, raw).find((c) => c.name === "k")!;
    // At least k of the four: k runs from 1 to 4, a fifth would need a member that is not there.
    expect(k).toMatchObject({ works: true, suggestion: { kind: "range", from: 1, to: 4, steps: 4 } });
    const axes = [{ param: "k", values: [1, 2, 3, 4] }];
    const layout = whatIfLayout({ model: "kofn", params: validate("kofn", raw), axes, output: "unreliability" });
    expect(sheetCells(layout).get(named(layout, definedName("R")))).toBe("0.9, 0.95, 0.99, 0.999");
    expect(shown(layout)).toEqual(swept("kofn", { R: raw.R }, axes, "unreliability"));
  });

  describe("written into the workbook", () => {
    afterEach(unmockExcel);

    it("writes the list's text into the named cell, with the rule and the list's form as its input message", async () => {
      const recorded = mockExcel();
      const layout = whatIfLayout(request);
      await insertWhatIfTable(layout);
      const cell = named(layout, "Rp");
      expect(recorded.names.find((n) => n.name === "Rp")!.reference).toBe(cell);
      const block = recorded.ranges.find((r) => r.formulas && r.address.startsWith("A6"))!;
      const [row, col] = [Number(cell.slice(1)) - 6, cell.charCodeAt(0) - 65];
      expect(block.formulas![row]![col]).toBe("0.9, 0.99, 0.999");
      const prompt = recorded.ranges.find((r) => r.address === cell && r.dataValidation.prompt)!.dataValidation.prompt as { message: string };
      expect(prompt.message).toMatch(/or a list of 1 to 10000 of them\. One value, or several separated by commas, in this one cell\./);
    });
  });
});

describe("the sites of dsmu and dsdhta", () => {
  const placed = { sites: 3, siteMttf: 8760, siteMttr: 4 };

  it("reproduce the planner's example as a sheet: three servers in one site 3.3 nines, one in each of three 7.5", () => {
    const axes = [{ param: "sites", values: [1, 3] }];
    const params = validate("dsmu", { n: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400, ...placed });
    const layout = whatIfLayout({ model: "dsmu", params, axes, output: "nines" });
    const cells = sheetCells(layout);
    expect(cells.get(named(layout, "siteMttf"))).toBe(8760);
    expect(cells.get(named(layout, "siteMttr"))).toBe(4);
    const results = shown(layout);
    expect(results[0]![0]).toBeCloseTo(3.3, 1);
    expect(results[1]![0]).toBeCloseTo(7.5, 1);
    expect(results).toEqual(swept("dsmu", { n: 3, lambda: 2400, siteMttf: 8760, siteMttr: 4 }, axes, "nines"));
    // The chart's axis is the whole number of sites, and its column holds whole numbers.
    expect(layout.chart.xTitle).toBe("sites");
    expect(layout.blocks.find((b) => b.col === 5 && b.row === 6)!.columnFormats![0]).toBe("0");
  });

  for (const design of ["dsmu", "dsdhta"]) {
    const servers = design === "dsmu" ? "n" : "servers";

    it(`${design}: sites, siteMttf and siteMttr as inputs, each swept in turn, equal the catalog's sweep`, () => {
      const model = lookupModel(design);
      const params = validate(design, { ...model.example.params, [servers]: 6, ...placed });
      for (const axis of [
        // dsdhta's m = 3 replicas already sit in three sites apart at 3 sites, so 6 would give the same
        // answer (it did only by an ulp of rounding before parallelPower took one pow).
        { param: "sites", values: design === "dsmu" ? [1, 2, 3, 6] : [1, 2, 3] },
        { param: "siteMttf", values: [100, 1000, 8760] },
        { param: "siteMttr", values: [0, 1, 4, 24] },
      ]) {
        const layout = whatIfLayout({ model: design, params, axes: [axis], output: "unreliability" });
        expect(emptyArguments(layout)).toEqual([]);
        const fixed = Object.fromEntries(Object.entries(params).filter(([k, v]) => k !== axis.param && v !== undefined));
        const results = shown(layout);
        expect(results, `${design} over ${axis.param}`).toEqual(swept(design, fixed, [axis], "unreliability"));
        expect(new Set(results.flat()).size, `${design} over ${axis.param}: the sites move the answer`).toBe(axis.values.length);
      }
    });

    it(`${design}: left out, the three hold "default" and the sheet is today's model`, () => {
      const model = lookupModel(design);
      const layout = whatIfLayout({
        model: design,
        params: validate(design, model.example.params),
        axes: [{ param: servers, values: [3, 4] }],
        output: "value",
      });
      for (const name of ["sites", "siteMttf", "siteMttr"]) expect(sheetCells(layout).get(named(layout, name)), name).toBe(omittedMarker);
      expect(shown(layout).flat()).toEqual([3, 4].map((v) => runModel(model, { ...model.example.params, [servers]: v }).result.value));
    });

    it(`${design}: sites swept beside the servers, each kept to what the other allows`, () => {
      const model = lookupModel(design);
      const raw = { ...model.example.params, [servers]: 6, ...placed, ...(design === "dsdhta" && { m: 2 }) };
      const serverAxis: AxisSuggestion = { kind: "range", from: 3, to: 6, steps: 4, scale: "linear" };
      const sites = axisChoices(model, raw, { name: servers, suggestion: serverAxis }).find((c) => c.name === "sites")!;
      // Sites cannot outnumber the fewest servers swept (3): the picker's range stops there.
      expect(sites).toMatchObject({ works: true, suggestion: { from: 1, to: 3 } });
      const axes = [
        { param: servers, values: [3, 4, 5, 6] },
        { param: "sites", values: [1, 2, 3] },
      ];
      const params = validate(design, raw);
      const layout = whatIfLayout({ model: design, params, axes, output: "nines" });
      const fixed = Object.fromEntries(Object.entries(params).filter(([k, v]) => k !== servers && k !== "sites" && v !== undefined));
      expect(shown(layout)).toEqual(swept(design, fixed, axes, "nines"));
      expect(layout.chart.series.map((s) => s.name)).toEqual(["sites = 1", "sites = 2", "sites = 3"]);
    });
  }
});

describe("what the axis pickers offer, a sheet takes", () => {
  /** The sweep's points of a suggestion, as the pane hands them to the layout. */
  function valuesOf(model: AnyModel, fixed: Record<string, unknown>, name: string, s: AxisSuggestion) {
    const over = [s.kind === "values" ? { param: name, values: [...s.values] } : { param: name, from: s.from, to: s.to, steps: s.steps, scale: s.scale }];
    return evaluate("sweep", { model: model.name, fixed, over }).axes[0]!;
  }

  // Each model at its example, and the two site designs with their sites placed and a list: every
  // parameter the picker offers, swept at its suggestion, is a sheet equal to the catalog's sweep.
  const cases: [string, AnyModel, Record<string, unknown>][] = [
    ...(models as readonly AnyModel[]).map((m): [string, AnyModel, Record<string, unknown>] => [m.name, m, { ...m.example.params }]),
    ["dsmu over 3 sites", lookupModel("dsmu"), { ...lookupModel("dsmu").example.params, sites: 3, siteMttf: 8760, siteMttr: 4 }],
    ["dsdhta over 3 sites", lookupModel("dsdhta"), { ...lookupModel("dsdhta").example.params, sites: 3, siteMttf: 8760, siteMttr: 4 }],
    ["rserver with listed servers and their count", lookupModel("rserver"), { Rs: listed, n: 3 }],
    ["rdht with listed replicas", lookupModel("rdht"), { Rp: listed, k: 5 }],
    ["kofn with listed members", lookupModel("kofn"), { k: 2, R: [0.9, 0.95, 0.99, 0.999] }],
  ];
  it.each(cases)("%s", (_, model, raw) => {
    const params = validate(model.name, raw);
    let sheets = 0;
    for (const choice of axisChoices(model, raw)) {
      if (!choice.works) continue;
      const fixed = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== choice.name));
      const axis = valuesOf(model, fixed, choice.name, choice.suggestion);
      const layout = whatIfLayout({ model: model.name, params, axes: [axis], output: "value" });
      expect(shown(layout), `${model.name} over ${choice.name}`).toEqual(swept(model.name, fixed, [axis], "value"));
      sheets++;
    }
    expect(sheets).toBeGreaterThan(0);
  });
});
