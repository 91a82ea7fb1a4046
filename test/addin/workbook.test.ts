/**
 * The task pane's workbook writes: the what-if layout (every formula it writes, recomputed through
 * the registered TRACKER functions, equals the catalog's sweep or figure), and the Excel calls
 * that put it in a NEW sheet with a chart and never overwrite a cell, against office-addin-mock.
 */
import { OfficeMockObject } from "office-addin-mock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../shared/index";
import { columnName, figureLayout, maxWhatIfFormulas, whatIfLayout, type WhatIfLayout } from "../../addin/taskpane/whatif";
import { insertWhatIfTable } from "../../addin/taskpane/workbook";
import { loadRegisteredFunctions, type Registered } from "./built";

let registered: Map<string, Registered>;
beforeAll(() => {
  registered = loadRegisteredFunctions();
});

/** Row and column (0-based) of an A1 reference, absolute or not. */
function cellIndex(ref: string): [number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return [Number(m[2]) - 1, col];
}

/** What Excel would show for one written formula: each reference read from the block, the function called as Excel calls it. */
function recompute(layout: WhatIfLayout, formula: string): unknown {
  const m = /^=TRACKER\.([A-Z0-9]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`not a TRACKER formula: ${formula}`);
  const args = m[2]!.split(",").map((arg) => {
    if (arg === "") return null;
    const [r, c] = cellIndex(arg);
    const value = layout.cells[r]?.[c];
    if (typeof value === "string" && value.startsWith("=")) throw new Error(`${arg} holds a formula`);
    return [[value === "" ? null : value]];
  });
  const result = registered.get(m[1]!)!(...args) as unknown[][];
  return result[0]![0];
}

function formulasIn(layout: WhatIfLayout, address: string): string[][] {
  const [from, to] = address.split(":").map(cellIndex);
  return layout.cells.slice(from![0], to![0] + 1).map((row) => row.slice(from![1], to![1] + 1) as string[]);
}

