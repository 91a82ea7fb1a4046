import { z } from "zod";
import { ValidationError } from "../catalog/errors";
import { describeParams, effectAt, type ParamInfo } from "../catalog/describe";
import { formatBound, type Effect } from "../catalog/params";
import { defineTool, type AnyModel, type ModelResult } from "../catalog/types";
import { validateParams } from "../catalog/validate";
import { nines, scientific } from "../numerics";
import { fixedField, modelByName, modelField, paramOf } from "./common";
import { axisPoints } from "./sweep";
import { checkTarget, targetFields, targetUnreliability } from "./target";

export const planParams = z
  .strictObject({
    model: modelField,
    find: z.string({ error: "must name the parameter to solve for (n, m, lambda, mttf, …)" }),
    fixed: fixedField.default({}),
    ...targetFields,
    min: z.number({ error: "must be a finite number" }).optional(),
    max: z.number({ error: "must be a finite number" }).optional(),
  })
  .superRefine(checkTarget);

/** A success rate as plan reports it, at one value of the parameter. */
export interface Achieved {
  value: number;
  unreliability: number;
  nines: number;
}

/** A closed range of values of the parameter solved for. */
export interface Interval {
  from: number;
  to: number;
}

/** What a lever other than `find` would have to be, alone, for the target to be met. */
export interface Remedy {
  param: string;
  /** Its declared effect: `value` is the least it may be ("raises") or the most ("lowers"). */
  effect: Effect;
  value: number;
  achieved: Achieved;
}

export interface PlanResult {
  model: string;
  find: string;
  /** The unreliability the answer must not exceed. */
  targetUnreliability: number;
  feasible: boolean;
  /**
   * The value of `find` that meets the target: the smallest, for a parameter that raises the
   * success rate and for a window that starts inside the range; the largest, for a parameter that
   * lowers it and for a window that starts at the range's lower end and ends inside it.
   */
  value?: number;
  /**
   * true when the success rate is monotone in `find`: declared by the parameter's effect, or, for
   * a parameter without one (servers, supernodes; h when P_served is included), seen over the
   * values sampled. When false, the
   * answer is a window (`interval`) and the message says so.
   */
  monotone: boolean;
  /**
   * The range searched: the parameter's own bounds (and min/max when given), narrowed to where the
   * model's rules across fields hold (m ≤ servers), so no value in it is refused.
   */
  range: Interval;
  /**
   * When feasible: the values of `find` from `from` to `to` all meet the target, and the values
   * just beyond each end miss it (or lie outside `range`). It holds `value`; for a parameter with a
   * declared effect it runs from the answer to the end of the range.
   */
  interval?: Interval;
  /**
   * When the samples show the target met in more than one window: each of them, in order; the
   * first is `interval`. The success rate is then not monotone in `find`.
   */
  windows?: Interval[];
  achieved?: Achieved;
  /** The best the searched range offers, when nothing in it meets the target. */
  best?: Achieved & { at: number };
  /**
   * When infeasible: each other parameter with a declared effect that alone, with `find` held at
   * `best.at` and everything else as given, would meet the target, at the value that just does.
   */
  remedies?: Remedy[];
  /**
   * Model runs the answer took, remedies included: every value tried, whether the model's rules
   * accepted it (and it was computed) or refused it (while finding the valid range). At most
   * MAX_PLAN_EVALUATIONS.
   */
  evaluations: number;
  message: string;
}

/** Steps of one bisection: whole numbers need about 30, reals (geometric, then to 1e-12) about 50. */
const MAX_ITERATIONS = 200;
/** Values sampled over the range of a parameter without a declared effect. */
const SAMPLES = 65;
/** Evaluations refining the least unreliability found among the samples. */
const MAX_REFINE = 100;
/** Windows whose ends are bisected; further ones are only counted in the message. */
const MAX_WINDOWS = 4;
/** Values tried inside the range, after its bounds and the default, for one the model's rules accept. */
const PROBES = 8;

