// Worker-thread entry for parallel runs (Node only). Plain JavaScript, because a worker starts
// outside any TypeScript loader: it registers tsx's loader first, then imports the engine itself.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runPlanChunk } = await import("./run.ts");

parentPort.on("message", ({ plan, indices }) => {
  try {
    const started = performance.now();
    const chunks = indices.map((index) => runPlanChunk(plan, index));
    parentPort.postMessage({ chunks, busyMs: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
