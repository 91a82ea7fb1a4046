/**
 * The summary of a run: its chunks merged (stats.ts) into the simulated success rate with its
 * intervals, set beside the formula's value, with the scenario's departures from the paper's
 * assumptions and notes on what the run could not measure.
 */
import { nines } from "../numerics";
import { SECONDS_PER_HOUR } from "../models/units";
import { MAX_LOOKUPS_IN_FLIGHT, type ChunkResult } from "./engine";
import type { FailureCycle, SimulationPlan } from "./plan";
import { mergeChunks, TUNING, type Interval, type MergedStatistics } from "./stats";

export interface SimulationResult {
  design: string;
  /** Estimated probability a lookup succeeds. */
  value: number;
  /** Estimated probability it fails, from the failure count. */
  unreliability: number;
  nines: number;
  interval95: Interval;
  interval99: Interval;
  /** Half the width of the 95% interval: the run's resolution. */
  halfWidth95: number;
  /**
   * How the estimate was made: `crude` plays every lookup and counts the failures; `importance`
   * is the rare-event estimator (shared/simulator/rare), which plays the failures and repairs
   * under a change of measure and weighs each lookup by its probability of failing.
   */
  method: "crude" | "importance";
  /** The estimator in a few words, e.g. "crude Monte Carlo, batch means" or "balanced failure biasing, regenerative cycles". */
  estimator: string;
  /** The unreliability's own intervals, computed directly (not as 1 − the value's). */
  unreliabilityInterval95: Interval;
  unreliabilityInterval99: Interval;
  /** Half the 95% interval of the unreliability over the unreliability; null when the estimate is 0. */
  relativeHalfWidth95: number | null;
  /**
   * What the run's evidence is worth in independent samples: crude, the independent lookups that
   * would give the same standard error, Q(1 − Q)/se²; importance, (Σw)²/Σw² over the weighted cycles.
   */
  effectiveSampleSize: number;
  /** False when a note says the interval should not be trusted (too few failures, cycles or effective samples). */
  trusted: boolean;
  lookups: number;
  successes: number;
  /** Lookups left out because they had not finished when the run's event cap stopped it. */
  unfinished: number;
  /** Mean time from a lookup's arrival to its last answer, successful lookups only. */
  meanLatency: number | null;
  meanLatencyInterval95: Interval | null;
  /** Of the answered hops, the share answered on the client's 1st, 2nd, … attempt. */
  servedByAttempt: number[];
  /** Events simulated, warm-up included. */
  events: number;
  warmupEvents: number;
  simulatedHours: number;
  failuresSeen: number;
  /** Outages of the failure domains seen while counting: common-mode outages of whole nodes, and sites'. */
  outagesSeen: number;
  batches: number;
  seed: number;
  chunks: number;
  analytic: {
    model: string;
    value: number;
    unreliability: number;
    nines: number;
    params: Record<string, unknown>;
    /** Load ρ of one tracker node, as the model derives it (and the simulation offers it). */
    rho: number;
    /** Nodes a lookup visits: 1 for servers, the model's k for a DHT. */
    hops: number;
    inside95: boolean;
    inside99: boolean;
    /** (analytic − simulated) unreliability: > 0 means the formula is pessimistic, < 0 optimistic. */
    unreliabilityGap: number;
  };
  /** Where this scenario leaves the paper's assumptions (empty: inside them). */
  departures: string[];
  notes: string[];
}

/** Where the scenario leaves the paper's assumptions (the rare-event estimator reports them too). */
export function departuresOf(plan: SimulationPlan): string[] {
  const p = plan.params;
  const out: string[] = [];
  if (p.lifetime !== "exponential") out.push(`${p.lifetime} lifetimes (shape ${plan.engine.lifetime.shape})`);
  if (p.repair !== "exponential") out.push("fixed repair times");
  if (p.outageMttf !== undefined) out.push("common-mode outages (correlated failures)");
  if (p.failover === "queued") out.push("retried replicas join their queues (uneven load)");
  if (p.retries > 0) out.push(`${p.retries} client retr${p.retries === 1 ? "y" : "ies"}`);
  return out;
}

const seconds = (x: number) => `${x.toPrecision(2)} s`;