/**
 * Model evaluations one plan may make, its remedies included. The search itself takes at most
 * 3 + PROBES + 2·MAX_ITERATIONS to find the valid range, then 2 + MAX_ITERATIONS (a declared
 * effect) or SAMPLES + MAX_REFINE + 3 + 2·MAX_WINDOWS·MAX_ITERATIONS (a window search): about
 * 2,200 at worst and 30 to 300 in practice, so it always fits. The remedies of an infeasible
 * target share what is left; the levers it leaves untried are named in the message.
 */
export const MAX_PLAN_EVALUATIONS = 4000;

export interface PlanOptions {
  /** A lower work cap than MAX_PLAN_EVALUATIONS; a search that needs more throws instead of answering. */
  maxEvaluations?: number;
}

/**
 * Capacity planning: the value of one parameter for which a model meets a target success rate.
 *
 * A parameter that declares its effect (n, m, µ, MTTF raise the success rate; λ, MTTR, k lower it)
 * is bisected between its bounds, on whole numbers for counts and in geometric steps for positive
 * reals: the smallest value that raises it enough, or the largest that keeps it. Any other numeric
 * parameter (servers, whose path length grows with them; supernodes; one whose effect a choice
 * voids) is searched: its range sampled,
 * the least unreliability refined, and the ends of each window that meets the target bisected.
 * Both search only where the model's rules across fields hold (m ≤ servers). When nothing meets
 * the target, the answer says the best there is and which other lever alone would reach it.
 */
export function plan(request: z.output<typeof planParams>, options: PlanOptions = {}): PlanResult {
  const model = modelByName(request.model);
  if (!model.reliability)
    throw new ValidationError([{ path: "model", message: `model ${model.name} does not give a success rate; plan a reliability model or a design` }]);
  const info = paramOf(model, request.find, "find");
  if (info.type === "choice")
    throw new ValidationError([
      { path: "find", message: `find: ${info.name} has no monotone effect on the success rate to solve for; choose one of ${plannable(model).join(", ")}` },
    ]);
  if (info.name in request.fixed)
    throw new ValidationError([{ path: `fixed.${info.name}`, message: `${info.name} is what plan solves for; leave it out of fixed` }]);

  const qTarget = targetUnreliability(request);
  const budget = new Budget(options.maxEvaluations ?? MAX_PLAN_EVALUATIONS);
  const answer = solve(model, info, request.fixed, qTarget, bounds(info, request.min, request.max), budget);
  const range = { from: answer.range.from, to: answer.range.to };
  const base = { model: model.name, find: info.name, targetUnreliability: qTarget, feasible: answer.feasible, monotone: answer.monotone, range };
  if (answer.feasible) {
    return {
      ...base,
      value: answer.value,
      interval: answer.interval,
      ...(answer.windows.length > 1 && { windows: answer.windows }),
      achieved: answer.achieved,
      evaluations: budget.used,
      message: answer.message,
    };
  }
  const levers = remedies(model, info, answer.best.at, request.fixed, qTarget, budget);
  const best = answer.best;
  return {
    ...base,
    best,
    remedies: levers.found,
    evaluations: budget.used,
    message:
      `${answer.message}: the best in range, at ${info.name} = ${showBound(best.at, info)}, has unreliability ${scientific(best.unreliability, 3)}` +
      limitWords(info, answer.range) +
      ". " +
      remedyWords(model, info, best.at, levers),
  };
}

/** What `find` may name: every numeric parameter (choices have no order to search along). */
function plannable(model: AnyModel): string[] {
  return describeParams(model)
    .filter((p) => p.type !== "choice")
    .map((p) => p.name);
}

function bounds(info: ParamInfo, min: number | undefined, max: number | undefined): [number, number] {
  let lo = Math.max(min ?? -Infinity, info.min ?? 0);
  if (info.minExclusive && lo <= (info.min ?? 0)) lo = info.type === "integer" ? (info.min ?? 0) + 1 : Math.max(1e-9, (info.min ?? 0) * (1 + 1e-12));
  let hi = Math.min(max ?? Infinity, info.max ?? 1e12);
  if (info.type === "integer") [lo, hi] = [Math.ceil(lo), Math.floor(hi)];
  if (!(lo <= hi))
    throw new ValidationError([{ path: "max", message: `the search range for ${info.name} is empty: from ${formatBound(lo)} to ${formatBound(hi)}` }]);
  return [lo, hi];
}

