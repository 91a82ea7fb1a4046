/**
 * The layout of a what-if sheet, as data: where the inputs go, which cells hold which live
 * TRACKER.* formula, where the chart reads from. Pure, so it is tested without Excel; workbook.ts
 * writes it.
 *
 *   A1  What-if: <model title>
 *   A3  parameter | value | unit | rule           ← the inputs the formulas read, then `output`
 *   ...
 *   Ar  rows: k ↓, columns: m →
 *   A.. k values  | =TRACKER.RDHT($B$4,$A12,B$11,$B$8) …   ← axis 1 down column A, axis 2 across
 *
 * A figure preset has the same shape with one formula column per design, and the quantities that
 * change along its axis (λ follows N) in columns to the right of the formulas.
 */
import { describeParams, lookup, lookupModel, type AnyModel, type FigureResult, type ParamInfo } from "../../shared/index";
import { functionId, namespace, outputArgument } from "../functions/signatures";

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

export interface WhatIfLayout {
  /** A sheet name to start from; workbook.ts makes it unique. */
  sheetName: string;
  /** Every cell written, as one block from A1: text, numbers and formulas ("" is left empty). */
  cells: (string | number)[][];
  /** A1-style address of the block. */
  blockAddress: string;
  /** The formulas only: what the chart plots, one series per column. */
  dataAddress: string;
  /** The axis-1 values: the chart's horizontal axis. */
  categoryAddress: string;
  /** A name for each chart series (each column of data). */
  seriesNames: string[];
  chartTitle: string;
  /** Where the chart goes: to the right of the table. */
  chartAnchor: { topLeft: string; bottomRight: string };
  formulaCount: number;
}

/** Excel holds this many live formulas comfortably; a larger table is a job for TRACKER.SWEEP. */
export const maxWhatIfFormulas = 100_000;

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function address(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function safeSheetName(name: string): string {
  return name
    .replace(/[[\]:*?/\\]/g, " ")
    .slice(0, 31)
    .trim();
}

/** Cells placed by (row, column), then closed into a rectangle. */
class Sheet {
  private rows: (string | number)[][] = [];

  put(row: number, col: number, value: string | number): void {
    while (this.rows.length <= row) this.rows.push([]);
    this.rows[row]![col] = value;
  }

  /** The heading and the input table; returns the row of each input by key, and the output row. */
  inputs(title: string, note: string, entries: { key: string; label: string; value: unknown; unit?: string; rule: string }[], output: string) {
    this.put(0, 0, title);
    this.put(1, 0, note);
    ["parameter", "value", "unit", "rule"].forEach((h, c) => {
      this.put(2, c, h);
    });
    const rowOf = new Map<string, number>();
    entries.forEach((e, i) => {
      const row = 3 + i;
      rowOf.set(e.key, row);
      this.put(row, 0, e.label);
      this.put(row, 1, typeof e.value === "number" || typeof e.value === "string" ? e.value : "");
      this.put(row, 2, e.unit ?? "");
      this.put(row, 3, e.rule);
    });
    const outputRow = 3 + entries.length;
    this.put(outputRow, 0, outputArgument);
    this.put(outputRow, 1, output);
    this.put(outputRow, 3, "what the table shows: value, unreliability, nines or a detail; change it here");
    return { rowOf, outputRef: `$B$${outputRow + 1}`, next: outputRow + 2 };
  }

  block(): (string | number)[][] {
    const width = Math.max(...this.rows.map((r) => r.length));
    return this.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ""));
  }
}

function paramRule(p: ParamInfo): string {
  return `${p.description}: ${p.rule}`;
}

/** A TRACKER call with one argument per catalog parameter (empty where left out), then output. */
function formula(model: AnyModel, params: ParamInfo[], argument: (p: ParamInfo) => string, outputRef: string): string {
  return `=${namespace}.${functionId(model.name)}(${[...params.map(argument), outputRef].join(",")})`;
}

function checkSize(count: number): void {
  if (count > maxWhatIfFormulas) {
    throw new Error(`the table would hold ${count} formulas; at most ${maxWhatIfFormulas} fit a what-if sheet: use fewer steps`);
  }
}

function finish(
  sheet: Sheet,
  name: string,
  data: { firstRow: number; rows: number; firstCol: number; cols: number },
  rest: Pick<WhatIfLayout, "seriesNames" | "chartTitle" | "formulaCount">,
  headerRow: number,
): WhatIfLayout {
  const cells = sheet.block();
  const width = cells[0]!.length;
  const lastRow = data.firstRow + data.rows - 1;
  const chartCol = width + 1;
  return {
    sheetName: safeSheetName(name),
    cells,
    blockAddress: `A1:${address(cells.length - 1, width - 1)}`,
    dataAddress: `${address(data.firstRow, data.firstCol)}:${address(lastRow, data.firstCol + data.cols - 1)}`,
    categoryAddress: `${address(data.firstRow, 0)}:${address(lastRow, 0)}`,
    chartAnchor: { topLeft: address(headerRow, chartCol), bottomRight: address(headerRow + 18, chartCol + 7) },
    ...rest,
  };
}

