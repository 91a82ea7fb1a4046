import { z } from "zod";
import { ValidationError } from "../catalog/errors";
import { describeParams, type ParamInfo } from "../catalog/describe";
import { formatBound } from "../catalog/params";
import { defineTool, type AnyModel, type ModelResult } from "../catalog/types";
import { validateParams } from "../catalog/validate";
import { fixedField, modelByName, modelField, paramOf } from "./common";

export const planParams = z
  .strictObject({
    model: modelField,
    find: z.string({ error: "must name the parameter to solve for (n, m, lambda, mttf, …)" }),
    fixed: fixedField.default({}),
    target: z
      .number({ error: "must be a success rate between 0 and 1 (0.99999 for five nines)" })
      .gt(0, { error: "must be a success rate between 0 and 1 (0.99999 for five nines)" })
      .lt(1, { error: "must be a success rate between 0 and 1 (0.99999 for five nines)" })
      .optional(),
    nines: z
      .number({ error: "must be a number of nines from 0 to 300 (5 for 99.999%)" })
      .gt(0, { error: "must be a number of nines from 0 to 300 (5 for 99.999%)" })
      .lte(300, { error: "must be a number of nines from 0 to 300 (5 for 99.999%)" })
      .optional(),
    min: z.number({ error: "must be a finite number" }).optional(),
    max: z.number({ error: "must be a finite number" }).optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.target === undefined) === (p.nines === undefined))
      ctx.addIssue({ code: "custom", path: ["target"], message: "give either target (a success rate such as 0.99999) or nines (such as 5), not both or neither" });
  });

export interface PlanResult {
  model: string;
  find: string;
  /** The unreliability the answer must not exceed. */
  targetUnreliability: number;
  feasible: boolean;
  /** The smallest (or largest) value of `find` that meets the target. */
  value?: number;
  achieved?: { value: number; unreliability: number; nines: number };
  /** The best the searched range offers, when nothing in it meets the target. */
  best?: { at: number; value: number; unreliability: number; nines: number };
  message: string;
}

const MAX_ITERATIONS = 200;

/**
 * Capacity planning: the smallest value of a parameter that raises the success rate (n, m, µ, MTTF)
 * or the largest value of one that lowers it (λ, MTTR, k) for which the model meets the target.
 * Each model parameter declares its effect, so the search knows its direction; the search brackets
 * the answer between the parameter's bounds and bisects (on whole numbers for counts, geometric
 * steps for positive reals), so it costs tens of evaluations.
 */
export function plan(request: z.output<typeof planParams>): PlanResult {
  const model = modelByName(request.model);
  if (!model.reliability)
    throw new ValidationError([{ path: "model", message: `model ${model.name} does not give a success rate; plan a reliability model or a design` }]);
  const info = paramOf(model, request.find, "find");
  if (!info.effect || info.type === "choice")
    throw new ValidationError([{ path: "find", message: `find: ${info.name} has no monotone effect on the success rate to solve for; choose one of ${plannable(model).join(", ")}` }]);
  if (info.name in request.fixed)
    throw new ValidationError([{ path: `fixed.${info.name}`, message: `${info.name} is what plan solves for; leave it out of fixed` }]);

  const qTarget = request.nines !== undefined ? Math.pow(10, -request.nines) : 1 - request.target!;
  const [lo, hi] = bounds(info, request.min, request.max);
  const evaluateAt = (x: number): ModelResult => model.compute(validateParams(model, { ...request.fixed, [info.name]: x }) as never);
  // Validate everything else once, so a bad fixed parameter is reported as such and not as "infeasible".
  evaluateAt(info.effect === "raises" ? hi : lo);
  const meets = (x: number) => (evaluateAt(x).unreliability ?? 1) <= qTarget;
  const integer = info.type === "integer";
  const summary = (x: number) => {
    const r = evaluateAt(x);
    return { value: r.value, unreliability: r.unreliability!, nines: r.nines! };
  };
  const targetWords = `success rate ${describeTarget(qTarget)}`;

  if (info.effect === "raises") {
    if (!meets(hi)) return infeasible(model, info, qTarget, hi, summary(hi), `no ${info.name} up to ${formatBound(hi)} reaches a ${targetWords}`);
    const x = meets(lo) ? lo : bisect(lo, hi, meets, integer, "smallest");
    return feasible(model, info, qTarget, x, summary(x), `${info.name} = ${show(x, integer)} is the smallest that reaches a ${targetWords}`);
  }
  if (!meets(lo)) return infeasible(model, info, qTarget, lo, summary(lo), `even ${info.name} = ${formatBound(lo)} misses a ${targetWords}`);
  const x = meets(hi) ? hi : bisect(lo, hi, meets, integer, "largest");
  return feasible(model, info, qTarget, x, summary(x), `${info.name} = ${show(x, integer)} is the largest that keeps a ${targetWords}`);
}