// ---------- the work cap ----------

/** Raised when a plan has spent its evaluations; the remedies stop there, naming what they left. */
class WorkCapReached extends Error {
  constructor(max: number) {
    super(`plan stopped at its cap of ${max} model evaluations`);
    this.name = "WorkCapReached";
  }
}

class Budget {
  used = 0;
  constructor(readonly max: number) {}
  spend(): void {
    if (this.used >= this.max) throw new WorkCapReached(this.max);
    this.used++;
  }
}

// ---------- one parameter's search ----------

/** The model with everything but one parameter fixed; each value is evaluated once. */
interface Search {
  model: AnyModel;
  info: ParamInfo;
  fixed: Record<string, unknown>;
  qTarget: number;
  integer: boolean;
  /** The model's result at x, or the ValidationError its rules raise there. */
  at(x: number): ModelResult | ValidationError;
}

function searchOf(model: AnyModel, info: ParamInfo, fixed: Record<string, unknown>, qTarget: number, budget: Budget): Search {
  const memo = new Map<number, ModelResult | ValidationError>();
  return {
    model,
    info,
    fixed,
    qTarget,
    integer: info.type === "integer",
    at(x) {
      let result = memo.get(x);
      if (result === undefined) {
        budget.spend();
        try {
          result = model.compute(validateParams(model, { ...fixed, [info.name]: x }) as never);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          result = error;
        }
        memo.set(x, result);
      }
      return result;
    },
  };
}

/** The result at a value inside the valid range (a refusal there is the model's to report). */
function resultAt(s: Search, x: number): ModelResult {
  const result = s.at(x);
  if (result instanceof ValidationError) throw result;
  return result;
}

const unreliabilityAt = (s: Search, x: number) => resultAt(s, x).unreliability ?? 1;
const meetsAt = (s: Search, x: number) => unreliabilityAt(s, x) <= s.qTarget;

function achievedAt(s: Search, x: number): Achieved {
  const r = resultAt(s, x);
  return { value: r.value, unreliability: r.unreliability!, nines: r.nines! };
}

type Answer = { range: ValidRange; monotone: boolean; message: string } & (
  | { feasible: true; value: number; interval: Interval; windows: Interval[]; achieved: Achieved }
  | { feasible: false; best: Achieved & { at: number } }
);

function solve(model: AnyModel, info: ParamInfo, fixed: Record<string, unknown>, qTarget: number, [lo, hi]: [number, number], budget: Budget): Answer {
  const s = searchOf(model, info, fixed, qTarget, budget);
  const range = validRange(s, lo, hi);
  // A declared effect holds unless a choice voids it (h, when P_served is included): then search.
  const effect = effectAt(info, withDefaults(model, fixed));
  return effect ? bisected(s, range, effect) : searched(s, range);
}

/** The given parameters with the defaults the model's schema fills in, for reading choices and values. */
function withDefaults(model: AnyModel, given: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(describeParams(model).map((p) => [p.name, given[p.name] ?? p.default]));
}

// ---------- the valid range ----------

/** A bound set by a rule across fields: the edge, in words ("servers = 20"), and the rule there. */
interface Limit {
  words: string;
  rule: string;
}

interface ValidRange extends Interval {
  below?: Limit;
  above?: Limit;
}

/**
 * The parameter's bounds, narrowed to where the model's rules accept it. A bound the rules refuse
 * (m = 1e9 with 20 servers) is moved to the edge of the values they accept, bisected from one
 * they do (the other bound, the default, or a probe inside), so the search never leaves the
 * valid region and the messages name the bound that holds. The region is taken to be one interval.
 */
