/**
 * The layout of a what-if sheet, as data: the inputs (each a sheet-scoped defined name), the live
 * TRACKER.* formulas laid out as Excel's Data Table is, the number formats, column widths, freeze
 * panes and the chart. Pure, so it is tested without Excel; workbook.ts writes it.
 *
 *      A        B             C        D          E  F                  G                                  H  I …
 *   1  What-if: <model title>                                    (bold, 14 pt)
 *   2  Live TRACKER formulas on the named inputs in column B …   (the notes, one line each)
 *   3  Excel's Data Table and Goal Seek do not work with custom functions …: this sheet is the Data Table …
 *   4  Number formats follow the output cell; the chart's value axis is set for "nines" …
 *   5                                                            ="nines of rdht vs k, one series per m"   ← follows `output`
 *   6  input    value         unit     default       k (hops) ↓  m →    1                                  2  3   ← row input
 *   7  Rp       0.9           probability required   1                  =TRACKER.RDHT(Rp,G$6,$F7,output) …
 *   8  m        → row 6                required      2                  …
 *   9  k        ↓ column F    hops     required      …  ← column input; one formula pattern over G7:I16
 *  10  output   nines                  value
 *
 * Each value cell in B is a sheet-scoped defined name (the label in A), with its rule as Excel's
 * input message; rows 1–6 and columns A–F are frozen; the chart sits beside the top of the table.
 * Inputs sit beside the table, not above it, so the title, notes and both header rows freeze in six
 * rows on any display, and an input and the results it drives are on screen together. A parameter
 * left at its default holds the text "default" (omittedMarker), never an empty cell: Excel desktop
 * passes 0 for an empty referenced cell where the web passes null. A list parameter's cell holds
 * its members as text ("0.9, 0.99, 0.999"), which the function reads as the list: the formula names
 * one cell however long the list, and a swept list parameter takes one number per row for every
 * member (task pane's axes.ts offers it only where the catalog takes that). A figure preset has the same
 * shape with one formula column per design, and the quantities that change along its axis (λ
 * follows N) in columns to the right of the formulas.
 *
 * The formula cells' number format follows the output cell: the inserted output's format is the
 * cells' own, and one custom conditional format per output choice (its rule a formula on `output`:
 * =TRIM(output)="unreliability") sets that choice's format when the planner picks it. A chart's
 * logarithmic value axis cannot follow a cell, so it stays as inserted, and the sheet says so.
 */
import { describeParams, lookupModel, runModel, withUnit, type AnyModel, type FigureResult, type ParamInfo } from "../../shared/index";
import { clip, omittedMarker } from "../functions/cells";
import { functionId, namespace, outputArgument, outputChoices, paramRule } from "../functions/signatures";
import { listHint, valueText } from "./fields";

export interface WhatIfRequest {
  model: string;
  /** The planner's parameter values (validated, defaults filled in); swept ones are ignored. */
  params: Record<string, unknown>;
  /** One or two axes with the values to take, as the sweep tool expands them. */
  axes: { param: string; values: readonly (number | string)[] }[];
  /** What the table shows: "value", "unreliability", "nines" or a detail name. */
  output: string;
}

/** What the figure tool returns that a sheet needs (each design's parameters at each point), and what the table shows. */
export type FigureRequest = Pick<FigureResult, "title" | "observation" | "x" | "series"> & { output: string };

export type CellContent = string | number;

/** A rectangle of cells written together: its top-left corner (0-based), its rows, and a number format per column (none: General). */
export interface CellBlock {
  row: number;
  col: number;
  cells: CellContent[][];
  columnFormats?: string[];
}

/** A sheet-scoped defined name for one input cell. */
export interface InputName {
  name: string;
  /** Absolute A1 address on the sheet: $B$7. */
  address: string;
  comment: string;
}

/** What Excel shows when the planner selects an input cell (its rule), and the choices of a choice input. */
export interface InputHelp {
  address: string;
  title: string;
  message: string;
  list?: readonly string[];
}

/** The number format the formula cells show while the output cell holds `output`: a custom conditional format whose rule is `rule`. */
export interface OutputFormat {
  output: string;
  /** A formula on the output cell, true while it names this output: =TRIM(output)="nines". */
  rule: string;
  numberFormat: string;
}

export interface ChartSeriesLayout {
  name: string;
  /** The series' values (one formula column) and its x values (the column input), A1 ranges. */
  values: string;
  xValues: string;
}