/** One model over one or two of its parameters, every cell a live formula on the inputs above. */
export function whatIfLayout(request: WhatIfRequest): WhatIfLayout {
  const model = lookup(request.model);
  if (model.kind !== "model") throw new Error(`${request.model} is not a model`);
  const params = describeParams(model);
  const [axis1, axis2] = request.axes;
  if (!axis1 || request.axes.length > 2) throw new Error("a what-if table takes one or two swept parameters");
  const cols = axis2 ? axis2.values.length : 1;
  checkSize(axis1.values.length * cols);

  const swept = new Set(request.axes.map((a) => a.param));
  const sheet = new Sheet();
  const { rowOf, outputRef, next } = sheet.inputs(
    `What-if: ${model.title}`,
    "Live TRACKER formulas: change a value in column B and the table recomputes.",
    params.map((p) => ({
      key: p.name,
      label: p.name,
      value: swept.has(p.name) ? "(swept below)" : request.params[p.name],
      ...(p.unit !== undefined && { unit: p.unit }),
      rule: paramRule(p),
    })),
    request.output,
  );
  sheet.put(next, 0, axis2 ? `rows: ${axis1.param} ↓   columns: ${axis2.param} →` : `rows: ${axis1.param} ↓`);
  const headerRow = next + 1;
  sheet.put(headerRow, 0, axis1.param);
  if (axis2) for (const [c, v] of axis2.values.entries()) sheet.put(headerRow, 1 + c, v);
  else sheet.put(headerRow, 1, request.output);

  axis1.values.forEach((x, r) => {
    const row = headerRow + 1 + r;
    sheet.put(row, 0, x);
    for (let col = 1; col <= cols; col++) {
      const reference = (p: ParamInfo) =>
        p.name === axis1.param ? `$A${row + 1}` : axis2 && p.name === axis2.param ? `${columnName(col)}$${headerRow + 1}` : `$B$${rowOf.get(p.name)! + 1}`;
      sheet.put(row, col, formula(model, params, reference, outputRef));
    }
  });
  return finish(
    sheet,
    `What-if ${model.name}`,
    { firstRow: headerRow + 1, rows: axis1.values.length, firstCol: 1, cols },
    {
      seriesNames: axis2 ? axis2.values.map((v) => `${axis2.param} = ${v}`) : [request.output],
      chartTitle: `${model.title}: ${request.output} vs ${axis1.param}`,
      formulaCount: axis1.values.length * cols,
    },
    headerRow,
  );
}

/**
 * A figure preset: one formula column per design. A parameter a design keeps fixed along the
 * figure is an input above; one that changes with x (λ with N) gets its own column of values.
 */
export function figureLayout(request: FigureRequest): WhatIfLayout {
  const rowsCount = request.x.values.length;
  checkSize(rowsCount * request.series.length);
  const designs = request.series.map((s) => {
    const model = lookupModel(s.model);
    const params = describeParams(model);
    const given = params.filter((p) => s.points.some((pt) => pt.params[p.name] !== undefined));
    const varies = (p: ParamInfo) => s.points.some((pt) => pt.params[p.name] !== s.points[0]!.params[p.name]);
    return { series: s, model, params, fixed: given.filter((p) => !varies(p)), varying: given.filter(varies) };
  });
  const sheet = new Sheet();
  const { rowOf, outputRef, next } = sheet.inputs(
    request.title,
    `${request.observation ? `${request.observation}. ` : ""}Live TRACKER formulas: change a value in column B and the table recomputes.`,
    designs.flatMap((d) =>
      d.fixed.map((p) => ({
        key: `${d.model.name}.${p.name}`,
        label: `${p.name} (${d.model.name})`,
        value: d.series.points[0]!.params[p.name],
        ...(p.unit !== undefined && { unit: p.unit }),
        rule: paramRule(p),
      })),
    ),
    request.output,
  );
  const headerRow = next;
  sheet.put(headerRow, 0, request.x.unit ? `${request.x.name} (${request.x.unit})` : request.x.name);
  let helperCol = 1 + designs.length;
  const helperColOf = new Map<string, number>();
  designs.forEach((d, j) => {
    sheet.put(headerRow, 1 + j, d.series.label);
    for (const p of d.varying) {
      helperColOf.set(`${d.model.name}.${p.name}`, helperCol);
      sheet.put(headerRow, helperCol++, `${p.name} (${d.model.name})`);
    }
  });
  request.x.values.forEach((x, r) => {
    const row = headerRow + 1 + r;
    sheet.put(row, 0, x);
    designs.forEach((d, j) => {
      const point = d.series.points[r]!.params;
      for (const p of d.varying) sheet.put(row, helperColOf.get(`${d.model.name}.${p.name}`)!, point[p.name]!);
      const reference = (p: ParamInfo) => {
        const key = `${d.model.name}.${p.name}`;
        if (helperColOf.has(key)) return `$${columnName(helperColOf.get(key)!)}${row + 1}`;
        if (rowOf.has(key)) return `$B$${rowOf.get(key)! + 1}`;
        return "";
      };
      sheet.put(row, 1 + j, formula(d.model, d.params, reference, outputRef));
    });
  });
  return finish(
    sheet,
    request.title.split(":")[0]!,
    { firstRow: headerRow + 1, rows: rowsCount, firstCol: 1, cols: designs.length },
    { seriesNames: designs.map((d) => d.series.label), chartTitle: `${request.title}: ${request.output}`, formulaCount: rowsCount * designs.length },
    headerRow,
  );
}
