/**
 * Running a plan in this thread: chunk after chunk. Parallel runs (worker threads, or separate
 * function instances) run the same chunks elsewhere and hand their results to `summarize`.
 */
import { runPlanChunk } from "./chunk";
import type { SimulationPlan } from "./plan";
import { summarize, type SimulationResult } from "./summary";

export { runPlanChunk };

export function runPlanSerially(plan: SimulationPlan): SimulationResult {
  const chunks = plan.chunkEvents.map((_, index) => runPlanChunk(plan, index));
  return summarize(plan, chunks);
}
