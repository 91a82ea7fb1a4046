/**
 * The tracker reliability catalog: every model and tool, and the one way to run them.
 *
 *   import { evaluate } from "./shared/index.ts";
 *   evaluate("rdht", { Rp: 0.9, m: 3, k: 5 })  // { value: 0.99501…, unreliability: 0.00499…, nines: 2.30…, … }
 */
import { UnknownModelError, ValidationError } from "./catalog/errors";
import type { CatalogEntry, ModelResult } from "./catalog/types";
import { validateParams } from "./catalog/validate";
import { models } from "./models/index";
import { tools } from "./tools/index";

export { describeModel, describeParams, effectAt, type ParamInfo } from "./catalog/describe";
export { UnknownModelError, ValidationError } from "./catalog/errors";
export type { ParamMeta } from "./catalog/params";
export type { AnyModel, AnyTool, CatalogEntry, FieldError, ModelResult } from "./catalog/types";
export { parseTextParams } from "./catalog/validate";
export { models } from "./models/index";
export { tools } from "./tools/index";

/** Every entry by name: models first, then the tools that compose them. */
export const catalog: ReadonlyMap<string, CatalogEntry> = new Map<string, CatalogEntry>([...models, ...tools].map((entry) => [entry.name, entry]));

type Models = (typeof models)[number];
type Tools = (typeof tools)[number];
type ResultOf<N extends string> = N extends Tools["name"] ? ReturnType<Extract<Tools, { name: N }>["compute"]> : ModelResult;

/** The entry of that name, or UnknownModelError listing the names there are. */
export function lookup(name: string): CatalogEntry {
  const entry = catalog.get(name);
  if (!entry) throw new UnknownModelError(name, [...catalog.keys()]);
  return entry;
}

/** Validate parameters for an entry (ValidationError lists every problem) and return them with defaults. */
export function validate(name: string, params: unknown): Record<string, unknown> {
  return validateParams(lookup(name), params);
}

/**
 * Run a model or tool: validate, compute, return the result. A model's result is
 * `{ value, unreliability?, nines?, ...details }`; a tool's has its own shape.
 * Throws UnknownModelError or ValidationError, never returns NaN.
 */
export function evaluate<N extends Models["name"] | Tools["name"]>(name: N, params: unknown): ResultOf<N>;
export function evaluate(name: string, params: unknown): unknown;
export function evaluate(name: string, params: unknown): unknown {
  const entry = lookup(name);
  const valid = validateParams(entry, params);
  const result = entry.compute(valid as never);
  if (entry.kind === "model") assertNumbers(name, result as ModelResult);
  return result;
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