/** How the crude estimate was made, in a few words: how many batches, and what sized them. */
function estimatorOf(merged: MergedStatistics, chunks: number): string {
  const { batches, minBatchSpan: span } = merged;
  if (merged.successes === merged.lookups || merged.successes === 0) return "crude Monte Carlo, Wilson score interval (one outcome only: no batch means)";
  const what = `batch means over ${batches} batch${batches === 1 ? "" : "es"}`;
  if (span === 0) return `crude Monte Carlo, ${what} of lookups`;
  const sized =
    merged.correlationTime > 0 && TUNING.span * merged.correlationTime >= span
      ? `${TUNING.span} correlation times of the failures`
      : "a lookup's reach through its timeouts";
  if (merged.wholeChunks === chunks) return `crude Monte Carlo, ${what}, one a chunk (each shorter than two of ${sized}, ${seconds(span)})`;
  return `crude Monte Carlo, ${what} spanning ≥ ${sized} (${seconds(span)}) each`;
}

/**
 * The run is too short to tell: why, and what it would take. Each chunk must hold two batches of
 * the span asked, and the run MIN_BATCHES of them. Fewer chunks does not help (each chunk is one run
 * that starts afresh, so it is the events per chunk that must grow), but shorter failure times do.
 */
function tooShortNote(plan: SimulationPlan, merged: MergedStatistics, chunks: readonly ChunkResult[]): string {
  const chunkSpan = chunks.reduce((s, c) => s + c.batchSpan.reduce((a, x) => a + x, 0), 0) / Math.max(chunks.length, 1);
  const { batches, minBatchSpan: span, correlationTime: tau } = merged;
  const widened = `${batches} batch${batches === 1 ? "" : "es"} in all, fewer than ${TUNING.minBatches}, so the interval is ${batches < 2 ? "[0, 1]" : "widened (Student's t at half the miss rate)"} and not to be trusted`;
  if (span === 0 || chunkSpan === 0) return `the run is too short to tell: ${widened}; raise events`;
  const slowest = plan.cycles.find((c, i) => merged.cyclesThatMatter[i] && c.tau === tau);
  const byFailures = TUNING.span * tau >= span;
  const why = byFailures
    ? `failures stay correlated for about ${seconds(tau)} (the ${slowest?.what ?? "units"}' up/down cycle), so a batch of lookups must span ${TUNING.span} times that`
    : "a lookup's attempts, through their timeouts, reach that far past its arrival, so a batch of lookups must span as much";
  // Simulated time grows with events: ≥ 2 batches a chunk, and ≥ MIN_BATCHES in all. Batches are
  // whole runs of the engine's own, so a chunk holds a fraction of a batch less than its span
  // allows: half as much again, and always more than this run had.
  const needed = Math.max(1.5 * Math.max((2 * span) / chunkSpan, (TUNING.minBatches * span) / (chunkSpan * chunks.length)), 1.5);
  const events = Number((plan.params.events * needed).toPrecision(2));
  const times =
    slowest?.what === "sites"
      ? "siteMttf and siteMttr"
      : slowest?.what === "outages"
        ? "outageMttf and outageMttr"
        : "mttf and mttr (and any site or outage times)";
  const shorter = byFailures ? `, or divide ${times} by one factor (the availability and the formula stay the same)` : ", or lower timeout";
  return (
    `the run is too short to tell: ${why} (${seconds(span)}), but each of its ${chunks.length} chunk(s) spans about ${seconds(chunkSpan)}: ${widened}; ` +
    `raise events to about ${events} so that each chunk spans enough (fewer chunks does not help: each starts afresh)${shorter}`
  );
}

