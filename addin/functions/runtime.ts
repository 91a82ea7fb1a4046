/**
 * What a TRACKER.* call does: the generated wrappers (see scripts/build-addin.ts) pass their
 * arguments here in signature order, and this module asks the catalog. No formula and no parameter
 * list lives here; they come from shared/ through signatures.ts. Every value a cell hands over is
 * read through cells.ts (`readCell`), so a data type, an omitted argument and the text "default"
 * mean the same in every argument of every function.
 */
/// <reference types="custom-functions-runtime" />
import {
  evaluate,
  formatBound,
  lookup,
  MAX_TABLE_WORK,
  PRESET_PARAM,
  plainParams,
  presets,
  presetValue,
  run,
  runModel,
  UnknownPresetError,
  ValidationError,
  type CatalogEntry,
  type ParamInfo,
} from "../../shared/index";
import {
  cellError,
  cellList,
  cellMembers,
  cellParam,
  excelError,
  numberCell,
  omittedMarker,
  readCell,
  single,
  spill,
  type CellArgument,
  type CellResult,
  type CellValue,
  type PlainValue,
} from "./cells";
import { outputArgument, outputChoices, planFunction, presetParamArgument, sweepFunction, type ExcelFunction } from "./signatures";

/** PLAN's and SWEEP's argument lists, built on the first such call, not when the functions bundle loads. */
let signatures: Map<string, ExcelFunction> | undefined;

function signature(entry: string): ExcelFunction {
  signatures ??= new Map([planFunction(), sweepFunction()].map((f) => [f.entry, f]));
  const found = signatures.get(entry);
  if (!found) throw new Error(`no TRACKER function for catalog entry "${entry}"`);
  return found;
}

/** What "one of …" reads as in a message. */
function oneOf(choices: readonly string[]): string {
  return `one of ${choices.join(", ")}`;
}

/**
 * The choice an `output` cell names, matched without regard to case; left out means "value".
 * `rule` is oneOf(choices), which a model's layout holds so that no cell builds it again.
 */
