/**
 * The what-if axes: which parameters an axis can sweep with the form as it stands, and a starting
 * range for each. Pure (no DOM), so test/addin/taskpane-axes.test.ts holds it to its rules:
 *
 *  - a starting range comes from the parameter's metadata and a value (the form's, else its
 *    default, else the model's example): a choice's values, whole numbers from 1 (ten of them), a
 *    probability from 0.9 toward 1, any other number a decade either side on a log scale;
 *  - with the form's other values held (and every value tried of the other axis), a sweep can only
 *    take values the catalog accepts with them (its rules across parameters included: m ≤ servers,
 *    a count that must equal a list's length), so whole numbers and choices keep only those, and a
 *    parameter with fewer than two such values is not offered, with the catalog's reason;
 *  - an axis sweeps single values. A list parameter (rserver's Rs) is swept as one number for every
 *    member, its count from the form or the other axis where the catalog asks for one; a list per
 *    point is left to TRACKER formulas in cells.
 *
 * While the form is wrong, nothing is judged: the sweep itself then refuses, pointing at the form.
 */
import { axisPoints, describeParams, validate, ValidationError, type AnyModel, type ParamInfo } from "../../shared/index";

export type AxisSuggestion =
  | { kind: "range"; from: number; to: number; steps: number; scale: "linear" | "log" }
  | { kind: "values"; values: readonly (number | string)[] };

export interface AxisChoice {
  name: string;
  /** Whether a sweep of it can work with the form's other values. */
  works: boolean;
  /** The catalog's reason when it cannot. */
  why?: string;
  suggestion: AxisSuggestion;
}

/** Whole numbers an integer axis starts with: ten from its lowest. */
const integerSpan = 10;

/** The catalog's first complaint about these parameters, or undefined when it takes them. */
function refusal(model: AnyModel, params: Record<string, unknown>): string | undefined {
  try {
    validate(model.name, params);
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return error.errors[0]?.message ?? error.message;
    return (error as Error).message;
  }
}

/** The number an axis is centred on: the form's value, else the parameter's default, else the model's example. */
function currentNumber(model: AnyModel, p: ParamInfo, raw: Readonly<Record<string, unknown>>): number | undefined {
  const example = model.example.params as Record<string, unknown>;
  return [raw[p.name], p.default, example[p.name]].find((v): v is number => typeof v === "number" && Number.isFinite(v));
}

function round6(x: number): number {
  return Number(x.toPrecision(6));
}

/** The starting range from the metadata alone (no values tried): what every rule below narrows. */
function plainSuggestion(model: AnyModel, p: ParamInfo, raw: Readonly<Record<string, unknown>>): AxisSuggestion {
  if (p.type === "choice") return { kind: "values", values: [...(p.values ?? [])] };
  if (p.type === "integer") {
    const from = Math.max(p.min ?? 1, 1);
    const to = Math.min(p.max ?? Number.POSITIVE_INFINITY, from + integerSpan - 1);
    return { kind: "range", from, to, steps: to - from + 1, scale: "linear" };
  }
  if (p.probability) return { kind: "range", from: 0.9, to: 0.9999, steps: 20, scale: "linear" };
  const current = currentNumber(model, p, raw);
  if (current !== undefined && current > 0) {
    // A decade either side, inside the rule: an inclusive lower bound above 0 (N ≥ 1) clips the start.
    let from = round6(current / 10);
    if (p.min !== undefined && p.min > 0 && !p.minExclusive && from < p.min) from = p.min;
    const to = round6(p.max !== undefined ? Math.min(current * 10, p.max) : current * 10);
    if (to > from) return { kind: "range", from, to, steps: 21, scale: "log" };
  }
  const from = p.min !== undefined && !p.minExclusive ? p.min : current !== undefined && current > 0 ? current : 1;
  return { kind: "range", from, to: from + 10, steps: 11, scale: "linear" };
}

/**
 * The points a suggestion sweeps, as the sweep tool spaces them (evenly, or at a constant ratio on a
 * log scale; whole numbers rounded): a list's values, else every point of the range.
 */
function probes(p: ParamInfo, s: AxisSuggestion): (number | string)[] {
  if (s.kind === "values") return [...s.values];
  const points = axisPoints(s.from, s.to, s.steps, s.scale);
  return p.type === "integer" ? [...new Set(points.map(Math.round))] : points;
}

