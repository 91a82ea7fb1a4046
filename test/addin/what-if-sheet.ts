/**
 * What a written what-if sheet holds and does, for the tests: its cells by address; each TRACKER
 * formula recomputed through the functions the built functions.js registers (as Excel calls them),
 * with the defined names and references read as Excel reads them; the number format a formula cell
 * shows for an output (its conditional formats' rules evaluated); and an office-addin-mock workbook
 * that records every Office.js call the task pane makes and measures what each sync sends.
 */
import { OfficeMockObject } from "office-addin-mock";
import { excelFunctions, namespace } from "../../addin/functions/signatures";
import { payloadBytes } from "../../addin/taskpane/workbook";
import { columnName, type CellContent, type OutputFormat, type WhatIfLayout } from "../../addin/taskpane/whatif";
import { FakeExcelError, loadRegisteredFunctions, type Registered } from "./built";

/** Row and column (0-based) of an A1 reference, absolute or not. */
export function cellIndex(ref: string): [number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return [Number(m[2]) - 1, col];
}

function cellAddress(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
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

let registered: Map<string, Registered> | undefined;

/**
 * The TRACKER functions as Excel has them: the built functions.js (npm run build:addin, which npm
 * test runs first) loaded in a realm of its own, each function as it associated itself. Loaded once.
 */
export function registeredFunctions(): Map<string, Registered> {
  registered ??= loadRegisteredFunctions();
  return registered;
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
 * Every formula of the table as Excel computes it: the registered function of its id (from the
 * built functions.js) called with each argument the value of the cell it names, every argument a
 * 1×1 matrix, an empty cell passed as `empty` (the web passes null, desktop 0). `edits` replaces
 * cells first (a planner typing into the sheet).
 */
export function evaluateTable(layout: WhatIfLayout, empty: null | 0, edits: Record<string, CellContent> = {}): Shown[][] {
  const functions = registeredFunctions();
  const cells = sheetCells(layout);
  for (const [address, value] of Object.entries(edits)) cells.set(address, value);
  return rangeCells(cells, layout.dataAddress).map((row) =>
    row.map((formula) => {
      const { id, args } = parseFormula(String(formula));
      const fn = functions.get(id);
      if (!fn) throw new Error(`functions.js registers no TRACKER.${id}`);
      const values = args.map((arg) => {
        const value = cells.get(argumentCell(layout, arg));
        if (typeof value === "string" && value.startsWith("=")) throw new Error(`${arg} holds a formula`);
        return [[value === undefined || value === "" ? empty : value]];
      });
      const result = fn(...values) as unknown[][];
      return shown(result[0]![0]);
    }),
  );
}

/** Excel's TRIM: spaces at either end removed, each run of spaces inside made one. */
function excelTrim(text: string): string {
  return text.replace(/ {2,}/g, " ").replace(/^ | $/g, "");
}

/** What a cell reads as text in a comparison: Excel's = on text ignores case. */
function asText(value: CellContent | undefined): string {
  return value === undefined ? "" : String(value);
}

/** Top-level arguments of a formula's call, split at commas outside quotes and parentheses. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    else if (!quoted && depth === 0 && ch === ",") {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, text.slice(start)];
}

/**
 * Whether a conditional format's rule holds on these cells, as Excel evaluates it. It reads the
 * shapes outputRule writes, =TRIM(name)="text" and =OR(of those), and refuses any other, so a
 * change of rule has to be taught here.
 */
export function ruleHolds(layout: WhatIfLayout, rule: string, cells: Map<string, CellContent>): boolean {
  const term = (text: string): boolean => {
    const or = /^OR\((.*)\)$/.exec(text);
    if (or) return splitArguments(or[1]!).some(term);
    const trim = /^TRIM\(([A-Za-z_\\][A-Za-z0-9_.\\]*)\)="((?:[^"]|"")*)"$/.exec(text);
    if (!trim) throw new Error(`a rule this evaluator does not read: ${rule}`);
    const value = cells.get(argumentCell(layout, trim[1]!));
    return excelTrim(asText(value)).toLowerCase() === trim[2]!.replace(/""/g, '"').toLowerCase();
  };
  if (!rule.startsWith("=")) throw new Error(`a rule is a formula: ${rule}`);
  return term(rule.slice(1));
}

