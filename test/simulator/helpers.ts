import { expect } from "vitest";
import { evaluate, ValidationError } from "../../shared/index";
import type { SimulationResult } from "../../shared/simulator/summary";

export function simulate(params: Record<string, unknown>): SimulationResult {
  return evaluate("simulate", params) as SimulationResult;
}

/**
 * Time compression: the same availability with mttf and mttr both divided by `factor`, so that a
 * run of a few million events sees hundreds of failures. The queues still settle in a small
 * fraction of an up period (each case says by how much).
 */
export function compressed(params: Record<string, unknown>, factor: number, mttfKey = "mttf", mttrKey = "mttr"): Record<string, unknown> {
  return { ...params, [mttfKey]: (params[mttfKey] as number) / factor, [mttrKey]: (params[mttrKey] as number) / factor };
}

/** The field errors a simulate call is refused with; fails the test if it is not refused. */
export function errorsOf(params: unknown) {
  try {
    evaluate("simulate", params);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
  throw new Error("expected a ValidationError");
}
