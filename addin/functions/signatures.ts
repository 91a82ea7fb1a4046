/**
 * The Excel face of the catalog: which TRACKER.* functions exist, their arguments in order, and the
 * help Excel shows for each. Everything here is read from the catalog (names, parameter order,
 * descriptions, units, rules, defaults, outputs), so a model added to shared/ becomes a function on
 * the next build with no edit in addin/.
 *
 * The build turns this list into JSDoc-annotated wrappers for custom-functions-metadata; the runtime
 * uses the same list to know which argument is which; the task pane uses it to write formulas.
 */
import {
  catalog,
  cheapestDesigns,
  describeParams,
  exampleServerTypes,
  lookup,
  models,
  PRESET_PARAM,
  paramDocsRegistry,
  plainParams,
  presets,
  serverTypeColumns,
  tools,
  type AnyModel,
  type AnyTool,
  type ParamInfo,
} from "../../shared/index";
import { omittedMarker } from "./cells";

export const namespace = "TRACKER";

/** Name of the optional last argument of every model function that picks what the cell shows. */
export const outputArgument = "output";

export interface ExcelArgument {
  name: string;
  help: string;
  optional: boolean;
  /** The catalog parameter this argument carries, for model functions. */
  param?: ParamInfo;
}

export interface ExcelFunction {
  /** The id and name Excel shows after the namespace (`functionId`): RSERVER for TRACKER.RSERVER, R_S for rs. */
  id: string;
  /** The catalog entry it runs (a model name, or "plan" / "sweep" / "cheapest"), or "preset" for PRESET, which reads the presets. */
  entry: string;
  /** "tool" is a tool whose parameters are plain catalog parameters (simulate), called like a model. */
  kind: "model" | "tool" | "plan" | "sweep" | "cheapest" | "preset";
  description: string;
  args: ExcelArgument[];
  /** What one cell of the result holds, for @returns. */
  returns: string;
}

/**
 * "Custom functions naming and localization" (Office Add-ins docs): a function's id and name must
 * start with a letter and be at least three characters; the id may hold only A–Z, 0–9, underscore
 * and period; neither may read as a cell reference (A1 to XFD1048576, R1C1 to R1048576C16384).
 */
const minNameLength = 3;
const idPattern = /^[A-Z][A-Z0-9_.]*$/;

