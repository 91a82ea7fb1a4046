/**
 * The worker thread's script (bundled to dist/functions/worker.cjs beside main.cjs): one task at a
 * time from the pool, one reply each. The pool gives a thread one task at a time, so a long run here
 * blocks nobody but this thread, and the pool can terminate it when its time is up.
 */
import { parentPort } from "node:worker_threads";
import { computeTool, type ToolTask } from "./compute";

parentPort?.on("message", (message: { id: number; task: ToolTask }) => {
  parentPort!.postMessage({ id: message.id, reply: computeTool(message.task) });
});
// Loaded: the pool counts this thread as ready from here.
parentPort?.postMessage({ ready: true });
