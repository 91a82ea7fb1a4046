import { z } from "zod";
import { ValidationError } from "../catalog/errors";
import { formatBound } from "../catalog/params";
import { defineTool, MAX_TABLE_WORK, type AnyModel, type FieldError, type ModelResult } from "../catalog/types";
import { validateParams } from "../catalog/validate";
import { fixedField, modelByName, modelField, paramOf, resultColumns } from "./common";

/** The most cells one sweep may compute: 1000 × 1000. */
export const MAX_SWEEP_CELLS = 1_000_000;

const axisValues = z.strictObject({
  param: z.string({ error: "must name the parameter to vary" }),
  values: z
    .array(z.union([z.number(), z.string()]), { error: "must be a list of values" })
    .min(1, { error: "must hold at least one value" })
    .max(MAX_SWEEP_CELLS, { error: `must hold at most ${MAX_SWEEP_CELLS} values` }),
});
const axisRange = z.strictObject({
  param: z.string({ error: "must name the parameter to vary" }),
  from: z.number({ error: "must be a finite number" }),
  to: z.number({ error: "must be a finite number" }),
  steps: z
    .number({ error: `must be a whole number from 1 to ${MAX_SWEEP_CELLS}` })
    .int({ error: `must be a whole number from 1 to ${MAX_SWEEP_CELLS}` })
    .min(1, { error: `must be a whole number from 1 to ${MAX_SWEEP_CELLS}` })
    .max(MAX_SWEEP_CELLS, { error: `must be a whole number from 1 to ${MAX_SWEEP_CELLS}` }),
  scale: z.enum(["linear", "log"], { error: "must be linear or log" }).default("linear"),
});
export const sweepAxis = z.union([axisValues, axisRange], {
  error: "must be { param, values: [...] } or { param, from, to, steps, scale? }",
});

export const sweepParams = z.strictObject({
  model: modelField,
  fixed: fixedField.default({}),
  over: z
    .array(sweepAxis, { error: "must be a list of one or two axes" })
    .min(1, { error: "must hold one or two axes" })
    .max(2, { error: "must hold one or two axes" }),
  outputs: z.array(z.string()).max(20).optional(),
});

/**
 * A what-if table. `data` holds it column by column (numbers in Float64Arrays: a million cells cost
 * 40 MB, not a million small arrays); `rows` is the same table row by row, built on first use for
 * surfaces that print rows (JSON, CSV, a spill). nines of a perfect cell is Infinity.
 */
export class SweepResult {
  readonly model: string;
  readonly axes: { param: string; values: (number | string)[] }[];
  readonly columns: string[];
  readonly data: (Float64Array | (number | string)[])[];
  readonly cells: number;
  #rows: (number | string | null)[][] | undefined;

  constructor(model: string, axes: SweepResult["axes"], columns: string[], data: SweepResult["data"]) {
    this.model = model;
    this.axes = axes;
    this.columns = columns;
    this.data = data;
    this.cells = data[0]?.length ?? 0;
  }

  get rows(): (number | string | null)[][] {
    if (!this.#rows) this.#rows = rowsOf(this.data, this.cells);
    return this.#rows;
  }

  toJSON() {
    return { model: this.model, axes: this.axes, columns: this.columns, rows: this.rows, cells: this.cells };
  }
}

type Column = SweepResult["data"][number];
type Cell = number | string | null;

/** A cell of the row view: a derived output a cell does not have (NaN in its column) is null, as in the model's own result. */
const cell = (v: number | string): Cell => (Number.isNaN(v) ? null : v);

/**
 * The row view: one array literal a row for the common widths (a literal is built in one
 * allocation, with its elements' kind known from the start; an array grown element by element took
 * twice as long), element by element beyond.
 */
function rowsOf(data: readonly Column[], cells: number): Cell[][] {
  const rows: Cell[][] = new Array(cells);
  const [a, b, c, d, e, f, g, h] = data as Column[];
  switch (data.length) {
    case 1:
      for (let i = 0; i < cells; i++) rows[i] = [cell(a![i]!)];
      break;
    case 2:
      for (let i = 0; i < cells; i++) rows[i] = [cell(a![i]!), cell(b![i]!)];
      break;
    case 3:
      for (let i = 0; i < cells; i++) rows[i] = [cell(a![i]!), cell(b![i]!), cell(c![i]!)];
      break;
    case 4:
      for (let i = 0; i < cells; i++) rows[i] = [cell(a![i]!), cell(b![i]!), cell(c![i]!), cell(d![i]!)];
      break;
    case 5:
      for (let i = 0; i < cells; i++) rows[i] = [cell(a![i]!), cell(b![i]!), cell(c![i]!), cell(d![i]!), cell(e![i]!)];
      break;
    case 6:
      for (let i = 0; i < cells; i++) rows[i] = [cell(a![i]!), cell(b![i]!), cell(c![i]!), cell(d![i]!), cell(e![i]!), cell(f![i]!)];
      break;
    case 7:
      for (let i = 0; i < cells; i++) rows[i] = [cell(a![i]!), cell(b![i]!), cell(c![i]!), cell(d![i]!), cell(e![i]!), cell(f![i]!), cell(g![i]!)];
      break;
    case 8:
      for (let i = 0; i < cells; i++)
        rows[i] = [cell(a![i]!), cell(b![i]!), cell(c![i]!), cell(d![i]!), cell(e![i]!), cell(f![i]!), cell(g![i]!), cell(h![i]!)];
      break;
    default: {
      const width = data.length;
      for (let i = 0; i < cells; i++) {
        const row: Cell[] = new Array(width);
        for (let column = 0; column < width; column++) row[column] = cell(data[column]![i]!);
        rows[i] = row;
      }
    }
  }
  return rows;
}

/** from → to in `steps` points, evenly or geometrically spaced (the ends exact). */
export function axisPoints(from: number, to: number, steps: number, scale: "linear" | "log"): number[] {
  if (steps === 1) return [from];
  const points: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t = i / (steps - 1);
    points.push(scale === "log" ? from * (to / from) ** t : from + (to - from) * t);
  }
  points[steps - 1] = to;
  return points;
}

