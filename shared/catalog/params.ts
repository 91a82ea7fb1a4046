/**
 * Parameter builders: each returns a zod schema that carries, as metadata, everything a surface
 * needs to show or check the parameter (description, unit, range, default, whole-number or not,
 * and its effect on reliability). The rule a value must obey is written once, in a planner's words,
 * and zod reports it verbatim, so every surface says the same thing ("must be a whole number ≥ 1").
 */
import { z } from "zod";

/** How raising a parameter moves a model's success rate: what capacity planning and sensitivity use. */
export type Effect = "raises" | "lowers";

/** What surfaces read about a parameter. */
export interface ParamMeta {
  /** "number" (real), "integer" (whole number), "choice" (one of `values`). */
  type: "number" | "integer" | "choice";
  description: string;
  unit?: string;
  min?: number;
  max?: number;
  /** true when min itself is not allowed (µ > 0). */
  minExclusive?: boolean;
  values?: readonly string[];
  default?: number | string;
  /** true when the parameter may be left out (an override that is derived otherwise). */
  optional: boolean;
  /** The rule, in words, completing "<name> must be …". */
  rule: string;
  /** A probability in [0, 1]: its sensitivity is taken by halving its complement. */
  probability?: boolean;
  effect?: Effect;
  /**
   * Choices of other parameters under which `effect` does not hold (h raises the success rate
   * unless P_served is included: deeper queues also keep lookups waiting longer).
   */
  effectUnless?: Readonly<Record<string, string>>;
  /**
   * true when the parameter also takes a list of numbers, one per member of a mixed fleet (Rs of
   * rserver): JSON takes an array, a query string repeats the key, Excel reads a range as the list.
   */
  list?: boolean;
  /** The longest list it takes. */
  maxItems?: number;
}

export interface NumberOptions {
  description: string;
  unit?: string;
  min?: number;
  max?: number;
  minExclusive?: boolean;
  default?: number;
  optional?: boolean;
  effect?: Effect;
  effectUnless?: Readonly<Record<string, string>>;
}

/** A bound as a planner reads it: 1000000 as 1e6. */
export function formatBound(x: number): string {
  return Math.abs(x) >= 1e6 ? x.toExponential().replace("e+", "e") : String(x);
}

function rangeWords(o: NumberOptions): string {
  const parts: string[] = [];
  if (o.min !== undefined && o.max !== undefined && !o.minExclusive) parts.push(`from ${formatBound(o.min)} to ${formatBound(o.max)}`);
  else {
    if (o.min !== undefined) parts.push(o.minExclusive ? `> ${formatBound(o.min)}` : `≥ ${formatBound(o.min)}`);
    if (o.max !== undefined) parts.push(`≤ ${formatBound(o.max)}`);
  }
  return parts.join(" and ");
}

/** The schema a builder returns: with a default it always yields a value, optional may yield undefined. */
type Wrapped<O, T extends z.ZodType> = O extends { default: number | string } ? z.ZodDefault<T> : O extends { optional: true } ? z.ZodOptional<T> : T;

/**
 * Every builder's metadata, keyed by the schema it returned: what describeParams reads. A typed
 * registry rather than zod's global one, so that no surface reads it through a cast.
 */
export const paramRegistry = z.registry<ParamMeta>();

/** What JSON Schema (and so OpenAPI) says of a parameter: its words, and the catalog's own facts as x- extensions. */
export interface ParamDocs {
  description: string;
  "x-unit"?: string;
  "x-rule": string;
  "x-effect"?: Effect;
  "x-effectUnless"?: Readonly<Record<string, string>>;
}

/**
 * The same parameters as JSON Schema documents them, for z.toJSONSchema's `metadata` option: ranges,
 * choices and defaults are the schema's own keywords already, so only words and extensions ride here.
 */
export const paramDocsRegistry = z.registry<ParamDocs>();

function docsOf(meta: ParamMeta): ParamDocs {
  return {
    description: meta.description,
    "x-rule": meta.rule,
    ...(meta.unit !== undefined && { "x-unit": meta.unit }),
    ...(meta.effect !== undefined && { "x-effect": meta.effect }),
    ...(meta.effectUnless !== undefined && { "x-effectUnless": meta.effectUnless }),
  };
}

function finish<O, T extends z.ZodType>(schema: T, meta: ParamMeta, fallback: number | string | undefined): Wrapped<O, T> {
  const wrapped = fallback !== undefined ? schema.default(fallback as never) : meta.optional ? schema.optional() : schema;
  paramRegistry.add(wrapped, meta);
  paramDocsRegistry.add(wrapped, docsOf(meta));
  // The conditional type says which wrapper `wrapped` is; TypeScript cannot follow it through the branches.
  return wrapped as Wrapped<O, T>;
}

