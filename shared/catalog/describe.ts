import { z } from "zod";
import { type ParamMeta, paramRegistry } from "./params";
import type { AnyModel, CatalogEntry } from "./types";

/** A parameter as surfaces list it: its name plus the metadata its builder attached. */
export interface ParamInfo extends ParamMeta {
  name: string;
}

/** The parameters of a model, in positional order. */
export function describeParams(model: AnyModel): ParamInfo[] {
  const params = plainParams(model);
  if (!params) throw new Error(`a parameter of ${model.name} was not built with a params.ts builder`);
  return params;
}

/**
 * The parameters of any entry whose parameters are plain (an object of fields each built by a
 * params.ts builder), in positional order: every model, and tools such as simulate that a cell can
 * call like a model. undefined for tools with structured input (sweep's axes, plan's `fixed`).
 */
export function plainParams(entry: CatalogEntry): ParamInfo[] | undefined {
  if (!(entry.params instanceof z.ZodObject)) return undefined;
  const out: ParamInfo[] = [];
  for (const [name, schema] of Object.entries(entry.params.shape as Record<string, z.ZodType>)) {
    const meta = paramRegistry.get(schema);
    if (!meta) return undefined;
    out.push({ name, ...meta });
  }
  return out;
}

/** The parameter's effect on the success rate at these parameters: its declared one, unless a choice voids it. */
export function effectAt(info: ParamMeta, params: Readonly<Record<string, unknown>>): ParamMeta["effect"] {
  if (info.effectUnless && Object.entries(info.effectUnless).some(([name, value]) => params[name] === value)) return undefined;
  return info.effect;
}

/** A JSON-ready description of a model: what GET /api/models, docs and the task pane show. */
export function describeModel(model: AnyModel) {
  return {
    name: model.name,
    title: model.title,
    group: model.group,
    summary: model.summary,
    formula: model.formula,
    source: model.source,
    reliability: model.reliability,
    parameters: describeParams(model),
    outputs: [
      { name: "value", description: model.reliability ? "probability a lookup succeeds" : model.summary },
      ...(model.reliability
        ? [
            { name: "unreliability", description: "probability a lookup fails, computed directly (not as 1 − value)" },
            { name: "nines", description: "−log10(unreliability)" },
          ]
        : []),
      ...model.outputs,
    ],
    example: model.example,
  };
}

/** " (unit)" after a name, or nothing when there is no unit or it only repeats the name ("replicas (replicas)"). */
export function unitSuffix(name: string, unit: string | undefined): string {
  return unit && unit.trim() !== "" && unit.trim().toLowerCase() !== name.trim().toLowerCase() ? ` (${unit})` : "";
}

/** A quantity's name with its unit, as axes and tables title it: "N (peers)", "replicas", "MTTF/MTTR". */
export function withUnit(name: string, unit: string | undefined): string {
  return `${name}${unitSuffix(name, unit)}`;
}
