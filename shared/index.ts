/**
 * The tracker reliability catalog: every model and tool, and the one way to run them. Surfaces
 * (functions/, addin/) import shared/ through this file only; the lint enforces it.
 *
 *   import { evaluate } from "./shared/index.ts";
 *   evaluate("rdht", { Rp: 0.9, m: 3, k: 5 })  // { value: 0.99501…, unreliability: 0.00499…, nines: 2.30…, … }
 */
import { UnknownModelError, ValidationError } from "./catalog/errors";
import type { AnyModel, CatalogEntry, ModelResult } from "./catalog/types";
import { validateParams } from "./catalog/validate";
import { models } from "./models/index";
import { tools } from "./tools/index";

export { describeModel, describeParams, effectAt, type ParamInfo, plainParams, unitSuffix, withUnit } from "./catalog/describe";
export {
  type ChartLegend,
  type ChartOptions,
  type ChartPoint,
  type ChartSeries,
  type ChartSpec,
  chartFontFamily,
  chartLegend,
  lineChartSvg,
  type MeasureText,
  standaloneChartWidth,
} from "./charts/line-chart";
export { cheapestChart, type FigureOutput, figureChart, figureOutputs, type SweepChartOptions, sweepChart } from "./charts/tool-charts";
export { UnknownModelError, ValidationError } from "./catalog/errors";
export { formatBound, type ParamDocs, type ParamMeta, paramDocsRegistry } from "./catalog/params";
export type { AnyModel, AnyTool, CatalogEntry, FieldError, ModelExample, ImportanceSkipped, ModelResult, PartImportance, WorkSize } from "./catalog/types";
export { MAX_TABLE_WORK } from "./catalog/types";
export { parseTextParams } from "./catalog/validate";
export { designs, models } from "./models/index";
export { scientific } from "./numerics/index";
export {
  type CitationDescription,
  describePreset,
  getPreset,
  PRESET_PARAM,
  type Preset,
  type PresetDescription,
  type PresetFact,
  type PresetRun,
  type PresetSetting,
  type PresetSource,
  type PresetValue,
  presets,
  presetsFor,
  presetValue,
  UnknownPresetError,
  withPreset,
} from "./presets/index";
export { MAX_EVENTS } from "./simulator/scenario";
export type { SimulationResult } from "./simulator/summary";
export {
  type CheapestDesign,
  type CheapestResult,
  type Configuration,
  cheapestDesigns,
  dollars,
  type FrontierPoint,
  frontierColumns,
  MAX_CHEAPEST_EVALUATIONS,
  type PeerRow,
} from "./tools/cheapest";
export { exampleServerTypes, MAX_SERVER_TYPES, type ServerType, serverTypeColumns, serverTypeSchema } from "./tools/cost";
export { type FigureResult, figurePresets } from "./tools/figure";
export { tools } from "./tools/index";
export { MAX_PLAN_EVALUATIONS, type PlanResult } from "./tools/plan";
export type { SensitivityResult } from "./tools/sensitivity";
export { axisPoints, MAX_SWEEP_CELLS, type SweepResult } from "./tools/sweep";

/** Every entry by name: models first, then the tools that compose them. */
export const catalog: ReadonlyMap<string, CatalogEntry> = new Map<string, CatalogEntry>([...models, ...tools].map((entry) => [entry.name, entry]));

type Models = (typeof models)[number];
type Tools = (typeof tools)[number];
/** Every name the catalog holds, as a literal type. */
export type EntryName = Models["name"] | Tools["name"];
/** What evaluate(name) returns: a tool's own result type, or a model's. */
export type ResultOf<N extends string> = N extends Tools["name"] ? ReturnType<Extract<Tools, { name: N }>["compute"]> : ModelResult;

/** A run: the parameters as validated (defaults filled in), and what they gave. */
export interface Evaluation<R> {
  inputs: Record<string, unknown>;
  result: R;
}

/** The entry of that name, or UnknownModelError listing the names there are. */
export function lookup(name: string): CatalogEntry {
  const entry = catalog.get(name);
  if (!entry) throw new UnknownModelError(name, [...catalog.keys()]);
  return entry;
}

/** The model of that name, or UnknownModelError listing the models there are (a tool's name included). */
export function lookupModel(name: string): AnyModel {
  const entry = catalog.get(name);
  if (entry?.kind !== "model")
    throw new UnknownModelError(
      name,
      models.map((m) => m.name),
    );
  return entry;
}

/** Validate parameters for an entry (ValidationError lists every problem) and return them with defaults. */
export function validate(name: string, params: unknown): Record<string, unknown> {
  return validateParams(lookup(name), params);
}

/**
 * Run a model or tool and keep what it was run on: validate once, compute, return both. What every
 * surface calls that shows the inputs beside the result (an HTTP response, a task-pane form).
 * Throws UnknownModelError or ValidationError, never returns NaN.
 */
export function run<N extends EntryName>(name: N, params: unknown): Evaluation<ResultOf<N>>;
export function run(name: string, params: unknown): Evaluation<unknown>;
export function run(name: string, params: unknown): Evaluation<unknown> {
  const entry = lookup(name);
  if (entry.kind === "model") return runModel(entry, params);
  const inputs = validateParams(entry, params);
  return { inputs, result: entry.compute(inputs as never) };
}

/** run() for a model chosen at run time (a route, a cell, a form): its result typed as a model's. */
export function runModel(model: AnyModel, params: unknown, admit?: (inputs: Record<string, unknown>) => void): Evaluation<ModelResult> {
  const inputs = validateParams(model, params);
  // A table's budget (an Excel spill's work) sees the validated inputs and may refuse before computing.
  admit?.(inputs);
  const result = model.compute(inputs);
  assertNumbers(model.name, result);
  return { inputs, result };
}

/**
 * Run a model or tool: validate, compute, return the result. A model's result is
 * `{ value, unreliability?, nines?, ...details }`; a tool's has its own shape.
 */
export function evaluate<N extends EntryName>(name: N, params: unknown): ResultOf<N>;
export function evaluate(name: string, params: unknown): unknown;
export function evaluate(name: string, params: unknown): unknown {
  return run(name, params).result;
}

/**
 * The last guard of "never a NaN": a model that produced one for valid input has a bug, and the
 * planner is told so in words instead of seeing NaN in a cell.
 */
function assertNumbers(name: string, result: ModelResult): void {
  for (const [key, v] of Object.entries(result)) {
    if (typeof v === "number" && Number.isNaN(v)) {
      throw new ValidationError([{ path: "", message: `${name} could not compute ${key} for these parameters (please report this)` }]);
    }
  }
}
