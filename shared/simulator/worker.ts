/**
 * Worker-thread entry for parallel runs (Node only). parallel.ts bundles this file with esbuild
 * into plain JavaScript before starting workers, so a worker loads only the engine and starts in
 * milliseconds, with no TypeScript loader.
 *
 * The plan comes once; then chunk numbers, one at a time, each answered with its chunk's result and
 * the milliseconds it took, so that the runner hands the next chunk to whichever worker is free.
 */
import { parentPort } from "node:worker_threads";
import { runPlanChunk } from "./chunk";
import type { SimulationPlan } from "./plan";

let plan: SimulationPlan | undefined;

parentPort!.on("message", (message: { plan?: SimulationPlan; index?: number }) => {
  try {
    if (message.plan !== undefined) plan = message.plan;
    if (message.index === undefined) return;
    const started = performance.now();
    const chunk = runPlanChunk(plan!, message.index);
    parentPort!.postMessage({ chunk, busyMs: performance.now() - started });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
