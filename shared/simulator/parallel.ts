/**
 * Running a plan's chunks on worker threads (Node only; the catalog tool runs them in its own
 * thread, so this module is not part of what the browser and the function bundles import). The
 * worker's code is worker.ts bundled once per process with esbuild (a development dependency, as
 * this runner is for local runs: tests, benchmarks, scripts).
 *
 * Chunks are dealt round-robin to the workers, each runs its share one after another, and the
 * results are put back in chunk order before merging: the same numbers as a serial run, to the bit.
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
  chunks?: ChunkResult[];
  busyMs?: number;
  error?: string;
}

let workerSource: string | undefined;

/** worker.ts and the engine as one CommonJS script, built on first use. */
function workerCode(): string {
  workerSource ??= buildSync({
    entryPoints: [fileURLToPath(new URL("./worker.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "cjs",
    write: false,
    logLevel: "silent",
  }).outputFiles[0]!.text;
  return workerSource;
}

function runOnWorker(plan: SimulationPlan, indices: number[]): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerCode(), { eval: true });
    worker.once("message", (reply: WorkerReply) => {
      void worker.terminate();
      if (reply.error !== undefined) reject(new Error(`simulation worker failed: ${reply.error}`));
      else resolve(reply);
    });
    worker.once("error", (error) => {
      void worker.terminate();
      reject(error);
    });
    worker.postMessage({ plan, indices });
  });
}

/** Run every chunk of the plan on `threads` workers (one per core when left out). */
export async function runPlanInParallel(plan: SimulationPlan, threads = availableParallelism()): Promise<ParallelRun> {
  const workers = Math.max(1, Math.min(threads, plan.chunkEvents.length));
  const shares: number[][] = Array.from({ length: workers }, () => []);
  for (let index = 0; index < plan.chunkEvents.length; index++) shares[index % workers]!.push(index);
  const replies = await Promise.all(shares.map((indices) => runOnWorker(plan, indices)));
  const byIndex = new Map<number, ChunkResult>();
  for (const reply of replies) for (const chunk of reply.chunks!) byIndex.set(chunk.index, chunk);
  const chunks = plan.chunkEvents.map((_, index) => byIndex.get(index)!);
  return { result: summarize(plan, chunks), chunks, busyMs: replies.map((r) => r.busyMs!) };
}
