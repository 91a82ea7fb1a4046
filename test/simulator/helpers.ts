import { evaluate } from "../../shared/index";
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
