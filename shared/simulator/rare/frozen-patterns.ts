/**
 * Rare failures under queued failover, by stratifying over which replicas are down: the slow
 * process's law is known exactly, the fast one is simulated, each in its own stratum.
 *
 * With queued failover a lookup turned away joins the next replica's queue, so the replicas left
 * up carry the load of those down, in bursts: their blocking has no closed form to weigh a
 * lookup by. But the failures and repairs are slow (hours) and the queues fast (h/µ, a fraction of
 * a second), so within a pattern x of unavailable replicas the queues reach their steady state, and
 *
 *   q = Σ_x π(x)·f(x),
 *
 * π(x) the probability of pattern x, exact: the replicas are independent, each down with
 * probability MTTR/(MTTF + MTTR) whatever the distributions of its periods; f(x) the chance a
 * lookup fails while x holds, measured by the crude engine with x frozen (no failures, the
 * unavailable replicas held down). Patterns equal up to a rotation of the client's cyclic order
 * have the same f, so one run serves each rotation class; the all-down class fails for certain.
 * The budget is shared evenly among the classes run. The strata are independent, so
 * se(q̂)² = Σ (size·π·se(f̂))², each se by batch means over its run, never below the binomial
 * error of its lookup count (a class that saw no failure still has one, as wide as its rule of three).
 *
 * What a crude run over the whole process adds beyond this: lookups whose attempts straddle a
 * change of pattern (their timeouts against the repair times, a fraction window/MTTR of them).
 */
import { availabilityOf } from "../../numerics";
import type { Duration } from "../distributions";
import { duration } from "../distributions";
import { runChunk, type ChunkResult, type EngineConfig } from "../engine";
import type { SimulationPlan } from "../plan";
import { batchMeans } from "../stats";

/** Replicas up to which the rotation classes are enumerated (36 classes for 8). */
export const MAX_FROZEN_REPLICAS = 8;
/** A mean time no run reaches, whose exponential draws stay finite. */
const FOREVER = 1e300;
/** Events a class's run takes at least. */
const MIN_CLASS_EVENTS = 1000;
/** Streams of frozen-pattern runs, apart from the crude engine's and the other rare-event forms'. */
const STREAM_OFFSET = 2 << 20;

/** A rotation class of down-patterns: its smallest rotation as a bit mask, how many patterns it holds, each one's probability. */
export interface PatternClass {
  mask: number;
  down: number;
  size: number;
  probability: number;
}

/** Every rotation class of R replicas, each down with probability u, the most probable first. */
export function patternClasses(replicas: number, u: number): PatternClass[] {
  const full = (1 << replicas) - 1;
  const rotate = (m: number) => ((m << 1) | (m >> (replicas - 1))) & full;
  const classes = new Map<number, PatternClass>();
  for (let mask = 0; mask <= full; mask++) {
    let smallest = mask;
    for (let r = 1, m = rotate(mask); r < replicas; r++, m = rotate(m)) smallest = Math.min(smallest, m);
    let down = 0;
    for (let b = 0; b < replicas; b++) if (mask & (1 << b)) down++;
    const known = classes.get(smallest);
    if (known) known.size++;
    // u^d·(1 − u)^(R − d), in logarithms so that 64-fold products of small u do not lose range.
    else classes.set(smallest, { mask: smallest, down, size: 1, probability: Math.exp(down * Math.log(u) + (replicas - down) * Math.log1p(-u)) });
  }
  return [...classes.values()].sort((a, b) => b.size * b.probability - a.size * a.probability || a.mask - b.mask);
}