/** Column letters as Excel numbers them (A = 1, XFD = 16384), or Infinity past three letters. */
function columnNumber(letters: string): number {
  if (letters.length > 3) return Number.POSITIVE_INFINITY;
  return [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

/** True when Excel would read the text as a cell: A1 to XFD1048576, or R1C1 to R1048576C16384 (any case). */
export function readsAsCellReference(name: string): boolean {
  const a1 = /^([A-Za-z]{1,3})([0-9]+)$/.exec(name);
  if (a1 && columnNumber(a1[1]!) <= 16384 && Number(a1[2]) >= 1 && Number(a1[2]) <= 1048576) return true;
  const r1c1 = /^[Rr]([0-9]+)[Cc]([0-9]+)$/.exec(name);
  return r1c1 !== null && Number(r1c1[1]) >= 1 && Number(r1c1[1]) <= 1048576 && Number(r1c1[2]) >= 1 && Number(r1c1[2]) <= 16384;
}

/**
 * Excel's function id (and name) for a catalog name: the name in upper case. The one exception,
 * and the one rule for it: a name shorter than three characters has its letters joined by
 * underscores, so the catalog's rs is TRACKER.R_S (the paper's R_s) while the catalog and the
 * HTTP API keep rs. A name no rule can make valid stops the build here, naming the rule.
 */
export function functionId(entryName: string): string {
  const upper = entryName.toUpperCase();
  const id = upper.length >= minNameLength ? upper : [...upper].join("_");
  const problem =
    id.length < minNameLength
      ? `is shorter than ${minNameLength} characters`
      : !idPattern.test(id)
        ? "must start with a letter and hold only A–Z, 0–9, underscore and period"
        : readsAsCellReference(id)
          ? "reads as a cell reference"
          : undefined;
  if (problem)
    throw new Error(`catalog entry "${entryName}" gives the Excel function id "${id}", which ${problem} ("Custom functions naming and localization")`);
  return id;
}

/** The values `output` accepts for a model, "value" first: what the result holds, in the catalog's words. */
export function outputChoices(model: AnyModel): string[] {
  return ["value", ...(model.reliability ? ["unreliability", "nines"] : []), ...model.outputs.map((o) => o.name)];
}

/** What a parameter is, its unit and the rule it must obey: "reliability of one … (probability): a finite number from 0 to 1". */
export function paramRule(param: ParamInfo): string {
  return `${param.description}${param.unit ? ` (${param.unit})` : ""}: ${param.rule}`;
}

/**
 * How an argument takes a range, said in its help: a list parameter reads the range as its members;
 * any other gives one result per cell (the spill rule, cells.ts).
 */
export function rangeRule(param: ParamInfo): string {
  return param.list ? "A list: a range gives one member per cell." : "A range gives one result per cell.";
}

/** One line of argument help: what it is, its unit, the rule it must obey, its default, and how it takes a range. */
export function paramHelp(param: ParamInfo, optionalInExcel = param.optional): string {
  // A parameter Excel must see as required (a required one follows it) is still left out: by an empty argument.
  const leftOut = optionalInExcel ? "; optional" : "; leave the argument empty to leave it out";
  const fallback = param.default !== undefined ? `; default ${param.default}` : param.optional ? leftOut : "";
  return `${paramRule(param)}${fallback}. ${rangeRule(param)}`;
}

function positionalFunction(entry: AnyModel | AnyTool, params: ParamInfo[], outputHelp: string, description: string, returns: string): ExcelFunction {
  if (params.some((p) => p.name === outputArgument)) {
    throw new Error(`${entry.name} has a parameter named "${outputArgument}", which its Excel function uses to pick the result`);
  }
  return {
    id: functionId(entry.name),
    entry: entry.name,
    kind: entry.kind,
    description,
    args: [
      // Excel takes no required argument after an optional one: a parameter the catalog lets go
      // (rdht's m beside a list of Rp) but which a required one follows is required in Excel's
      // eyes, and left out as an empty argument or "default" (=TRACKER.RDHT(A2:A4,,5)).
      ...params.map((param, i) => {
        const optional = params.slice(i).every((p) => p.optional);
        return { name: param.name, help: paramHelp(param, optional), optional, param };
      }),
      { name: outputArgument, help: outputHelp, optional: true },
    ],
    returns,
  };
}

function modelFunction(model: AnyModel): ExcelFunction {
  const outputs = outputChoices(model);
  return positionalFunction(
    model,
    describeParams(model),
    `what the cell shows: ${outputs.map((o) => `"${o}"`).join(", ")}; default "value"`,
    `${model.summary} ${model.formula}`,
    model.reliability ? "the probability a lookup succeeds (or the chosen output)" : "the model's value (or the chosen output)",
  );
}

function flatToolFunction(tool: AnyTool, params: ParamInfo[]): ExcelFunction {
  return positionalFunction(
    tool,
    params,
    'what the cell shows: the name of a number in the result ("value", "unreliability", "nines", or a detail such as "halfWidth95", or "interval95.0" for the lower end of an interval); default "value"',
    tool.summary,
    "the result's value (or the chosen number)",
  );
}

const fixedArgs: ExcelArgument[] = [
  { name: "names", help: "names of the fixed parameters: a row or column of text, or one name", optional: true },
  { name: "values", help: "their values, in the same shape and order as names; a list (Rs) as one cell's text: 0.9, 0.99, 0.999", optional: true },
];

export function planFunction(): ExcelFunction {
  return {
    id: functionId("plan"),
    entry: "plan",
    kind: "plan",
    description:
      "Capacity planning: the value of one parameter that makes a model reach a target success rate. The Goal Seek that works: Excel's Goal Seek gives wrong answers with custom functions.",
    args: [
      { name: "model", help: 'the model to plan, e.g. "rserver"', optional: false },
      { name: "find", help: 'the parameter to solve for, e.g. "n"', optional: false },
      { name: "target", help: 'target success rate, e.g. 0.99999; leave out (or "default") when giving nines', optional: true },
      ...fixedArgs,
      { name: "nines", help: "target as a number of nines, e.g. 5 (instead of target)", optional: true },
      {
        name: outputArgument,
        help: 'what the cell shows: "value" (the answer), "lower" or "upper" (the ends of the values that meet the target, a window when the success rate is not monotone), "unreliability", "nines" or "achieved" (reached with the answer), "message"; default "value"',
        optional: true,
      },
    ],
    returns: "the smallest (or largest) value of the parameter that meets the target",
  };
}

export function sweepFunction(): ExcelFunction {
  // first/last rather than from/to: "to2" would read as the cell TO2.
  const axis = (suffix: string, optional: boolean): ExcelArgument[] => [
    { name: `param${suffix}`, help: `the parameter to sweep${optional ? " (a second axis; optional)" : ""}`, optional },
    {
      name: `first${suffix}`,
      help: `first value, or a range or array of every value to take (then leave last${suffix} and steps${suffix} out)`,
      optional,
    },
    { name: `last${suffix}`, help: "last value", optional: true },
    { name: `steps${suffix}`, help: "number of values from first to last", optional: true },
  ];
  return {
    id: functionId("sweep"),
    entry: "sweep",
    kind: "sweep",
    description: "What-if table: a model over one or two swept parameters, spilled with a header row.",
    args: [
      { name: "model", help: 'the model to sweep, e.g. "rdht"', optional: false },
      ...axis("", false),
      ...fixedArgs,
      ...axis("2", true),
      { name: "scale", help: '"linear" or "log" spacing between first and last; default "linear"', optional: true },
    ],
    returns: "a table: the header row, then one row per combination of the swept values",
  };
}

/** What the catalog's schema of a field offers: a check, which parsing nothing shows its default. */
interface FieldSchema {
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

/** The cheapest tool's fields by name, read through the catalog (the tool's parameters are an object of fields). */
function cheapestShape(): Record<string, FieldSchema> {
  const shape = (lookup("cheapest").params as { shape?: Record<string, FieldSchema> }).shape;
  if (!shape) throw new Error("the cheapest tool's parameters are not an object of fields, so TRACKER.CHEAPEST cannot name them");
  return shape;
}

/** The parameters of the cheapest tool that TRACKER.CHEAPEST takes as arguments of their own, in argument order. */
export const cheapestArguments = ["serverTypes", "lambda", "nines", "bytesPerLookup", "costPerGB", "designs"] as const;

/**
 * The cheapest tool's other top-level parameters (target, arrivalRate, …, maxReplicas), which
 * CHEAPEST's names/values give: every field of its schema but the arguments' own and `fixed`. Any
 * other name there is a design's parameter and goes into `fixed`.
 */
export function cheapestNamedParams(): string[] {
  const fields = Object.keys(cheapestShape());
  const lost = cheapestArguments.filter((a) => !fields.includes(a));
  if (lost.length > 0) throw new Error(`TRACKER.CHEAPEST has arguments the cheapest tool no longer takes: ${lost.join(", ")}`);
  return fields.filter((k) => k !== "fixed" && !(cheapestArguments as readonly string[]).includes(k));
}

/** What TRACKER.CHEAPEST's last argument may ask it to spill. */
export const cheapestShows = ["frontier", "best", "peers", "message"] as const;

/** One of the cheapest tool's documented fields (built by params.ts) as a line of help: what it is, its unit, its rule, its default. */
function cheapestParamHelp(name: (typeof cheapestArguments)[number], more = ""): string {
  const schema = cheapestShape()[name];
  const docs = schema ? paramDocsRegistry.get(schema as never) : undefined;
  if (!schema || !docs) throw new Error(`the cheapest tool's ${name} was not built with a params.ts builder, so its help has no rule`);
  const parsed = schema.safeParse(undefined);
  const fallback = parsed.success && parsed.data !== undefined ? `; default ${String(parsed.data)}` : "";
  return `${docs.description}${docs["x-unit"] ? ` (${docs["x-unit"]})` : ""}: ${docs["x-rule"]}${fallback}${more}`;
}

/**
 * TRACKER.CHEAPEST(serverTypes, lambda, nines, [bytesPerLookup], [costPerGB], [designs], [names],
 * [values], [show]): the cheapest tool, its price list a range with a header row. serverTypes,
 * lambda and nines are required in Excel's eyes (optional ones follow) and each may be left out
 * by an empty argument: the example price list, λ derived from arrivalRate × lookupsPerPeer, the
 * target as a success rate in names/values.
 */
export function cheapestFunction(): ExcelFunction {
  const named = cheapestNamedParams();
  const shows = cheapestShows.map((s) => `"${s}"`);
  return {
    id: functionId("cheapest"),
    entry: "cheapest",
    kind: "cheapest",
    description: lookup("cheapest").summary,
    args: [
      {
        name: "serverTypes",
        help: `the price list, a range: its first row names the columns ${serverTypeColumns.join(", ")} (any order and case), each row below is one server type, empty rows skipped. Empty or "${omittedMarker}": the example types (${exampleServerTypes.map((t) => t.name).join(", ")})`,
        optional: false,
      },
      { name: "lambda", help: cheapestParamHelp("lambda", "; to derive it, leave the argument out and give both in names and values"), optional: false },
      {
        name: "nines",
        help: "the target as a number of nines, e.g. 5 for 99.999%; leave it empty to give target (a success rate such as 0.99999) in names and values instead",
        optional: false,
      },
      { name: "bytesPerLookup", help: cheapestParamHelp("bytesPerLookup"), optional: true },
      { name: "costPerGB", help: cheapestParamHelp("costPerGB"), optional: true },
      {
        name: "designs",
        help: `the designs to consider, among ${cheapestDesigns.join(", ")} (any case): a range of names or one cell's text such as "dsmu, dsdhta"; default all`,
        optional: true,
      },
      {
        name: "names",
        help: `names of other parameters: ${named.join(", ")}, or any design's (sites, algorithm, m) or one design's as design.param (sndhta.sessionTime); a row or column of text`,
        optional: true,
      },
      { name: "values", help: "their values, in the same shape and order as names", optional: true },
      {
        name: "show",
        help: `what it spills: ${shows[0]} (the cheapest configuration at each number of nines, header first), ${shows[1]} (the answer as one row under the header), ${shows[2]} (the peer-based designs' load), ${shows[3]}; default ${shows[0]}`,
        optional: true,
      },
    ],
    returns: "a table with a header row (the cost frontier, the best configuration or the peer-based designs), or the answer in words",
  };
}

/** The name of PRESET's second argument: a parameter of the preset's entry, or one of its facts. */
export const presetParamArgument = "param";

/**
 * TRACKER.PRESET(preset, param): one value of a real system's preset, to fill an input cell. The
 * presets and their names come from the library; what each number rests on is in help.html.
 */
export function presetFunction(): ExcelFunction {
  return {
    id: functionId("preset"),
    entry: "preset",
    kind: "preset",
    description:
      "A real system's published value of one parameter (Mainline DHT's m, IPFS's sessionTime), to fill an input cell from a preset. The help page gives each number's source.",
    args: [
      { name: PRESET_PARAM, help: `the preset: one of ${presets.map((p) => p.name).join(", ")}. A range gives one result per cell.`, optional: false },
      {
        name: presetParamArgument,
        help: `a parameter of the preset's model or tool (m, sessionTime, …), or a fact it records that no parameter takes (alpha). Shows the preset's value, or the default it keeps, or "${omittedMarker}". A range gives one result per cell.`,
        optional: false,
      },
    ],
    returns: `the preset's value (a number or a choice), the default it keeps, or "${omittedMarker}" where the model derives the parameter`,
  };
}

/**
 * Every TRACKER.* function: the models in catalog order, PLAN, SWEEP and CHEAPEST (structured
 * input with an Excel signature of their own), then every tool that takes plain parameters
 * (SIMULATE), then PRESET. Tools whose input is neither (sensitivity, figure) belong to the task pane.
 */
export function excelFunctions(): ExcelFunction[] {
  const list = models.map((model: AnyModel) => modelFunction(model));
  if (catalog.has("plan")) list.push(planFunction());
  if (catalog.has("sweep")) list.push(sweepFunction());
  if (catalog.has("cheapest")) list.push(cheapestFunction());
  for (const tool of tools) {
    // A tool whose parameters are plain catalog parameters (simulate), so Excel can pass them positionally.
    const params = plainParams(tool);
    if (params) list.push(flatToolFunction(tool, params));
  }
  list.push(presetFunction());
  const seen = new Map<string, string>();
  for (const fn of list) {
    const other = seen.get(fn.id);
    if (other !== undefined) throw new Error(`catalog entries "${other}" and "${fn.entry}" both give the Excel function id ${fn.id}`);
    seen.set(fn.id, fn.entry);
    for (const arg of fn.args) {
      if (readsAsCellReference(arg.name)) throw new Error(`${fn.id}: the argument name "${arg.name}" reads as a cell reference`);
    }
  }
  return list;
}
