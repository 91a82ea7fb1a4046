import { z } from "zod";
import { describeParams, type ParamInfo } from "../catalog/describe";
import { ValidationError } from "../catalog/errors";
import type { AnyModel, FieldError, ModelResult } from "../catalog/types";
import { validateParams } from "../catalog/validate";
import { models } from "../models/index";

export const modelNames: readonly string[] = models.map((m) => m.name);

/** The `model` field every tool takes: the name of a catalog model. */
export const modelField = z.enum(modelNames, { error: `must be one of the catalog's models: ${modelNames.join(", ")}` });

/** One fixed parameter's value: a number, a word for a choice, or a list for a list parameter. */
export const fixedValue = z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))], {
  error: "must be a number, a word or a list of numbers",
});

/** Parameters a planner fixes, by name; each is checked against the model's own schema later. */
export const fixedField = z.record(z.string(), fixedValue, {
  error: "must be an object of parameter names to numbers (words for choices, lists for a list parameter such as Rs)",
});

export function modelByName(name: string): AnyModel {
  return models.find((m) => m.name === name)!;
}

/** A model evaluated inside a tool, on parameters in its own terms; the model's errors are re-pathed under `where`. */
export function evaluateInTool(model: AnyModel, params: Record<string, unknown>, where: string): ModelResult {
  try {
    return model.compute(validateParams(model, params) as never);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.errors.map((e) => prefixed(e, where)));
    throw error;
  }
}

export function prefixed(e: FieldError, where: string): FieldError {
  return { path: e.path ? `${where}.${e.path}` : where, message: `${where}: ${e.message}` };
}

/** A parameter of the model by name, or an error naming the parameters there are. */
export function paramOf(model: AnyModel, name: string, path: string): ParamInfo {
  const params = describeParams(model);
  const info = params.find((p) => p.name === name);
  if (!info)
    throw new ValidationError([{ path, message: `${path} must name a parameter of ${model.name} (${params.map((p) => p.name).join(", ")}), got "${name}"` }]);
  return info;
}

/** The numbers a reliability result adds to every table row. */
export function resultColumns(model: AnyModel): string[] {
  return model.reliability ? ["value", "unreliability", "nines"] : ["value"];
}