function validRange(s: Search, lo: number, hi: number): ValidRange {
  const refusal = (x: number) => {
    const r = s.at(x);
    return r instanceof ValidationError ? r : undefined;
  };
  const loRefused = refusal(lo);
  const hiRefused = refusal(hi);
  if (!loRefused && !hiRefused) return { from: lo, to: hi };
  const fallback = typeof s.info.default === "number" && s.info.default >= lo && s.info.default <= hi ? [s.info.default] : [];
  const inside = [lo, hi, ...fallback, ...samplePoints(lo, hi, s.integer, PROBES + 2).slice(1, -1)].find((x) => !refusal(x));
  // Refused everywhere: the problem is in the fixed parameters, or no value satisfies the rule.
  if (inside === undefined) throw loRefused!;
  const accepted = (x: number) => !refusal(x);
  const range: ValidRange = { from: lo, to: hi };
  if (loRefused) {
    const edge = boundary(inside, lo, accepted, s.integer);
    range.from = edge.good;
    range.below = limitAt(s, edge.good, refusal(edge.bad)!);
  }
  if (hiRefused) {
    const edge = boundary(inside, hi, accepted, s.integer);
    range.to = edge.good;
    range.above = limitAt(s, edge.good, refusal(edge.bad)!);
  }
  return range;
}

/**
 * The edge in words: when the rule refusing the value beyond it names another parameter whose
 * value is the edge itself (m ≤ servers, with 20 servers), "servers = 20"; else the number.
 */
function limitAt(s: Search, edge: number, refusal: ValidationError): Limit {
  const rule = refusal.errors.map((e) => e.message).join("; ");
  const given = withDefaults(s.model, s.fixed);
  const peer = describeParams(s.model).find((p) => p.name !== s.info.name && given[p.name] === edge && new RegExp(`\\b${p.name}\\b`).test(rule));
  const number = showValue(edge, s.integer);
  return { words: peer ? `${peer.name} = ${number}` : number, rule };
}

const lowerWords = (info: ParamInfo, r: ValidRange) => r.below?.words ?? showBound(r.from, info);
const upperWords = (info: ParamInfo, r: ValidRange) => r.above?.words ?? showBound(r.to, info);