function pickOutput(cell: CellValue, choices: readonly string[], rule = oneOf(choices)): string {
  const value = readCell(cell, outputArgument, rule);
  if (value === undefined) return "value";
  const wanted = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  const found = choices.find((c) => c.toLowerCase() === wanted);
  if (!found) {
    const given = typeof value === "string" ? JSON.stringify(value) : String(value);
    throw new ValidationError([{ path: outputArgument, message: `${outputArgument} must be ${rule}, got ${given}` }]);
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
 * is #N/A with the catalog's reason instead of showing Infinity.
 */
function resultCell(result: Readout, output: string, declared: boolean): CellResult {
  const reason = output === "nines" && result.nines === Infinity ? unboundedReason(result) : undefined;
  const value = output.split(".").reduce<unknown>((at, key) => (isReadout(at) ? at[key] : undefined), result);
  if (value !== null && typeof value === "object") {
    const example = Array.isArray(value) ? `${output}.0` : `${output}.${Object.keys(value)[0] ?? "…"}`;
    throw new ValidationError([
      {
        path: outputArgument,
        message: `${outputArgument} must name a number in the result, got "${output}", which holds several: name one, such as "${example}"`,
      },
    ]);
  }
  if (value === undefined && !declared) {
    const numbers = Object.keys(result).filter((k) => typeof result[k] === "number");
    throw new ValidationError([
      { path: outputArgument, message: `${outputArgument} must name a number in the result (${numbers.join(", ")}), got "${output}"` },
    ]);
  }
  return numberCell(value, output, reason);
}

/** Why the nines are unbounded: the result's first note, in the catalog's words, if it has one. */
function unboundedReason(result: Readout): string {
  const note = Array.isArray(result.notes) ? result.notes[0] : undefined;
  return typeof note === "string" ? note : "the nines are unbounded (the unreliability is 0)";
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
  /** oneOf(outputs), for the message of a bad `output`. */
  outputRule: string;
  /** The positions of the list parameters, whose ranges are their members rather than spilled. */
  lists: ReadonlySet<number>;
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
    const choices = params.map((p) => (p.type === "choice" ? p.values : undefined));
    const lists = new Set(params.flatMap((p, i) => (p.list ? [i] : [])));
    layout = { entry, params, choices, outputs, outputRule: outputs ? oneOf(outputs) : "", lists };
    argumentLayouts.set(name, layout);
  }
  return layout;
}

/**
 * One parameter from its cell (a list parameter: from its whole range), or undefined when the cell
 * leaves it out (so the default applies).
 */
function paramFromCell(layout: ArgumentLayout, index: number, cell: CellArgument): unknown {
  const p = layout.params[index]!;
  if (p.list) return cellMembers(layout.entry, p.name, cell, p.rule);
  const value = readCell(cell as CellValue, p.name, p.rule);
  return value === undefined ? undefined : cellParam(layout.entry, p.name, value, layout.choices[index]);
}

/** The entry's parameters from the cells given, leaving out the omitted ones so defaults apply. */
function paramsFromCells(layout: ArgumentLayout, values: readonly CellArgument[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  layout.params.forEach((p, i) => {
    const value = paramFromCell(layout, i, values[i]);
    if (value !== undefined) params[p.name] = value;
  });
  return params;
}

/** What the entry gives for these parameters: a model's result, or a tool's, which must be an object of named values. */
function readout(entry: CatalogEntry, params: Record<string, unknown>, admit?: (inputs: Record<string, unknown>) => void): Readout {
  if (entry.kind === "model") return runModel(entry, params, admit).result;
  const { result } = run(entry.name, params);
  if (!isReadout(result)) throw new Error(`${entry.name} returned no named values for a cell to show`);
  return result;
}

/** A tool's `output`: the name (or dotted path) of a number in its result; left out means "value". */
function toolOutput(cell: CellValue): string {
  const value = readCell(cell, outputArgument, "the name of a number in the result");
  return value === undefined ? "value" : String(value).trim();
}

/**
 * TRACKER.<MODEL>(params…, [output]): one model (or a tool with plain parameters), lifted over
 * ranges. `args` holds the catalog's parameters in order, then `output`.
 */
export function modelCells(name: string, args: readonly CellArgument[]): CellResult[][] {
  const layout = argumentsOf(name);
  const { entry } = layout;
  // A model whose cost grows with its inputs (kofn) shares one budget over the spill, so a range of
  // 10^4-member quorums cannot hold Excel for hours; past it, the cells say why.
  let work = 0;
  const admit =
    entry.kind === "model" && entry.work
      ? (inputs: Record<string, unknown>) => {
          work += entry.work!(inputs as never);
          if (work > MAX_TABLE_WORK)
            throw new ValidationError([
              {
                path: "",
                message: `this spill asks ${entry.name} for more than ${formatBound(MAX_TABLE_WORK)} steps of work (seconds of computing): fewer cells, or smaller fleets`,
              },
            ]);
        }
      : undefined;
  return spill(
    args,
    (values) => {
      try {
        const chosen = values[layout.params.length] as CellValue;
        const output = layout.outputs ? pickOutput(chosen, layout.outputs, layout.outputRule) : toolOutput(chosen);
        return resultCell(readout(entry, paramsFromCells(layout, values), admit), output, layout.outputs !== undefined);
      } catch (error) {
        return cellError(error);
      }
    },
    layout.lists,
  );
}

/** The arguments of a tool function by name, as its signature lists them. */
function named(entry: string, args: readonly CellArgument[]): Record<string, CellArgument> {
  return Object.fromEntries(signature(entry).args.map((a, i) => [a.name, args[i]]));
}

/**
 * The `names` and `values` arguments as the tool's `fixed` object, converted by the model's rules.
 * Same-shaped ranges pair cell by cell, so a row left empty (or "default") in both is skipped;
 * otherwise the names given pair in order with the values.
 */
function fixedParams(modelName: string, names: CellArgument, values: CellArgument): Record<string, unknown> {
  const nameCells = cellList(names).map((k) => readCell(k, "names", "text (parameter names)"));
  const valueCells = cellList(values);
  const pairs: [PlainValue | undefined, CellValue][] =
    nameCells.length === valueCells.length
      ? nameCells.map((k, i) => [k, valueCells[i]])
      : nameCells.filter((k) => k !== undefined).map((k, i) => [k, valueCells[i]]);
  const given = pairs.filter((pair): pair is [PlainValue, CellValue] => pair[0] !== undefined);
  if (given.length === 0) return {};
  if (nameCells.length !== valueCells.length && given.length !== valueCells.length) {
    throw new ValidationError([{ path: "values", message: `values must have one cell per name: ${given.length} names, got ${valueCells.length} values` }]);
  }
  const layout = argumentsIfAny(modelName);
  const fixed: Record<string, unknown> = {};
  for (const [key, cell] of given) {
    if (typeof key !== "string") {
      throw new ValidationError([{ path: "names", message: `names must be text (parameter names), got ${String(key)}` }]);
    }
    const name = key.trim();
    const index = layout?.params.findIndex((p) => p.name === name) ?? -1;
    if (layout && index >= 0) {
      const value = paramFromCell(layout, index, cell);
      if (value !== undefined) fixed[name] = value;
    } else {
      const value = readCell(cell, name);
      if (value !== undefined) fixed[name] = value;
    }
  }
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

/** A text argument of a tool (a model or parameter name, a choice); left out gives undefined. */
function text(argument: CellArgument, name: string, expects = "text"): string | undefined {
  const v = readCell(single(argument, name), name, expects);
  return v === undefined ? undefined : String(v).trim();
}

/** A numeric cell of a tool: left out gives undefined, text that is a number becomes it, the tool checks the rest. */
function toolValue(tool: string, cell: CellValue, name: string): unknown {
  const v = readCell(cell, name, "a number");
  return v === undefined ? undefined : cellParam(lookup(tool), name, v);
}

/** A numeric argument of a tool, which must be one cell. */
function toolNumber(tool: string, argument: CellArgument, name: string): unknown {
  return toolValue(tool, single(argument, name), name);
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
    const model = text(a.model, "model", "a model name") ?? "";
    const output = pickOutput(single(a[outputArgument], outputArgument), planOutputs);
    const result = evaluate(
      "plan",
      withoutUndefined({
        model,
        find: text(a.find, "find", "a parameter name"),
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

/** One swept axis: first/last/steps, or every value listed in `first` (a range or an array constant). */
function axis(a: Record<string, CellArgument>, suffix: string, scale: string | undefined): Record<string, unknown> | undefined {
  const param = text(a[`param${suffix}`], `param${suffix}`, "a parameter name");
  if (param === undefined) return undefined;
  const [first, last, steps] = [`first${suffix}`, `last${suffix}`, `steps${suffix}`];
  const firstCells = cellList(a[first]);
  if (firstCells.length > 1) {
    const leftOut = (name: string) => readCell(single(a[name], name), name, "left out") === undefined;
    if (!leftOut(last) || !leftOut(steps)) {
      throw new ValidationError([{ path: last, message: `${last} and ${steps} must be left out when ${first} lists the values` }]);
    }
    const listed = firstCells.map((v) => toolValue("sweep", v, first)).filter((v) => v !== undefined);
    return { param, values: listed };
  }
  return withoutUndefined({
    param,
    from: toolNumber("sweep", a[first], first),
    to: toolNumber("sweep", a[last], last),
    steps: toolNumber("sweep", a[steps], steps),
    scale,
  });
}

/** TRACKER.SWEEP(model, param, first, [last], [steps], [names], [values], [param2], [first2], [last2], [steps2], [scale]). */
export function sweepCells(args: readonly CellArgument[]): CellResult[][] {
  try {
    const a = named("sweep", args);
    const model = text(a.model, "model", "a model name") ?? "";
    const scale = text(a.scale, "scale", '"linear" or "log"')?.toLowerCase();
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

/**
 * One cell of TRACKER.PRESET: the preset named (in any case) and the parameter or fact named (as
 * the catalog spells it: simulate has both n and N). A value the preset sets, records or keeps is
 * shown; a parameter the entry derives or leaves out shows "default", so a cell filled from it
 * leaves the parameter out of the formula that reads it; one the planner must give is #N/A, saying what.
 */
function presetCell(nameCell: CellValue, paramCell: CellValue): CellResult {
  const name = readCell(nameCell, PRESET_PARAM, "a preset's name");
  if (name === undefined) {
    const names = presets.map((p) => p.name).join(", ");
    throw new ValidationError([{ path: PRESET_PARAM, message: `${PRESET_PARAM} is required; it must be one of ${names}` }]);
  }
  if (typeof name !== "string") throw new UnknownPresetError(name);
  const param = readCell(paramCell, presetParamArgument, "the name of a parameter or a fact");
  if (typeof param !== "string") {
    const got = param === undefined ? "nothing" : String(param);
    throw new ValidationError([{ path: presetParamArgument, message: `${presetParamArgument} must name a parameter or a fact of the preset, got ${got}` }]);
  }
  const found = presetValue(name.trim().toLowerCase(), param.trim());
  if (found.kind !== "none") return numberCell(found.value, param);
  return found.asked ? excelError("notAvailable", found.why) : omittedMarker;
}

/** TRACKER.PRESET(preset, param), lifted over ranges: a column of parameter names gives a column of the preset's values. */
export function presetCells(args: readonly CellArgument[]): CellResult[][] {
  return spill(args, (values) => {
    try {
      return presetCell(values[0] as CellValue, values[1] as CellValue);
    } catch (error) {
      return cellError(error);
    }
  });
}

/** Hands every function to Excel under its id; outside Excel (a plain browser) there is nothing to register. */
export function registerFunctions(implementations: Record<string, (...args: never[]) => unknown>): void {
  const runtime = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (!runtime) return;
  for (const [id, fn] of Object.entries(implementations)) runtime.associate(id, fn as (...args: unknown[]) => unknown);
}
