/**
 * Running a plan in this thread: chunk after chunk. Parallel runs (worker threads, or separate
 * function instances) run the same chunks elsewhere and hand their results to `summarize`.
 */
import { runChunk, type ChunkResult } from "./engine";
import { chunkConfig, summarize, type SimulationPlan, type SimulationResult } from "./scenario";

/** One chunk of a plan: its own seeded stream (seed, index), its share of the events. */
export function runPlanChunk(plan: SimulationPlan, index: number): ChunkResult {
  return runChunk(chunkConfig(plan, index), plan.params.seed, index);
}

export function runPlanSerially(plan: SimulationPlan): SimulationResult {
  const chunks = plan.chunkEvents.map((_, index) => runPlanChunk(plan, index));
  return summarize(plan, chunks);
}