/** The rules that narrowed the range, for a message about what the range offers. */
function limitWords(info: ParamInfo, r: ValidRange): string {
  const parts = [
    r.below && `${info.name} must be at least ${r.below.words}, by the rule “${r.below.rule}”`,
    r.above && `${info.name} can be at most ${r.above.words}, by the rule “${r.above.rule}”`,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join("; ")})` : "";
}

// ---------- a parameter with a declared effect: bisection ----------

function bisected(s: Search, range: ValidRange, effect: Effect): Answer {
  const { info, integer } = s;
  const meets = (x: number) => meetsAt(s, x);
  const targetWords = `success rate ${describeTarget(s.qTarget)}`;
  const { from, to } = range;
  if (effect === "raises") {
    if (!meets(to))
      return {
        feasible: false,
        range,
        monotone: true,
        best: { at: to, ...achievedAt(s, to) },
        message: `no ${info.name} up to ${upperWords(info, range)} reaches a ${targetWords}`,
      };
    const x = meets(from) ? from : boundary(to, from, meets, integer).good;
    return {
      feasible: true,
      range,
      monotone: true,
      value: x,
      interval: { from: x, to },
      windows: [{ from: x, to }],
      achieved: achievedAt(s, x),
      message: `${info.name} = ${showValue(x, integer)} is the smallest that reaches a ${targetWords}`,
    };
  }
  if (!meets(from))
    return {
      feasible: false,
      range,
      monotone: true,
      best: { at: from, ...achievedAt(s, from) },
      message: `even ${info.name} = ${lowerWords(info, range)} misses a ${targetWords}`,
    };
  const x = meets(to) ? to : boundary(from, to, meets, integer).good;
  return {
    feasible: true,
    range,
    monotone: true,
    value: x,
    interval: { from, to: x },
    windows: [{ from, to: x }],
    achieved: achievedAt(s, x),
    message: `${info.name} = ${showValue(x, integer)} is the largest that keeps a ${targetWords}`,
  };
}

// ---------- a parameter without one: sampled, refined, bisected ----------

/**
 * The success rate need not be monotone here (more servers share the load but lengthen the DHT
 * path), so the range is sampled (log-spaced when wide, whole numbers for counts), the least
 * unreliability among the samples is refined between its neighbours, and every run of values that
 * meets the target is a window whose ends are bisected. A window narrower than the sample spacing
 * can be missed unless it holds the least unreliability, which the refinement finds.
 */
function searched(s: Search, range: ValidRange): Answer {
  const { info, integer } = s;
  const q = (x: number) => unreliabilityAt(s, x);
  const meets = (x: number) => meetsAt(s, x);
  const targetWords = `success rate ${describeTarget(s.qTarget)}`;
  const samples = samplePoints(range.from, range.to, integer, SAMPLES);
  const bestAt = leastUnreliability(s, samples);
  const points = [...new Set([...samples, bestAt])].sort((a, b) => a - b);
  const qs = points.map(q);
  const monotone = isMonotone(qs);
  const span = `${lowerWords(info, range)} to ${upperWords(info, range)}`;

  if (!meets(bestAt)) {
    return {
      feasible: false,
      range,
      monotone,
      best: { at: bestAt, ...achievedAt(s, bestAt) },
      message: `no ${info.name} from ${span} reaches a ${targetWords}`,
    };
  }

  const runs: [number, number][] = [];
  points.forEach((x, i) => {
    if (!meets(x)) return;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  });
  const last = points.length - 1;
  const windows = runs.slice(0, MAX_WINDOWS).map(([a, b]) => ({
    from: a === 0 ? points[0]! : boundary(points[a]!, points[a - 1]!, meets, integer).good,
    to: b === last ? points[last]! : boundary(points[b]!, points[b + 1]!, meets, integer).good,
  }));
  const first = windows[0]!;
  const valueWords = (x: number) => showValue(x, integer);
  const end = (x: number) => (x === range.from ? lowerWords(info, range) : x === range.to ? upperWords(info, range) : valueWords(x));
  const between = (w: Interval) => `from ${end(w.from)} to ${end(w.to)}`;
  const bestWords = `best at ${info.name} = ${valueWords(bestAt)}, unreliability ${scientific(q(bestAt), 3)}`;
  const whole = first.from === range.from && first.to === range.to;
  const falling = windows.length === 1 && first.from === range.from && first.to < range.to;
  const value = falling ? first.to : first.from;

  let message: string;
  if (windows.length > 1) {
    const more = runs.length > MAX_WINDOWS ? `, and in ${runs.length - MAX_WINDOWS} more windows among the samples` : "";
    const spans = windows.map(between);
    message = `the success rate is not monotone in ${info.name} (${bestWords}): it reaches a ${targetWords} for ${info.name} ${spans.slice(0, -1).join(", ")} and ${spans[spans.length - 1]}${more}; ${info.name} = ${valueWords(value)} is the smallest that does`;
  } else if (whole) {
    const constant = Math.max(...qs) <= Math.min(...qs) * (1 + 1e-12);
    message = `every value of ${info.name} from ${span} reaches a ${targetWords}${constant ? `: the success rate does not change with ${info.name} here` : ""}; ${info.name} = ${valueWords(value)} is the smallest`;
  } else if (first.from > range.from && first.to < range.to) {
    message = `the values of ${info.name} ${between(first)} reach a ${targetWords}, and no others: the success rate is not monotone in ${info.name} (${bestWords}), so ${valueWords(first.from)} is the smallest and ${valueWords(first.to)} the largest that do`;
  } else {
    // Without a declared effect a window from the range's start can mean "at most" (a workload)
    // or "enough from the first value on" (a count): both ends are said.
    message = falling
      ? `${info.name} from ${end(first.from)} to ${valueWords(first.to)} keeps a ${targetWords}; ${valueWords(value)} is the largest that does`
      : `${info.name} = ${valueWords(value)} is the smallest that reaches a ${targetWords}`;
    if (!monotone) message += ` (the success rate is not monotone in ${info.name}: ${bestWords})`;
  }
  return { feasible: true, range, monotone: monotone && windows.length === 1, value, interval: first, windows, achieved: achievedAt(s, value), message };
}

/**
 * Values spread over [from, to], both included: every whole number when there are few enough,
 * else log-spaced over a wide positive range (from 1, or 1e-12 of the top, when it starts at 0)
 * and evenly spaced otherwise; rounded for whole numbers.
 */
function samplePoints(from: number, to: number, integer: boolean, count: number): number[] {
  if (from === to) return [from];
  if (integer && to - from + 1 <= count) return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const wide = from > 0 ? to / from >= 100 : to > 0;
  let xs: number[];
  if (wide) {
    const start = from > 0 ? from : integer ? 1 : to * 1e-12;
    // The sweep's log axis; from 0, 0 itself and one point fewer.
    xs = axisPoints(start, to, from > 0 ? count : count - 1, "log");
    if (from <= 0) xs.unshift(from);
  } else {
    xs = Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
  }
  xs[0] = from;
  xs[xs.length - 1] = to;
  if (integer) xs = xs.map(Math.round);
  return [...new Set(xs.map((x) => Math.min(to, Math.max(from, x))))].sort((a, b) => a - b);
}

/**
 * Where the unreliability is least: the best sample, refined between its neighbours by golden
 * section (in log steps for positive reals) or integer ternary search. Whatever the refinement
 * assumes, the answer is the best value it evaluated.
 */
function leastUnreliability(s: Search, samples: number[]): number {
  const q = (x: number) => unreliabilityAt(s, x);
  let best = samples[0]!;
  for (const x of samples) if (q(x) < q(best)) best = x;
  if (q(best) === 0) return best;
  const i = samples.indexOf(best);
  const a = samples[Math.max(0, i - 1)]!;
  const c = samples[Math.min(samples.length - 1, i + 1)]!;
  const tryAt = (x: number) => {
    if (q(x) < q(best)) best = x;
    return q(x);
  };
  if (s.integer) {
    let lo = a;
    let hi = c;
    for (let n = 0; hi - lo > 2 && n + 2 <= MAX_REFINE; n += 2) {
      const third = Math.floor((hi - lo) / 3);
      if (tryAt(lo + third) <= tryAt(hi - third)) hi -= third;
      else lo += third;
    }
    for (let x = lo; x <= hi; x++) tryAt(x);
    return best;
  }
  const logs = a > 0;
  const toT = (x: number) => (logs ? Math.log(x) : x);
  const toX = (t: number) => Math.min(c, Math.max(a, logs ? Math.exp(t) : t));
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = toT(a);
  let hi = toT(c);
  let t1 = hi - phi * (hi - lo);
  let t2 = lo + phi * (hi - lo);
  let f1 = tryAt(toX(t1));
  let f2 = tryAt(toX(t2));
  for (let n = 2; n < MAX_REFINE && hi - lo > 1e-10 * Math.max(1, Math.abs(lo), Math.abs(hi)); n++) {
    if (f1 <= f2) {
      [hi, t2, f2] = [t2, t1, f1];
      t1 = hi - phi * (hi - lo);
      f1 = tryAt(toX(t1));
    } else {
      [lo, t1, f1] = [t1, t2, f2];
      t2 = lo + phi * (hi - lo);
      f2 = tryAt(toX(t2));
    }
  }
  return best;
}

/** Unreliabilities that only fall or only rise, up to rounding in their last digits. */
function isMonotone(qs: number[]): boolean {
  const pairs = qs.slice(1).map((q, i) => [qs[i]!, q] as const);
  return pairs.every(([a, b]) => b <= a * (1 + 1e-9)) || pairs.every(([a, b]) => b >= a * (1 - 1e-9));
}

// ---------- bisection ----------

/**
 * The edge between where `test` holds (`good`) and where it does not (`bad`), bisected to adjacent
 * whole numbers, or for reals geometrically while the bracket spans orders of magnitude, then
 * arithmetically to a relative width of 1e-12. Returns the two sides of the edge.
 */
function boundary(good: number, bad: number, test: (x: number) => boolean, integer: boolean): { good: number; bad: number } {
  let g = good;
  let b = bad;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const lo = Math.min(g, b);
    const hi = Math.max(g, b);
    if (integer ? hi - lo <= 1 : hi - lo <= 1e-12 * Math.abs(hi)) break;
    const mid = integer ? Math.floor((lo + hi) / 2) : lo > 0 && hi / lo > 8 ? Math.sqrt(lo) * Math.sqrt(hi) : lo + (hi - lo) / 2;
    if (test(mid)) g = mid;
    else b = mid;
  }
  return { good: g, bad: b };
}

// ---------- remedies ----------

interface Remedies {
  found: Remedy[];
  /** Levers tried that do not reach the target alone. */
  without: string[];
  /** Levers the work cap left untried. */
  untried: string[];
}

/**
 * For an infeasible target: each other parameter with a declared effect, planned alone with `find`
 * held at its best value, by the same search (so its range respects the rules too).
 */
function remedies(model: AnyModel, find: ParamInfo, bestAt: number, fixed: Record<string, unknown>, qTarget: number, budget: Budget): Remedies {
  const given = withDefaults(model, fixed);
  const levers = describeParams(model).filter((p) => effectAt(p, given) && p.type !== "choice" && p.name !== find.name);
  const out: Remedies = { found: [], without: [], untried: [] };
  for (const [i, lever] of levers.entries()) {
    const others = Object.fromEntries(Object.entries(fixed).filter(([name]) => name !== lever.name));
    try {
      const answer = solve(model, lever, { ...others, [find.name]: bestAt }, qTarget, bounds(lever, undefined, undefined), budget);
      if (answer.feasible) out.found.push({ param: lever.name, effect: effectAt(lever, given)!, value: answer.value, achieved: answer.achieved });
      else out.without.push(lever.name);
    } catch (error) {
      if (error instanceof WorkCapReached) {
        out.untried.push(...levers.slice(i).map((p) => p.name));
        break;
      }
      // A lever whose every value the rules refuse is no remedy.
      if (!(error instanceof ValidationError)) throw error;
      out.without.push(lever.name);
    }
  }
  return out;
}

function remedyWords(model: AnyModel, find: ParamInfo, bestAt: number, r: Remedies): string {
  const held = `With ${find.name} = ${showBound(bestAt, find)}`;
  const untried = r.untried.length ? ` (the work cap left ${r.untried.join(", ")} untried)` : "";
  if (r.found.length === 0) {
    if (r.without.length === 0 && r.untried.length === 0) return "No other parameter declares an effect to try.";
    return `${held}, none of the levers alone reaches it${r.without.length ? ` (${r.without.join(", ")} tried)` : ""}${untried}.`;
  }
  const params = describeParams(model);
  const each = r.found.map((x) => {
    const info = params.find((p) => p.name === x.param)!;
    const unit = info.unit && info.unit !== "probability" ? ` ${info.unit}` : "";
    return `${x.param} ${x.effect === "raises" ? "≥" : "≤"} ${showBound(x.value, info)}${unit}`;
  });
  const without = r.without.length ? `; ${r.without.join(", ")} alone ${r.without.length === 1 ? "does" : "do"} not` : "";
  return `${held}, any one of these alone reaches it: ${each.join(", ")}${without}${untried}.`;
}

// ---------- words ----------

function describeTarget(q: number): string {
  return `of at least 1 − ${scientific(q, 2)} (${nines(q).toFixed(2)} nines)`;
}

/** An answer: whole numbers in full, reals to six digits ("25009.9", "0.0478787"). */
function showValue(x: number, integer: boolean): string {
  return integer ? String(x) : formatBound(Number(x.toPrecision(6)));
}

/** A bound, or a value in a range: whole numbers as the catalog writes bounds (1e9), reals to six digits. */
function showBound(x: number, info: ParamInfo): string {
  return info.type === "integer" ? formatBound(x) : showValue(x, false);
}

export const planTool = defineTool({
  name: "plan",
  title: "Capacity planning",
  summary:
    "The smallest n, m, µ or MTTF, or the largest λ, MTTR or k, that meets a target success rate; for servers, supernodes and any other number without a monotone effect, the window of values that meets it; when nothing can, why, and which other lever alone would.",
  params: planParams,
  compute: plan,
});