/** The engine with a pattern frozen: no replica fails, those in the mask are held down for the whole run. */
function frozenConfig(plan: SimulationPlan, mask: number, events: number): EngineConfig {
  const e = plan.engine;
  const never: Duration = duration("exponential", FOREVER);
  const down = Array.from({ length: e.replicas }, (_, u) => u).filter((u) => mask & (1 << u));
  return {
    ...e,
    groups: 1,
    hopsMean: 1,
    lookupRate: (e.lookupRate * e.hopsMean) / e.groups,
    lifetime: never,
    repair: duration("exponential", 1),
    // A domain down from the start (down with probability MTTR/(MTTF + MTTR) = 1) that never ends.
    outages: down.length > 0 ? [{ mttf: Number.MIN_VALUE, mttr: FOREVER, units: down }] : [],
    // The plan's warm-up covers every hop; a frozen node is one of them.
    warmup: e.warmup / Math.ceil(e.hopsMean),
    events,
  };
}

export interface ClassRun {
  mask: number;
  down: number;
  size: number;
  probability: number;
  lookups: number;
  failures: number;
  /** The failure rate's batch-means standard error within the class's run (the queues' own correlation). */
  batchError: number;
  events: number;
  /** The warm-up (the lookups' timeouts before their last attempt) was cut short by the budget. */
  warmupShort: boolean;
}

/** One class's run: one chunk of the engine with its pattern frozen, the queues' correlation by batch means. */
function runClass(plan: SimulationPlan, c: PatternClass, classIndex: number, events: number): ClassRun {
  const config = frozenConfig(plan, c.mask, events);
  const chunk: ChunkResult = runChunk(config, plan.params.seed, STREAM_OFFSET + classIndex);
  const failures = chunk.batchLookups.map((n, i) => n - chunk.batchSuccesses[i]!);
  const batches = batchMeans([{ numerators: failures, denominators: chunk.batchLookups, spans: chunk.batchSpan }]);
  return {
    ...c,
    lookups: chunk.lookups,
    failures: chunk.lookups - chunk.successes,
    batchError: batches.standardError,
    events: chunk.events + chunk.warmupEvents,
    warmupShort: chunk.warmupTime < config.warmup,
  };
}

/**
 * A class's failure probability and its standard error: batch means, floored at the binomial error
 * of its lookups at a rate of at least 3.2/n, so that a class that saw no failure still reaches, at
 * 2.576 standard errors, the 99% one-sided bound of 4.6/n that no failure in n lookups leaves.
 */
function classEstimate(run: Pick<ClassRun, "down" | "lookups" | "failures" | "batchError">, replicas: number): { f: number; se: number } {
  if (run.down === replicas) return { f: 1, se: 0 };
  const n = run.lookups;
  const f = n > 0 ? run.failures / n : 0;
  const binomial = n > 0 ? Math.sqrt((Math.max(f, 3.2 / n) * (1 - f)) / n) : 1;
  return { f, se: Math.max(run.batchError, binomial) };
}

export interface FrozenRun {
  classes: ClassRun[];
  work: number;
}

/** Every class of the node's patterns, the budget shared evenly among those simulated (the all-down class needs no run). */
export function frozenPatterns(plan: SimulationPlan, budget: number): FrozenRun {
  const e = plan.engine;
  const classes = patternClasses(e.replicas, availabilityOf(e.lifetime.mean, e.repair.mean).q);
  const simulated = classes.filter((c) => c.down < e.replicas);
  const each = Math.max(MIN_CLASS_EVENTS, Math.floor(budget / Math.max(simulated.length, 1)));
  const runs = simulated.map((c, i) => runClass(plan, c, i, each));
  const allDown = classes.filter((c) => c.down === e.replicas).map((c) => ({ ...c, lookups: 0, failures: 0, batchError: 0, events: 0, warmupShort: false }));
  return { classes: [...runs, ...allDown], work: runs.reduce((s, r) => s + r.events, 0) };
}

/** q̂ = Σ size·π·f̂ and its standard error over the independent strata. */
export function frozenEstimate(run: FrozenRun, replicas: number): { q: number; se: number } {
  let q = 0;
  let variance = 0;
  for (const c of run.classes) {
    const { f, se } = classEstimate(c, replicas);
    // The patterns of a class share one run, so their errors add up linearly within it.
    const weight = c.size * c.probability;
    q += weight * f;
    variance += (weight * se) ** 2;
  }
  return { q, se: Math.sqrt(variance) };
}
