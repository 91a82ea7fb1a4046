/**
 * What Excel hands a custom function, turned into what the catalog checks; and catalog answers and
 * errors turned into what a cell can show. The rules every TRACKER.* function shares live here:
 * a cell's value is read the same way everywhere (`readCell`), a range where one
 * value is expected spills one result per cell (`spill`), a list parameter reads its whole range
 * as its members (`cellMembers`), and every failure becomes a
 * CustomFunctions.Error whose message Excel shows (`cellError`, `excelError`).
 */
/// <reference types="custom-functions-runtime" />
import { parseTextParams, UnknownModelError, ValidationError, type CatalogEntry } from "../../shared/index";

/**
 * A cell that holds an Excel data type. functions.json declares allowCustomDataForDataTypeAny
 * (custom-functions-metadata writes it), so a parameter of type any receives a formatted number,
 * an entity or a linked data type as its CellValue JSON ("Custom functions and data types";
 * "Excel JavaScript API data types core concepts"): `type`, and `basicValue` / `basicType`.
 */
export interface CellObject {
  readonly type?: unknown;
  readonly basicValue?: unknown;
  readonly basicType?: unknown;
  readonly text?: unknown;
  readonly errorType?: unknown;
}
/** A cell's own value: a number, text or a boolean. */
export type PlainValue = number | string | boolean;
/** A cell's own value, or null (an omitted argument; an empty cell on the web). */
export type PlainCell = PlainValue | null | undefined;
/** What Excel passes for one cell: a plain value, or a data type as its JSON. */
export type CellValue = PlainCell | CellObject;
/** Every argument is declared as a matrix, so a single value arrives as [[value]]. */
export type CellArgument = CellValue[][] | CellValue;
/** What one cell of a result holds. */
export type CellResult = number | string | boolean | CustomFunctions.Error;

/** More cells than this in one spill is a mistake (a whole column times a whole row), not a plan. */
const maxSpillCells = 1_000_000;

/**
 * The only two codes whose message Excel shows ("Handle and return errors from your custom
 * function"; CustomFunctions.ErrorCode: #NUM!, #DIV/0!, #NULL!, #NAME? and #REF! take none). So
 * every error here carries its reason with one of them: #VALUE! for bad input and for anything
 * that failed, #N/A where the number asked for does not exist (unbounded nines, a plan that
 * nothing reaches, a cell outside a shorter range).
 */
type ErrorKind = "invalidValue" | "notAvailable";
const errorCodes: Record<ErrorKind, string> = { invalidValue: "#VALUE!", notAvailable: "#N/A" };

/** Text kept to Excel's limit for it (255 for a message or a comment, 32 for a title), an ellipsis marking the cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * An Excel error with a message. The runtime's own class and codes are used when Excel provides
 * them (CustomFunctions is a global of the Office runtime, not a module).
 */
export function excelError(kind: ErrorKind, message: string): CustomFunctions.Error {
  const runtime = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  const code = (runtime?.ErrorCode?.[kind] ?? errorCodes[kind]) as CustomFunctions.ErrorCode;
  // Kept to 255 characters, so the error indicator shows the sentence whole.
  const text = clip(message, 255);
  if (!runtime?.Error) throw new Error("CustomFunctions is not loaded: TRACKER functions run inside Excel");
  return new runtime.Error(code, text);
}

/** One function maps every failure to a cell, always with words: bad input and anything else both #VALUE!. */
export function cellError(error: unknown): CustomFunctions.Error {
  if (error instanceof ValidationError || error instanceof UnknownModelError) return excelError("invalidValue", error.message);
  const message = error instanceof Error ? error.message : String(error);
  return excelError("invalidValue", `could not compute: ${message}`);
}

/** A bad argument, in the catalog's words: "<name> must be <rule>: <why>". */
function badArgument(name: string, expects: string, why: string): ValidationError {
  return new ValidationError([{ path: name, message: `${name} must be ${expects}: ${why}` }]);
}

/** The data types whose basicValue is the cell's value; every other type's is "#VALUE!" ("Excel JavaScript API data types core concepts"). */
const basicValued = new Set(["Boolean", "Double", "FormattedNumber", "String"]);

function isPlain(value: unknown): value is PlainValue {
  return typeof value === "number" || typeof value === "string" || typeof value === "boolean";
}

function describeDataType(cell: CellObject): string {
  const type = typeof cell.type === "string" ? cell.type : "unknown";
  const shown = typeof cell.text === "string" && cell.text !== "" ? ` ${JSON.stringify(cell.text)}` : "";
  if (type === "LinkedEntity") return `a linked data type (LinkedEntity${shown})`;
  if (type === "Entity") return `a data type (Entity${shown})`;
  if (type === "WebImage" || type === "LocalImage") return `an image (${type})`;
  if (type === "Array") return "an array (Array)";
  return `a data type (${type}${shown})`;
}

