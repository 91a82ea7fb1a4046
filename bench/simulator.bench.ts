/**
 * Simulator benchmark (not a test): simulated events per second on one M/M/1/h tracker node that
 * fails and is repaired, this simulator against the same model in SimPy (scripts/simpy/), in the
 * same run on the same machine (interleaved, best of five each); then the speed-up of running chunks
 * on worker threads (warm: waiting from an earlier run, as parallel.ts keeps them; the first round,
 * every worker started afresh, is shown too), beside what the machine itself allows: two separate processes running one
 * chunk each at once against one alone (the ceiling, since nothing is shared between them but the
 * cores), interleaved with the worker runs so that all see the same machine.
 *
 *   npm run bench:sim            (installs Debian's python3-simpy when missing and allowed to)
 *
 * Events are the model's own in both: arrivals, service completions, failures and repairs. Each
 * figure is the best of several runs, since other work on the machine only ever slows a run down.
 */
import { execFileSync, fork, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { validate } from "../shared/index";
import { runChunk } from "../shared/simulator/engine";
import { closeSimulationWorkers, NODE_SCRIPT_BUILD, runPlanInParallel } from "../shared/simulator/parallel";
import { chunkConfig } from "../shared/simulator/chunk";
import { planSimulation, type SimulationPlan } from "../shared/simulator/plan";
import type { SimulationParams } from "../shared/simulator/scenario";

const PYTHON = "/usr/bin/python3";
const SIMPY_SCRIPT = fileURLToPath(new URL("../scripts/simpy/mm1h_failures.py", import.meta.url));
const node = { lambda: 90, mu: 100, h: 10, mttfSeconds: 100, mttrSeconds: 10 };
const SIMPY_EVENTS = 1_000_000;
const SINGLE_EVENTS = 10_000_000;
const PARALLEL_EVENTS = 48_000_000;
/** Chunks of the parallel plan per core: small enough that dealing them to free workers evens out the cores. */
const CHUNKS_PER_CORE = 16;
const REPEATS = 5;
const PARALLEL_REPEATS = 3;

function simpyAvailable(): boolean {
  return spawnSync(PYTHON, ["-c", "import SimPy.Simulation"], { stdio: "ignore" }).status === 0;
}

function ensureSimpy(): boolean {
  if (simpyAvailable()) return true;
  console.log("SimPy is missing: installing Debian's python3-simpy");
  const install = spawnSync("apt-get", ["install", "-y", "python3-simpy"], { stdio: "inherit" });
  if (install.status !== 0) spawnSync("sh", ["-c", "apt-get update && apt-get install -y python3-simpy"], { stdio: "inherit" });
  return simpyAvailable();
}

function runSimpy(seed: number) {
  const out = execFileSync(PYTHON, [
    SIMPY_SCRIPT,
    `--events=${SIMPY_EVENTS}`,
    `--seed=${seed}`,
    `--lambda=${node.lambda}`,
    `--mu=${node.mu}`,
    `--h=${node.h}`,
    `--mttf=${node.mttfSeconds}`,
    `--mttr=${node.mttrSeconds}`,
  ]).toString();
  return JSON.parse(out) as { events: number; seconds: number; events_per_second: number; events_per_cpu_second: number; success_rate: number };
}

function planFor(events: number, chunks: number) {
  return planSimulation(
    validate("simulate", {
      design: "dsmu",
      n: 1,
      lambda: node.lambda,
      mu: node.mu,
      h: node.h,
      mttf: node.mttfSeconds / 3600,
      mttr: node.mttrSeconds / 3600,
      events,
      chunks,
    }) as SimulationParams,
  );
}

const best = <T>(runs: T[], key: (t: T) => number) => runs.reduce((a, b) => (key(b) > key(a) ? b : a));

/**
 * A child process that runs chunks of a plan one after another, bundled like the workers' code
 * (plain JavaScript, the engine only) and started without the TypeScript loader; it reports their
 * events and the epoch milliseconds its simulating began and ended.
 */
function chunkProcessScript(directory: string): string {
  const file = join(directory, "chunk-process.cjs");
  const code = buildSync({
    stdin: {
      contents: `import { runPlanChunk } from "./chunk";
        process.once("message", ({ plan, indices }) => {
          const start = performance.timeOrigin + performance.now();
          let events = 0;
          for (const index of indices) {
            const chunk = runPlanChunk(plan, index);
            events += chunk.events + chunk.warmupEvents;
          }
          const end = performance.timeOrigin + performance.now();
          process.send({ events, start, end }, () => process.exit(0));
        });`,
      resolveDir: fileURLToPath(new URL("../shared/simulator/", import.meta.url)),
      loader: "ts",
    },
    ...NODE_SCRIPT_BUILD,
  }).outputFiles[0]!.text;
  writeFileSync(file, code);
  return file;
}

/**
 * Events per second of separate processes running their shares of a plan's chunks, all at once:
 * their events over the span of their simulating (start-up excluded, like the workers' busy time).
 */
async function processesAtOnce(script: string, plan: SimulationPlan, shares: number[][]): Promise<number> {
  const runs = await Promise.all(
    shares.map(
      (indices) =>
        new Promise<{ events: number; start: number; end: number }>((resolve, reject) => {
          const child = fork(script, [], { execArgv: [], serialization: "advanced" });
          child.once("message", (message) => resolve(message as { events: number; start: number; end: number }));
          child.once("error", reject);
          child.send({ plan, indices });
        }),
    ),
  );
  const span = Math.max(...runs.map((r) => r.end)) - Math.min(...runs.map((r) => r.start));
  return runs.reduce((sum, r) => sum + r.events, 0) / (span / 1000);
}
const rate = (x: number) => `${(x / 1e6).toFixed(2)} M events/s`;

async function main() {
  console.log(`M/M/1/h node with failures: λ = ${node.lambda}/s, µ = ${node.mu}/s, h = ${node.h}, MTTF ${node.mttfSeconds} s, MTTR ${node.mttrSeconds} s`);
  console.log(`cores: ${availableParallelism()}, Node ${process.version}\n`);

  // This simulator, one thread (the engine alone, as a worker or a function instance runs it), and
  // SimPy, interleaved so that both see the same machine; each keeps its best run.
  const single = planFor(SINGLE_EVENTS, 1);
  runChunk(chunkConfig(planFor(2_000_000, 1), 0), 99, 0); // warm the JIT
  const withSimpy = ensureSimpy();
  const ourRuns = [];
  const simpyRuns: ReturnType<typeof runSimpy>[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const chunk = runChunk(chunkConfig(single, 0), i + 1, 0);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const events = chunk.events + chunk.warmupEvents;
    ourRuns.push({
      events,
      seconds,
      perSecond: events / seconds,
      perCpuSecond: events / ((used.user + used.system) / 1e6),
      success: chunk.successes / chunk.lookups,
    });
    if (withSimpy) simpyRuns.push(runSimpy(i + 1));
  }
  const ours = best(ourRuns, (r) => r.perSecond);
  console.log(
    `this simulator, 1 thread: ${rate(ours.perSecond)} wall clock, ${rate(ours.perCpuSecond)} of CPU time (${ours.events} events in ${ours.seconds.toFixed(2)} s; success rate ${ours.success.toFixed(4)})`,
  );
  const simpy = withSimpy ? best(simpyRuns, (r) => r.events_per_second) : undefined;
  if (simpy) {
    console.log(
      `SimPy (Debian python3-simpy, /usr/bin/python3): ${rate(simpy.events_per_second)} wall clock, ${rate(simpy.events_per_cpu_second)} of CPU time (${simpy.events} events in ${simpy.seconds.toFixed(2)} s; success rate ${simpy.success_rate.toFixed(4)})`,
    );
    console.log(
      `ratio: ${(ours.perSecond / simpy.events_per_second).toFixed(1)}× SimPy's events per second wall clock, ${(ours.perCpuSecond / simpy.events_per_cpu_second).toFixed(1)}× per CPU second (goal ≥ 30×)`,
    );
  } else {
    console.log("SimPy could not be installed here: the comparison is skipped");
  }
  console.log(`analytic success rate of this node (eq. 3/4): ${single.analytic.value.toFixed(4)}\n`);

  // Worker threads: the same chunks dealt to 1, then to every core, interleaved with the machine's
  // ceiling: the same chunks in separate processes, one share per core (as the workers' share them)
  // all at once, against one process running them all. Nothing is shared between processes but the
  // cores. Wall time of the workers includes starting them; busy time, and the processes' time, is
  // the simulating alone. Each keeps its best run, as above.
  const cores = availableParallelism();
  const threadsToTry = [...new Set([1, cores])];
  const parallelPlan = planFor(PARALLEL_EVENTS, CHUNKS_PER_CORE * cores);
  const directory = mkdtempSync(join(tmpdir(), "bench-sim-"));
  const script = chunkProcessScript(directory);
  const runs: { threads: number; wall: number; busy: number; cold: boolean }[] = [];
  const alone: number[] = [];
  const atOnce: number[] = [];
  try {
    for (let i = 0; i < PARALLEL_REPEATS; i++) {
      for (const threads of threadsToTry) {
        // The first round starts its workers afresh; later rounds find them waiting, compiled, as a
        // script's second simulation does (parallel.ts keeps them between runs).
        const cold = i === 0;
        if (cold) await closeSimulationWorkers();
        const started = performance.now();
        const run = await runPlanInParallel(parallelPlan, threads);
        const wallSeconds = (performance.now() - started) / 1000;
        const events = run.result.events;
        runs.push({ threads, wall: events / wallSeconds, busy: events / (Math.max(...run.busyMs) / 1000), cold });
      }
      if (cores > 1) {
        const all = parallelPlan.chunkEvents.map((_, index) => index);
        alone.push(await processesAtOnce(script, parallelPlan, [all]));
        atOnce.push(
          await processesAtOnce(
            script,
            parallelPlan,
            Array.from({ length: cores }, (_, core) => all.filter((index) => index % cores === core)),
          ),
        );
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  await closeSimulationWorkers();
  const bestOf = (cold: boolean) =>
    threadsToTry.map((threads) =>
      best(
        runs.filter((r) => r.threads === threads && r.cold === cold),
        (r) => r.wall,
      ),
    );
  const perThreads = PARALLEL_REPEATS > 1 ? bestOf(false) : bestOf(true);
  const coldThreads = bestOf(true);
  for (const b of perThreads)
    console.log(
      `${b.threads} worker thread(s)${b.cold ? ", started afresh" : ", waiting from an earlier run"}: ${rate(b.wall)} wall clock, ${rate(b.busy)} counting only simulation`,
    );
  if (PARALLEL_REPEATS > 1 && coldThreads.length > 1)
    console.log(
      `the first round, every worker started afresh: ${coldThreads.map((b) => `${b.threads} thread(s) ${rate(b.wall)}`).join(", ")}, ${(coldThreads[coldThreads.length - 1]!.wall / coldThreads[0]!.wall).toFixed(2)}×`,
    );
  const ceiling = cores > 1 ? { alone: Math.max(...alone), atOnce: Math.max(...atOnce) } : undefined;
  if (perThreads.length > 1) {
    const [one, all] = [perThreads[0]!, perThreads[perThreads.length - 1]!];
    console.log(`speed-up with ${all.threads} threads: ${(all.wall / one.wall).toFixed(2)}× wall clock (goal ≥ 1.8×, ideal ${all.threads}×)`);
  }
  if (ceiling) {
    console.log(
      `the machine's ceiling, the same chunks in ${cores} separate processes at once: ${rate(ceiling.atOnce)} against ${rate(ceiling.alone)} in one process, ${(ceiling.atOnce / ceiling.alone).toFixed(2)}×`,
    );
  }
  console.log(
    "\n" +
      JSON.stringify({
        singleThreadEventsPerSecond: Math.round(ours.perSecond),
        singleThreadEventsPerCpuSecond: Math.round(ours.perCpuSecond),
        simpyEventsPerSecond: simpy ? Math.round(simpy.events_per_second) : null,
        simpyEventsPerCpuSecond: simpy ? Math.round(simpy.events_per_cpu_second) : null,
        ratio: simpy ? ours.perSecond / simpy.events_per_second : null,
        ratioCpu: simpy ? ours.perCpuSecond / simpy.events_per_cpu_second : null,
        workers: perThreads.map((p) => ({ threads: p.threads, eventsPerSecondWall: Math.round(p.wall), eventsPerSecondBusy: Math.round(p.busy) })),
        processCeiling: ceiling
          ? {
              processes: cores,
              eventsPerSecondAlone: Math.round(ceiling.alone),
              eventsPerSecondAtOnce: Math.round(ceiling.atOnce),
              speedUp: ceiling.atOnce / ceiling.alone,
            }
          : null,
      }),
  );
}

await main();
