/**
 * What a TRACKER.* call does: the generated wrappers (see scripts/build-addin.ts) pass their
 * arguments here in signature order, and this module asks the catalog. No formula and no parameter
 * list lives here; they come from shared/ through signatures.ts.
 */
/// <reference types="custom-functions-runtime" />
import { evaluate, lookup, plainParams, run, runModel, ValidationError, type CatalogEntry, type ParamInfo } from "../../shared/index";
import {
  asMatrix,
  cellError,
  cellList,
  cellParam,
  excelError,
  isEmpty,
  numberCell,
  single,
  spill,
  type CellArgument,
  type CellResult,
  type CellValue,
} from "./cells";
import { excelFunctions, outputArgument, outputChoices, type ExcelFunction } from "./signatures";

const signatures = new Map<string, ExcelFunction>(excelFunctions().map((f) => [f.entry, f]));

function signature(entry: string): ExcelFunction {
  const found = signatures.get(entry);
  if (!found) throw new Error(`no TRACKER function for catalog entry "${entry}"`);
  return found;
}

/** The choice an `output` cell names, matched without regard to case; empty means "value". */
function pickOutput(value: CellValue, choices: readonly string[], subject = outputArgument): string {
  if (isEmpty(value)) return "value";
  const wanted = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  const found = choices.find((c) => c.toLowerCase() === wanted);
  if (!found) {
    const given = typeof value === "string" ? JSON.stringify(value) : String(value);
    throw new ValidationError([{ path: subject, message: `${subject} must be one of ${choices.join(", ")}, got ${given}` }]);
  }
  return found;
}

/** What a cell reads a number from: a model's result, or the result of a tool called like one (simulate's). */
type Readout = Readonly<Record<string, unknown>>;

function isReadout(result: unknown): result is Readout {
  return result !== null && typeof result === "object";
}

/**
 * The part of a result a cell shows, by name or dotted path ("interval95.0"). An unbounded nines
 * says why instead of showing Infinity.
 */
function resultCell(result: Readout, output: string, declared: boolean): CellResult {
  const note = Array.isArray(result.notes) && typeof result.notes[0] === "string" ? result.notes[0] : undefined;
  const reason = output === "nines" && result.nines === Infinity ? (note ?? "the nines are unbounded (the unreliability is 0)") : undefined;
  const value = output.split(".").reduce<unknown>((at, key) => (isReadout(at) ? at[key] : undefined), result);
  if (value === undefined && !declared) {
    const numbers = Object.keys(result).filter((k) => typeof result[k] === "number");
    throw new ValidationError([
      { path: outputArgument, message: `${outputArgument} must name a number in the result (${numbers.join(", ")}), got "${output}"` },
    ]);
  }
  return numberCell(value, output, reason);
}

/**
 * How a positional TRACKER function takes its arguments: the entry's parameters in argument order,
 * the choices a choice parameter accepts, and what its `output` argument may name. Read from the
 * catalog once per entry.
 */
interface ArgumentLayout {
  entry: CatalogEntry;
  params: ParamInfo[];
  choices: (readonly string[] | undefined)[];
  /** The outputs a model declares; undefined for a tool, whose result names its own numbers. */
  outputs: string[] | undefined;
}
const argumentLayouts = new Map<string, ArgumentLayout>();

/** The argument layout of a model, or of a tool with plain parameters; an Error for any other name. */
function argumentsOf(name: string): ArgumentLayout {
  let layout = argumentLayouts.get(name);
  if (!layout) {
    const entry = lookup(name);
    const params = plainParams(entry);
    if (!params) throw new Error(`${name} does not take plain parameters`);
    const outputs = entry.kind === "model" ? outputChoices(entry) : undefined;
    layout = { entry, params, choices: params.map((p) => (p.type === "choice" ? p.values : undefined)), outputs };
    argumentLayouts.set(name, layout);
  }
  return layout;
}

/** The entry's parameters from the cells given, leaving out the empty ones so defaults apply. */
function paramsFromCells(layout: ArgumentLayout, values: readonly CellValue[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  layout.params.forEach((p, i) => {
    const v = values[i];
    if (!isEmpty(v)) params[p.name] = cellParam(layout.entry, p.name, v, layout.choices[i]);
  });
  return params;
}

/** What the entry gives for these parameters: a model's result, or a tool's, which must be an object of named values. */
function readout(entry: CatalogEntry, params: Record<string, unknown>): Readout {
  if (entry.kind === "model") return runModel(entry, params).result;
  const { result } = run(entry.name, params);
  if (!isReadout(result)) throw new Error(`${entry.name} returned no named values for a cell to show`);
  return result;
}

/**
 * TRACKER.<MODEL>(params…, [output]): one model (or a tool with plain parameters), lifted over
 * ranges. `args` holds the catalog's parameters in order, then `output`.
 */
export function modelCells(name: string, args: readonly CellArgument[]): CellResult[][] {
  const layout = argumentsOf(name);
  return spill(args, (values) => {
    try {
      const chosen = values[layout.params.length];
      const output = layout.outputs ? pickOutput(chosen, layout.outputs) : isEmpty(chosen) ? "value" : String(chosen).trim();
      return resultCell(readout(layout.entry, paramsFromCells(layout, values)), output, layout.outputs !== undefined);
    } catch (error) {
      return cellError(error);
    }
  });
}

/** The arguments of a tool function by name, as its signature lists them. */
function named(entry: string, args: readonly CellArgument[]): Record<string, CellArgument> {
  return Object.fromEntries(signature(entry).args.map((a, i) => [a.name, args[i]]));
}

/** The `names` and `values` arguments as the tool's `fixed` object, converted by the model's rules. */
function fixedParams(modelName: string, names: CellArgument, values: CellArgument): Record<string, unknown> {
  const keys = cellList(names).filter((k) => !isEmpty(k));
  const given = cellList(values);
  if (keys.length === 0) return {};
  if (given.length !== keys.length) {
    throw new ValidationError([{ path: "values", message: `values must have one cell per name: ${keys.length} names, got ${given.length} values` }]);
  }
  const layout = argumentsIfAny(modelName);
  const fixed: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    if (typeof key !== "string") {
      throw new ValidationError([{ path: "names", message: `names must be text (parameter names), got ${String(key)}` }]);
    }
    const name = key.trim();
    const v = given[i];
    if (isEmpty(v)) return;
    const index = layout?.params.findIndex((p) => p.name === name) ?? -1;
    fixed[name] = layout && index >= 0 ? cellParam(layout.entry, name, v, layout.choices[index]) : v;
  });
  return fixed;
}