/**
 * The number format a formula cell shows while the output cell holds `output`: that of the
 * conditional format of highest priority whose rule holds (Excel's add() puts each new one first,
 * so the last added), else the cells' own. `rules` and `base` default to the layout's; pass what a
 * mock recorded to check what was written.
 */
export function formatShown(
  layout: WhatIfLayout,
  output: CellContent,
  rules: readonly Pick<OutputFormat, "rule" | "numberFormat">[] = layout.outputFormats,
  base: string = layout.numberFormat,
): string {
  const cells = sheetCells(layout);
  cells.set(layout.outputAddress.replace(/\$/g, ""), output);
  return [...rules].reverse().find((r) => ruleHolds(layout, r.rule, cells))?.numberFormat ?? base;
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

export interface RecordedConditionalFormat {
  type: string;
  rule: { formula?: string };
  format: { numberFormat?: string };
}

export interface RecordedRange {
  address: string;
  formulas?: unknown[][];
  numberFormat?: unknown[][];
  format: Record<string, unknown> & { font: Record<string, unknown>; autofitted?: boolean };
  dataValidation: Record<string, unknown>;
  conditionalFormats: RecordedConditionalFormat[];
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
  /**
   * The bytes of each sync's request, in order, counted as Office.js builds it (see mockExcel): every
   * action (a property set, a method call, a load) with its arguments, and every object path a sync
   * uses (getRange with its address, a navigation such as range.format) with its instantiation.
   */
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
  /** The sync (1-based, counted over every Excel.run) that fails. */
  failOnSync?: number;
  /** Every sync of the cleanup run fails too. */
  failCleanup?: boolean;
  /** What Office.context.requirements.isSetSupported answers. */
  supported?: (name: string, version: string) => boolean;
}

/** Office.js's action types (OfficeExtension's RichApi message): what the request counts its envelope as. */
const actionType = { instantiate: 1, query: 2, method: 3, setProperty: 4 } as const;
/** Office.js's object path types: the global object, a method's result, a navigation property. */
const pathType = { global: 1, method: 3, property: 4 } as const;

/**
 * A workbook for insertWhatIfTable: Excel.run, worksheets, ranges, names, data validation,
 * conditional formats, freeze panes and charts. Objects whose properties the code loads are
 * OfficeMockObjects, so reading one before load() and sync() gives the mock's error text, as
 * Office.js would fail.
 *
 * Each sync's payload is counted as Office.js's request JSON is built: each action is
 * {"Id","ActionType","Name","ObjectPathId","ArgumentInfo":{"Arguments":[…]}} with its arguments
 * (a value, a formula grid, a number format grid, a rule, a method's arguments; an object argument
 * as its path's id), and each object an action uses brings its path,
 * {"Id","ObjectPathType","Name","ParentObjectPathId","ArgumentInfo"} with the method's arguments
 * (getRange's address), and the action that instantiates it, up to the workbook: once in each sync
 * that uses it, since every request carries the paths its actions need.
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

  // The request as Office.js builds it: ids, object paths, and which paths this sync has sent.
  let ids = 0;
  const paths = new Map<number, { bytes: number; parent?: number }>();
  let sent = new Set<number>();
  const path = (name: string, parent?: number, args?: readonly unknown[]): number => {
    const id = ++ids;
    const type = args ? pathType.method : parent === undefined ? pathType.global : pathType.property;
    const bytes =
      payloadBytes({ Id: id, ObjectPathType: type, Name: name, ParentObjectPathId: parent ?? 0, ArgumentInfo: { Arguments: args ?? [] } }) +
      payloadBytes({ Id: ++ids, ActionType: actionType.instantiate, Name: "", ObjectPathId: id });
    paths.set(id, { bytes, ...(parent !== undefined && { parent }) });
    return id;
  };
  const use = (id: number) => {
    for (let at: number | undefined = id; at !== undefined && !sent.has(at); at = paths.get(at)!.parent) {
      sent.add(at);
      pending += paths.get(at)!.bytes;
    }
  };
  const act = (on: number, type: number, name: string, args: readonly unknown[]) => {
    use(on);
    pending += payloadBytes({ Id: ++ids, ActionType: type, Name: name, ObjectPathId: on, ArgumentInfo: { Arguments: args } });
  };
  const call = (on: number, name: string, ...args: unknown[]) => act(on, actionType.method, name, args);
  /** An object passed as an argument: its path, sent with the request. */
  const pathOf = new WeakMap<object, number>();
  const reference = (object: object) => {
    const id = pathOf.get(object);
    if (id === undefined) throw new Error("an argument that is no object of this workbook");
    use(id);
    return { _ObjectPathId: id };
  };

  const addressOf = new WeakMap<object, string>();
  const proxy = (data: object, id: number) => {
    const mock = new OfficeMockObject(data as never);
    const load = mock.load.bind(mock);
    (mock as { load: (p: unknown) => unknown }).load = (properties: unknown) => {
      act(id, actionType.query, "", [properties]);
      return load(properties as never);
    };
    proxies.push(mock);
    return mock;
  };
  const exists = (name: string) => (existing.includes(name) || recorded.added.includes(name)) && !recorded.deleted.includes(name);
  /** A property whose assignments are recorded and sent as a SetProperty action on the object's path. */
  const measured = (target: object, key: string, record: Record<string, unknown>, on: number) => {
    Object.defineProperty(target, key, {
      get: () => record[key],
      set: (value: unknown) => {
        record[key] = value;
        act(on, actionType.setProperty, key, [value]);
      },
    });
  };
  const range = (sheetPath: number, address: string): object => {
    const id = path("getRange", sheetPath, [address]);
    const record: RecordedRange = { address, format: { font: {} }, dataValidation: {}, conditionalFormats: [] };
    recorded.ranges.push(record);
    const formatPath = path("format", id);
    const fontPath = path("font", formatPath);
    const font = {};
    const format = {
      font,
      autofitRows() {
        record.format.autofitted = true;
        call(formatPath, "autofitRows");
      },
    };
    for (const key of ["columnWidth", "wrapText"]) measured(format, key, record.format, formatPath);
    for (const key of ["bold", "size"]) measured(font, key, record.format.font, fontPath);
    const validationPath = path("dataValidation", id);
    const dataValidation = {};
    for (const key of ["rule", "prompt"]) measured(dataValidation, key, record.dataValidation, validationPath);
    const collectionPath = path("conditionalFormats", id);
    const conditionalFormats = {
      add(type: string) {
        const added = path("add", collectionPath, [type]);
        use(added);
        const entry: RecordedConditionalFormat = { type, rule: {}, format: {} };
        record.conditionalFormats.push(entry);
        const customPath = path("custom", added);
        const rule = {};
        measured(rule, "formula", entry.rule, path("rule", customPath));
        const ruleFormat = {};
        measured(ruleFormat, "numberFormat", entry.format, path("format", customPath));
        return { custom: { rule, format: ruleFormat } };
      },
    };
    const r = { format, dataValidation, conditionalFormats };
    for (const key of ["formulas", "numberFormat", "values"]) measured(r, key, record as unknown as Record<string, unknown>, id);
    addressOf.set(r, address);
    pathOf.set(r, id);
    return r;
  };
  const chartOn = (chartsPath: number) => (type: string, source: object, seriesBy: string) => {
    const id = path("add", chartsPath, [type, reference(source), seriesBy]);
    use(id);
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
    const titled = (title: { text?: string; formula?: string }, parent: number) => {
      const titlePath = path("title", parent);
      const t = {
        setFormula(formula: string) {
          title.formula = formula;
          call(titlePath, "setFormula", formula);
        },
      };
      measured(t, "text", title, titlePath);
      return t;
    };
    const axesPath = path("axes", id);
    const axis = (key: "categoryAxis" | "valueAxis") => {
      const axisPath = path(key, axesPath);
      const a = { title: titled(entry.axes[key].title, axisPath) };
      measured(a, "scaleType", entry.axes[key], axisPath);
      return a;
    };
    const seriesPath = path("series", id);
    const seriesProxy = (s: RecordedChart["series"][number], at: number) => {
      const o = {
        setValues(r: object) {
          s.values = addressOf.get(r);
          call(at, "setValues", reference(r));
        },
        setXAxisValues(r: object) {
          s.xValues = addressOf.get(r);
          call(at, "setXAxisValues", reference(r));
        },
      };
      measured(o, "name", s, at);
      return o;
    };
    const legendPath = path("legend", id);
    const chart = {
      title: titled(entry.title, id),
      axes: { categoryAxis: axis("categoryAxis"), valueAxis: axis("valueAxis") },
      legend: {},
      series: {
        getItemAt(i: number) {
          if (i !== 0) throw new Error("a chart made from one column has one series");
          entry.series[0] ??= { values: entry.source, added: false };
          return seriesProxy(entry.series[0], path("getItemAt", seriesPath, [i]));
        },
        add(name?: string) {
          const s = { name, added: true };
          entry.series.push(s);
          const at = path("add", seriesPath, [name]);
          use(at);
          return seriesProxy(s, at);
        },
      },
      setPosition(...cells: string[]) {
        entry.position = cells;
        call(id, "setPosition", ...cells);
      },
    };
    measured(chart.legend, "visible", entry.legend, legendPath);
    measured(chart, "width", entry as unknown as Record<string, unknown>, id);
    measured(chart, "height", entry as unknown as Record<string, unknown>, id);
    return chart;
  };
  const workbookPath = path("workbook");
  const worksheetsPath = path("worksheets", workbookPath);
  const sheet = (name: string, id: number) => {
    const namesPath = path("names", id);
    const chartsPath = path("charts", id);
    const freezePath = path("freezePanes", id);
    return proxy(
      {
        getRange: (address: string) => range(id, address),
        names: {
          add(n: string, target: object, comment?: string) {
            const entry = { sheet: name, name: n, reference: addressOf.get(target)!, ...(comment !== undefined && { comment }) };
            recorded.names.push(entry);
            call(namesPath, "add", n, reference(target), comment);
          },
        },
        charts: { add: chartOn(chartsPath) },
        freezePanes: {
          freezeAt(at: string) {
            recorded.frozen.push(at);
            call(freezePath, "freezeAt", at);
          },
        },
        activate() {
          recorded.activated.push(name);
          call(id, "activate");
        },
        delete() {
          recorded.deleted.push(name);
          call(id, "delete");
        },
      },
      id,
    );
  };
  const context = new OfficeMockObject({
    workbook: {
      worksheets: {
        getItemOrNullObject(name: string) {
          const id = path("getItemOrNullObject", worksheetsPath, [name]);
          return proxy(
            {
              isNullObject: !exists(name),
              delete() {
                recorded.deleted.push(name);
                call(id, "delete");
              },
            },
            id,
          );
        },
        add(name: string) {
          recorded.added.push(name);
          const id = path("add", worksheetsPath, [name]);
          use(id);
          return sheet(name, id);
        },
      },
    },
    async sync() {
      syncs++;
      recorded.payloads.push(pending);
      pending = 0;
      sent = new Set();
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
    ConditionalFormatType: { custom: "Custom" },
  };
  const supported = options.supported ?? (() => true);
  (globalThis as { Office?: unknown }).Office = { context: { requirements: { isSetSupported: supported } } };
  return recorded;
}

export function unmockExcel(): void {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
}
