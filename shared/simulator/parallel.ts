/**
 * Running a plan's chunks on worker threads (Node only; the catalog tool runs them in its own
 * thread, so this module is not part of what the browser and the function bundles import). The
 * worker's code is worker.ts bundled once per process with esbuild (a development dependency, as
 * this runner is for local runs: tests, benchmarks, scripts).
 *
 * Chunks are dealt as workers come free: each worker gets the plan and a first chunk, and the next
 * chunk whenever it answers, so a worker on a slower or busier core simply runs fewer of them. The
 * results are put back in chunk order before merging: the same numbers as a serial run, to the bit,
 * whichever worker ran which chunk.
 *
 * Workers outlive a run: once its chunks are done they wait, unreferenced (they do not keep the
 * process alive), for the next run, which finds the engine already compiled. A new worker's first
 * chunk runs 1.5–2× slower while V8 compiles the engine, and starting it takes 3–4% of a 2-second
 * run (measured, issue 15): a script that simulates again and again pays both once.
 * `closeSimulationWorkers` ends the waiting ones.
 */
import { buildSync } from "esbuild";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ChunkResult } from "./engine";
import type { SimulationPlan } from "./plan";
import { summarize, type SimulationResult } from "./summary";

export interface ParallelRun {
  result: SimulationResult;
  chunks: ChunkResult[];
  /** Milliseconds each worker spent simulating (its start-up excluded). */
  busyMs: number[];
}

interface WorkerReply {
  chunk?: ChunkResult;
  busyMs?: number;
  error?: string;
}

let workerSource: string | undefined;

/** How the engine is bundled for a worker or a child process: one CommonJS script, kept in memory. */
export const NODE_SCRIPT_BUILD = { bundle: true, platform: "node", format: "cjs", write: false, logLevel: "silent" } as const;

/** worker.ts and the engine as one CommonJS script, built on first use. */
function workerCode(): string {
  workerSource ??= buildSync({ entryPoints: [fileURLToPath(new URL("./worker.ts", import.meta.url))], ...NODE_SCRIPT_BUILD }).outputFiles[0]!.text;
  return workerSource;
}

/** Workers between runs, compiled and waiting. One that exits while it waits leaves the list. */
const waiting: Worker[] = [];

/** A waiting worker, or a new one; referenced while a run holds it. */
function takeWorker(): Worker {
  const worker = waiting.pop();
  if (worker) {
    worker.ref();
    return worker;
  }
  const fresh = new Worker(workerCode(), { eval: true });
  fresh.on("exit", () => {
    const at = waiting.indexOf(fresh);
    if (at >= 0) waiting.splice(at, 1);
  });
  return fresh;
}

/** A worker whose run ended well waits for the next one, up to one per core; any more are ended. */
function releaseWorker(worker: Worker): void {
  if (waiting.length >= availableParallelism()) {
    void worker.terminate();
    return;
  }
  worker.unref();
  waiting.push(worker);
}

/** How many workers wait between runs. */
export function waitingSimulationWorkers(): number {
  return waiting.length;
}

/** End the workers waiting between runs (a long-lived process that has finished simulating). */
export async function closeSimulationWorkers(): Promise<void> {
  await Promise.all(waiting.splice(0).map((worker) => worker.terminate()));
}

/** Run every chunk of the plan on `threads` workers (one per core when left out). */
export function runPlanInParallel(plan: SimulationPlan, threads = availableParallelism()): Promise<ParallelRun> {
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be a whole number ≥ 1, got ${threads}`);
  const total = plan.chunkEvents.length;
  const count = Math.max(1, Math.min(threads, total));
  return new Promise((resolve, reject) => {
    const chunks: ChunkResult[] = new Array(total);
    const busyMs = new Array<number>(count).fill(0);
    /** The workers this run holds: a worker it has given back may already serve another run. */
    const held = new Set<Worker>();
    const detach: Array<() => void> = [];
    let dealt = 0;
    let finished = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      // A worker of a failed run may be mid-chunk or broken: none of them waits for another run.
      for (const off of detach) off();
      for (const worker of held) void worker.terminate();
      reject(error);
    };
    for (let w = 0; w < count; w++) {
      const worker = takeWorker();
      held.add(worker);
      const onMessage = (reply: WorkerReply) => {
        if (failed) return;
        if (reply.error !== undefined || reply.chunk === undefined) {
          fail(new Error(`simulation worker failed: ${reply.error ?? "it answered without a chunk"}`));
          return;
        }
        chunks[reply.chunk.index] = reply.chunk;
        busyMs[w]! += reply.busyMs!;
        if (dealt < total) {
          worker.postMessage({ index: dealt++ });
          return;
        }
        detach[w]!();
        held.delete(worker);
        releaseWorker(worker);
        if (++finished < count) return;
        try {
          resolve({ result: summarize(plan, chunks), chunks, busyMs });
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
        }
      };
      // A worker that exits before it answers (killed, or out of memory) would leave its chunk, and this promise, waiting for ever.
      const onExit = (exitCode: number) => fail(new Error(`simulation worker stopped (exit code ${exitCode}) before its chunks were done`));
      worker.on("message", onMessage);
      worker.on("error", fail);
      worker.on("messageerror", fail);
      worker.on("exit", onExit);
      detach.push(() => {
        worker.off("message", onMessage);
        worker.off("error", fail);
        worker.off("messageerror", fail);
        worker.off("exit", onExit);
      });
      worker.postMessage({ plan, index: dealt++ });
    }
  });
}
