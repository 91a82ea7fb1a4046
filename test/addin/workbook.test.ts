/**
 * The task pane's what-if sheets: the layout (named inputs, the Data Table pattern, every formula
 * recomputed through the functions the built functions.js registers, equal to the catalog's sweep
 * or figure; number formats that follow the output cell; the chart) and the Office.js calls that
 * put it in a NEW sheet, against office-addin-mock: names, input messages, formats and their
 * conditional formats, freeze panes, the chart, the payload of every sync counted as Office.js's
 * request JSON (addresses, arguments and the envelope of each action and object path included),
 * and a failed write that leaves no sheet behind.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeParams, evaluate, lookupModel } from "../../shared/index";
import { functionId, outputChoices } from "../../addin/functions/signatures";
import {
  chartedColumns,
  columnName,
  definedName,
  figureLayout,
  inputFormat,
  isExcelName,
  logSpaced,
  maxChartSeries,
  maxWhatIfFormulas,
  namePrefix,
  outputRule,
  resultFormat,
  successRateFormat,
  whatIfLayout,
  type WhatIfLayout,
} from "../../addin/taskpane/whatif";
import { envelopeBytes, inputsBytes, insertWhatIfTable, maxSyncBytes, payloadBytes, planWrites } from "../../addin/taskpane/workbook";
import {
  cellIndex,
  evaluateTable,
  formatOf,
  formatShown,
  mockExcel,
  parseFormula,
  rangeCells,
  registeredFunctions,
  relativeForm,
  sheetCells,
  unmockExcel,
} from "./what-if-sheet";

beforeAll(() => {
  registeredFunctions();
});

const rdhtSweep = () =>
  evaluate("sweep", {
    model: "rdht",
    fixed: { Rp: 0.9 },
    over: [
      { param: "k", from: 1, to: 10, steps: 10 },
      { param: "m", values: [1, 2, 3] },
    ],
  });

function cell(layout: WhatIfLayout, address: string) {
  return sheetCells(layout).get(address);
}

describe("what-if layout", () => {
  it("writes live formulas whose results are the sweep's, over two axes", () => {
    const sweep = rdhtSweep();
    const layout = whatIfLayout({ model: "rdht", params: { Rp: 0.9, m: 3, k: 5 }, axes: sweep.axes, output: "nines" });
    const results = evaluateTable(layout, null);
    expect(results).toHaveLength(10);
    const nines = sweep.columns.indexOf("nines");
    results.forEach((row, r) => {
      expect(row).toHaveLength(3);
      row.forEach((value, c) => {
        expect(value).toBe(sweep.rows[r * 3 + c]![nines]);
      });
    });
    expect(layout.chart.series.map((s) => s.name)).toEqual(["m = 1", "m = 2", "m = 3"]);
    expect(layout.formulaCount).toBe(30);
    // The column input: the k values down column F beside the formulas; the row input: m across row 6.
    expect(rangeCells(sheetCells(layout), layout.categoryAddress).flat()).toEqual(sweep.axes[0]!.values);
    expect(rangeCells(sheetCells(layout), "G6:I6").flat()).toEqual([1, 2, 3]);
  });

  it("is laid out as a Data Table: column input down F, row input across row 6, one formula pattern", () => {
    const layout = whatIfLayout({ model: "rdht", params: { Rp: 0.9, m: 3, k: 5 }, axes: rdhtSweep().axes, output: "nines" });
    const cells = sheetCells(layout);
    const [top] = layout.dataAddress.split(":").map(cellIndex);
    const patterns = new Set(rangeCells(cells, layout.dataAddress).flatMap((row, r) => row.map((f, c) => relativeForm(String(f), top![0] + r, top![1] + c))));
    expect([...patterns]).toEqual(["=TRACKER.RDHT(Rp,R6C[0],R[0]C6,output)"]);
    expect(cell(layout, "G7")).toBe(`=TRACKER.${functionId("rdht")}(Rp,G$6,$F7,output)`);
    const note = String(cell(layout, "A3"));
    expect(note).toMatch(/Data Table and Goal Seek do not work with custom functions \(Office\.js issues 5940 and 4745\)/);
    expect(note).toContain("this sheet is the Data Table: column input k down F7:F16, row input m across G6:I6");
  });

  it("reads the inputs by name, so editing a value cell or the output recomputes the table", () => {
    const layout = whatIfLayout({ model: "rserver", params: { Rs: 0.99, n: 3 }, axes: [{ param: "n", values: [1, 2] }], output: "value" });
    expect(cell(layout, "G7")).toBe(`=TRACKER.${functionId("rserver")}(Rs,$F7,output)`);
    expect(layout.names.map((n) => [n.name, n.address])).toEqual([
      ["Rs", "$B$7"],
      ["output", "$B$9"],
    ]);
    expect(rangeCells(sheetCells(layout), "A7:D9")).toEqual([
      ["Rs", 0.99, "probability", "required"],
      ["n", "↓ column F", undefined, "left out"],
      ["output", "value", undefined, "value"],
    ]);
    expect(evaluateTable(layout, null, { B7: 0.9 })[0]![0]).toBe(evaluate("rserver", { Rs: 0.9, n: 1 }).value);
    expect(evaluateTable(layout, null, { B7: 0.9, B9: "unreliability" })[0]![0]).toBe(evaluate("rserver", { Rs: 0.9, n: 1 }).unreliability);
  });

  it("gives a parameter Excel refuses as a name one prefix, and the formula reads it", () => {
    const model = lookupModel("lookupcost");
    const layout = whatIfLayout({ model: "lookupcost", params: { ...model.example.params }, axes: [{ param: "k", values: [1, 2] }], output: "value" });
    expect(layout.names.map((n) => n.name)).toContain(`${namePrefix}R`);
    expect(String(cell(layout, "G7"))).toMatch(new RegExp(`,${namePrefix}R,`));
    expect(cell(layout, "A12")).toBe(`${namePrefix}R`);
    for (const n of layout.names) expect(isExcelName(n.name), n.name).toBe(true);
  });

  it.each([2, 3, 4])("lays out Figure %i with one live column per design, equal to the figure tool", (figure) => {
    const result = evaluate("figure", { figure });
    const layout = figureLayout({ ...result, output: "nines" });
    const results = evaluateTable(layout, null);
    expect(results).toHaveLength(result.x.values.length);
    expect(layout.chart.series.map((s) => s.name)).toEqual(result.series.map((s) => s.label));
    results.forEach((row, i) => {
      row.forEach((value, j) => {
        expect(value).toBe(result.series[j]!.points[i]!.nines);
      });
    });
    // Each design's inputs are named after it, what varies along x is a column: =TRACKER.DSMU(dsmu.n,dsmu.mttf,…,$I7,…,output).
    const args = parseFormula(String(cell(layout, "G7"))).args;
    expect(args.at(-1)).toBe("output");
    for (const arg of args.slice(0, -1)) expect(arg).toMatch(/^dsmu\.\w+$|^\$[I-Z]7$/);
    expect(args.filter((a) => a.startsWith("$"))).toHaveLength(1);
  });

  it("refuses a table too large for live formulas, or wider than Excel", () => {
    const big = Array.from({ length: 1001 }, (_, i) => i + 1);
    const request = (n: number[], rs: number[]) => ({
      model: "rserver",
      params: { Rs: 0.9 },
      axes: [
        { param: "n", values: n },
        { param: "Rs", values: rs },
      ],
      output: "value",
    });
    expect(() =>
      whatIfLayout(
        request(
          big,
          big.slice(0, 101).map((i) => i / 1000),
        ),
      ),
    ).toThrow(`at most ${maxWhatIfFormulas}`);
    const wide = Array.from({ length: 16_380 }, (_, i) => (i + 1) / 20_000);
    expect(() => whatIfLayout(request([1, 2, 3, 4, 5], wide))).toThrow("Excel has 16384");
  });

  it("names columns as Excel does", () => {
    expect([0, 25, 26, 51, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "ZZ", "AAA"]);
  });
});

describe("defined names", () => {
  it.each([
    ["n", "n"],
    ["N", "N"],
    ["k", "k"],
    ["h", "h"],
    ["t", "t"],
    ["b", "b"],
    ["d", "d"],
    ["m", "m"],
    ["mu", "mu"],
    ["rho", "rho"],
    ["Rs", "Rs"],
    ["Rp", "Rp"],
    ["rtt", "rtt"],
    ["retries", "retries"],
    ["mttf", "mttf"],
    ["lambda", "lambda"],
    ["arrivalRate", "arrivalRate"],
    ["dsmu.n", "dsmu.n"],
    ["pdhta.sessionTime", "pdhta.sessionTime"],
    ["output", "output"],
    ["_x", "_x"],
    ["R", "in_R"],
    ["C", "in_C"],
    ["r", "in_r"],
    ["c", "in_c"],
    ["RC", "in_RC"],
    ["rc", "in_rc"],
    ["R1", "in_R1"],
    ["C12", "in_C12"],
    ["R2C3", "in_R2C3"],
    ["A1", "in_A1"],
    ["mu1", "in_mu1"],
    ["T1", "in_T1"],
    ["MM1", "in_MM1"],
    ["log2", "in_log2"],
    ["XFD1048576", "in_XFD1048576"],
    ["TRUE", "in_TRUE"],
    ["2x", "in_2x"],
    ["a b", "a_b"],
  ])("%s → %s", (name, expected) => {
    expect(definedName(name)).toBe(expected);
    expect(isExcelName(definedName(name))).toBe(true);
  });

  it("prefixes only what Excel refuses, and every parameter of the catalog gets a valid name", () => {
    expect(isExcelName("R")).toBe(false);
    expect(isExcelName("A1")).toBe(false);
    expect(isExcelName("")).toBe(false);
    expect(isExcelName("x".repeat(256))).toBe(false);
    for (const model of ["dsmu", "pdhta", "dsdhta", "sndhta", "lookupcost", "availability", "pathlength"]) {
      const m = lookupModel(model);
      const layout = whatIfLayout({
        model,
        params: { ...m.example.params },
        axes: [{ param: Object.keys(m.example.params)[0]!, values: [1] }],
        output: "value",
      });
      const names = layout.names.map((n) => n.name.toLowerCase());
      expect(new Set(names).size, model).toBe(names.length);
      for (const n of layout.names) expect(n.name === definedName(n.name) || n.name.startsWith(namePrefix), n.name).toBe(true);
    }
  });
});

describe("number formats, widths and the chart", () => {
  it("formats each output: enough 9s for a success rate, 0.00E+00 for unreliability, 0.00 for nines", () => {
    const axes = [{ param: "n", values: [1, 2, 3, 4, 5] }];
    const sheet = (output: string) => whatIfLayout({ model: "rserver", params: { Rs: 0.999 }, axes, output });
    // Five 99.9% servers: 15 nines at n = 5, so the success rate shows all the digits a double has.
    expect(sheet("value").numberFormat).toBe("0.000000000000000");
    expect(formatOf(sheet("value"), "G7")).toBe("0.000000000000000");
    expect(whatIfLayout({ model: "rserver", params: { Rs: 0.9 }, axes: [{ param: "n", values: [1, 2] }], output: "value" }).numberFormat).toBe("0.0000");
    expect(sheet("unreliability").numberFormat).toBe("0.00E+00");
    expect(sheet("nines").numberFormat).toBe("0.00");
    expect(formatOf(sheet("nines"), "F7")).toBe("0");
    expect(successRateFormat([2.3, 4.9])).toBe("0.0000000");
    expect(successRateFormat([Infinity])).toBe("0.000000000000000");
    expect(resultFormat([0.0005001250625, 0.0009])).toBe("0.0000000");
    expect(resultFormat([5.00013e-5])).toBe("0.00E+00");
    expect(resultFormat([3, 40000])).toBe("#,##0");
    expect(resultFormat([0.25, 0.5])).toBe("0.0000");
    expect(inputFormat([1000, 1467.7992676220697])).toBe("0.0");
    expect(inputFormat([0.9, 0.99, 0.9999])).toBe("0.0000");
    expect(inputFormat(["chord", "kademlia"])).toBe("General");
  });

  // The sheets a planner inserts, each for one output and then switched to every other one.
  const switched: [string, (output: string) => WhatIfLayout][] = [
    ["rserver over n", (output) => whatIfLayout({ model: "rserver", params: { Rs: 0.999 }, axes: [{ param: "n", values: [1, 2, 3, 4, 5] }], output })],
    ["rdht over k and m", (output) => whatIfLayout({ model: "rdht", params: { Rp: 0.9 }, axes: rdhtSweep().axes, output })],
    [
      "mm1h over lambda",
      (output) => whatIfLayout({ model: "mm1h", params: { mu: 100, h: 10 }, axes: [{ param: "lambda", values: [10, 50, 80, 99, 150] }], output }),
    ],
    ...[2, 3, 4].map((figure): [string, (output: string) => WhatIfLayout] => [
      `Figure ${figure}`,
      (output) => figureLayout({ ...evaluate("figure", { figure }), output }),
    ]),
  ];

  it.each(switched)("%s: the number format follows the output cell, to every choice's own format", (_, sheet) => {
    const choices = sheet("value").help.find((h) => h.title === "output")!.list!;
    expect(choices).toEqual(expect.arrayContaining(["value"]));
    for (const inserted of choices) {
      const layout = sheet(inserted);
      // One conditional format per choice of the output drop-down, its rule a formula on the output cell.
      expect(layout.outputFormats.map((f) => f.output)).toEqual([...choices]);
      for (const f of layout.outputFormats) expect(f.rule).toBe(outputRule(f.output));
      expect(formatShown(layout, inserted)).toBe(layout.numberFormat);
      for (const picked of choices) {
        // Switched to `picked`, the cells show the format a sheet inserted for it has.
        expect(formatShown(layout, picked), `inserted for ${inserted}, switched to ${picked}`).toBe(sheet(picked).numberFormat);
      }
    }
  });

  it('reads the output cell as the functions do: any case, spaces around it, "default" for the value', () => {
    expect(outputRule("unreliability")).toBe('=TRIM(output)="unreliability"');
    expect(outputRule("value")).toBe('=OR(TRIM(output)="value",TRIM(output)="default")');
    const [, sheet] = switched[0]!;
    const nines = sheet("nines");
    // The reviewer's case: inserted for nines, switched to unreliability, 1e-9 reads 1.00E-09, not 0.00.
    expect(nines.numberFormat).toBe("0.00");
    expect(formatShown(nines, "unreliability")).toBe("0.00E+00");
    expect(formatShown(nines, " Unreliability ")).toBe("0.00E+00");
    expect(formatShown(nines, "default")).toBe(sheet("value").numberFormat);
    expect(formatShown(nines, "VALUE")).toBe("0.000000000000000");
    // Text that names no output is #VALUE! in every cell; the cells keep their own format.
    expect(formatShown(nines, "nine")).toBe("0.00");
    // The sheet says what follows the output cell and what does not.
    const note = String(sheetCells(sheet("unreliability")).get("A4"));
    expect(note).toContain("Number formats follow the output cell (B9).");
    expect(note).toContain(`The chart's value axis is logarithmic, as set for "unreliability": Excel cannot tie an axis's scale to a cell`);
  });

  it("charts an XY scatter with axis titles and a logarithmic value axis for unreliability, titles following the output cell", () => {
    const layout = whatIfLayout({ model: "rdht", params: { Rp: 0.9, m: 3, k: 5 }, axes: rdhtSweep().axes, output: "unreliability" });
    expect(layout.chart).toMatchObject({
      type: "XYScatterLines",
      titleCell: "F5",
      xTitle: "k (hops)",
      yTitleCell: layout.outputAddress,
      yTitle: "unreliability",
      xLogarithmic: false,
      yLogarithmic: true,
      anchor: "K7",
      placement: "beside the table",
    });
    expect(cell(layout, "F5")).toBe('=output&" of rdht vs k, one series per m"');
    expect(cell(layout, layout.outputAddress.replace(/\$/g, ""))).toBe("unreliability");
    expect(layout.freezeAt).toBe("A1:F6");
    const nines = whatIfLayout({ model: "rdht", params: { Rp: 0.9, m: 3, k: 5 }, axes: rdhtSweep().axes, output: "nines" });
    expect(nines.chart.yLogarithmic).toBe(false);
    // One axis: the header over the formulas is the output cell itself.
    const one = whatIfLayout({ model: "rserver", params: { Rs: 0.99 }, axes: [{ param: "n", values: [1, 2, 3] }], output: "nines" });
    expect(cell(one, "G6")).toBe("=output");
  });

  it("takes a logarithmic x axis for log-spaced values and a line chart over a choice", () => {
    const figure = figureLayout({ ...evaluate("figure", { figure: 2 }), output: "unreliability" });
    expect(figure.chart).toMatchObject({ type: "XYScatterLines", xLogarithmic: true, yLogarithmic: true, xTitle: "N (peers)" });
    expect(logSpaced([1, 10, 100])).toBe(true);
    expect(logSpaced([1, 2, 3])).toBe(false);
    const pdhta = lookupModel("pdhta");
    const choice = whatIfLayout({
      model: "pdhta",
      params: { ...pdhta.example.params },
      axes: [{ param: "algorithm", values: ["chord", "kademlia", "pastry"] }],
      output: "nines",
    });
    expect(choice.chart.type).toBe("LineMarkers");
    expect(choice.help.find((h) => h.title === "output")!.list).toEqual(outputChoices(pdhta));
    expect(choice.help.find((h) => h.title === "pserved")!.list).toEqual(["ignore", "include", "default"]);
  });

  it("charts at most 255 series: an evenly spaced subset from the first column to the last, stated on the sheet", () => {
    expect(chartedColumns(3)).toEqual([0, 1, 2]);
    const subset = chartedColumns(400);
    expect(subset).toHaveLength(maxChartSeries);
    expect([subset[0], subset.at(-1)]).toEqual([0, 399]);
    expect(new Set(subset).size).toBe(maxChartSeries);
    const gaps = subset.slice(1).map((c, i) => c - subset[i]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
    const rs = Array.from({ length: 400 }, (_, i) => 0.5 + i / 1000);
    const layout = whatIfLayout({
      model: "rserver",
      params: {},
      axes: [
        { param: "n", values: [1, 2, 3] },
        { param: "Rs", values: rs },
      ],
      output: "nines",
    });
    expect(layout.chart.series).toHaveLength(maxChartSeries);
    expect(layout.chart.series.at(-1)).toMatchObject({ name: "Rs = 0.899", values: `${columnName(6 + 399)}7:${columnName(6 + 399)}9` });
    expect(cell(layout, "A4")).toContain("The chart shows 255 of the 400 columns, evenly spaced from the first to the last (Excel charts at most 255 series).");
    // Too wide a table to have its chart on screen beside it: the chart goes under the inputs, in the frozen columns.
    expect(layout.chart).toMatchObject({ placement: "under the inputs", anchor: "A11" });
  });

  it("sets column widths a person would: no column wider than 140 points, the rule as each input's message", () => {
    const pdhta = lookupModel("pdhta");
    const layout = whatIfLayout({ model: "pdhta", params: { ...pdhta.example.params }, axes: [{ param: "m", values: [1, 2, 3] }], output: "value" });
    expect(layout.columnWidths.slice(0, 6).map((w) => w.columns)).toEqual(["A:A", "B:B", "C:C", "D:D", "E:E", "F:F"]);
    for (const w of layout.columnWidths) expect(w.width).toBeLessThanOrEqual(140);
    const help = layout.help.find((h) => h.title === "N")!;
    expect(help.message).toMatch(/^peer population; leave out to derive it as arrivalRate × sessionTime \(peers\): a finite number/);
    for (const h of layout.help) {
      expect(h.title.length).toBeLessThanOrEqual(32);
      expect(h.message.length).toBeLessThanOrEqual(255);
    }
  });
});

// ---------- the Excel calls, against office-addin-mock ----------

describe("inserting a what-if sheet", () => {
  afterEach(unmockExcel);
  const layout = whatIfLayout({ model: "rserver", params: { Rs: 0.99, n: 3 }, axes: [{ param: "n", values: [1, 2, 3, 4] }], output: "nines" });

  it("adds a new sheet under a free name with named inputs, the formulas, formats, chart and frozen headers", async () => {
    const recorded = mockExcel({ existing: ["What-if rserver", "What-if rserver (2)"] });
    const inserted = await insertWhatIfTable(layout);
    expect(inserted).toEqual({ sheetName: "What-if rserver (3)", formulaCount: 4 });
    expect(recorded.added).toEqual(["What-if rserver (3)"]);

    // Every cell of the layout written once, with its number format.
    const written = new Map<string, unknown>();
    const formats = new Map<string, unknown>();
    for (const r of recorded.ranges.filter((r) => r.formulas)) {
      const [row, col] = cellIndex(r.address.split(":")[0]!);
      r.formulas!.forEach((cells, i) => {
        cells.forEach((v, j) => {
          const at = `${columnName(col + j)}${row + i + 1}`;
          expect(written.has(at), at).toBe(false);
          if (v !== "") written.set(at, v);
          if (r.numberFormat) formats.set(at, r.numberFormat[i]![j]);
        });
      });
    }
    expect(written).toEqual(sheetCells(layout));
    expect(formats.get("G7")).toBe("0.00");
    expect(formats.get("F7")).toBe("0");

    // The formula cells' format follows the output cell: one custom conditional format per choice
    // on the formula range, its rule and number format written; switched to each choice, the
    // cells show what a sheet inserted for it would.
    const choices = outputChoices(lookupModel("rserver"));
    const conditional = recorded.ranges.filter((r) => r.conditionalFormats.length > 0);
    expect(conditional.map((r) => r.address)).toEqual([layout.dataAddress]);
    const rules = conditional[0]!.conditionalFormats;
    expect(rules).toEqual(
      choices.map((output) => ({
        type: "Custom",
        rule: { formula: outputRule(output) },
        format: { numberFormat: layout.outputFormats.find((f) => f.output === output)!.numberFormat },
      })),
    );
    const shown = rules.map((r) => ({ rule: r.rule.formula!, numberFormat: r.format.numberFormat! }));
    for (const output of choices) {
      const inserted = whatIfLayout({ model: "rserver", params: { Rs: 0.99, n: 3 }, axes: [{ param: "n", values: [1, 2, 3, 4] }], output });
      expect(formatShown(layout, output, shown, String(formats.get("G7"))), output).toBe(inserted.numberFormat);
    }
    expect(formatShown(layout, "unreliability", shown, String(formats.get("G7")))).toBe("0.00E+00");

    // Sheet-scoped names, each with its rule as the comment.
    expect(recorded.names.map((n) => [n.sheet, n.name, n.reference])).toEqual([
      ["What-if rserver (3)", "Rs", "B7"],
      ["What-if rserver (3)", "output", "B9"],
    ]);
    expect(recorded.names[0]!.comment).toMatch(/^reliability of one deployed tracker server/);
    const validation = (address: string) => recorded.ranges.find((r) => r.address === address && r.dataValidation.prompt)!.dataValidation;
    expect(validation("B7").prompt).toMatchObject({ showPrompt: true, title: "Rs" });
    expect(validation("B9").rule).toEqual({ list: { inCellDropDown: true, source: outputChoices(lookupModel("rserver")).join(",") } });

    // Widths, bold headers, the title, the wrapped header row, frozen title, notes and headers.
    const width = (columns: string) => recorded.ranges.find((r) => r.address === columns && r.format.columnWidth !== undefined)?.format.columnWidth;
    expect(layout.columnWidths.map((w) => width(w.columns))).toEqual(layout.columnWidths.map((w) => w.width));
    expect(recorded.ranges.find((r) => r.address === "A1" && r.format.font.size)!.format.font).toEqual({ bold: true, size: 14 });
    expect(recorded.ranges.find((r) => r.address === layout.wrapped && r.format.wrapText)!.format).toMatchObject({ wrapText: true, autofitted: true });
    expect(recorded.frozen).toEqual(["A1:F6"]);

    // The chart: XY scatter of the formula column over the column input, titles linked to the sheet.
    expect(recorded.charts).toHaveLength(1);
    const chart = recorded.charts[0]!;
    expect([chart.type, chart.source, chart.seriesBy]).toEqual(["XYScatterLines", "G7:G10", "Columns"]);
    expect(chart.title).toEqual({ text: "nines of rserver vs n", formula: "='What-if rserver (3)'!$F$5" });
    expect(chart.axes.categoryAxis).toEqual({ title: { text: "n" } });
    expect(chart.axes.valueAxis).toEqual({ title: { text: "nines", formula: "='What-if rserver (3)'!$B$9" } });
    expect(chart.series).toEqual([{ name: "nines", values: "G7:G10", xValues: "F7:F10", added: false }]);
    expect(chart.legend.visible).toBe(false);
    expect([chart.position, chart.width, chart.height]).toEqual([["I7"], 400, 288]);
    expect(recorded.activated).toEqual(["What-if rserver (3)"]);
    expect(recorded.deleted).toEqual([]);
  });

  it("sets a logarithmic value axis for unreliability and adds every further series with its ranges", async () => {
    const recorded = mockExcel();
    await insertWhatIfTable(whatIfLayout({ model: "rdht", params: { Rp: 0.9 }, axes: rdhtSweep().axes, output: "unreliability" }));
    const chart = recorded.charts[0]!;
    expect(chart.axes.valueAxis.scaleType).toBe("Logarithmic");
    expect(chart.axes.categoryAxis.scaleType).toBeUndefined();
    expect(chart.series).toEqual([
      { name: "m = 1", values: "G7:G16", xValues: "F7:F16", added: false },
      { name: "m = 2", values: "H7:H16", xValues: "F7:F16", added: true },
      { name: "m = 3", values: "I7:I16", xValues: "F7:F16", added: true },
    ]);
    expect(chart.legend.visible).toBe(true);
  });

  it("charts 255 of 300 columns", async () => {
    const recorded = mockExcel();
    const rs = Array.from({ length: 300 }, (_, i) => 0.6 + i / 1000);
    await insertWhatIfTable(
      whatIfLayout({
        model: "rserver",
        params: {},
        axes: [
          { param: "n", values: [1, 2] },
          { param: "Rs", values: rs },
        ],
        output: "value",
      }),
    );
    const series = recorded.charts[0]!.series;
    expect(series).toHaveLength(255);
    expect(series.filter((s) => s.added)).toHaveLength(254);
    expect([series[0]!.name, series.at(-1)!.name]).toEqual(["Rs = 0.6", `Rs = ${rs.at(-1)}`]);
    expect(recorded.charts[0]!.legend.visible).toBe(false);
  });

  it("says so when every candidate sheet name is taken", async () => {
    const taken = ["What-if rserver", ...Array.from({ length: 98 }, (_, i) => `What-if rserver (${i + 2})`)];
    const recorded = mockExcel({ existing: taken });
    await expect(insertWhatIfTable(layout)).rejects.toThrow("is taken");
    expect(recorded.added).toEqual([]);
  });

  it("refuses before adding anything when Excel lacks ExcelApi 1.8", async () => {
    const recorded = mockExcel({ supported: (name, version) => name === "ExcelApi" && Number(version.split(".")[1]) < 8 });
    await expect(insertWhatIfTable(layout)).rejects.toThrow("need Excel JavaScript API 1.8");
    expect(recorded.runs).toBe(0);
  });
});

describe("Excel on the web's 5 MB: writes in batches", () => {
  afterEach(unmockExcel);
  const pdhta = lookupModel("pdhta");
  // The largest sheet allowed: 100,000 PDHTA formulas, 1000 population sizes by 100 replica counts.
  const largest = whatIfLayout({
    model: "pdhta",
    params: { ...pdhta.example.params },
    axes: [
      { param: "N", values: Array.from({ length: 1000 }, (_, i) => 1000 * (i + 1)) },
      { param: "m", values: Array.from({ length: 100 }, (_, i) => i + 1) },
    ],
    output: "nines",
  });

  it("sends the largest sheet in syncs of at most 1 MB each, counted as Office.js's request JSON: cells, formats, addresses, arguments, envelopes", async () => {
    expect(largest.formulaCount).toBe(maxWhatIfFormulas);
    const recorded = mockExcel();
    await insertWhatIfTable(largest);
    const total = recorded.payloads.reduce((a, b) => a + b, 0);
    // The formulas alone are over 10 MB: one sync would be twice Excel on the web's limit.
    expect(total).toBeGreaterThan(10_000_000);
    for (const bytes of recorded.payloads) expect(bytes).toBeLessThanOrEqual(maxSyncBytes);
    // A fifth of the 5 MB: what the count models less well than Office.js sends is within a 5× margin.
    expect(maxSyncBytes).toBeLessThanOrEqual(5_000_000 / 5);
    // Syncs: 1 probing names, the batches (the first adds the sheet), 1 for formats and the chart.
    const batches = planWrites(largest, maxSyncBytes, inputsBytes(largest)).length;
    expect(recorded.payloads.length).toBe(batches + 2);
    expect(batches).toBeLessThanOrEqual(Math.ceil(total / (maxSyncBytes / 2)));
    // The count holds more than the cells and formats: each range's address and each action's and object path's envelope.
    const cells = recorded.ranges.reduce((n, r) => n + (r.formulas ? payloadBytes(r.formulas) : 0) + (r.numberFormat ? payloadBytes(r.numberFormat) : 0), 0);
    const addresses = recorded.ranges.reduce((n, r) => n + payloadBytes(r.address), 0);
    const pieces = recorded.ranges.filter((r) => r.formulas).length;
    expect(total).toBeGreaterThan(cells + addresses + pieces * 4 * (envelopeBytes / 2));
    // And the planner's own measure of each batch covers what the mock counted.
    planWrites(largest, maxSyncBytes, inputsBytes(largest)).forEach((batch, i) => {
      const planned = batch.reduce((n, p) => n + p.bytes, 0) + (i === 0 ? inputsBytes(largest) : 0);
      expect(recorded.payloads[i + 1]!, `batch ${i + 1}`).toBeLessThanOrEqual(planned + 8 * envelopeBytes);
    });
    const formulas = recorded.ranges
      .filter((r) => r.formulas)
      .reduce((n, r) => n + r.formulas!.flat().filter((f) => String(f).startsWith("=TRACKER.")).length, 0);
    expect(formulas).toBe(maxWhatIfFormulas);
  });

  it("cuts a row too large for one sync into bands of columns", () => {
    const syncs = planWrites(largest, 20_000);
    for (const pieces of syncs) expect(pieces.reduce((n, p) => n + p.bytes, 0)).toBeLessThanOrEqual(20_000);
    const cells = syncs.flat().reduce((n, p) => n + p.formulas.length * p.formulas[0]!.length, 0);
    expect(cells).toBe(largest.blocks.reduce((n, b) => n + b.cells.length * b.cells[0]!.length, 0));
  });

  it.each([3, 4, 9])("deletes the sheet it created when sync %i fails, and says so", async (failing) => {
    const recorded = mockExcel({ failOnSync: failing });
    await expect(insertWhatIfTable(largest)).rejects.toThrow(
      /^writing the what-if sheet "What-if pdhta" failed while writing batch \d+ of \d+ \(RichApi\.Error: the request failed\); the sheet was removed, so nothing half-written is left$/,
    );
    expect(recorded.added).toEqual(["What-if pdhta"]);
    expect(recorded.deleted).toEqual(["What-if pdhta"]);
    expect(recorded.runs).toBe(2);
    expect(recorded.charts).toEqual([]);
  });

  it("says when the chart step fails, and when removing the sheet fails too", async () => {
    const small = whatIfLayout({ model: "rserver", params: { Rs: 0.99 }, axes: [{ param: "n", values: [1, 2] }], output: "nines" });
    const last = planWrites(small).length + 2;
    const failed = mockExcel({ failOnSync: last });
    await expect(insertWhatIfTable(small)).rejects.toThrow("failed while formatting the sheet and adding the chart");
    expect(failed.deleted).toEqual(["What-if rserver"]);
    unmockExcel();
    const stuck = mockExcel({ failOnSync: 3, failCleanup: true });
    await expect(insertWhatIfTable(small)).rejects.toThrow("and removing it failed too (RichApi.Error: the request failed): delete that sheet by hand");
    expect(stuck.deleted).toEqual([]);
  });

  it("keeps every formula's arguments as the catalog orders them", () => {
    const first = parseFormula(String(sheetCells(largest).get("G7")));
    expect(first.entry).toBe("pdhta");
    expect(first.args).toEqual([...describeParams(pdhta).map((p) => (p.name === "N" ? "$F7" : p.name === "m" ? "G$6" : p.name)), "output"]);
  });
});