/** The model's argument layout, or undefined when the name is not a model (the tool then says so in its words). */
function argumentsIfAny(modelName: string): ArgumentLayout | undefined {
  try {
    return argumentsOf(modelName);
  } catch {
    return undefined;
  }
}

function text(argument: CellArgument, name: string): string | undefined {
  const v = single(argument, name);
  return isEmpty(v) ? undefined : String(v).trim();
}

/** A numeric argument of a tool: empty is left out, text that is a number becomes it, the tool checks the rest. */
function toolNumber(tool: string, argument: CellArgument, name: string): unknown {
  const v = single(argument, name);
  return isEmpty(v) ? undefined : cellParam(lookup(tool), name, v);
}

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** What TRACKER.PLAN's output may name: the answer, the ends of the window that meets the target, what the answer achieves, or the sentence. */
const planOutputs = ["value", "lower", "upper", "achieved", "unreliability", "nines", "message"] as const;

/**
 * TRACKER.PLAN(model, find, [target], [names], [values], [nines], [output]). "lower" and "upper"
 * are the ends of the values that meet the target: a window when the success rate is not monotone
 * in `find` (servers of a multi-hop DHT), else the answer and the end of the searched range.
 */
export function planCells(args: readonly CellArgument[]): CellResult[][] {
  try {
    const a = named("plan", args);
    const model = text(a.model, "model") ?? "";
    const output = pickOutput(single(a[outputArgument], outputArgument), planOutputs);
    const result = evaluate(
      "plan",
      withoutUndefined({
        model,
        find: text(a.find, "find"),
        target: toolNumber("plan", a.target, "target"),
        nines: toolNumber("plan", a.nines, "nines"),
        fixed: fixedParams(model, a.names, a.values),
      }),
    );
    if (output === "message") return [[result.message]];
    if (!result.feasible) return [[excelError("notAvailable", result.message)]];
    const numbers: Record<string, number | undefined> = {
      value: result.value,
      lower: result.interval?.from,
      upper: result.interval?.to,
      achieved: result.achieved?.value,
      unreliability: result.achieved?.unreliability,
      nines: result.achieved?.nines,
    };
    return [[numberCell(numbers[output], output, result.message)]];
  } catch (error) {
    return [[cellError(error)]];
  }
}

/** One swept axis: from/to/steps, or every value listed in `from` (a range or an array constant). */
function axis(a: Record<string, CellArgument>, suffix: string, scale: string | undefined): Record<string, unknown> | undefined {
  const param = text(a[`param${suffix}`], `param${suffix}`);
  if (param === undefined) return undefined;
  const fromCells = asMatrix(a[`from${suffix}`]).flat();
  if (fromCells.length > 1) {
    if (!isEmpty(single(a[`to${suffix}`], `to${suffix}`)) || !isEmpty(single(a[`steps${suffix}`], `steps${suffix}`))) {
      throw new ValidationError([{ path: `to${suffix}`, message: `to${suffix} and steps${suffix} must be empty when from${suffix} lists the values` }]);
    }
    return { param, values: fromCells.filter((v) => !isEmpty(v)).map((v) => toolNumber("sweep", v, `from${suffix}`)) };
  }
  return withoutUndefined({
    param,
    from: toolNumber("sweep", a[`from${suffix}`], `from${suffix}`),
    to: toolNumber("sweep", a[`to${suffix}`], `to${suffix}`),
    steps: toolNumber("sweep", a[`steps${suffix}`], `steps${suffix}`),
    scale,
  });
}

/** TRACKER.SWEEP(model, param, from, [to], [steps], [names], [values], [param2], [from2], [to2], [steps2], [scale]). */
export function sweepCells(args: readonly CellArgument[]): CellResult[][] {
  try {
    const a = named("sweep", args);
    const model = text(a.model, "model") ?? "";
    const scale = text(a.scale, "scale")?.toLowerCase();
    const over = [axis(a, "", scale), axis(a, "2", scale)].filter((x) => x !== undefined);
    const result = evaluate("sweep", { model, fixed: fixedParams(model, a.names, a.values), over });
    return [
      result.columns,
      ...result.rows.map((row) => row.map((v, i) => numberCell(v, result.columns[i] ?? "value", "unbounded (the unreliability is 0 or below 1e-308)"))),
    ];
  } catch (error) {
    return [[cellError(error)]];
  }
}

/** Hands every function to Excel under its id; outside Excel (a plain browser) there is nothing to register. */
export function registerFunctions(implementations: Record<string, (...args: never[]) => unknown>): void {
  const runtime = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (!runtime) return;
  for (const [id, fn] of Object.entries(implementations)) runtime.associate(id, fn as (...args: unknown[]) => unknown);
}
