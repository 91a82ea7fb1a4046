/**
 * A rare-event run: the node's unreliability q by one of the three estimators (method.ts), chunk by
 * chunk on independent seeded streams, merged in chunk order; then the lookup's unreliability
 * from q (dsmu: a lookup visits its one node; pdhta: k independent nodes), with intervals computed
 * on the unreliability itself.
 */
import { complement, nines, prob, seriesPower } from "../../numerics";
import { SECONDS_PER_HOUR } from "../../models/units";
import { chunkConfig } from "../chunk";
import type { SimulationPlan } from "../plan";
import { Random } from "../random";
import { normalQuantile, type Interval } from "../stats";
import { departuresOf, type SimulationResult } from "../summary";
import { type CycleSums, mergeCycles } from "./cycles";
import { biasedCycles, biasFor } from "./failure-biasing";
import { frozenEstimate, frozenPatterns } from "./frozen-patterns";
import { unitFactor } from "./independent-units";
import type { RareNode } from "./method";

/** What a chunk of a rare-event run measured: plain data, like engine.ts's ChunkResult. */
export interface RareChunk {
  index: number;
  /** One set of cycle sums per factor: R replica positions (independent), or the one chain (biased). */
  factors: CycleSums[];
  work: number;
  failures: number;
  simulatedTime: number;
  cyclesReachingFailure: number;
  cut: boolean;
}

/** Streams of rare-event chunks, apart from the crude engine's (seed, index). */
const STREAM_OFFSET = 1 << 20;

export function runRareChunk(plan: SimulationPlan, node: RareNode, index: number): RareChunk {
  const random = new Random(plan.params.seed, STREAM_OFFSET + index);
  const budget = plan.chunkEvents[index]!;
  if (node.form === "biased") {
    const run = biasedCycles(node.chain, node.schedule, node.blocking, random, budget, undefined, biasFor(node.depth));
    return {
      index,
      factors: [run.sums],
      work: run.work,
      failures: run.failures,
      simulatedTime: run.simulatedTime,
      cyclesReachingFailure: run.cyclesReachingFailure,
      cut: run.cut,
    };
  }
  const { lifetime, repair } = chunkConfig(plan, index);
  const { replicas, passes, offsets } = node.schedule;
  const chunk: RareChunk = { index, factors: [], work: 0, failures: 0, simulatedTime: 0, cyclesReachingFailure: 0, cut: false };
  for (let j = 0; j < replicas; j++) {
    const own = Float64Array.from({ length: passes }, (_, p) => offsets[p * replicas + j]!);
    const run = unitFactor(lifetime, repair, own, node.blocking, random, Math.max(1, Math.floor(budget / replicas)));
    chunk.factors.push(run.sums);
    chunk.work += run.work;
    chunk.failures += run.failures;
    chunk.simulatedTime += run.simulatedTime;
    chunk.cut ||= run.cut;
  }
  return chunk;
}

/** The node's unreliability with its intervals, and what the run that measured it says of itself. */
interface NodeOutcome {
  q: number;
  interval95: Interval;
  interval99: Interval;
  effectiveSampleSize: number;
  /** Whether the estimate's spread was measured at all (at least two cycles in every factor). */
  spreadKnown: boolean;
  estimator: string;
  work: number;
  failures: number;
  simulatedTime: number;
  notes: string[];
  trusted: boolean;
  detail: RareEventDetail;
}

const z95 = normalQuantile(0.975);
const z99 = normalQuantile(0.995);

/** Effective cycles below which a note says the interval is not to be trusted. */
export const MIN_EFFECTIVE_CYCLES = 30;

export interface RareEventDetail {
  /** independent: conditional Monte Carlo over independent replicas; biased: balanced failure biasing; frozen: patterns of replicas down. */
  form: RareNode["form"];
  /** The node's unreliability: every attempt at one node fails. */
  nodeUnreliability: number;
  /** Regenerative cycles simulated, over all factors (frozen: 0). */
  cycles: number;
  /** Frozen form: the rotation classes of patterns weighed (the all-down one included). */
  strata: number | null;
  /** Biased form: the failure probability the biasing makes, and the depth of the rare set it reaches for. */
  bias: number | null;
  depth: number | null;
  /** Biased form: cycles in which every replica was unavailable at once. */
  cyclesReachingFailure: number | null;
  /** The likelihood ratio's mean over the cycles, which is 1 for an exact change of measure, with its standard error (1 and 0 without one). */
  likelihoodRatioMean: number;
  likelihoodRatioError: number;
  likelihoodRatioMax: number;
  /** Cycles whose weight reached the cap and went on under the original law. */
  weightCapped: number;
}

const NOT_PLAYED = "lookups are not played, so latency is not measured (method crude measures it)";

