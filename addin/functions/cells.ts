/**
 * What Excel hands a custom function, turned into what the catalog checks; and catalog answers and
 * errors turned into what a cell can show. The two rules every TRACKER.* function shares live here:
 * a range where one value is expected spills one result per cell (`spill`), and every failure
 * becomes CustomFunctions.Error with the catalog's message (`cellError`).
 */
/// <reference types="custom-functions-runtime" />
import { parseTextParams, UnknownModelError, ValidationError, type CatalogEntry } from "../../shared/index";

/** A value Excel passes for one cell: a number, text, a boolean, or null for an empty or omitted one. */
export type CellValue = number | string | boolean | null | undefined;
/** Every argument is declared as a matrix, so a single value arrives as [[value]]. */
export type CellArgument = CellValue[][] | CellValue;
/** What one cell of a result holds. */
export type CellResult = number | string | boolean | CustomFunctions.Error;

/** More cells than this in one spill is a mistake (a whole column times a whole row), not a plan. */
export const maxSpillCells = 1_000_000;

type ErrorKind = "invalidValue" | "invalidNumber" | "notAvailable";
const errorCodes: Record<ErrorKind, string> = { invalidValue: "#VALUE!", invalidNumber: "#NUM!", notAvailable: "#N/A" };

/**
 * An Excel error with a message. The runtime's own class and codes are used when Excel provides
 * them (CustomFunctions is a global of the Office runtime, not a module).
 */
export function excelError(kind: ErrorKind, message: string): CustomFunctions.Error {
  const runtime = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  const code = (runtime?.ErrorCode?.[kind] ?? errorCodes[kind]) as CustomFunctions.ErrorCode;
  // Excel shows at most 255 characters of a message in the cell's tooltip.
  const text = message.length > 255 ? `${message.slice(0, 254)}…` : message;
  if (!runtime?.Error) throw new Error("CustomFunctions is not loaded: TRACKER functions run inside Excel");
  return new runtime.Error(code, text);
}

/** One function maps every failure to a cell: bad input is #VALUE!, anything else #NUM!, both with words. */
export function cellError(error: unknown): CustomFunctions.Error {
  if (error instanceof ValidationError || error instanceof UnknownModelError) return excelError("invalidValue", error.message);
  const message = error instanceof Error ? error.message : String(error);
  return excelError("invalidNumber", `could not compute: ${message}`);
}

/**
 * The text a planner puts in a cell to leave a parameter out, so that the catalog's default applies.
 * An empty cell cannot say it: Excel desktop passes 0 for an empty referenced cell, the web null.
 */
export const omittedMarker = "default";

/**
 * Empty means "left out": Excel passes null for an omitted argument and for an empty cell, and
 * some builds pass "" for an empty cell inside a range. Either way the catalog default applies.
 */
export function isEmpty(value: CellValue): value is null | undefined | "" {
  return value === null || value === undefined || value === "";
}

/**
 * One cell's value as a catalog parameter. Text that is a well-formed number becomes that number
 * (as Excel's own functions accept "3"), by the catalog's own rule; other text and booleans go to
 * the catalog unchanged so its message names the rule and shows what was given ("got true").
 * A choice is matched without regard to case ("Chord" is chord).
 */
export function cellParam(entry: CatalogEntry, name: string, value: CellValue, choices?: readonly string[]): unknown {
  if (typeof value !== "string") return value;
  if (choices) return choices.find((c) => c.toLowerCase() === value.trim().toLowerCase()) ?? value;
  return parseTextParams(entry, { [name]: value })[name];
}

/** A matrix argument, or a plain value from a caller that did not wrap it, as rows of cells. */
export function asMatrix(argument: CellArgument): CellValue[][] {
  if (Array.isArray(argument)) return argument.length === 0 ? [[null]] : argument;
  return [[argument]];
}

/** The single value of an argument that must be one cell; a range there is bad input. */
export function single(argument: CellArgument, name: string): CellValue {
  const m = asMatrix(argument);
  if (m.length !== 1 || m[0]!.length !== 1) {
    throw new ValidationError([{ path: name, message: `${name} must be a single cell, got a ${m.length}×${m[0]?.length ?? 0} range` }]);
  }
  return m[0]![0];
}

/** Every cell of a row or column, in reading order. */
export function cellList(argument: CellArgument): CellValue[] {
  return asMatrix(argument).flat();
}

/**
 * The spill rule, as Excel's own functions lift over ranges: the result is as tall as the tallest
 * argument and as wide as the widest; an argument one cell tall (or wide) is reused along that
 * direction; a cell outside a smaller argument is #N/A. `compute` sees one value per argument and
 * returns one cell, so a bad cell inside a spill is an error in that cell only.
 */
export function spill(args: readonly CellArgument[], compute: (values: CellValue[]) => CellResult): CellResult[][] {
  const matrices = args.map(asMatrix);
  const rows = Math.max(1, ...matrices.map((m) => m.length));
  const cols = Math.max(1, ...matrices.map((m) => m[0]?.length ?? 1));
  if (rows * cols > maxSpillCells) {
    return [[excelError("invalidNumber", `the ranges give ${rows}×${cols} = ${rows * cols} results; at most ${maxSpillCells} fit one spill`)]];
  }
  const out: CellResult[][] = new Array(rows);
  const values: CellValue[] = new Array(matrices.length);
  for (let r = 0; r < rows; r++) {
    const row: CellResult[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      let outside = false;
      for (let i = 0; i < matrices.length; i++) {
        const m = matrices[i]!;
        const rr = m.length === 1 ? 0 : r;
        const cc = m[0]!.length === 1 ? 0 : c;
        const line = m[rr];
        if (line === undefined || cc >= line.length) {
          outside = true;
          break;
        }
        values[i] = line[cc];
      }
      row[c] = outside ? excelError("notAvailable", "this cell is outside one of the argument ranges") : compute(values);
    }
    out[r] = row;
  }
  return out;
}

/** A number a cell can show; Infinity and NaN cannot, so they become #NUM! with the reason. */
export function numberCell(value: unknown, what: string, reason?: string): CellResult {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" || typeof value === "boolean") return value;
  return excelError("invalidNumber", reason ?? `${what} is not a finite number here`);
}
