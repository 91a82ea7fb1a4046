import type { z } from "zod";
import type { ParamMeta } from "./params";
import type { AnyModel } from "./types";

/** A parameter as surfaces list it: its name plus the metadata its builder attached. */
export interface ParamInfo extends ParamMeta {
  name: string;
}

/** The parameters of a model, in positional order. */
export function describeParams(model: AnyModel): ParamInfo[] {
  return Object.entries(model.params.shape).map(([name, schema]) => {
    const meta = (schema as z.ZodType).meta() as ParamMeta | undefined;
    if (!meta) throw new Error(`parameter ${model.name}.${name} was not built with a params.ts builder`);
    return { name, ...meta };
  });
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