/** Independent and biased forms: cycles from every chunk, merged in chunk order. */
function outcomeOfCycles(node: RareNode, chunks: readonly RareChunk[]): NodeOutcome {
  const factors = chunks[0]!.factors.map((_, f) => mergeCycles(chunks.map((c) => c.factors[f]!)));
  const cycles = factors.reduce((s, f) => s + f.cycles, 0);
  const weights = factors[0]!;
  const notes: string[] = [];
  let q: number;
  let at: (z: number) => Interval;
  let ess: number;
  const biased = node.form === "biased";
  const depth = biased ? node.depth : null;
  if (biased) {
    q = weights.value;
    at = (z) => [Math.max(0, q - z * weights.standardError), q + z * weights.standardError];
    ess = weights.effectiveCycles;
    notes.push(
      `importance sampling: the replicas' and their domains' failures and repairs played under balanced failure biasing (useful failures made with probability ${biasFor(depth!).toFixed(2)}), each lookup weighed by its chance of failing; ${NOT_PLAYED}`,
    );
  } else {
    // A product of independent factors: its relative variance is Π(1 + v_j) − 1; the interval is
    // taken on the log scale, where the product's error is a sum of the factors'.
    q = 1;
    let logVariance = 0;
    for (const f of factors) {
      q *= f.value;
      logVariance += Math.log1p(f.value > 0 ? (f.standardError / f.value) ** 2 : Infinity);
    }
    const spread = Math.sqrt(logVariance);
    at = (z) => (q > 0 ? [q * Math.exp(-z * spread), q * Math.exp(z * spread)] : [0, 0]);
    ess = factors.length > 0 ? Math.min(...factors.map((f) => f.effectiveCycles)) : 0;
    notes.push(
      `importance sampling: the replicas fail independently, so a lookup's failure at a node is a product of ${node.replicas} per-replica factors, each measured over ${Math.round(cycles / node.replicas)} up-and-down cycles; ${NOT_PLAYED}`,
    );
  }
  let trusted = true;
  if (cycles === 0 || ess < MIN_EFFECTIVE_CYCLES) {
    trusted = false;
    notes.push(
      `the estimate rests on ${ess.toPrecision(3)} effective cycles (at least ${MIN_EFFECTIVE_CYCLES} are needed): too few to trust the interval; raise events`,
    );
  }
  if (chunks.some((c) => c.cut)) {
    trusted = false;
    notes.push(
      "a cycle did not finish within twice its chunk's budget (a long excursion among failures, or attempts spread over more periods than the budget can draw) and was left out: raise events; if it persists, failures are not rare here (method crude)",
    );
  }
  if (biased && cycles > 0 && weights.weightMeanError > 0 && Math.abs(weights.weightMean - 1) > 4 * weights.weightMeanError) {
    trusted = false;
    notes.push(
      `the likelihood ratio averaged ${weights.weightMean.toPrecision(4)} ± ${weights.weightMeanError.toPrecision(2)} over the cycles, not 1: the weights are too uneven to trust; raise events`,
    );
  }
  if (weights.weightCapped > 0)
    notes.push(
      `${weights.weightCapped} cycle(s) reached the weight cap and went on under the original law (exact, but a sign that the biasing is strong here)`,
    );
  return {
    q,
    interval95: at(z95),
    interval99: at(z99),
    effectiveSampleSize: ess,
    spreadKnown: factors.every((f) => f.cycles >= 2),
    estimator: biased ? "balanced failure biasing on regenerative cycles" : "conditional Monte Carlo over independent replicas, regenerative cycles",
    work: chunks.reduce((s, c) => s + c.work, 0),
    failures: chunks.reduce((s, c) => s + c.failures, 0),
    simulatedTime: chunks.reduce((s, c) => s + c.simulatedTime, 0),
    notes,
    trusted,
    detail: {
      form: node.form,
      nodeUnreliability: q,
      cycles,
      strata: null,
      bias: depth === null ? null : biasFor(depth),
      depth,
      cyclesReachingFailure: biased ? chunks.reduce((s, c) => s + c.cyclesReachingFailure, 0) : null,
      likelihoodRatioMean: weights.weightMean,
      likelihoodRatioError: weights.weightMeanError,
      likelihoodRatioMax: weights.weightMax,
      weightCapped: weights.weightCapped,
    },
  };
}

