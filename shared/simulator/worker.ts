/**
 * Worker-thread entry for parallel runs (Node only). parallel.ts bundles this file with esbuild
 * into plain JavaScript before starting workers, so a worker loads only the engine and starts in
 * milliseconds, with no TypeScript loader.
 */
import { parentPort } from "node:worker_threads";
import { runPlanChunk } from "./chunk";
import type { SimulationPlan } from "./plan";

parentPort!.on("message", ({ plan, indices }: { plan: SimulationPlan; indices: number[] }) => {
  try {
    const started = performance.now();
    const chunks = indices.map((index) => runPlanChunk(plan, index));
    parentPort!.postMessage({ chunks, busyMs: performance.now() - started });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
