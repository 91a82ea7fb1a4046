/**
 * What a written what-if sheet holds and does, for the tests: its cells by address, each TRACKER
 * formula recomputed through the runtime the registered functions call (modelCells), with the
 * defined names and references read as Excel reads them; and an office-addin-mock workbook that
 * records every Office.js call the task pane makes and measures what each sync sends.
 */
import { OfficeMockObject } from "office-addin-mock";
import { modelCells } from "../../addin/functions/runtime";
import { excelFunctions, namespace } from "../../addin/functions/signatures";
import { payloadBytes } from "../../addin/taskpane/workbook";
import type { CellContent, WhatIfLayout } from "../../addin/taskpane/whatif";
import { FakeExcelError } from "./built";

/** Row and column (0-based) of an A1 reference, absolute or not. */
export function cellIndex(ref: string): [number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return [Number(m[2]) - 1, col];
}

export function cellAddress(row: number, col: number): string {
  let name = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${row + 1}`;
}

/** Every written cell by its A1 address. */
export function sheetCells(layout: WhatIfLayout): Map<string, CellContent> {
  const cells = new Map<string, CellContent>();
  for (const block of layout.blocks) {
    block.cells.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v !== "") cells.set(cellAddress(block.row + r, block.col + c), v);
      });
    });
  }
  return cells;
}

/** The cells of an A1 range, row by row. */
export function rangeCells(cells: Map<string, CellContent>, range: string): (CellContent | undefined)[][] {
  const [from, to = from] = range.split(":").map(cellIndex);
  return Array.from({ length: to![0] - from![0] + 1 }, (_, r) =>
    Array.from({ length: to![1] - from![1] + 1 }, (_, c) => cells.get(cellAddress(from![0] + r, from![1] + c))),
  );
}

/** The number format written for a cell (General where none is). */
export function formatOf(layout: WhatIfLayout, address: string): string {
  const [row, col] = cellIndex(address);
  for (const b of layout.blocks) {
    if (row >= b.row && row < b.row + b.cells.length && col >= b.col && col < b.col + (b.cells[0]?.length ?? 0)) {
      return b.columnFormats?.[col - b.col] ?? "General";
    }
  }
  return "General";
}

const entryOf = new Map(excelFunctions().map((f) => [f.id, f.entry]));

/** CustomFunctions as the Office runtime provides it, for the runtime's errors. */
export function installCustomFunctions(): void {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
    Error: FakeExcelError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
  };
}

export interface ParsedFormula {
  id: string;
  entry: string;
  args: string[];
}

export function parseFormula(formula: string): ParsedFormula {
  const m = new RegExp(`^=${namespace}\\.([A-Z0-9_]+)\\((.*)\\)$`).exec(formula);
  if (!m) throw new Error(`not a ${namespace} formula: ${formula}`);
  const entry = entryOf.get(m[1]!);
  if (!entry) throw new Error(`no TRACKER function ${m[1]}`);
  return { id: m[1]!, entry, args: m[2]!.split(",") };
}

/** The cell an argument reads: a defined name of the sheet (names are not case-sensitive) or a cell reference. */
export function argumentCell(layout: WhatIfLayout, arg: string): string {
  const named = layout.names.find((n) => n.name.toLowerCase() === arg.toLowerCase());
  if (named) return named.address.replace(/\$/g, "");
  if (/^\$?[A-Z]+\$?\d+$/.test(arg)) return arg.replace(/\$/g, "");
  throw new Error(`"${arg}" is neither a defined name of the sheet nor a cell reference`);
}

/** What a cell shows, comparable across runs: a number, text, or "#CODE: message". */
export type Shown = number | string;

function shown(value: unknown): Shown {
  if (value instanceof FakeExcelError) return `${value.code}: ${value.message ?? ""}`;
  if (typeof value === "number" || typeof value === "string") return value;
  throw new Error(`a cell cannot show ${String(value)}`);
}

/**
 * Every formula of the table as Excel computes it: each argument the value of the cell it names,
 * every argument a 1×1 matrix, an empty cell passed as `empty` (the web passes null, desktop 0).
 * `edits` replaces cells first (a planner typing into the sheet).
 */
export function evaluateTable(layout: WhatIfLayout, empty: null | 0, edits: Record<string, CellContent> = {}): Shown[][] {
  const cells = sheetCells(layout);
  for (const [address, value] of Object.entries(edits)) cells.set(address, value);
  return rangeCells(cells, layout.dataAddress).map((row) =>
    row.map((formula) => {
      const { entry, args } = parseFormula(String(formula));
      const values = args.map((arg) => {
        const value = cells.get(argumentCell(layout, arg));
        if (typeof value === "string" && value.startsWith("=")) throw new Error(`${arg} holds a formula`);
        return [[value === undefined || value === "" ? empty : value]];
      });
      return shown(modelCells(entry, values)[0]![0]);
    }),
  );
}

/** Arguments of the table's formulas that read an empty cell. */
export function emptyArguments(layout: WhatIfLayout): string[] {
  const cells = sheetCells(layout);
  const empty = new Set<string>();
  for (const row of rangeCells(cells, layout.dataAddress)) {
    for (const formula of row) {
      for (const arg of parseFormula(String(formula)).args) {
        const value = cells.get(argumentCell(layout, arg));
        if (value === undefined || value === "") empty.add(arg);
      }
    }
  }
  return [...empty];
}

/** A formula in R1C1 form relative to its cell, so a pattern filled over a range reads the same everywhere. */
export function relativeForm(formula: string, row: number, col: number): string {
  return formula.replace(
    /(?<![A-Za-z0-9_.\\])(\$?)([A-Z]+)(\$?)(\d+)(?![A-Za-z0-9_.(\\])/g,
    (_, colAbs: string, letters: string, rowAbs: string, digits: string) => {
      const [r, c] = cellIndex(`${letters}${digits}`);
      return `${rowAbs ? `R${r + 1}` : `R[${r - row}]`}${colAbs ? `C${c + 1}` : `C[${c - col}]`}`;
    },
  );
}

// ---------- the workbook, against office-addin-mock ----------

export interface RecordedRange {
  address: string;
  formulas?: unknown[][];
  numberFormat?: unknown[][];
  format: Record<string, unknown> & { font: Record<string, unknown>; autofitted?: boolean };
  dataValidation: Record<string, unknown>;
}

export interface RecordedChart {
  type: string;
  source: string;
  seriesBy: string;
  title: { text?: string; formula?: string };
  axes: Record<"categoryAxis" | "valueAxis", { title: { text?: string; formula?: string }; scaleType?: string }>;
  series: { name?: string; values?: string; xValues?: string; added: boolean }[];
  legend: { visible?: boolean };
  position?: string[];
  width?: number;
  height?: number;
}

export interface MockWorkbook {
  added: string[];
  deleted: string[];
  activated: string[];
  /** Excel.run calls. */
  runs: number;
  /** Bytes of cell contents, number formats, names and input messages queued before each sync, in order. */
  payloads: number[];
  ranges: RecordedRange[];
  names: { sheet: string; name: string; reference: string; comment?: string }[];
  frozen: string[];
  charts: RecordedChart[];
  /** The last assignment to formulas and numberFormat of each address. */
  written(address: string): RecordedRange | undefined;
}

export interface MockOptions {
  /** Sheets the workbook holds. */
  existing?: string[];
  /** The new sheet already has values (getUsedRangeOrNullObject finds some). */
  occupied?: boolean;
  /** The sync (1-based, counted over every Excel.run) that fails. */
  failOnSync?: number;
  /** Every sync of the cleanup run fails too. */
  failCleanup?: boolean;
  /** What Office.context.requirements.isSetSupported answers. */
  supported?: (name: string, version: string) => boolean;
}

/**
 * A workbook for insertWhatIfTable: Excel.run, worksheets, ranges, names, data validation, freeze
 * panes and charts. Objects whose properties the code loads are OfficeMockObjects, so reading one
 * before load() and sync() gives the mock's error text, as Office.js would fail.
 */
export function mockExcel(options: MockOptions = {}): MockWorkbook {
  const existing = options.existing ?? [];
  const proxies: OfficeMockObject[] = [];
  let pending = 0;
  let syncs = 0;
  let cleaning = false;
  const recorded: MockWorkbook = {
    added: [],
    deleted: [],
    activated: [],
    runs: 0,
    payloads: [],
    ranges: [],
    names: [],
    frozen: [],
    charts: [],
    written(address) {
      return recorded.ranges.filter((r) => r.address === address && r.formulas !== undefined).at(-1);
    },
  };
  const addressOf = new WeakMap<object, string>();
  const proxy = (data: object) => {
    const mock = new OfficeMockObject(data as never);
    proxies.push(mock);
    return mock;
  };
  const exists = (name: string) => (existing.includes(name) || recorded.added.includes(name)) && !recorded.deleted.includes(name);
  /** A property whose assignments are recorded and counted in the payload of the next sync. */
  const measured = (target: object, key: string, record: Record<string, unknown>) => {
    Object.defineProperty(target, key, {
      get: () => record[key],
      set: (value: unknown) => {
        record[key] = value;
        pending += payloadBytes(value);
      },
    });
  };
  const range = (address: string): object => {
    const record: RecordedRange = { address, format: { font: {} }, dataValidation: {} };
    recorded.ranges.push(record);
    const font = {};
    const format = {
      font,
      autofitRows() {
        record.format.autofitted = true;
      },
    };
    for (const key of ["columnWidth", "wrapText"]) measured(format, key, record.format);
    for (const key of ["bold", "size"]) measured(font, key, record.format.font);
    const dataValidation = {};
    for (const key of ["rule", "prompt"]) measured(dataValidation, key, record.dataValidation);
    const r = { format, dataValidation };
    for (const key of ["formulas", "numberFormat", "values"]) measured(r, key, record as unknown as Record<string, unknown>);
    addressOf.set(r, address);
    return r;
  };
  const chartOn = (type: string, source: object, seriesBy: string) => {
    const entry: RecordedChart = {
      type,
      source: addressOf.get(source)!,
      seriesBy,
      title: {},
      axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
      series: [],
      legend: {},
    };
    recorded.charts.push(entry);
    const titled = (title: { text?: string; formula?: string }) => {
      const t = {
        setFormula(formula: string) {
          title.formula = formula;
        },
      };
      measured(t, "text", title);
      return t;
    };
    const axis = (key: "categoryAxis" | "valueAxis") => {
      const a = { title: titled(entry.axes[key].title) };
      measured(a, "scaleType", entry.axes[key]);
      return a;
    };
    const seriesProxy = (s: RecordedChart["series"][number]) => {
      const o = {
        setValues(r: object) {
          s.values = addressOf.get(r);
        },
        setXAxisValues(r: object) {
          s.xValues = addressOf.get(r);
        },
      };
      measured(o, "name", s);
      return o;
    };
    const chart = {
      title: titled(entry.title),
      axes: { categoryAxis: axis("categoryAxis"), valueAxis: axis("valueAxis") },
      legend: {},
      series: {
        getItemAt(i: number) {
          if (i !== 0) throw new Error("a chart made from one column has one series");
          entry.series[0] ??= { values: entry.source, added: false };
          return seriesProxy(entry.series[0]);
        },
        add(name?: string) {
          const s = { name, added: true };
          entry.series.push(s);
          return seriesProxy(s);
        },
      },
      setPosition(...cells: string[]) {
        entry.position = cells;
      },
    };
    measured(chart.legend, "visible", entry.legend);
    measured(chart, "width", entry as unknown as Record<string, unknown>);
    measured(chart, "height", entry as unknown as Record<string, unknown>);
    return chart;
  };
  const sheet = (name: string) =>
    proxy({
      getRange: (address: string) => range(address),
      getUsedRangeOrNullObject: () => proxy({ isNullObject: !options.occupied }),
      names: {
        add(n: string, reference: object, comment?: string) {
          const entry = { sheet: name, name: n, reference: addressOf.get(reference)!, ...(comment !== undefined && { comment }) };
          recorded.names.push(entry);
          pending += payloadBytes([n, entry.reference, comment]);
        },
      },
      charts: { add: chartOn },
      freezePanes: {
        freezeAt(at: string) {
          recorded.frozen.push(at);
        },
      },
      activate() {
        recorded.activated.push(name);
      },
      delete() {
        recorded.deleted.push(name);
      },
    });
  const context = new OfficeMockObject({
    workbook: {
      worksheets: {
        getItemOrNullObject(name: string) {
          return proxy({
            isNullObject: !exists(name),
            delete() {
              recorded.deleted.push(name);
            },
          });
        },
        add(name: string) {
          recorded.added.push(name);
          return sheet(name);
        },
      },
    },
    async sync() {
      syncs++;
      recorded.payloads.push(pending);
      pending = 0;
      if (syncs === options.failOnSync || (cleaning && options.failCleanup)) throw new Error("RichApi.Error: the request failed");
      for (const p of proxies) await p.sync();
    },
  } as never);
  (globalThis as { Excel?: unknown }).Excel = {
    run: async (batch: (c: unknown) => Promise<unknown>) => {
      recorded.runs++;
      cleaning = recorded.runs > 1;
      return batch(context);
    },
  };
  const supported = options.supported ?? (() => true);
  (globalThis as { Office?: unknown }).Office = { context: { requirements: { isSetSupported: supported } } };
  return recorded;
}

export function unmockExcel(): void {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
}
