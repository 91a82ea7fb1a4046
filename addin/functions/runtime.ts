/**
 * What a TRACKER.* call does: the generated wrappers (see scripts/build-addin.ts) pass their
 * arguments here in signature order, and this module asks the catalog. No formula and no parameter
 * list lives here; they come from shared/ through signatures.ts. Every value a cell hands over is
 * read through cells.ts (`readCell`), so a data type, an omitted argument and the text "default"
 * mean the same in every argument of every function.
 */
/// <reference types="custom-functions-runtime" />
import {
  cheapestDesigns,
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
  serverTypeColumns,
  UnknownPresetError,
  ValidationError,
  type CatalogEntry,
  type CheapestResult,
  type ParamInfo,
  type PeerRow,
} from "../../shared/index";
import {
  asMatrix,
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
import {
  cheapestArguments,
  cheapestFunction,
  cheapestNamedParams,
  cheapestShows,
  outputArgument,
  outputChoices,
  planFunction,
  presetParamArgument,
  sweepFunction,
  type ExcelFunction,
} from "./signatures";

/** PLAN's, SWEEP's and CHEAPEST's argument lists, built on the first such call, not when the functions bundle loads. */
let signatures: Map<string, ExcelFunction> | undefined;

function signature(entry: string): ExcelFunction {
  signatures ??= new Map([planFunction(), sweepFunction(), cheapestFunction()].map((f) => [f.entry, f]));
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
  return pickChoice(cell, outputArgument, choices, "value", rule);
}

/** The choice a cell of argument `name` names, matched without regard to case; left out means `fallback`. */
function pickChoice(cell: CellValue, name: string, choices: readonly string[], fallback: string, rule = oneOf(choices)): string {
  const value = readCell(cell, name, rule);
  if (value === undefined) return fallback;
  const wanted = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  const found = choices.find((c) => c.toLowerCase() === wanted);
  if (!found) {
    const given = typeof value === "string" ? JSON.stringify(value) : String(value);
    throw new ValidationError([{ path: name, message: `${name} must be ${rule}, got ${given}` }]);
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

/** The `names` and `values` arguments, paired by `namedCells`, as the tool's `fixed` object, converted by the model's rules. */
function fixedParams(modelName: string, names: CellArgument, values: CellArgument): Record<string, unknown> {
  const given = namedCells(names, values);
  if (given.length === 0) return {};
  const layout = argumentsIfAny(modelName);
  const fixed: Record<string, unknown> = {};
  for (const [name, cell] of given) {
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

/**
 * The `names` and `values` arguments paired: each name (trimmed) with its value's cell. Same-shaped
 * ranges pair cell by cell, so a row left empty (or "default") in both is skipped; otherwise the
 * names given pair in order with the values.
 */
function namedCells(names: CellArgument, values: CellArgument): [string, CellValue][] {
  const nameCells = cellList(names).map((k) => readCell(k, "names", "text (parameter names)"));
  const valueCells = cellList(values);
  const pairs: [PlainValue | undefined, CellValue][] =
    nameCells.length === valueCells.length
      ? nameCells.map((k, i) => [k, valueCells[i]])
      : nameCells.filter((k) => k !== undefined).map((k, i) => [k, valueCells[i]]);
  const given = pairs.filter((pair): pair is [PlainValue, CellValue] => pair[0] !== undefined);
  if (given.length === 0) return [];
  if (nameCells.length !== valueCells.length && given.length !== valueCells.length) {
    throw new ValidationError([{ path: "values", message: `values must have one cell per name: ${given.length} names, got ${valueCells.length} values` }]);
  }
  return given.map(([key, cell]) => {
    if (typeof key !== "string") {
      throw new ValidationError([{ path: "names", message: `names must be text (parameter names), got ${String(key)}` }]);
    }
    return [key.trim(), cell];
  });
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

// ---------- TRACKER.CHEAPEST ----------

/** Where a server type's parameters come from: the columns its header row names. */
const serverTypesArgument = "serverTypes";
/** The columns a server type has, in the catalog's order for a table of them. */
const serverTypeFields: readonly string[] = serverTypeColumns;
/** The column that names a type; the others are numbers, read from text as other cells are. */
const nameColumn = "name";

/**
 * True when a cell of the price list may be an empty one: left out (null, "", "default"; a data
 * type with no value is not empty), or 0, which is what Excel on
 * the desktop passes for an empty cell of a range (the web passes null). A row or a column of the
 * list holding nothing else is no server type (a type has a name), so a spare row or column in the
 * selection is skipped on both.
 */
function isBlankCell(cell: CellValue): boolean {
  try {
    const value = readCell(cell, serverTypesArgument);
    return value === undefined || value === 0;
  } catch {
    return false;
  }
}

/** The server types of a range, with the range row (1 for the header) each came from, for the messages. */
interface ServerTypeCells {
  types: Record<string, unknown>[] | undefined;
  /** rows[i]: the row of the range that server type i was read from, counting the header as row 1. */
  rows: number[];
}

/**
 * TRACKER.CHEAPEST's price list: the first row that is not empty is the header, naming the columns
 * (any order, case and surrounding spaces); each row below is a server type, an empty row skipped.
 * A range of nothing but empty cells, like an omitted argument or "default", leaves the list out
 * (the catalog's example types). The values go to the catalog unchecked, so it says what is wrong.
 */
function serverTypesFromCells(argument: CellArgument): ServerTypeCells {
  const matrix = asMatrix(argument);
  const filled = matrix.map((row) => row.some((cell) => !isBlankCell(cell)));
  const headerRow = filled.indexOf(true);
  if (headerRow < 0) return { types: undefined, rows: [] };
  const width = Math.max(...matrix.map((row) => row.length));
  const columns = serverTypeFields.join(", ");
  if (matrix.length === 1 && width === 1) {
    const given = readCell(matrix[0]![0], serverTypesArgument);
    const shown = typeof given === "string" ? JSON.stringify(given) : String(given);
    throw new ValidationError([
      {
        path: serverTypesArgument,
        message: `${serverTypesArgument} must be a range whose first row names the columns ${columns} and each row below a server type, or left empty (or "${omittedMarker}") for the example types, got ${shown}`,
      },
    ]);
  }
  const errors: { path: string; message: string }[] = [];
  const refuse = (message: string) => errors.push({ path: serverTypesArgument, message: `${serverTypesArgument} ${message}` });
  // Which field each column of the range holds, undefined for a column that is empty from its header down.
  const fields: (string | undefined)[] = [];
  for (let c = 0; c < width; c++) {
    const header = readCell(matrix[headerRow]![c], serverTypesArgument, `a range whose first row names the columns ${columns}`);
    if (header === undefined || header === 0) {
      if (matrix.slice(headerRow + 1).some((row) => !isBlankCell(row[c])))
        refuse(`must name every column it fills in its header row: column ${c + 1} has no name (${columns})`);
      fields.push(undefined);
      continue;
    }
    const wanted = typeof header === "string" ? header.trim().toLowerCase() : undefined;
    const field = serverTypeFields.find((f) => f.toLowerCase() === wanted);
    if (!field) {
      const given = typeof header === "string" ? JSON.stringify(header) : String(header);
      refuse(`must name only the columns ${columns} in its header row (any order and case), got ${given} in column ${c + 1}`);
    } else if (fields.includes(field)) refuse(`must name each column once in its header row: ${field} is named twice`);
    fields.push(field);
  }
  const missing = serverTypeFields.filter((f) => !fields.includes(f));
  if (missing.length > 0)
    refuse(`must have a header row naming the columns ${columns} (any order and case): ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing`);
  if (errors.length > 0) throw new ValidationError(errors);
  const cheapest = lookup("cheapest");
  const types: Record<string, unknown>[] = [];
  const rows: number[] = [];
  for (let r = headerRow + 1; r < matrix.length; r++) {
    if (!filled[r]) continue;
    const type: Record<string, unknown> = {};
    rows.push(r + 1);
    fields.forEach((field, c) => {
      if (field === undefined) return;
      let value: PlainValue | undefined;
      try {
        value = readCell(matrix[r]![c], `${serverTypesArgument}.${types.length}.${field}`, field === nameColumn ? "a name" : "a number");
      } catch (error) {
        throw withServerTypeRows(error, rows);
      }
      if (value === undefined) return;
      type[field] = field === nameColumn ? value : cellParam(cheapest, field, value);
    });
    types.push(type);
  }
  return { types, rows };
}

/**
 * The catalog's messages about server type i (serverTypes.2.mu) with the row of the range it came
 * from, since empty rows skipped and the header make the index no row a planner can count to.
 */
function withServerTypeRows(error: unknown, rows: readonly number[]): unknown {
  if (!(error instanceof ValidationError)) return error;
  const at = new RegExp(`^${serverTypesArgument}\\.(\\d+)(\\.|$)`);
  const named = new Set<number>();
  return new ValidationError(
    error.errors.map((e) => {
      const row = rows[Number(at.exec(e.path)?.[1])];
      if (row === undefined) return e;
      // A rule across types ("must differ from the other types' names") speaks without its path.
      const message = e.message.startsWith("must ") ? `${e.path} ${e.message}` : e.message;
      // The row once, after its first problem, so that a row of several stays short enough to read.
      if (named.has(row)) return { ...e, message };
      named.add(row);
      return { ...e, message: `${message} (row ${row} of the ${serverTypesArgument} range)` };
    }),
  );
}

/** CHEAPEST's designs: the names of a range, or one cell's text listing several ("dsmu, dsdhta"), matched without regard to case. */
function designsFromCells(argument: CellArgument): unknown[] | undefined {
  const designs: unknown[] = [];
  for (const cell of cellList(argument)) {
    const value = readCell(cell, "designs", `designs among ${cheapestDesigns.join(", ")}`);
    if (value === undefined) continue;
    if (typeof value !== "string") designs.push(value);
    else for (const word of value.split(/[\s,;]+/).filter(Boolean)) designs.push(cheapestDesigns.find((d) => d === word.toLowerCase()) ?? word);
  }
  return designs.length > 0 ? designs : undefined;
}

/**
 * The design whose rules read a `fixed` name's value, and the parameter it is there: the design
 * a dotted name starts with (sndhta.sessionTime), else the first design that takes the name.
 */
function fixedTaker(name: string): { layout: ArgumentLayout; index: number } | undefined {
  const dot = name.indexOf(".");
  const candidates = dot >= 0 ? cheapestDesigns.filter((d) => d === name.slice(0, dot)) : cheapestDesigns;
  const param = dot >= 0 ? name.slice(dot + 1) : name;
  for (const design of candidates) {
    const layout = argumentsOf(design);
    const index = layout.params.findIndex((p) => p.name === param);
    if (index >= 0) return { layout, index };
  }
  return undefined;
}

/**
 * CHEAPEST's names and values: a top-level parameter of the tool (target, maxServers, …) to the
 * top level, any other name (sites, algorithm, sndhta.sessionTime) into `fixed`, each read by the
 * rules of the design that takes it (a choice in any case, a number from text). A parameter that
 * has its own argument is refused here, so that no value is given twice.
 */
function cheapestNamed(names: CellArgument, values: CellArgument): { top: Record<string, unknown>; fixed: Record<string, unknown> } {
  const topLevel = cheapestNamedParams();
  const cheapest = lookup("cheapest");
  const top: Record<string, unknown> = {};
  const fixed: Record<string, unknown> = {};
  for (const [name, cell] of namedCells(names, values)) {
    if ((cheapestArguments as readonly string[]).includes(name)) {
      throw new ValidationError([{ path: "names", message: `names must not hold ${name}: it is an argument of TRACKER.CHEAPEST of its own, give it there` }]);
    }
    if (topLevel.includes(name)) {
      const value = readCell(cell, name, "a number");
      if (value !== undefined) top[name] = cellParam(cheapest, name, value);
      continue;
    }
    const taker = fixedTaker(name);
    const value = taker ? paramFromCell(taker.layout, taker.index, cell) : readCell(cell, name);
    if (value !== undefined) fixed[name] = value;
  }
  return { top, fixed };
}

/** The words an #N/A carries for a search that reaches no target: the catalog's message, or, past the 255 characters a cell's error shows, its levers first. */
function unreachedReason(result: CheapestResult): string {
  const closest = result.closest;
  if (result.message.length <= 255 || !closest) return result.message;
  const levers = (result.remedies ?? []).map((r) => r.words);
  const replicas = closest.m !== undefined ? `, m = ${closest.m}` : "";
  const alone = levers.length > 0 ? `Any one alone reaches it: ${levers.join(", ")}.` : "No lever alone reaches it.";
  return `No configuration searched reaches ${result.targetNines.toFixed(2)} nines; the closest, ${closest.design} with ${closest.servers} × ${closest.serverType}${replicas}, has ${closest.nines.toFixed(2)}. ${alone} show "message" says more.`;
}

/** A table cell of CHEAPEST: a number as a cell shows one, an absent value (no m for DS+M+U, no extra cost at the first level) empty. */
function tableCell(value: unknown, column: string): CellResult {
  return value === null || value === undefined ? "" : numberCell(value, column, "unbounded (the unreliability is 0 or below 1e-308)");
}

/**
 * The best configuration as a row of the frontier's columns: the frontier's own row at the target
 * (reached, so always there), with no extra cost to name, since it stands alone.
 */
function bestRow(result: CheapestResult): CellResult[] {
  const target = Number(result.targetNines.toFixed(6));
  const at = result.columns.indexOf("atLeastNines");
  const extra = result.columns.indexOf("extraCost");
  const row = result.rows.find((r) => r[at] === target)!;
  return row.map((v, i) => tableCell(i === extra ? null : v, result.columns[i] ?? "value"));
}

/** The columns of CHEAPEST's peers table: each peer-based design at the planner's parameters and the load on its tracker nodes. */
const peerColumns = ["design", "nines", "unreliability", "meetsTarget", "trackerNodes", "lookupsPerSecond", "bytesPerSecond", "smallestM"] as const;

function peerCells(peer: PeerRow): CellResult[] {
  const cells: Record<(typeof peerColumns)[number], unknown> = {
    design: peer.design,
    nines: peer.nines,
    unreliability: peer.unreliability,
    meetsTarget: peer.meetsTarget,
    trackerNodes: peer.trackerNodes,
    lookupsPerSecond: peer.perNode.lookupsPerSecond,
    bytesPerSecond: peer.perNode.bytesPerSecond,
    smallestM: peer.smallestM,
  };
  return peerColumns.map((column) => tableCell(cells[column], column));
}

/**
 * TRACKER.CHEAPEST(serverTypes, lambda, nines, [bytesPerLookup], [costPerGB], [designs], [names],
 * [values], [show]): the cheapest tool, validated once by the catalog. `show` picks the spill: the
 * frontier table (header first), the best configuration as one row under the same header, the
 * peer-based designs, or the catalog's sentence. Where the table asked for has no row (no
 * configuration reaches the target, no peer design considered), the cell is #N/A saying why.
 */
export function cheapestCells(args: readonly CellArgument[]): CellResult[][] {
  try {
    const a = named("cheapest", args);
    const show = pickChoice(single(a.show, "show"), "show", cheapestShows, cheapestShows[0]);
    const { types, rows } = serverTypesFromCells(a.serverTypes);
    const { top, fixed } = cheapestNamed(a.names, a.values);
    const request = withoutUndefined({
      serverTypes: types,
      lambda: toolNumber("cheapest", a.lambda, "lambda"),
      nines: toolNumber("cheapest", a.nines, "nines"),
      bytesPerLookup: toolNumber("cheapest", a.bytesPerLookup, "bytesPerLookup"),
      costPerGB: toolNumber("cheapest", a.costPerGB, "costPerGB"),
      designs: designsFromCells(a.designs),
      ...top,
      fixed,
    });
    let result: CheapestResult;
    try {
      result = evaluate("cheapest", request);
    } catch (error) {
      throw withServerTypeRows(error, rows);
    }
    if (show === "message") return [[result.message]];
    if (show === "peers") {
      if (result.peers.length === 0) {
        const why =
          result.notes.find((n) => n.includes("peer")) ?? `no peer-based design is among the designs considered (${result.searched.designs.join(", ")})`;
        return [[excelError("notAvailable", why)]];
      }
      return [[...peerColumns], ...result.peers.map(peerCells)];
    }
    if (show === "best") return result.best ? [[...result.columns], bestRow(result)] : [[excelError("notAvailable", unreachedReason(result))]];
    if (result.rows.length === 0) return [[excelError("notAvailable", unreachedReason(result))]];
    return [[...result.columns], ...result.rows.map((row) => row.map((v, i) => tableCell(v, result.columns[i] ?? "value")))];
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