/**
 * One cell's plain value. A data type gives its basic value where it has one (a formatted number
 * its number, a string or boolean data type its value, an empty one null); an entity, a linked
 * data type, an image or an error has none, and the message names the argument and says why.
 */
function plainValue(value: CellValue, name: string, expects: string): PlainCell {
  if (value === null || typeof value !== "object") return value;
  if (value.type === "Empty") return null;
  if ((value.type === undefined || (typeof value.type === "string" && basicValued.has(value.type))) && isPlain(value.basicValue)) {
    return value.basicValue;
  }
  if (value.type === "Error") {
    const code = isPlain(value.basicValue) ? String(value.basicValue) : String(value.errorType ?? "an error");
    throw badArgument(name, expects, `the cell holds the error ${code}`);
  }
  throw badArgument(name, expects, `the cell holds ${describeDataType(value)} with no single value`);
}

/**
 * The text a planner puts in a cell to leave a parameter out, so that the catalog's default applies.
 * An empty cell cannot say it: Excel desktop passes 0 for an empty referenced cell, the web null.
 */
export const omittedMarker = "default";

/**
 * What every argument of every function reads a cell through: its plain value (`plainValue`), or
 * undefined where the cell leaves the parameter out, so that the catalog's default applies.
 * "Left out" is nothing (an omitted argument, or an empty cell where Excel passes null or, inside
 * some ranges, ""), or the text "default" in any case and with any spaces around it. A 0 is a 0,
 * even where it came from an empty cell on desktop Excel: nothing tells the two apart.
 * `expects` completes "<name> must be …" (the catalog's rule for a model parameter).
 */
export function readCell(value: CellValue, name: string, expects = "a single value"): PlainValue | undefined {
  const plain = plainValue(value, name, expects);
  if (plain === null || plain === undefined) return undefined;
  if (typeof plain === "string" && (plain === "" || plain.trim().toLowerCase() === omittedMarker)) return undefined;
  return plain;
}

/**
 * One cell's value as a catalog parameter. Text that is a well-formed number becomes that number
 * (as Excel's own functions accept "3"), by the catalog's own rule; other text and booleans go to
 * the catalog unchanged so its message names the rule and shows what was given ("got true").
 * A choice is matched without regard to case ("Chord" is chord).
 */
export function cellParam(entry: CatalogEntry, name: string, value: PlainValue, choices?: readonly string[]): unknown {
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
 * returns one cell, so a bad cell inside a spill is an error in that cell only. The arguments at
 * the positions in `whole` (a list parameter's) are not spilled over: `compute` sees each whole.
 */
export function spill(args: readonly CellArgument[], compute: (values: CellArgument[]) => CellResult, whole: ReadonlySet<number> = new Set()): CellResult[][] {
  const matrices: CellArgument[][][] = args.map((a, i) => (whole.has(i) ? [[a]] : asMatrix(a)));
  const rows = Math.max(1, ...matrices.map((m) => m.length));
  const cols = Math.max(1, ...matrices.map((m) => m[0]?.length ?? 1));
  if (rows * cols > maxSpillCells) {
    return [[excelError("invalidValue", `the ranges give ${rows}×${cols} = ${rows * cols} results; at most ${maxSpillCells} fit one spill`)]];
  }
  const out: CellResult[][] = new Array(rows);
  const values: CellArgument[] = new Array(matrices.length);
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

/**
 * A list parameter's members from its argument: every cell of the range in reading order (rows,
 * then columns), the cells that leave a value out (empty on the web, "default") skipped, and a
 * cell's text read as a list too ("0.9, 0.99"). One member is that number; none leaves the
 * parameter out. Desktop Excel passes 0 for an empty cell inside a range, and nothing tells that 0
 * from a typed one, so it counts as a member.
 */
export function cellMembers(entry: CatalogEntry, name: string, argument: CellArgument, rule: string): unknown {
  const members: unknown[] = [];
  for (const cell of cellList(argument)) {
    const value = readCell(cell, name, rule);
    if (value === undefined) continue;
    const parsed = cellParam(entry, name, value);
    if (Array.isArray(parsed)) members.push(...parsed);
    else members.push(parsed);
  }
  return members.length === 0 ? undefined : members.length === 1 ? members[0] : members;
}

/**
 * A number a cell can show. Where the number does not exist (±Infinity: unbounded nines; absent
 * from this result) the cell is #N/A with the reason; NaN is a failure, #VALUE!.
 */
export function numberCell(value: unknown, what: string, reason?: string): CellResult {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isNaN(value)) return excelError("invalidValue", `could not compute ${what}: the result is not a number`);
  if (typeof value === "number") return excelError("notAvailable", reason ?? `${what} is unbounded here`);
  return excelError("notAvailable", reason ?? `${what} is not part of this result`);
}
