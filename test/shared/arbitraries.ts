/**
 * fast-check arbitraries for any model's valid parameters, built from describeParams so that new
 * models and parameters are covered without touching the tests. Values span the whole valid range,
 * with the edges planners and floating point care about drawn on purpose: the bounds, subnormals,
 * 1e-300, 1 ± 1e-12, the doubles next to 0 and 1, and huge magnitudes.
 */
import fc from "fast-check";
import { describeParams, evaluate, ValidationError, type AnyModel, type ParamInfo } from "../../shared/index";

/** A fixed seed: property failures reproduce exactly, and CI never flakes. */
export const SEED = 20261124;

const interestingReals = [
  0,
  Number.MIN_VALUE,
  2.2250738585072014e-308,
  1e-300,
  1e-100,
  1e-18,
  1e-12,
  1e-6,
  1e-3,
  0.5,
  0.9,
  0.99,
  0.999999999999,
  1 - 2 ** -53,
  1,
  1 + 2 ** -52,
  1 - 1e-12,
  1 + 1e-12,
  1.5,
  2,
  10,
  1e3,
  1e6,
  1e9,
  1e12,
  1e15,
  1e100,
  1e300,
  Number.MAX_VALUE,
];

function inRange(p: ParamInfo, x: number): boolean {
  if (p.min !== undefined && (p.minExclusive ? x <= p.min : x < p.min)) return false;
  if (p.max !== undefined && x > p.max) return false;
  return p.type !== "integer" || Number.isInteger(x);
}

/** Any valid value of one parameter; for a list parameter, one value or a list of a few. */
export function validValueOf(p: ParamInfo): fc.Arbitrary<number | string | number[]> {
  if (p.list) {
    const member = validValueOf({ ...p, list: false }) as fc.Arbitrary<number>;
    return fc.oneof(member, fc.array(member, { minLength: 1, maxLength: 12 }));
  }
  if (p.type === "choice") return fc.constantFrom(...(p.values ?? []));
  const min = p.min ?? -Number.MAX_VALUE;
  const max = p.max ?? Number.MAX_VALUE;
  const edges = [...interestingReals, min, max, Math.floor(max / 2)].filter((x) => Number.isFinite(x) && inRange(p, x));
  if (p.type === "integer") {
    const wide = fc.integer({ min: Math.ceil(min), max: Math.min(max, 2 ** 31 - 1) });
    const small = fc.integer({ min: Math.ceil(min), max: Math.min(max, Math.ceil(min) + 20) });
    return fc.oneof(fc.constantFrom(...edges), small, wide);
  }
  const anyDouble = fc.double({ min, max, minExcluded: p.minExclusive === true, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(fc.constantFrom(...edges), anyDouble);
}

/** Valid parameters of a model: required ones always, optional ones sometimes. */
export function paramsOf(model: AnyModel): fc.Arbitrary<Record<string, number | string | number[]>> {
  const params = describeParams(model);
  const shape = Object.fromEntries(params.map((p) => [p.name, validValueOf(p)]));
  const requiredKeys = params.filter((p) => !p.optional).map((p) => p.name);
  return fc.record(shape, { requiredKeys }) as fc.Arbitrary<Record<string, number | string | number[]>>;
}

/**
 * evaluate() for drawn parameters. Rules across fields (b only for pastry and kademlia, say) can
 * reject a draw; the optional parameters they name are then left out and the rest evaluated, so
 * that nearly every draw is used; parameters in `keep` are never left out. Returns undefined when
 * that still does not satisfy them.
 */
export function evaluateDrawn(
  model: AnyModel,
  params: Record<string, number | string | number[]>,
  keep: readonly string[] = [],
): Record<string, unknown> | undefined {
  try {
    return evaluate(model.name, params) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof ValidationError) || error.errors.some((e) => e.path === "")) throw error;
    const optional = new Set(
      describeParams(model)
        .filter((p) => p.optional)
        .map((p) => p.name),
    );
    // A rule may name a parameter the draw left out ("siteMttf is required with sites"): the
    // optional parameters its words mention go too, so a group drawn in part is dropped whole.
    const mentioned = (message: string) => [...optional].filter((name) => new RegExp(`\\b${name}\\b`).test(message));
    const named = [...new Set(error.errors.flatMap((e) => [e.path, ...mentioned(e.message)]))];
    if (!named.every((name) => optional.has(name) && !keep.includes(name))) return undefined;
    const kept = Object.fromEntries(Object.entries(params).filter(([name]) => !named.includes(name)));
    try {
      return evaluate(model.name, kept) as Record<string, unknown>;
    } catch (again) {
      if (again instanceof ValidationError && again.errors.every((e) => e.path !== "")) return undefined;
      throw again;
    }
  }
}