function numeric<O extends NumberOptions>(o: O, integer: boolean, extra: Partial<ParamMeta> = {}): Wrapped<O, z.ZodNumber> {
  const range = rangeWords(o);
  const rule = `${integer ? "a whole number" : "a finite number"}${range ? ` ${range}` : ""}`;
  const message = `must be ${rule}`;
  let schema = z.number({ error: message });
  if (integer) schema = schema.int({ error: message });
  if (o.min !== undefined) schema = o.minExclusive ? schema.gt(o.min, { error: message }) : schema.gte(o.min, { error: message });
  if (o.max !== undefined) schema = schema.lte(o.max, { error: message });
  const meta: ParamMeta = {
    type: integer ? "integer" : "number",
    description: o.description,
    optional: o.optional === true || o.default !== undefined,
    rule,
    ...(o.unit !== undefined && { unit: o.unit }),
    ...(o.min !== undefined && { min: o.min }),
    ...(o.max !== undefined && { max: o.max }),
    ...(o.minExclusive && { minExclusive: true }),
    ...(o.default !== undefined && { default: o.default }),
    ...(o.effect !== undefined && { effect: o.effect }),
    ...(o.effectUnless !== undefined && { effectUnless: o.effectUnless }),
    ...extra,
  };
  return finish<O, z.ZodNumber>(schema, meta, o.default);
}

/** A real number (finite; NaN and ±Infinity are refused by zod itself). */
export function real<const O extends NumberOptions>(o: O) {
  return numeric(o, false);
}

/** A whole number. The upper bound defaults to 1e9, so no count can ask for unbounded work. */
export function whole<const O extends NumberOptions>(o: O) {
  return numeric<O>({ max: 1e9, ...o }, true);
}

/** A probability in [0, 1]. */
export function probability<const O extends Omit<NumberOptions, "min" | "max" | "unit">>(o: O) {
  return numeric<O>({ ...o, min: 0, max: 1, unit: "probability" }, false, { probability: true });
}

/**
 * The longest list a list parameter takes: ten thousand servers or peers, more than any tracker's
 * fleet, and as many as an Excel column or a URL should carry. Work stays linear in it (kofn's is
 * quadratic: 1e8 steps, tens of milliseconds).
 */
export const MAX_LIST_ITEMS = 10_000;

/**
 * A probability, or a list of them: one per member of a mixed fleet (each server's own reliability).
 * The output is the number or the list as given; a model reads both through models/fleet.ts.
 */
export function probabilities<const O extends Omit<NumberOptions, "min" | "max" | "unit" | "default">>(o: O) {
  const itemRule = "a finite number from 0 to 1";
  const rule = `${itemRule}, or a list of 1 to ${formatBound(MAX_LIST_ITEMS)} of them`;
  const unit = (message: string) => z.number({ error: message }).gte(0, { error: message }).lte(1, { error: message });
  // The parameter as a whole breaks its rule ("Rs must be …, got 1.5", "…, got an empty list"); a
  // listed member breaks the member's ("Rs.2 must be a finite number from 0 to 1, got 1.5").
  const message = `must be ${rule}`;
  const list = z
    .array(unit(`must be ${itemRule}`), { error: message })
    .min(1, { error: message })
    .max(MAX_LIST_ITEMS, { error: message });
  const schema = z.union([unit(message), list], { error: message });
  const meta: ParamMeta = {
    type: "number",
    description: o.description,
    optional: o.optional === true,
    rule,
    unit: "probability",
    min: 0,
    max: 1,
    probability: true,
    list: true,
    maxItems: MAX_LIST_ITEMS,
    ...(o.effect !== undefined && { effect: o.effect }),
    ...(o.effectUnless !== undefined && { effectUnless: o.effectUnless }),
  };
  return finish<O, typeof schema>(schema, meta, undefined);
}

/** One of a fixed list of words. */
export function choice<const V extends readonly [string, ...string[]], const O extends { default?: V[number]; optional?: boolean }>(
  o: O & { description: string; values: V },
) {
  const rule = `one of ${o.values.join(", ")}`;
  const schema = z.enum(o.values, { error: `must be ${rule}` });
  const meta: ParamMeta = {
    type: "choice",
    description: o.description,
    values: o.values,
    optional: o.optional === true || o.default !== undefined,
    rule,
    ...(o.default !== undefined && { default: o.default }),
  };
  return finish<O, z.ZodEnum<{ [K in V[number]]: K }>>(schema, meta, o.default);
}