/** Frozen form: every rotation class of patterns, the whole budget at once (each class's warm-up is paid once). */
function outcomeOfPatterns(plan: SimulationPlan, node: RareNode): NodeOutcome {
  const run = frozenPatterns(plan, plan.params.events);
  const { q, se } = frozenEstimate(run, node.replicas);
  const at = (z: number): Interval => [Math.max(0, q - z * se), q + z * se];
  const lookups = run.classes.reduce((s, c) => s + c.lookups, 0);
  const notes = [
    `importance sampling: with queued failover each of the ${run.classes.length} patterns of replicas down (up to rotation) is weighed by its exact probability, its queues simulated with the pattern frozen over ${lookups} lookups in all; ${NOT_PLAYED}`,
  ];
  let trusted = true;
  const short = run.classes.filter((c) => c.warmupShort).length;
  if (short > 0) {
    trusted = false;
    notes.push(
      `the warm-up (the longest a lookup can take through its timeouts, when failover load arrives) was cut short by the budget in ${short} pattern(s): their queues may carry less failover load than in steady state; raise events`,
    );
  }
  const ess = se > 0 ? (q * (1 - q)) / (se * se) : lookups;
  if (q > 0 && se > q / 2) {
    trusted = false;
    notes.push(`the estimate's standard error is ${(se / q).toPrecision(2)} of it: too uncertain to trust; raise events`);
  }
  return {
    q,
    interval95: at(z95),
    interval99: at(z99),
    effectiveSampleSize: ess,
    spreadKnown: true,
    estimator: "patterns of replicas down weighed exactly, queues simulated frozen",
    work: run.work,
    failures: 0,
    simulatedTime: 0,
    notes,
    trusted,
    detail: {
      form: node.form,
      nodeUnreliability: q,
      cycles: 0,
      strata: run.classes.length,
      bias: null,
      depth: null,
      cyclesReachingFailure: null,
      likelihoodRatioMean: 1,
      likelihoodRatioError: 0,
      likelihoodRatioMax: 1,
      weightCapped: 0,
    },
  };
}

/**
 * The lookup's unreliability from its nodes': one node for servers; for a DHT, K independent nodes
 * in series (numerics' seriesPower), a fractional k a mix of ⌊k⌋ and ⌈k⌉ hops as the engine draws them.
 */
function lookupUnreliability(q: number, hops: number): number {
  const whole = Math.floor(hops);
  const extra = hops - whole;
  const over = (k: number) => seriesPower(complement(prob(q)), k).q;
  return extra > 0 ? (1 - extra) * over(whole) + extra * over(whole + 1) : over(whole);
}

export type RareResult = SimulationResult & { rareEvent: RareEventDetail };

function lookupResult(plan: SimulationPlan, outcome: NodeOutcome, chunks: number, extraNotes: readonly string[]): RareResult {
  const a = plan.analytic;
  const hops = plan.engine.hopsMean;
  const unreliability = lookupUnreliability(Math.min(outcome.q, 1), hops);
  // A probability's interval stays within [0, 1]; one that rests on nothing (no contribution, or a
  // single cycle, whose spread is unknown) is all of it.
  const clamp = (x: number) => Math.min(Math.max(x, 0), 1);
  const map = (i: Interval): Interval =>
    outcome.q > 0 && outcome.spreadKnown && Number.isFinite(i[0]) && Number.isFinite(i[1])
      ? [lookupUnreliability(clamp(i[0]), hops), lookupUnreliability(clamp(i[1]), hops)]
      : [0, 1];
  const q95 = map(outcome.interval95);
  const q99 = map(outcome.interval99);
  const formulaQ = a.unreliability!;
  const inside = (i: Interval) => formulaQ >= i[0] && formulaQ <= i[1];
  return {
    design: plan.params.design,
    value: 1 - unreliability,
    unreliability,
    nines: nines(unreliability),
    interval95: [1 - q95[1], 1 - q95[0]],
    interval99: [1 - q99[1], 1 - q99[0]],
    halfWidth95: (q95[1] - q95[0]) / 2,
    method: "importance",
    estimator: outcome.estimator,
    unreliabilityInterval95: q95,
    unreliabilityInterval99: q99,
    relativeHalfWidth95: unreliability > 0 ? (q95[1] - q95[0]) / 2 / unreliability : null,
    effectiveSampleSize: outcome.effectiveSampleSize,
    trusted: outcome.trusted,
    lookups: 0,
    successes: 0,
    unfinished: 0,
    meanLatency: null,
    meanLatencyInterval95: null,
    servedByAttempt: [],
    events: outcome.work,
    warmupEvents: 0,
    simulatedHours: outcome.simulatedTime / SECONDS_PER_HOUR,
    failuresSeen: outcome.failures,
    outagesSeen: 0,
    batches: outcome.detail.cycles,
    seed: plan.params.seed,
    chunks,
    analytic: {
      model: a.model,
      value: a.value,
      unreliability: formulaQ,
      nines: a.nines!,
      params: a.params,
      rho: a.rho as number,
      hops,
      inside95: inside(q95),
      inside99: inside(q99),
      unreliabilityGap: formulaQ - unreliability,
    },
    departures: departuresOf(plan),
    notes: [...extraNotes, ...outcome.notes],
    rareEvent: outcome.detail,
  };
}

/** Chunks of the independent or biased form (in index order) → the result beside the formula. */
export function summarizeRare(plan: SimulationPlan, node: RareNode, chunks: readonly RareChunk[], extraNotes: readonly string[] = []): RareResult {
  return lookupResult(plan, outcomeOfCycles(node, chunks), chunks.length, extraNotes);
}

export function runRareSerially(plan: SimulationPlan, node: RareNode, notes: readonly string[] = []): RareResult {
  if (node.form === "frozen") return lookupResult(plan, outcomeOfPatterns(plan, node), 1, notes);
  const chunks = plan.chunkEvents.map((_, index) => runRareChunk(plan, node, index));
  return summarizeRare(plan, node, chunks, notes);
}