describe("what-if layout", () => {
  it("writes live formulas whose results are the sweep's, over two axes", () => {
    const request = {
      model: "rdht",
      fixed: { Rp: 0.9 },
      over: [
        { param: "k", from: 1, to: 10, steps: 10 },
        { param: "m", values: [1, 2, 3] },
      ],
    };
    const sweep = evaluate("sweep", request);
    const layout = whatIfLayout({ model: "rdht", params: { Rp: 0.9, m: 3, k: 5 }, axes: sweep.axes, output: "nines" });
    const formulas = formulasIn(layout, layout.dataAddress);
    expect(formulas).toHaveLength(10);
    const nines = sweep.columns.indexOf("nines");
    formulas.forEach((row, r) => {
      expect(row).toHaveLength(3);
      row.forEach((formula, c) => {
        expect(formula).toMatch(/^=TRACKER\.RDHT\(/);
        expect(recompute(layout, formula)).toBe(sweep.rows[r * 3 + c]![nines]);
      });
    });
    expect(layout.seriesNames).toEqual(["m = 1", "m = 2", "m = 3"]);
    expect(layout.formulaCount).toBe(30);
    // The categories are the k values, in column A beside the formulas.
    expect(formulasIn(layout, layout.categoryAddress).flat()).toEqual(sweep.axes[0]!.values);
  });

  it("reads the fixed inputs from column B, so editing one cell recomputes the table", () => {
    const layout = whatIfLayout({ model: "rserver", params: { Rs: 0.99, n: 3 }, axes: [{ param: "n", values: [1, 2] }], output: "value" });
    const first = formulasIn(layout, layout.dataAddress)[0]![0]!;
    expect(first).toBe("=TRACKER.RSERVER($B$4,$A10,$B$6)");
    expect(layout.cells[3]!.slice(0, 2)).toEqual(["Rs", 0.99]);
    layout.cells[3]![1] = 0.9;
    expect(recompute(layout, first)).toBe(evaluate("rserver", { Rs: 0.9, n: 1 }).value);
    layout.cells[5]![1] = "unreliability";
    expect(recompute(layout, first)).toBe(evaluate("rserver", { Rs: 0.9, n: 1 }).unreliability);
  });

  it.each([2, 3, 4])("lays out Figure %i with one live column per design, equal to the figure tool", (figure) => {
    const result = evaluate("figure", { figure });
    const layout = figureLayout({ ...result, output: "nines" });
    const formulas = formulasIn(layout, layout.dataAddress);
    expect(formulas).toHaveLength(result.x.values.length);
    expect(layout.seriesNames).toEqual(result.series.map((s) => s.label));
    formulas.forEach((row, i) => {
      row.forEach((formula, j) => {
        expect(recompute(layout, formula)).toBe(result.series[j]!.points[i]!.nines);
      });
    });
  });

  it("refuses a table too large for live formulas", () => {
    const big = Array.from({ length: 1001 }, (_, i) => i + 1);
    expect(() =>
      whatIfLayout({
        model: "rserver",
        params: { Rs: 0.9 },
        axes: [
          { param: "n", values: big },
          { param: "Rs", values: big.slice(0, 101).map((i) => i / 1000) },
        ],
        output: "value",
      }),
    ).toThrow(`at most ${maxWhatIfFormulas}`);
  });

  it("names columns as Excel does", () => {
    expect([0, 25, 26, 51, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "ZZ", "AAA"]);
  });
});

// ---------- the Excel calls, against office-addin-mock ----------

interface Recorded {
  added: string[];
  deleted: string[];
  activated: string[];
  formulas: Map<string, unknown>;
  charts: { type: string; data: string; seriesBy: string; chart: Record<string, unknown>; series: Record<string, unknown>[]; position?: [string, string] }[];
}

function blankBlock(address: string): string[][] {
  const [from, to] = address.split(":").map(cellIndex);
  return Array.from({ length: to![0] - from![0] + 1 }, () => Array.from({ length: to![1] - from![1] + 1 }, () => ""));
}

/**
 * A workbook holding the given sheets. Every proxy is an OfficeMockObject, so a property read
 * before load() and sync() comes back as an error string, as in Office.js.
 */
function mockExcel(existing: string[], prefill?: (address: string) => unknown[][]): Recorded {
  const recorded: Recorded = { added: [], deleted: [], activated: [], formulas: new Map(), charts: [] };
  const proxies: OfficeMockObject[] = [];
  const addressOf = new WeakMap<object, string>();
  const proxy = (data: object) => {
    const mock = new OfficeMockObject(data as never);
    proxies.push(mock);
    return mock;
  };
  const sheet = (name: string) =>
    proxy({
      getRange(address: string) {
        const range = proxy({ values: prefill?.(address) ?? blankBlock(address), format: { autofitColumns() {} } });
        addressOf.set(range, address);
        // Office.js applies an assignment at the next sync; recording it then would need a proxy, so record the object.
        recorded.formulas.set(address, range);
        return range;
      },
      charts: {
        add(type: string, data: object, seriesBy: string) {
          const series: Record<string, unknown>[] = [];
          const chart = proxy({
            title: { text: "" },
            series: {
              getItemAt(i: number) {
                series[i] ??= {
                  setXAxisValues(range: object) {
                    this.xValues = addressOf.get(range);
                  },
                };
                return series[i];
              },
            },
            setPosition(from: string, to: string) {
              entry.position = [from, to];
            },
          });
          const entry: Recorded["charts"][number] = { type, data: addressOf.get(data)!, seriesBy, chart, series };
          recorded.charts.push(entry);
          return chart;
        },
      },
      activate() {
        recorded.activated.push(name);
      },
      delete() {
        recorded.deleted.push(name);
      },
    });
  // The context is not in `proxies`: its sync() is the one that syncs them.
  const context = new OfficeMockObject({
    workbook: {
      worksheets: {
        getItemOrNullObject(name: string) {
          return proxy({ isNullObject: !existing.includes(name) && !recorded.added.includes(name) });
        },
        add(name: string) {
          recorded.added.push(name);
          return sheet(name);
        },
      },
    },
    async sync() {
      for (const p of proxies) await p.sync();
    },
  } as never);
  (globalThis as { Excel?: unknown }).Excel = { run: async (batch: (c: unknown) => Promise<unknown>) => batch(context) };
  return recorded;
}

describe("inserting a what-if table", () => {
  afterEach(() => {
    delete (globalThis as { Excel?: unknown }).Excel;
  });
  const layout = whatIfLayout({ model: "rserver", params: { Rs: 0.99, n: 3 }, axes: [{ param: "n", values: [1, 2, 3, 4] }], output: "nines" });

  it("adds a new sheet under a free name, writes the formulas, charts them and activates it", async () => {
    const recorded = mockExcel(["What-if rserver", "What-if rserver (2)"]);
    const inserted = await insertWhatIfTable(layout);
    expect(inserted).toEqual({ sheetName: "What-if rserver (3)", formulaCount: 4 });
    expect(recorded.added).toEqual(["What-if rserver (3)"]);
    expect((recorded.formulas.get(layout.blockAddress) as { formulas: unknown }).formulas).toEqual(layout.cells);
    expect(recorded.charts).toHaveLength(1);
    const chart = recorded.charts[0]!;
    expect([chart.type, chart.data, chart.seriesBy]).toEqual(["Line", layout.dataAddress, "Columns"]);
    expect((chart.chart.title as { text: string }).text).toBe(layout.chartTitle);
    expect(chart.series.map((s) => [s.name, s.xValues])).toEqual([["nines", layout.categoryAddress]]);
    expect(chart.position).toEqual([layout.chartAnchor.topLeft, layout.chartAnchor.bottomRight]);
    expect(recorded.activated).toEqual(["What-if rserver (3)"]);
    expect(recorded.deleted).toEqual([]);
  });

  it("writes nothing and removes its new sheet when the target cells are not empty", async () => {
    const recorded = mockExcel([], (address) => {
      const block = blankBlock(address);
      block[2]![1] = "someone's data";
      return block;
    });
    await expect(insertWhatIfTable(layout)).rejects.toThrow(`already holds data in ${layout.blockAddress}; nothing was written`);
    expect((recorded.formulas.get(layout.blockAddress) as { formulas?: unknown }).formulas).toBeUndefined();
    expect(recorded.charts).toEqual([]);
    expect(recorded.deleted).toEqual(["What-if rserver"]);
  });

  it("says so when every candidate sheet name is taken", async () => {
    const taken = ["What-if rserver", ...Array.from({ length: 98 }, (_, i) => `What-if rserver (${i + 2})`)];
    const recorded = mockExcel(taken);
    await expect(insertWhatIfTable(layout)).rejects.toThrow("is taken");
    expect(recorded.added).toEqual([]);
  });
});