/** The longest run of neighbouring points that work, as a range of the same spacing: [from, to] narrowed, steps fewer. */
function narrowed(s: Extract<AxisSuggestion, { kind: "range" }>, points: readonly number[], works: readonly boolean[]): AxisSuggestion {
  let best: [number, number] = [0, -1];
  for (let i = 0; i < points.length; i++) {
    if (!works[i]) continue;
    let j = i;
    while (j + 1 < points.length && works[j + 1]) j++;
    if (j - i > best[1] - best[0]) best = [i, j];
    i = j;
  }
  const [i, j] = best;
  if (j < i) return s;
  return { ...s, from: round6(points[i]!), to: round6(points[j]!), steps: j - i + 1 };
}

/** The other axis: its parameter, and the values it sweeps (as suggested for it alone when not given). */
export interface OtherAxis {
  name: string;
  suggestion?: AxisSuggestion;
}

/** The most points of the other axis tried with each value of this one: its ends and evenly between. */
const otherProbes = 5;

function spread<T>(xs: readonly T[], k: number): T[] {
  if (xs.length <= k) return [...xs];
  return [...new Set(Array.from({ length: k }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (k - 1))]!))];
}

/**
 * Every parameter of the model as a candidate for an axis, with the form's raw values (`raw`, as
 * parseTextParams gives them) and the other axis (swept too: a value of this one works when it works
 * with every value tried of the other, so the grid of the two has no cell the catalog refuses, and a
 * pair such as Rs and n sweeps together). The other axis's own parameter is not a candidate.
 */
export function axisChoices(model: AnyModel, raw: Readonly<Record<string, unknown>>, other?: string | OtherAxis): AxisChoice[] {
  const params = describeParams(model);
  const otherAxis = typeof other === "string" ? { name: other } : other;
  const otherInfo = otherAxis && params.find((p) => p.name === otherAxis.name);
  const swept = (name: string) => [name, ...(otherInfo ? [otherInfo.name] : [])];
  const held = (names: readonly string[]) => Object.fromEntries(Object.entries(raw).filter(([k]) => !names.includes(k)));
  // A form the catalog refuses cannot be swept at all (the sweep says so): no axis is judged on it.
  const formError = refusal(model, raw) !== undefined;
  const otherValues = otherInfo ? spread(probes(otherInfo, otherAxis!.suggestion ?? plainSuggestion(model, otherInfo, raw)), otherProbes) : [];
  return params
    .filter((p) => p.name !== otherInfo?.name)
    .map((p) => {
      const plain = plainSuggestion(model, p, raw);
      if (formError) return { name: p.name, works: true, suggestion: plain };
      const base = held(swept(p.name));
      let why: string | undefined;
      const works = (v: number | string) => {
        const tries = otherInfo ? otherValues.map((w) => ({ ...base, [p.name]: v, [otherInfo.name]: w })) : [{ ...base, [p.name]: v }];
        for (const t of tries) {
          const no = refusal(model, t);
          if (no !== undefined) {
            why ??= no;
            return false;
          }
        }
        return true;
      };
      const points = probes(p, plain);
      const working = points.map(works);
      const good = points.filter((_, i) => working[i]);
      // A list keeps the values that work; a range its longest stretch of them, so that no point of the sweep is refused.
      const suggestion: AxisSuggestion =
        plain.kind === "values" ? (good.length > 0 ? { kind: "values", values: good } : plain) : narrowed(plain, points as number[], working);
      const sweeps = good.length >= 2 && (suggestion.kind === "values" || (suggestion.steps >= 2 && suggestion.to > suggestion.from));
      return sweeps ? { name: p.name, works: true, suggestion } : { name: p.name, works: false, why: why ?? `no value of ${p.name} works`, suggestion };
    });
}

/** The choice for one parameter, or undefined when the model has no such parameter (or it is the other axis's). */
export function axisChoice(model: AnyModel, raw: Readonly<Record<string, unknown>>, name: string, other?: string | OtherAxis): AxisChoice | undefined {
  return axisChoices(model, raw, other).find((c) => c.name === name);
}
