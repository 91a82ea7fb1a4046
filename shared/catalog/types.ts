import type { z } from "zod";

/** One problem with the input, in a planner's words. `path` names the parameter ("n", "over.0.from"). */
export interface FieldError {
  path: string;
  message: string;
}

/** What a reliability model returns: the success rate and, computed directly, its complement. */
export interface ModelResult {
  value: number;
  unreliability?: number;
  nines?: number;
  /** Observations a planner should see (an unbounded nines, a regime the model does not cover). */
  notes?: string[];
  [detail: string]: unknown;
}

export interface OutputMeta {
  name: string;
  description: string;
  unit?: string;
}

/** The group a model belongs to, for listings. */
export type ModelGroup = "reliability" | "queue" | "churn" | "dht" | "design" | "cost";

/**
 * The worked example a planner reads in the README, the help and the model's doc comment ("Example:"),
 * with what it computes. One example a model: the doc comment describes these same `params`.
 */
export interface ModelExample {
  /** What a surface fills in and runs: the doc comment's example, by parameter name. */
  params: Record<string, number | string>;
  /** A few words on what the example is ("three 90% servers"). */
  comment: string;
  /**
   * What it computes, as the doc comment states it: an output ("value", "unreliability", "nines",
   * or one of the model's `outputs` such as "rho") → the number to the digits stated ("0.995010",
   * "4.990e-3"), each meant within half a unit of its last digit. The examples test computes each one
   * and finds it in the doc comment, so no surface can quote a number the model does not give.
   */
  expected: Readonly<Record<string, string>>;
}

/**
 * Birnbaum importance of one part of a design (a server of a mixed fleet, a site): I = ∂R/∂R_i,
 * the success rate gained per unit of that part's own reliability (a site's: its availability),
 * which for a design linear in R_i is R(part works) − R(part fails): how much the design leans on
 * that part. In parallel it is largest for the most reliable member (the others' joint failure), so
 * the nines an upgrade buys are the sensitivity levers' to say, not this ranking's.
 */
export interface PartImportance {
  /** The parameter the part belongs to: "Rs" for a listed server, "sites" for a site. */
  param: string;
  /** Its position: the list's index, or the site's number from 0. */
  index: number;
  /** How a planner names it: "Rs.2 (server 3)", "site 1". */
  part: string;
  /** The part's own reliability (or availability) at these parameters. */
  reliability: number;
  importance: number;
}

/**
 * The most steps of `work` one table of evaluations may ask for (a sweep, an Excel spill): about
 * two seconds of kofn's tails at their dearest step (4 ns, quorums near n), where a million cells of
 * n = 1e4 would take hours.
 */
export const MAX_TABLE_WORK = 5e8;

/** The parts differ, but their importances were not computed: why (a cost past the model's cap). */
export interface ImportanceSkipped {
  skipped: string;
}

/**
 * A model: data plus one pure function. Parameters are a strict zod object whose fields carry
 * ParamMeta (see params.ts), in the order surfaces take them positionally (Excel).
 */
export interface ModelDefinition<Shape extends z.ZodRawShape = z.ZodRawShape> {
  kind: "model";
  name: string;
  title: string;
  group: ModelGroup;
  summary: string;
  /** The formula in plain text, as the README and help show it. */
  formula: string;
  /** Where it comes from: "paper eq. (2)", or "extension" with a word on the source. */
  source: string;
  params: z.ZodObject<Shape>;
  /** Rules across fields (which zod's per-field checks cannot see). */
  crossCheck?(p: z.output<z.ZodObject<Shape>>): FieldError[];
  /** The outputs beyond value/unreliability/nines that a planner checks. */
  outputs: OutputMeta[];
  /** true when `value` is a success probability, so unreliability and nines are reported. */
  reliability: boolean;
  example: ModelExample;
  compute(p: z.output<z.ZodObject<Shape>>): ModelResult;
  /**
   * Each part's Birnbaum importance, for a model whose parts can differ (a list of reliabilities,
   * servers over sites); an empty list when every part is alike. Read by the sensitivity tool.
   */
  importance?(p: z.output<z.ZodObject<Shape>>): PartImportance[] | ImportanceSkipped;
  /**
   * The steps one evaluation costs, for a model whose cost grows with its parameters (kofn:
   * n·min(k, n − k + 1)); a table of many evaluations (a sweep, an Excel spill) caps their sum at
   * MAX_TABLE_WORK. Left out, an evaluation costs microseconds whatever the parameters.
   */
  work?(p: z.output<z.ZodObject<Shape>>): number;
}

/**
 * The one parameter that sizes a tool's work (a simulation's events), with two limits: what the
 * library accepts at all (its schema enforces it), and what one interactive call should ask for,
 * answered in seconds (an HTTP request, a cell). Past the second, a surface refuses with `split`,
 * which says how to get more.
 */
export interface WorkSize {
  param: string;
  max: number;
  perCall: number;
  split: string;
}

/**
 * A tool composes models (sweeps, planning, sensitivity, figure presets, simulation): structured
 * parameters, a result of its own shape.
 */
export interface ToolDefinition<Schema extends z.ZodType = z.ZodType, Result = unknown> {
  kind: "tool";
  name: string;
  title: string;
  summary: string;
  params: Schema;
  work?: WorkSize;
  compute(p: z.output<Schema>): Result;
}

// The catalog holds definitions of many shapes; `any` here is the variance escape hatch that lets a
// ModelDefinition<{Rs, n}> sit in a list of ModelDefinition. Every call goes through evaluate(),
// which validates with the definition's own schema first.
// biome-ignore lint/suspicious/noExplicitAny: the variance escape hatch described above
export type AnyModel = ModelDefinition<any>;
// biome-ignore lint/suspicious/noExplicitAny: as for AnyModel
export type AnyTool = ToolDefinition<any, any>;
export type CatalogEntry = AnyModel | AnyTool;

/**
 * Define a model with its parameter types inferred from the zod object; its name stays a literal
 * type, so evaluate("rdht", …) is typed as a model's result and evaluate("sweep", …) as a sweep's.
 */
export function defineModel<const Name extends string, Shape extends z.ZodRawShape>(
  definition: Omit<ModelDefinition<Shape>, "kind" | "name"> & { name: Name },
): ModelDefinition<Shape> & { name: Name } {
  return { kind: "model", ...definition };
}

export function defineTool<const Name extends string, Schema extends z.ZodType, Result>(
  definition: Omit<ToolDefinition<Schema, Result>, "kind" | "name"> & { name: Name },
): ToolDefinition<Schema, Result> & { name: Name } {
  return { kind: "tool", ...definition };
}
