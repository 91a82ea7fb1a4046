import { z } from "zod";
import { describeParams } from "../catalog/describe";
import { ValidationError } from "../catalog/errors";
import { defineTool, type ModelResult, type PartImportance } from "../catalog/types";
import { validateParams } from "../catalog/validate";
import { fixedField, modelByName, modelField } from "./common";

export const sensitivityParams = z.strictObject({
  model: modelField,
  params: fixedField.default({}),
});

export interface Lever {
  param: string;
  /** What was changed: "×2" for rates, counts and times; "unreliability ÷2" for probabilities. */
  change: string;
  from: number;
  to: number;
  /** Nines after the change, or null when the change is not allowed (a bound, a rule across fields). */
  nines: number | null;
  /** Nines gained (negative: lost); null when unbounded or not allowed. */
  deltaNines: number | null;
  /** Why the lever could not be moved, when it could not. */
  note?: string;
}

export interface SensitivityResult {
  model: string;
  base: ModelResult;
  levers: Lever[];
  /**
   * Each part's Birnbaum importance ∂R/∂R_i (a server of a mixed fleet, a site), largest first:
   * the part the design leans on most. Empty when every part is alike (one Rs for all servers,
   * no sites).
   */
  importance: PartImportance[];
  /** Why `importance` is empty although the parts differ (a cost past the model's cap). */
  importanceNote?: string;
}

/**
 * Which lever buys the most nines: every parameter that moves the success rate is changed by one
 * step — doubled (a count, a rate, a time), or for a probability its complement halved (0.99 →
 * 0.995) — with the others held, and the change in nines is reported, largest first.
 */
export function sensitivity(request: z.output<typeof sensitivityParams>): SensitivityResult {
  const model = modelByName(request.model);
  if (!model.reliability)
    throw new ValidationError([{ path: "model", message: `model ${model.name} does not give a success rate; choose a reliability model or a design` }]);
  const params = validateParams(model, request.params);
  const base = model.compute(params as never);
  const levers: Lever[] = [];
  for (const info of describeParams(model)) {
    const from = params[info.name];
    if (!info.effect || typeof from !== "number") continue;
    const to = info.probability ? 1 - (1 - from) / 2 : from * 2;
    const change = info.probability ? "unreliability ÷2" : "×2";
    const lever: Lever = { param: info.name, change, from, to, nines: null, deltaNines: null };
    if (to === from) lever.note = from === 0 ? "at 0, doubling changes nothing" : "already at its best value";
    else if (info.max !== undefined && to > info.max) lever.note = `doubling passes its maximum ${info.max}`;
    else {
      try {
        const moved = model.compute(validateParams(model, { ...params, [info.name]: to }) as never);
        lever.nines = moved.nines!;
        const delta = moved.nines! - base.nines!;
        lever.deltaNines = Number.isFinite(delta) ? delta : null;
        if (!Number.isFinite(delta)) lever.note = "the change makes the unreliability 0 or the base is already perfect: the gain is unbounded";
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        lever.note = error.errors.map((e) => e.message).join("; ");
      }
    }
    levers.push(lever);
  }
  // The strongest lever first, whichever way it moves; levers that could not move last.
  const strength = (l: Lever) => (l.deltaNines === null ? -1 : Math.abs(l.deltaNines));
  levers.sort((a, b) => strength(b) - strength(a));
  const parts = model.importance?.(params as never) ?? [];
  if (!Array.isArray(parts)) return { model: model.name, base, levers, importance: [], importanceNote: parts.skipped };
  const importance = [...parts].sort((a, b) => b.importance - a.importance);
  return { model: model.name, base, levers, importance };
}

export const sensitivityTool = defineTool({
  name: "sensitivity",
  title: "Sensitivity: nines per lever",
  summary:
    "For a design or model, the nines gained by doubling each count, rate or time, or halving each probability's complement; and for mixed servers or sites, each one's Birnbaum importance ∂R/∂R_i.",
  params: sensitivityParams,
  compute: sensitivity,
});
