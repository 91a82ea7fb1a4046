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

/** Run every chunk of the plan on `threads` workers (one per core when left out). */
export function runPlanInParallel(plan: SimulationPlan, threads = availableParallelism()): Promise<ParallelRun> {
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be a whole number ≥ 1, got ${threads}`);
  const total = plan.chunkEvents.length;
  const count = Math.max(1, Math.min(threads, total));
  const code = workerCode();
  return new Promise((resolve, reject) => {
    const chunks: ChunkResult[] = new Array(total);
    const busyMs = new Array<number>(count).fill(0);
    const workers: Worker[] = [];
    /** Workers this runner stopped itself: any other exit is a worker lost with its chunk. */
    const stopped = new Set<Worker>();
    let dealt = 0;
    let done = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const worker of workers) {
        stopped.add(worker);
        void worker.terminate();
      }
      reject(error);
    };
    for (let w = 0; w < count; w++) {
      const worker = new Worker(code, { eval: true });
      workers.push(worker);
      worker.on("message", (reply: WorkerReply) => {
        if (failed) return;
        if (reply.error !== undefined || reply.chunk === undefined) {
          fail(new Error(`simulation worker failed: ${reply.error ?? "it answered without a chunk"}`));
          return;
        }
        chunks[reply.chunk.index] = reply.chunk;
        busyMs[w]! += reply.busyMs!;
        done++;
        if (dealt < total) worker.postMessage({ index: dealt++ });
        else {
          stopped.add(worker);
          void worker.terminate();
        }
        if (done < total) return;
        try {
          resolve({ result: summarize(plan, chunks), chunks, busyMs });
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
        }
      });
      worker.once("error", fail);
      worker.once("messageerror", fail);
      // A worker that exits before it answers (killed, or out of memory) would leave its chunk, and this promise, waiting for ever.
      worker.once("exit", (exitCode) => {
        if (!stopped.has(worker)) fail(new Error(`simulation worker stopped (exit code ${exitCode}) before its chunks were done`));
      });
      worker.postMessage({ plan, index: dealt++ });
    }
  });
}