function expandAxis(model: AnyModel, axis: z.output<typeof sweepAxis>, where: string, errors: FieldError[]): (number | string)[] {
  const info = paramOf(model, axis.param, `${where}.param`);
  let values: (number | string)[];
  if ("values" in axis) values = axis.values;
  else {
    if (info.type === "choice")
      throw new ValidationError([{ path: where, message: `${where}: ${axis.param} is a choice; list its values instead of from/to` }]);
    if (axis.scale === "log" && !(axis.from > 0 && axis.to > 0))
      throw new ValidationError([{ path: where, message: `${where}: a log scale needs from and to above 0, got ${axis.from} and ${axis.to}` }]);
    values = axisPoints(axis.from, axis.to, axis.steps, axis.scale);
    // A whole-number parameter lands on whole numbers; rounding may merge neighbours.
    if (info.type === "integer") values = [...new Set(values.map((v) => Math.round(v as number)))];
  }
  // Each value is checked once against the parameter's own schema, not once per cell.
  const field = model.params.shape[axis.param] as z.ZodType;
  let reported = 0;
  values.forEach((v, i) => {
    if (reported < 5 && !field.safeParse(v).success) {
      reported++;
      errors.push({ path: `${where}.values.${i}`, message: `${where}: ${axis.param} must be ${info.rule}, got ${JSON.stringify(v)}` });
    }
  });
  return values;
}

/**
 * A what-if table: any model over one or two of its parameters, the others fixed. The fixed
 * parameters are validated once, every swept value once against its own rule, and the rules across
 * fields for every cell of a model that has them; then each cell is one call of `compute`.
 */