function plannable(model: AnyModel): string[] {
  return describeParams(model)
    .filter((p) => p.effect && p.type !== "choice")
    .map((p) => p.name);
}

function bounds(info: ParamInfo, min: number | undefined, max: number | undefined): [number, number] {
  let lo = Math.max(min ?? -Infinity, info.min ?? 0);
  if (info.minExclusive && lo <= (info.min ?? 0)) lo = info.type === "integer" ? (info.min ?? 0) + 1 : Math.max(1e-9, (info.min ?? 0) * (1 + 1e-12));
  const hi = Math.min(max ?? Infinity, info.max ?? 1e12);
  if (info.type === "integer") return [Math.ceil(lo), Math.floor(hi)];
  if (!(lo <= hi))
    throw new ValidationError([{ path: "max", message: `the search range for ${info.name} is empty: from ${formatBound(lo)} to ${formatBound(hi)}` }]);
  return [lo, hi];
}

/**
 * The boundary between values that meet the target and values that do not. `good` holds for the
 * answer side. Whole numbers bisect to adjacent integers; reals bisect geometrically while the
 * bracket spans orders of magnitude, then arithmetically to a relative width of 1e-12.
 */
function bisect(lo: number, hi: number, good: (x: number) => boolean, integer: boolean, side: "smallest" | "largest"): number {
  let a = lo; // smallest: a fails, b meets. largest: a meets, b fails.
  let b = hi;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    if (integer ? b - a <= 1 : b - a <= 1e-12 * Math.abs(b)) break;
    const mid = integer ? Math.floor((a + b) / 2) : a > 0 && b / a > 8 ? Math.sqrt(a) * Math.sqrt(b) : a + (b - a) / 2;
    if (good(mid) === (side === "smallest")) b = mid;
    else a = mid;
  }
  return side === "smallest" ? b : a;
}

function describeTarget(q: number): string {
  return `of at least 1 − ${q.toPrecision(3)} (${(-Math.log10(q)).toPrecision(3)} nines)`;
}

function show(x: number, integer: boolean): string {
  return integer ? String(x) : x.toPrecision(6);
}

function feasible(model: AnyModel, info: ParamInfo, q: number, x: number, achieved: PlanResult["achieved"], message: string): PlanResult {
  return { model: model.name, find: info.name, targetUnreliability: q, feasible: true, value: x, achieved, message };
}

function infeasible(model: AnyModel, info: ParamInfo, q: number, at: number, best: NonNullable<PlanResult["achieved"]>, message: string): PlanResult {
  return {
    model: model.name,
    find: info.name,
    targetUnreliability: q,
    feasible: false,
    best: { at, ...best },
    message: `${message}: the best in range, at ${info.name} = ${formatBound(at)}, has unreliability ${best.unreliability.toPrecision(3)}`,
  };
}

export const planTool = defineTool({
  name: "plan",
  title: "Capacity planning",
  summary: "The smallest n, m, µ or MTTF, or the largest λ, MTTR or k, for which a model meets a target success rate; says so when none can.",
  params: planParams,
  compute: plan,
});