export interface ChartLayout {
  /** An XY scatter when the x values are numbers; a line chart over categories when they are text (a choice). */
  type: "XYScatterLines" | "LineMarkers";
  /** The cell the title is linked to (it follows the output cell), and its text at insert. */
  titleCell: string;
  title: string;
  xTitle: string;
  /** The cell the value axis title is linked to (the output cell), and its text at insert. */
  yTitleCell: string;
  yTitle: string;
  xLogarithmic: boolean;
  yLogarithmic: boolean;
  /** At most maxChartSeries, evenly spaced over the table's columns. */
  series: ChartSeriesLayout[];
  /** Top-left cell, and size in points. */
  anchor: string;
  width: number;
  height: number;
  /** Where the chart is: beside the top of the table, or under the inputs when the table is too wide for that to be on screen. */
  placement: "beside the table" | "under the inputs";
}

export interface WhatIfLayout {
  /** A sheet name to start from; workbook.ts makes it unique. */
  sheetName: string;
  formulaCount: number;
  /** Every cell written: notes, inputs, the table's title, header row and data (each a block). */
  blocks: CellBlock[];
  names: InputName[];
  help: InputHelp[];
  /** The formulas only (the Data Table's interior). */
  dataAddress: string;
  /** The axis-1 values down the first table column: the column input. */
  categoryAddress: string;
  /** The output cell (named `output`) and what it holds. */
  outputAddress: string;
  output: string;
  /** The number format of the formula cells, chosen for the inserted output (what they show when no rule of outputFormats holds). */
  numberFormat: string;
  /** One per output choice: the format the formula cells take while the output cell names it, as a conditional format on dataAddress. */
  outputFormats: OutputFormat[];
  columnWidths: { columns: string; width: number }[];
  /** Cells in bold (headers), the title cell (larger), and the header row that wraps. */
  bold: string[];
  titleCell: string;
  wrapped: string;
  /** The top-left pane that stays in place: title, notes, both header rows and the inputs' and axis columns. */
  freezeAt: string;
  chart: ChartLayout;
}

/** Excel holds this many live formulas comfortably; a larger table is a job for TRACKER.SWEEP. */
export const maxWhatIfFormulas = 100_000;

/** Excel's limit of series in one chart. */
export const maxChartSeries = 255;

/** Excel's last column (XFD) and row. */
const maxColumns = 16_384;
const maxRows = 1_048_576;

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function address(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

function absolute(row: number, col: number): string {
  return `$${columnName(col)}$${row + 1}`;
}

/** An A1 range of `rows` × `cols` cells from (row, col), 0-based; a single cell as itself: G7:I16, F5. */
export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  return rows === 1 && cols === 1 ? address(row, col) : `${address(row, col)}:${address(row + rows - 1, col + cols - 1)}`;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function safeSheetName(name: string): string {
  return name
    .replace(/[[\]:*?/\\]/g, " ")
    .slice(0, 31)
    .trim();
}

// ---------- defined names ----------

/** Put before an input name Excel refuses as a defined name: in_R, in_C, in_A1. */
export const namePrefix = "in_";

/**
 * Whether Excel accepts `name` as a defined name: it starts with a letter, an underscore or a
 * backslash and holds only letters, digits, periods, underscores and backslashes; it is not R or C
 * (any case); it does not read as a cell reference, in A1 style (1–3 letters then digits: mu1,
 * LOG2, XFD1048576) or R1C1 style (RC, R2, C12, R2C3); and it is not TRUE or FALSE. Where Excel's
 * own rule is narrower (XFE1 is past the last column), this one refuses too: a prefix is harmless.
 */
export function isExcelName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return false;
  if (/^[rc]$/i.test(name)) return false;
  if (/^[a-z]{1,3}\d+$/i.test(name)) return false;
  if (/^r\d*c\d*$/i.test(name) || /^[rc]\d/i.test(name)) return false;
  return !/^(true|false)$/i.test(name);
}

/** The defined name of an input: its own name when Excel accepts it, else namePrefix + it (characters Excel refuses become _). */
export function definedName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.\\]/g, "_");
  return isExcelName(cleaned) ? cleaned : `${namePrefix}${cleaned}`;
}