export function sweep(request: z.output<typeof sweepParams>): SweepResult {
  const model = modelByName(request.model);
  const errors: FieldError[] = [];
  const axes = request.over.map((axis, i) => ({ param: axis.param, values: expandAxis(model, axis, `over.${i}`, errors) }));
  const [first, second] = axes;
  if (second && second.param === first!.param)
    throw new ValidationError([{ path: "over.1.param", message: `over.1: sweeps ${second.param} twice; choose two different parameters` }]);
  for (const axis of axes)
    if (axis.param in request.fixed)
      throw new ValidationError([{ path: `fixed.${axis.param}`, message: `${axis.param} is both fixed and swept; leave it out of fixed` }]);
  const cells = axes.reduce((n, a) => n * a.values.length, 1);
  if (cells > MAX_SWEEP_CELLS)
    throw new ValidationError([{ path: "over", message: `the sweep has ${cells} cells, above the cap of ${MAX_SWEEP_CELLS} (1000 × 1000): use fewer steps` }]);

  const extra = request.outputs ?? [];
  const known = new Set(model.outputs.map((o) => o.name));
  const unknown = extra.filter((o) => !known.has(o));
  if (unknown.length)
    throw new ValidationError([
      {
        path: "outputs",
        message: `outputs must name outputs of ${model.name} (${[...known].join(", ") || "it has none beyond value"}), got ${unknown.join(", ")}`,
      },
    ]);

  // The whole parameter set, checked once with the first values (missing fields, unknown names,
  // defaults); problems of the swept values are already listed, so they are not repeated.
  let base: Record<string, unknown> = {};
  try {
    base = validateParams(model, { ...request.fixed, ...Object.fromEntries(axes.map((a) => [a.param, a.values[0]])) });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const swept = new Set(axes.map((a) => a.param));
    const fixedErrors = error.errors.filter((e) => !swept.has(e.path));
    // Every swept value passed its own rule, so a complaint about a swept parameter is a rule across
    // fields at the first cell (n = 1 beside a list of two Rs): said as the cell loop would say it.
    if (errors.length === 0 && fixedErrors.length === 0) {
      const at = axes.map((a) => `${a.param} = ${String(a.values[0])}`).join(", ");
      throw new ValidationError(error.errors.map((e) => ({ path: e.path, message: `at ${at}: ${e.message}` })));
    }
    errors.push(...fixedErrors.map((e) => ({ path: `fixed.${e.path}`, message: e.message })));
  }
  if (errors.length) throw new ValidationError(errors);
  const columns = [...axes.map((a) => a.param), ...resultColumns(model), ...extra];
  const axisColumns = axes.map((a) => (a.values.every((v) => typeof v === "number") ? new Float64Array(cells) : new Array<number | string>(cells)));
  const outputColumns = columns.slice(axes.length).map(() => new Float64Array(cells));
  // One parameter object, updated in place: compute is pure and keeps no reference to it.
  const params: Record<string, unknown> = { ...base };
  // A model whose cost grows with its inputs (kofn) is costed over every cell first, so that a sweep
  // past the cap is refused at once rather than after seconds of work.
  if (model.work) {
    let work = 0;
    for (const x of first!.values)
      for (const y of second ? second.values : [undefined]) {
        params[first!.param] = x;
        if (second) params[second.param] = y;
        work += model.work(params as never);
      }
    if (work > MAX_TABLE_WORK)
      throw new ValidationError([
        {
          path: "over",
          message: `the sweep asks ${model.name} for ${formatBound(Number(work.toPrecision(2)))} steps of work over its cells, past the cap of ${formatBound(MAX_TABLE_WORK)} (about two seconds): use fewer cells, or smaller fleets`,
        },
      ]);
  }
  fillAxes(axisColumns, first!.values, second?.values);
  computeCells(model, params, axes, outputColumns, extra);
  return new SweepResult(model.name, axes, columns, [...axisColumns, ...outputColumns]);
}

type Axis = SweepResult["axes"][number];

/** The swept values of every cell, the first axis outer. */
function fillAxes(columns: (Float64Array | (number | string)[])[], xs: readonly (number | string)[], ys: readonly (number | string)[] | undefined): void {
  const [xColumn, yColumn] = columns;
  const perRow = ys ? ys.length : 1;
  let i = 0;
  for (let a = 0; a < xs.length; a++) {
    const x = xs[a] as number;
    for (let b = 0; b < perRow; b++, i++) {
      xColumn![i] = x;
      if (yColumn) yColumn[i] = ys![b] as number;
    }
  }
}

function throwAt(errors: FieldError[], params: Record<string, unknown>, axes: readonly Axis[]): never {
  const at = axes.map((a) => `${a.param} = ${String(params[a.param])}`).join(", ");
  throw new ValidationError(errors.map((e) => ({ path: e.path, message: `at ${at}: ${e.message}` })));
}

/**
 * Every cell's compute into the output columns, the first axis outer: a loop of its own (which the
 * engine optimizes with compute inlined), with no closure and nothing looked up per cell but the
 * swept values and compute's result.
 */
function computeCells(model: AnyModel, params: Record<string, unknown>, axes: readonly Axis[], outputs: Float64Array[], extra: readonly string[]): void {
  const [first, second] = axes as [Axis, Axis | undefined];
  const xs = first.values;
  const ys = second?.values;
  const perRow = ys ? ys.length : 1;
  const reliability = model.reliability;
  const [values, unreliabilities, nines] = outputs as [Float64Array, Float64Array, Float64Array];
  const extraColumns = outputs.slice(reliability ? 3 : 1);
  const extras = extraColumns.length;
  const crossCheck = model.crossCheck;
  let i = 0;
  for (let a = 0; a < xs.length; a++) {
    params[first.param] = xs[a];
    for (let b = 0; b < perRow; b++, i++) {
      if (ys) params[second!.param] = ys[b];
      if (crossCheck) {
        const errors = crossCheck(params as never);
        if (errors.length) throwAt(errors, params, axes);
      }
      const r: ModelResult = model.compute(params as never);
      values[i] = r.value;
      if (reliability) {
        unreliabilities[i] = r.unreliability!;
        nines[i] = r.nines!;
      }
      for (let e = 0; e < extras; e++) extraColumns[e]![i] = (r[extra[e]!] as number | null | undefined) ?? NaN;
    }
  }
}

export const sweepTool = defineTool({
  name: "sweep",
  title: "What-if sweep",
  summary: `Any model over one or two of its parameters (a list, or from/to/steps on a linear or log scale), as a table; at most ${MAX_SWEEP_CELLS} cells.`,
  params: sweepParams,
  compute: sweep,
});
