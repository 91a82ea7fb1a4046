/**
 * One chunk of a plan, with nothing heavier than the engine: what a worker thread or a separate
 * function instance loads (no zod, no catalog), so that it starts in milliseconds.
 */
import { duration } from "./distributions";
import { runChunk, type ChunkResult, type EngineConfig } from "./engine";
import type { SimulationPlan } from "./plan";

/** The engine configuration of one chunk (durations are functions, so they are built where the chunk runs). */
export function chunkConfig(plan: SimulationPlan, index: number): EngineConfig {
  const e = plan.engine;
  return {
    ...e,
    lifetime: duration(e.lifetime.family, e.lifetime.mean, e.lifetime.shape),
    repair: duration(e.repair.family, e.repair.mean),
    events: plan.chunkEvents[index]!,
  };
}

/** One chunk of a plan: its own seeded stream (seed, index), its share of the events. */
export function runPlanChunk(plan: SimulationPlan, index: number): ChunkResult {
  return runChunk(chunkConfig(plan, index), plan.params.seed, index);
}