/** Defined names are compared without regard to case: a second "n" beside "N" becomes "n_2". */
function uniqueNames(): (name: string) => string {
  const taken = new Set<string>();
  return (wanted) => {
    let name = definedName(wanted);
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${definedName(wanted)}_${i}`;
    taken.add(name.toLowerCase());
    return name;
  };
}

// ---------- number formats ----------

function numbersOf(values: readonly unknown[]): number[] {
  return values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

function maxOf(xs: readonly number[]): number {
  return xs.reduce((a, b) => Math.max(a, b), -Infinity);
}

function minOf(xs: readonly number[]): number {
  return xs.reduce((a, b) => Math.min(a, b), Infinity);
}

function decimals(d: number): string {
  const n = Math.min(15, Math.max(0, Math.round(d)));
  return n === 0 ? "0" : `0.${"0".repeat(n)}`;
}

/** Success rates: enough 9s to show the difference: ceil(the largest nines) + 2 decimals, at most 15 (a double's digits). */
export function successRateFormat(nines: readonly number[]): string {
  const finite = nines.filter((n) => !Number.isNaN(n));
  const most = finite.length === 0 ? 1 : maxOf(finite);
  return decimals(Number.isFinite(most) ? Math.max(3, Math.ceil(most) + 2) : 15);
}

const unreliabilityFormat = "0.00E+00";
const ninesFormat = "0.00";

/**
 * Any other result column: whole numbers as such (thousands grouped from 10,000); very large or very
 * small magnitudes in scientific notation; else four significant digits of the smallest, and for
 * probabilities near 1 enough 9s, as for success rates.
 */
export function resultFormat(values: readonly unknown[]): string {
  const xs = numbersOf(values);
  if (xs.length === 0) return "General";
  const abs = xs.map(Math.abs);
  const max = maxOf(abs);
  if (xs.every(Number.isInteger)) return max >= 1e4 ? "#,##0" : "0";
  const nonzero = abs.filter((a) => a > 0);
  const min = nonzero.length > 0 ? minOf(nonzero) : 0;
  if (max >= 1e6 || (min > 0 && min < 1e-4)) return unreliabilityFormat;
  let d = min > 0 ? 3 - Math.floor(Math.log10(min)) : 3;
  if (xs.every((x) => x >= 0 && x < 1)) d = Math.max(d, Math.ceil(-Math.log10(1 - maxOf(xs))) + 2);
  return decimals(d);
}

/** Input values (an axis, a column of λ): as many decimals as the values have at six significant digits. */
export function inputFormat(values: readonly unknown[]): string {
  const xs = numbersOf(values);
  if (xs.length === 0 || xs.length < values.length) return "General";
  const max = maxOf(xs.map(Math.abs));
  if (xs.every(Number.isInteger)) return max >= 1e4 ? "#,##0" : "0";
  const nonzero = xs.map(Math.abs).filter((a) => a > 0);
  if (max >= 1e6 || minOf(nonzero) < 1e-4) return unreliabilityFormat;
  const places = (x: number) => (String(Number(x.toPrecision(6))).split(".")[1] ?? "").length;
  return decimals(Math.min(10, maxOf(xs.map(places))));
}

/** How wide a column of this format reads, in characters. */
function formatChars(format: string): number {
  return format === "General" ? 11 : format.length + 1;
}

// ---------- the chart ----------

/** Indices 0…n−1, or k of them evenly spaced with both ends. */
function evenlySpaced(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return [...new Set(Array.from({ length: k }, (_, i) => Math.round((i * (n - 1)) / (k - 1))))];
}

/** The columns a chart shows: all when they fit Excel's limit, else maxChartSeries evenly spaced from the first to the last. */
export function chartedColumns(count: number): number[] {
  return evenlySpaced(count, maxChartSeries);
}

/** Numbers evenly spaced on a log scale (constant ratio, all positive, at least three, a decade or more): the axis reads best logarithmic. */
export function logSpaced(values: readonly unknown[]): boolean {
  const xs = numbersOf(values);
  if (xs.length < 3 || xs.length < values.length || xs.some((x) => x <= 0)) return false;
  const ratio = xs[1]! / xs[0]!;
  if (!(ratio > 1 || ratio < 1) || maxOf(xs) / minOf(xs) < 10) return false;
  return xs.every((x, i) => i === 0 || Math.abs(x / xs[i - 1]! / ratio - 1) < 1e-6);
}

// ---------- the sheet ----------

/** Rows (0-based) of the title, the notes, the table's title and the header row; inputs and data start below. */
const rows = { title: 0, live: 1, dataTable: 2, chartNote: 3, tableTitle: 4, header: 5, first: 6 } as const;
/** Columns: the inputs' name, value, unit and default; a gap; the column input; the first formula. */
const cols = { name: 0, value: 1, unit: 2, fallback: 3, gap: 4, axis: 5, first: 6 } as const;
/** Column widths in points (Calibri 11: about 6 points a character). */
const widths = { value: 80, unit: 64, fallback: 60, gap: 12 } as const;
const pointsPerChar = 6;
/**
 * The grid Excel shows at 100% on a 1920-pixel display with the task pane open, in points: the
 * chart goes beside the table when it ends within this, else under the inputs (frozen columns).
 */
const visibleWidth = 1200;
const chartSize = { width: 400, height: 288 };

function widthFor(chars: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(chars * pointsPerChar + 10)));
}

interface InputRow {
  /** Column A: the name the formulas use (the parameter itself for a swept one). */
  label: string;
  /** The defined name of the value cell; none for a swept parameter, whose values are in the table. */
  name?: string;
  value: CellContent;
  unit: string;
  /** What "default" means for it: the catalog's default, or "left out". */
  fallback: CellContent;
  title: string;
  message: string;
  list?: readonly string[];
}

function excelText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * One parameter as an input row: its named value, or "default" when left out, with its rule as the
 * cell's input message. A swept one (`swept`: where its values are) has no name: its cell says where.
 */
function inputRow(p: ParamInfo, label: string, value: unknown, swept?: string): InputRow {
  const fallback = p.default ?? (p.optional ? "left out" : "required");
  const rule = `${paramRule(p)}.`;
  const row = { label, unit: p.unit ?? "", fallback, title: clip(label, 32) };
  if (swept) return { ...row, value: swept, message: clip(`${rule} Swept: its values are ${swept.slice(2)}.`, 255) };
  const leave =
    p.default !== undefined ? ` Type ${omittedMarker} for the model's default, ${p.default}.` : p.optional ? ` Type ${omittedMarker} to leave it out.` : "";
  const takes = p.list ? ` ${listHint[0]!.toUpperCase()}${listHint.slice(1)}, in this one cell.` : "";
  return {
    ...row,
    name: label,
    value: inputValue(label, value),
    message: clip(`${rule}${takes}${leave}`, 255),
    ...(p.type === "choice" && p.values && { list: [...p.values, omittedMarker] }),
  };
}

/** Excel's most characters in one cell. */
export const maxCellChars = 32_767;

/** What an input cell holds: a number or text as given, a list as its members' text, "default" for a parameter left out. */
function inputValue(label: string, value: unknown): CellContent {
  if (typeof value === "number" || typeof value === "string") return value;
  if (!Array.isArray(value)) return omittedMarker;
  const text = valueText(value);
  if (text.length > maxCellChars) {
    throw new Error(
      `${label} lists ${value.length} values, ${text.length} characters: more than the ${maxCellChars} an Excel cell holds; give it as a range in a TRACKER formula instead`,
    );
  }
  return text;
}

interface TableSpec {
  sheetName: string;
  title: string;
  /** A sentence put before the note on live formulas (a figure's observation). */
  observation?: string;
  inputs: InputRow[];
  output: string;
  /** The column input: its header, values and the chart's x title. */
  axis: { header: string; title: string; values: readonly CellContent[] };
  /** One header per formula column ("=output" for a single one) and the formula of each data cell. */
  headers: CellContent[];
  formula: (r: number, c: number) => string;
  helpers: { header: string; values: readonly number[] }[];
  seriesNames: string[];
  /** What follows the output in the table's title and the chart's: " of rdht vs k". */
  tableTitle: string;
  /** Where the Data Table's inputs and formulas are, completing "this sheet is the Data Table: …". */
  dataTable: string;
  numberFormat: string;
  /** The format of every output choice (the output cell's choices, in order), the inserted one's equal to numberFormat. */
  outputFormats: OutputFormat[];
  yLogarithmic: boolean;
}

function checkSize(count: number): void {
  if (count > maxWhatIfFormulas) {
    throw new Error(`the table would hold ${count} formulas; at most ${maxWhatIfFormulas} fit a what-if sheet: use fewer steps`);
  }
}

/** The sheet of a table spec: blocks of cells, names, input messages, formats and the chart. */
function build(spec: TableSpec): WhatIfLayout {
  const dataRows = spec.axis.values.length;
  const formulaCols = spec.headers.length;
  const lastCol = cols.first + formulaCols + spec.helpers.length - 1;
  if (lastCol >= maxColumns) throw new Error(`the table would be ${lastCol + 1} columns wide; Excel has ${maxColumns}: sweep the longer axis down the rows`);
  if (rows.first + Math.max(dataRows, spec.inputs.length + 1) > maxRows) throw new Error(`the table would be longer than Excel's ${maxRows} rows`);

  const outputRow = rows.first + spec.inputs.length;
  const outputAddress = absolute(outputRow, cols.value);
  const choices = spec.outputFormats.map((f) => f.output);
  const inputs: InputRow[] = [
    ...spec.inputs,
    {
      label: outputArgument,
      name: outputArgument,
      value: spec.output,
      unit: "",
      fallback: "value",
      title: outputArgument,
      message: clip(`What the table and chart show: ${choices.join(", ")}.`, 255),
      list: choices,
    },
  ];
  const firstData = rows.first;
  const dataAddress = rangeAddress(firstData, cols.first, dataRows, formulaCols);
  const categoryAddress = rangeAddress(firstData, cols.axis, dataRows, 1);
  const tableTitleCell = address(rows.tableTitle, cols.axis);

  // Column widths in points, and from them where the chart goes: beside the top of the table when it is on screen there, else under the inputs.
  const nameWidth = widthFor(Math.max(10, ...inputs.map((i) => i.label.length)), 64, 140);
  // Each format once: a header row of 16,000 values is read once, not once per column.
  const axisFormat = inputFormat(spec.axis.values);
  const headerFormat = inputFormat(spec.headers);
  const helperFormats = spec.helpers.map((h) => inputFormat(h.values));
  const axisChars = maxOf(spec.axis.values.map((v) => String(v).length));
  const axisWidth = widthFor(Math.max(6, formatChars(axisFormat), Math.min(axisChars, 14), Math.min(spec.axis.header.length, 14)), 56, 120);
  const headerChars = maxOf(spec.headers.map((h) => (typeof h === "number" ? String(h).length : h.startsWith("=") ? spec.output.length : h.length)));
  // Headers wrap (row 6 grows), so a long design label does not widen its column past ten characters.
  // Wide enough for the format of every output choice, so switching the output does not show ####.
  const formatWidth = maxOf([spec.numberFormat, ...spec.outputFormats.map((f) => f.numberFormat)].map(formatChars));
  const formulaWidth = widthFor(Math.max(formatWidth, Math.min(headerChars, 10)), 56, 110);
  const helperWidths = spec.helpers.map((h, i) => widthFor(Math.max(formatChars(helperFormats[i]!), Math.min(h.header.length, 10)), 56, 110));
  const inputsWidth = nameWidth + widths.value + widths.unit + widths.fallback;
  const tableRight = inputsWidth + widths.gap + axisWidth + formulaCols * formulaWidth + helperWidths.reduce((a, b) => a + b, 0);
  const beside = tableRight + widths.gap + chartSize.width <= visibleWidth;
  const charted = chartedColumns(formulaCols);
  const chartNote = [
    `Number formats follow the output cell (B${outputRow + 1}). The chart's value axis is ${spec.yLogarithmic ? "logarithmic" : "linear"}, as set for "${spec.output}": Excel cannot tie an axis's scale to a cell, so insert the sheet again for another output's axis.`,
    charted.length < formulaCols
      ? ` The chart shows ${charted.length} of the ${formulaCols} columns, evenly spaced from the first to the last (Excel charts at most ${maxChartSeries} series).`
      : "",
    beside ? "" : " The chart is under the inputs: the table is too wide for it to be on screen beside it.",
  ].join("");

  const liveNote = `${spec.observation ? `${spec.observation}. ` : ""}Live TRACKER formulas on the named inputs in column B: edit a value or the output (B${outputRow + 1}) and the table and chart recompute; "${omittedMarker}" leaves a parameter to the model (column D says what that is).`;
  const dataTableNote = `Excel's Data Table and Goal Seek do not work with custom functions (Office.js issues 5940 and 4745), so this sheet is the Data Table: ${spec.dataTable}.`;

  const blocks: CellBlock[] = [
    { row: rows.title, col: 0, cells: [[spec.title], [liveNote], [dataTableNote], [chartNote]] },
    {
      row: rows.header,
      col: cols.name,
      cells: [["input", "value", "unit", "default"], ...inputs.map((i) => [i.label, i.value, i.unit, i.fallback])],
    },
    { row: rows.tableTitle, col: cols.axis, cells: [[`=${outputArgument}&${excelText(spec.tableTitle)}`]] },
    {
      row: rows.header,
      col: cols.axis,
      cells: [[spec.axis.header, ...spec.headers, ...spec.helpers.map((h) => h.header)]],
      columnFormats: ["General", ...spec.headers.map(() => headerFormat), ...spec.helpers.map(() => "General")],
    },
    {
      row: firstData,
      col: cols.axis,
      cells: spec.axis.values.map((x, r) => [
        x,
        ...Array.from({ length: formulaCols }, (_, c) => spec.formula(r, c)),
        ...spec.helpers.map((h) => h.values[r]!),
      ]),
      columnFormats: [axisFormat, ...spec.headers.map(() => spec.numberFormat), ...helperFormats],
    },
  ];

  const names = inputs.flatMap((input, i) =>
    input.name === undefined ? [] : [{ name: input.name, address: absolute(rows.first + i, cols.value), comment: clip(input.message, 255) }],
  );
  const help = inputs.map((input, i) => ({
    address: address(rows.first + i, cols.value),
    title: input.title,
    message: input.message,
    ...(input.list && { list: input.list }),
  }));

  const firstFormulaColumn = columnName(cols.first);
  const columnWidths = [
    { columns: "A:A", width: nameWidth },
    { columns: "B:B", width: widths.value },
    { columns: "C:C", width: widths.unit },
    { columns: "D:D", width: widths.fallback },
    { columns: "E:E", width: widths.gap },
    { columns: "F:F", width: axisWidth },
    { columns: `${firstFormulaColumn}:${columnName(cols.first + formulaCols - 1)}`, width: formulaWidth },
    ...spec.helpers.map((_, h) => {
      const column = columnName(cols.first + formulaCols + h);
      return { columns: `${column}:${column}`, width: helperWidths[h]! };
    }),
  ];
  const numeric = spec.axis.values.every((v) => typeof v === "number");
  const chartAnchor = beside ? address(firstData, lastCol + 2) : address(outputRow + 2, cols.name);
  return {
    sheetName: safeSheetName(spec.sheetName),
    formulaCount: dataRows * formulaCols,
    blocks,
    names,
    help,
    dataAddress,
    categoryAddress,
    outputAddress,
    output: spec.output,
    numberFormat: spec.numberFormat,
    outputFormats: spec.outputFormats,
    columnWidths,
    bold: [rangeAddress(rows.header, cols.name, 1, 4), tableTitleCell, rangeAddress(rows.header, cols.axis, 1, lastCol - cols.axis + 1)],
    titleCell: address(rows.title, 0),
    wrapped: rangeAddress(rows.header, cols.axis, 1, lastCol - cols.axis + 1),
    freezeAt: `A1:${address(rows.header, cols.axis)}`,
    chart: {
      type: numeric ? "XYScatterLines" : "LineMarkers",
      titleCell: tableTitleCell,
      title: `${spec.output}${spec.tableTitle}`,
      xTitle: spec.axis.title,
      yTitleCell: outputAddress,
      yTitle: spec.output,
      xLogarithmic: numeric && logSpaced(spec.axis.values),
      yLogarithmic: spec.yLogarithmic,
      series: charted.map((c) => ({
        name: spec.seriesNames[c]!,
        values: rangeAddress(firstData, cols.first + c, dataRows, 1),
        xValues: categoryAddress,
      })),
      anchor: chartAnchor,
      width: beside ? chartSize.width : inputsWidth,
      height: chartSize.height,
      placement: beside ? "beside the table" : "under the inputs",
    },
  };
}

/**
 * The TRACKER call of a model with one argument per catalog parameter, then the output:
 * =TRACKER.RDHT(Rp,$F7,G$6,output). The function's name is made once, not once per cell.
 */
function formulaOf(model: AnyModel, params: readonly ParamInfo[]): (argument: (p: ParamInfo) => string) => string {
  const call = `=${namespace}.${functionId(model.name)}(`;
  const close = `${outputArgument})`;
  return (argument) => `${call}${params.map((p) => `${argument(p)},`).join("")}${close}`;
}

/**
 * The rule of a conditional format that holds while the output cell names `output`, as the
 * functions read it: without regard to case (Excel's = on text ignores it) or spaces around it;
 * "value" also when the cell holds the omitted marker, which leaves output to its default.
 */
export function outputRule(output: string): string {
  const names = (text: string) => `TRIM(${outputArgument})=${excelText(text)}`;
  return output === "value" ? `=OR(${names(output)},${names(omittedMarker)})` : `=${names(output)}`;
}

/** The format of every output choice, from the same results: one conditional format each. */
function outputFormats(reliability: boolean, choices: readonly string[], results: readonly Record<string, unknown>[]): OutputFormat[] {
  return choices.map((output) => ({ output, rule: outputRule(output), numberFormat: outputFormat(reliability, output, results).format }));
}

/** The format of the output column and whether its axis is logarithmic, from the results at some points. */
function outputFormat(reliability: boolean, output: string, results: readonly Record<string, unknown>[]): { format: string; log: boolean } {
  if (output === "unreliability") return { format: unreliabilityFormat, log: true };
  if (output === "nines") return { format: ninesFormat, log: false };
  if (output === "value" && reliability) return { format: successRateFormat(results.map((r) => Number(r.nines))), log: false };
  const values = results.map((r) => r[output]);
  const format = resultFormat(values);
  return { format, log: format === unreliabilityFormat && numbersOf(values).every((v) => v > 0) };
}

/** One model over one or two of its parameters, laid out as a Data Table: axis 1 down column F, axis 2 across row 6. */
export function whatIfLayout(request: WhatIfRequest): WhatIfLayout {
  const model = lookupModel(request.model);
  const params = describeParams(model);
  const [axis1, axis2] = request.axes;
  if (!axis1 || request.axes.length > 2) throw new Error("a what-if table takes one or two swept parameters");
  const formulaCols = axis2 ? axis2.values.length : 1;
  checkSize(axis1.values.length * formulaCols);
  const info = (name: string) => params.find((p) => p.name === name);

  const headerRow = rows.header + 1;
  const nameOf = uniqueNames();
  nameOf(outputArgument);
  const argument = new Map<string, string>();
  const inputs = params.map((p) => {
    if (p.name === axis1.param) return inputRow(p, p.name, undefined, `↓ column ${columnName(cols.axis)}`);
    if (axis2 && p.name === axis2.param) return inputRow(p, p.name, undefined, `→ row ${headerRow}`);
    const name = nameOf(p.name);
    argument.set(p.name, name);
    return inputRow(p, name, request.params[p.name]);
  });
  const reference = (r: number, c: number) => (p: ParamInfo) => {
    if (p.name === axis1.param) return `$${columnName(cols.axis)}${rows.first + r + 1}`;
    if (axis2 && p.name === axis2.param) return `${columnName(cols.first + c)}$${headerRow}`;
    return argument.get(p.name)!;
  };

  // A sample of the grid, computed by the catalog, picks the digits the results need.
  const fixed = Object.fromEntries(Object.entries(request.params).filter(([, v]) => v !== undefined));
  const results: Record<string, unknown>[] = [];
  for (const r of evenlySpaced(axis1.values.length, 40)) {
    for (const c of evenlySpaced(formulaCols, axis2 ? 40 : 1)) {
      const point = { ...fixed, [axis1.param]: axis1.values[r], ...(axis2 && { [axis2.param]: axis2.values[c] }) };
      try {
        results.push(runModel(model, point).result);
      } catch {
        // A point the catalog refuses shows its error in its cell; it has no digits to count.
      }
    }
  }
  const { format, log } = outputFormat(model.reliability, request.output, results);
  const axisTitle = withUnit(axis1.param, info(axis1.param)?.unit);
  const dataRange = rangeAddress(rows.first, cols.first, axis1.values.length, formulaCols);
  const call = formulaOf(model, params);
  return build({
    sheetName: `What-if ${model.name}`,
    title: `What-if: ${model.title}`,
    inputs,
    output: request.output,
    axis: { header: axis2 ? `${axisTitle} ↓  ${axis2.param} →` : axisTitle, title: axisTitle, values: axis1.values },
    headers: axis2 ? [...axis2.values] : [`=${outputArgument}`],
    formula: (r, c) => call(reference(r, c)),
    helpers: [],
    seriesNames: axis2 ? axis2.values.map((v) => `${axis2.param} = ${v}`) : [request.output],
    tableTitle: ` of ${model.name} vs ${axis1.param}${axis2 ? `, one series per ${axis2.param}` : ""}`,
    dataTable: `column input ${axis1.param} down ${rangeAddress(rows.first, cols.axis, axis1.values.length, 1)}${axis2 ? `, row input ${axis2.param} across ${rangeAddress(rows.header, cols.first, 1, formulaCols)}` : ""}, one formula pattern over ${dataRange}`,
    numberFormat: format,
    outputFormats: outputFormats(model.reliability, outputChoices(model), results),
    yLogarithmic: log,
  });
}

/**
 * A figure preset: one formula column per design. A parameter a design keeps fixed along the
 * figure is a named input (qualified by the design: dsmu.mttf); one that changes with x (λ with N)
 * gets its own column of values right of the formulas; one the figure leaves out holds "default".
 */
export function figureLayout(request: FigureRequest): WhatIfLayout {
  const rowsCount = request.x.values.length;
  checkSize(rowsCount * request.series.length);
  const nameOf = uniqueNames();
  nameOf(outputArgument);
  const repeated = (model: string) => request.series.filter((s) => s.model === model).length > 1;
  const designs = request.series.map((s, j) => {
    const model = lookupModel(s.model);
    const params = describeParams(model);
    const varies = (p: ParamInfo) => s.points.some((pt) => pt.params[p.name] !== s.points[0]!.params[p.name]);
    return { series: s, model, params, varying: params.filter(varies), qualifier: repeated(s.model) ? `${s.model}${j + 1}` : s.model };
  });
  const helpers: { header: string; values: number[] }[] = [];
  const helperCol = new Map<string, number>();
  for (const [j, d] of designs.entries()) {
    for (const p of d.varying) {
      helperCol.set(`${j}.${p.name}`, cols.first + designs.length + helpers.length);
      helpers.push({ header: `${d.qualifier}.${p.name}`, values: d.series.points.map((pt) => Number(pt.params[p.name])) });
    }
  }
  const argument = new Map<string, string>();
  const inputs = designs.flatMap((d, j) =>
    d.params.map((p) => {
      const label = `${d.qualifier}.${p.name}`;
      const column = helperCol.get(`${j}.${p.name}`);
      if (column !== undefined) return inputRow(p, label, undefined, `→ column ${columnName(column)}`);
      const name = nameOf(label);
      argument.set(`${j}.${p.name}`, name);
      return inputRow(p, name, d.series.points[0]!.params[p.name]);
    }),
  );
  const reference = (r: number, j: number) => (p: ParamInfo) => {
    const column = helperCol.get(`${j}.${p.name}`);
    return column !== undefined ? `$${columnName(column)}${rows.first + r + 1}` : argument.get(`${j}.${p.name}`)!;
  };
  // Each point's full result (the details the figure leaves out: λ, ρ, blocking…) under the figure's own numbers, for the formats of every output.
  const points: Record<string, unknown>[] = designs.flatMap((d) =>
    d.series.points.map((pt) => {
      try {
        return { ...runModel(d.model, pt.params).result, ...pt };
      } catch {
        return { ...pt };
      }
    }),
  );
  const reliable = designs.every((d) => d.model.reliability);
  const { format, log } = outputFormat(reliable, request.output, points);
  const choices = designs.map((d) => outputChoices(d.model)).reduce((a, b) => a.filter((o) => b.includes(o)));
  const xTitle = withUnit(request.x.name, request.x.unit);
  const calls = designs.map((d) => formulaOf(d.model, d.params));
  return build({
    sheetName: request.title.split(":")[0]!,
    title: request.title,
    observation: request.observation,
    inputs,
    output: request.output,
    axis: { header: xTitle, title: xTitle, values: request.x.values },
    headers: designs.map((d) => d.series.label),
    formula: (r, j) => calls[j]!(reference(r, j)),
    helpers,
    seriesNames: designs.map((d) => d.series.label),
    tableTitle: ` vs ${request.x.name}: ${request.title.replace(/^[^:]*:\s*/, "")}`,
    dataTable: `${request.x.name} down ${rangeAddress(rows.first, cols.axis, rowsCount, 1)}, one formula column per design over ${rangeAddress(rows.first, cols.first, rowsCount, designs.length)}`,
    numberFormat: format,
    outputFormats: outputFormats(reliable, choices, points),
    yLogarithmic: log,
  });
}