/** Chunks (in index order) → the result beside the formula. */
export function summarize(plan: SimulationPlan, chunks: readonly ChunkResult[]): SimulationResult {
  const merged = mergeChunks(chunks, plan);
  const a = plan.analytic;
  const unreliability = merged.failureRate;
  const inside = (interval: Interval) => a.value >= interval[0] && a.value <= interval[1];
  const notes: string[] = [];
  /** Whether the interval rests on something a note says it cannot measure. */
  let trusted = true;
  const matters = (what: FailureCycle["what"]) => plan.cycles.some((c, i) => c.what === what && merged.cyclesThatMatter[i]);
  const unitsWord = plan.params.design === "dsmu" ? "server" : "peer";
  if (merged.unitFailures < 30) {
    // Informational only when the failures could not move the estimate anyway (blocking alone).
    if (matters("units")) trusted = false;
    notes.push(
      `the run simulated ${(merged.simulatedTime / SECONDS_PER_HOUR).toPrecision(3)} h and saw ${merged.unitFailures} ${unitsWord} failure${merged.unitFailures === 1 ? "" : "s"}: ` +
        "too few to measure availability, so the interval reflects the queues more than MTTF/MTTR; divide mttf and mttr by the same factor (the availability stays the same) or raise events",
    );
  }
  if (plan.engine.outages.length > 0 && merged.outages < 30) {
    if (matters("outages") || matters("sites")) trusted = false;
    const kinds = [plan.params.outageMttf !== undefined && "whole nodes", plan.params.sites !== undefined && "sites"].filter(Boolean).join(" and ");
    const times = [plan.params.outageMttf !== undefined && "outageMttf and outageMttr", plan.params.sites !== undefined && "siteMttf and siteMttr"].filter(
      Boolean,
    );
    notes.push(
      `the run saw ${merged.outages} outage${merged.outages === 1 ? "" : "s"} of ${kinds}: too few to measure their share, so the interval barely reflects them; ` +
        `divide ${times.join(", and ")} by the same factor (the availability stays the same) or raise events`,
    );
  }
  if (merged.lookups > 0 && merged.successes === merged.lookups && (a.unreliability ?? 0) > 0) {
    trusted = false;
    notes.push(
      `no lookup failed in ${merged.lookups}: the run can only say the unreliability is below about ${(3 / Math.max(merged.lookups, 1)).toPrecision(2)}`,
    );
  }
  if (merged.tooShort) {
    trusted = false;
    notes.push(tooShortNote(plan, merged, chunks));
  }
  const warmupShort = chunks.filter((c) => c.warmupTime < plan.engine.warmup).length;
  if (warmupShort > 0) {
    notes.push(
      `the warm-up (${plan.engine.warmup.toPrecision(3)} s, the longest a lookup can take through its timeouts) was cut short by the event budget in ${warmupShort} chunk(s): ` +
        "the first lookups counted may see less load than in steady state; raise events or lower timeout",
    );
  }
  if (merged.unfinished > 0) {
    notes.push(
      `${merged.unfinished} counted lookup(s) were still waiting (on timeouts or a long queue) when the run stopped ` +
        `(it had spent as many events again finishing them, or more than ${MAX_LOOKUPS_IN_FLIGHT} lookups were in flight at once): ` +
        "they are left out of the estimate, which leaves out the slowest lookups; lower timeout, retries or λ/µ, or raise events",
    );
  }
  const hops = plan.engine.hopsMean;
  if (plan.params.design === "pdhta" && hops !== Math.floor(hops)) {
    notes.push(`k = ${hops.toPrecision(4)}: each simulated lookup takes ${Math.floor(hops)} or ${Math.ceil(hops)} hops with that mean`);
  }
  return {
    design: plan.params.design,
    value: merged.successRate,
    unreliability,
    nines: nines(unreliability),
    interval95: merged.interval95,
    interval99: merged.interval99,
    halfWidth95: (merged.interval95[1] - merged.interval95[0]) / 2,
    method: "crude",
    estimator: estimatorOf(merged, chunks.length),
    unreliabilityInterval95: merged.unreliabilityInterval95,
    unreliabilityInterval99: merged.unreliabilityInterval99,
    relativeHalfWidth95: unreliability > 0 ? (merged.unreliabilityInterval95[1] - merged.unreliabilityInterval95[0]) / 2 / unreliability : null,
    effectiveSampleSize: merged.effectiveSampleSize,
    trusted,
    lookups: merged.lookups,
    successes: merged.successes,
    unfinished: merged.unfinished,
    meanLatency: merged.meanLatency,
    meanLatencyInterval95: merged.meanLatencyInterval95,
    servedByAttempt: (() => {
      const answered = merged.servedByAttempt.reduce((s, x) => s + x, 0);
      return merged.servedByAttempt.map((x) => (answered > 0 ? x / answered : 0));
    })(),
    events: merged.events + merged.warmupEvents,
    warmupEvents: merged.warmupEvents,
    simulatedHours: merged.simulatedTime / SECONDS_PER_HOUR,
    failuresSeen: merged.unitFailures,
    outagesSeen: merged.outages,
    batches: merged.batches,
    seed: plan.params.seed,
    chunks: chunks.length,
    analytic: {
      model: a.model,
      value: a.value,
      unreliability: a.unreliability!,
      nines: a.nines!,
      params: a.params,
      rho: a.rho as number,
      hops: plan.engine.hopsMean,
      inside95: inside(merged.interval95),
      inside99: inside(merged.interval99),
      unreliabilityGap: a.unreliability! - unreliability,
    },
    departures: departuresOf(plan),
    notes,
  };
}
