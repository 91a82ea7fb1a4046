/**
 * From a planner's parameters to a simulation plan and back to a result beside the formula.
 *
 * The parameters name the design the formula calls it (`dsmu`: n servers, eq. (1) over eq. (4);
 * `pdhta`: churning peers in a DHT, eq. (2) over eq. (3)) and take the same quantities as those
 * catalog models, so the analytic comparator is the catalog's own value for the same input, and the
 * load ρ and path length k the simulation uses are the ones that model derives.
 */
import { z } from "zod";
import { ValidationError } from "../catalog/errors";
import { choice, real, whole } from "../catalog/params";
import type { FieldError, ModelResult } from "../catalog/types";
import { validateParams } from "../catalog/validate";
import { dsmu } from "../models/designs/dsmu";
import { pdhta } from "../models/designs/pdhta";
import { SECONDS_PER_HOUR } from "../models/units";
import { dhtAlgorithms } from "../models/path-length";
import { lifetimeFamilies, repairFamilies } from "./distributions";
import { MAX_LOOKUPS_IN_FLIGHT, type ChunkResult, type EngineConfig } from "./engine";
import { mergeChunks, type Interval } from "./stats";

/** The most events one request may ask for (the library's cap; surfaces may set lower ones). */
export const MAX_EVENTS = 5e7;
/** What a run costs when events is left out: a fraction of a second, fit for a spreadsheet cell. */
export const DEFAULT_EVENTS = 400_000;
export const MAX_CHUNKS = 256;
const MIN_EVENTS_PER_CHUNK = 1000;
/** Batches each chunk keeps for batch means (it ends with between this and twice this many). */
const BATCHES_PER_CHUNK = 32;
/** Queue slots the engine may allocate: units × h. */
const MAX_QUEUE_SLOTS = 4_000_000;
const MAX_SIMULATED_HOPS = 200;

const designs = ["dsmu", "pdhta"] as const;

/** Per-design defaults, the same as the catalog models' own. */
const designDefaults = {
  dsmu: { mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400 },
  pdhta: { mttf: 2, mttr: 0.125, mu: 10, h: 20, lambda: 50 },
} as const;

const shapeDefaults = { weibull: 0.5, lognormal: 1 } as const;

const forDesign = (dsmuValue: number, pdhtaValue: number) => `leave out for the design's default (dsmu ${dsmuValue}, pdhta ${pdhtaValue})`;

export const simulationParams = z
  .strictObject({
    design: choice({
      description: "dsmu: n replicated servers (eq. 1 over eq. 4); pdhta: peers as DHT tracker nodes (eq. 2 over eq. 3)",
      values: designs,
      default: "dsmu",
    }),
    n: whole({ description: "dsmu: servers listed for the object, tried in the client's order (BEP 12)", min: 1, max: 64, optional: true }),
    m: whole({ description: "pdhta: peers backing each DHT tracker node (replicas per hop)", min: 1, max: 64, optional: true }),
    mttf: real({
      description: `mean time to failure: a server's MTTF, or a peer's session time; ${forDesign(720, 2)}`,
      unit: "h",
      min: 0,
      minExclusive: true,
      max: 1e6,
      optional: true,
    }),
    mttr: real({
      description: `mean time to repair: a server's repair, or the DHT's replacement of a lost entry; ${forDesign(2, 0.125)}`,
      unit: "h",
      min: 0,
      minExclusive: true,
      max: 1e6,
      optional: true,
    }),
    mu: real({
      description: `lookups one tracker node answers per second; ${forDesign(1000, 10)}`,
      unit: "lookups/s",
      min: 0,
      minExclusive: true,
      max: 1e9,
      optional: true,
    }),
    h: whole({ description: `lookups one tracker node holds at once (M/M/1/h); ${forDesign(100, 20)}`, min: 1, max: 1000, optional: true }),
    lambda: real({
      description: `lookup rate offered to the whole tracker; ${forDesign(2400, 50)}`,
      unit: "lookups/s",
      min: 0,
      minExclusive: true,
      max: 1e9,
      optional: true,
    }),
    N: real({ description: "pdhta: peer population (100,000 when left out)", unit: "peers", min: 2, max: 1e12, optional: true }),
    algorithm: choice({ description: "pdhta: DHT routing that sets the path length k(N)", values: dhtAlgorithms, optional: true }),
    k: real({
      description: "pdhta: path length override (a fraction is a chance of one more hop)",
      unit: "hops",
      min: 1,
      max: MAX_SIMULATED_HOPS,
      optional: true,
    }),
    rho: real({ description: "pdhta: per-peer load override; leave out for ρ = λ·k/(N·µ)", min: 0, minExclusive: true, max: 1e3, optional: true }),
    lifetime: choice({
      description: "distribution of up periods (sessions), all with mean mttf; measured P2P sessions are Weibull with shape below 1",
      values: lifetimeFamilies,
      default: "exponential",
    }),
    shape: real({ description: "Weibull shape k (0.5 when left out) or log-normal σ of ln T (1 when left out)", min: 0.1, max: 10, optional: true }),
    repair: choice({
      description: "distribution of repair times, mean mttr: exponential, or fixed (a maintenance period)",
      values: repairFamilies,
      default: "exponential",
    }),
    outageMttf: real({
      description: "common-mode outages that take all replicas of a node down at once: mean time between them",
      unit: "h",
      min: 0,
      minExclusive: true,
      max: 1e6,
      optional: true,
    }),
    outageMttr: real({ description: "mean duration of a common-mode outage", unit: "h", min: 0, minExclusive: true, max: 1e6, optional: true }),
    failover: choice({
      description:
        "a retried replica: paper (only needs to be up with room, so every node keeps an even share of the load) or queued (joins its queue, as real clients do)",
      values: ["paper", "queued"],
      default: "paper",
    }),
    retries: whole({ description: "passes through the replica list after the first one fails (the paper: none)", min: 0, max: 10, default: 0 }),
    timeout: real({ description: "wait before the client gives up on one attempt (BEP 15: 15 s)", unit: "s", min: 0, max: 1e5, default: 15 }),
    backoff: choice({
      description: "timeouts of later passes: doubling (BEP 15: 15·2^n s) or constant",
      values: ["doubling", "constant"],
      default: "doubling",
    }),
    rtt: real({ description: "network round trip of an answered attempt", unit: "ms", min: 0, max: 1e6, default: 0 }),
    events: whole({
      description: "events to simulate, the cost of the run (the interval narrows as 1/√events)",
      min: MIN_EVENTS_PER_CHUNK,
      max: MAX_EVENTS,
      default: DEFAULT_EVENTS,
    }),
    seed: whole({ description: "seed of the random streams: the same seed gives the same result", min: 0, max: 4294967295, default: 1 }),
    chunks: whole({
      description: "independent seeded parts of the run, each of at least 1000 events, that may run in parallel",
      min: 1,
      max: MAX_CHUNKS,
      default: 4,
    }),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message, input: (p as Record<string, unknown>)[path] });
    const onlyFor = p.design === "dsmu" ? (["m", "N", "algorithm", "k", "rho"] as const) : (["n"] as const);
    for (const key of onlyFor) {
      if (p[key] !== undefined) issue(key, `applies only to the ${p.design === "dsmu" ? "pdhta" : "dsmu"} design, not ${p.design}`);
    }
    if (p.shape !== undefined && p.lifetime === "exponential") issue("shape", "applies only to a weibull or lognormal lifetime");
    if ((p.outageMttf === undefined) !== (p.outageMttr === undefined)) {
      const [missing, given] = p.outageMttf === undefined ? ["outageMttf", "outageMttr"] : ["outageMttr", "outageMttf"];
      issue(missing, `is required with ${given}: a common-mode outage needs both its mean time between outages and its mean duration`);
    }
    if (p.events < p.chunks * MIN_EVENTS_PER_CHUNK)
      issue("events", `must be at least ${MIN_EVENTS_PER_CHUNK} per chunk (${p.chunks * MIN_EVENTS_PER_CHUNK} for ${p.chunks} chunks)`);
  });

export type SimulationParams = z.output<typeof simulationParams>;

/** Everything the chunks need, plain data that can be posted to a worker. */
export interface SimulationPlan {
  params: SimulationParams;
  analytic: ModelResult & { model: string; params: Record<string, unknown> };
  engine: Omit<EngineConfig, "lifetime" | "repair" | "events"> & {
    lifetime: { family: SimulationParams["lifetime"]; mean: number; shape: number };
    repair: { family: SimulationParams["repair"]; mean: number };
  };
  /** Event budget of each chunk, in chunk order. */
  chunkEvents: number[];
}

const smallestPrimeAtLeast = (x: number) => {
  const isPrime = (n: number) => {
    for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
    return n >= 2;
  };
  let n = Math.ceil(x);
  while (!isPrime(n)) n++;
  return n;
};

/** The catalog model's value for the same input: the formula the simulation is checked against. */
function analyticFor(p: SimulationParams): SimulationPlan["analytic"] {
  const d = designDefaults[p.design];
  const common = { mu: p.mu ?? d.mu, h: p.h ?? d.h, lambda: p.lambda ?? d.lambda };
  const model = p.design === "dsmu" ? dsmu : pdhta;
  const params: Record<string, unknown> =
    p.design === "dsmu"
      ? { n: p.n ?? 3, mttf: p.mttf ?? d.mttf, mttr: p.mttr ?? d.mttr, ...common }
      : {
          m: p.m ?? 8,
          sessionTime: p.mttf ?? d.mttf,
          repairTime: p.mttr ?? d.mttr,
          N: p.N ?? 100_000,
          ...common,
          ...(p.algorithm !== undefined && { algorithm: p.algorithm }),
          ...(p.k !== undefined && { k: p.k }),
          ...(p.rho !== undefined && { rho: p.rho }),
        };
  const result = model.compute(validateParams(model, params) as never);
  return { model: model.name, params, ...result };
}

/**
 * Valid parameters (see simulationParams) → the plan: the design's model gives the analytic value,
 * the load and the path length; the budget is split over the chunks.
 */
export function planSimulation(p: SimulationParams): SimulationPlan {
  const analytic = analyticFor(p);
  const mu = analytic.params.mu as number;
  const h = analytic.params.h as number;
  const rho = analytic.rho as number;
  const errors: FieldError[] = [];
  let groups: number;
  let replicas: number;
  let hopsMean: number;
  let lookupRate: number;
  if (p.design === "dsmu") {
    groups = 1;
    replicas = analytic.params.n as number;
    hopsMean = 1;
    lookupRate = analytic.params.lambda as number;
  } else {
    hopsMean = analytic.k as number;
    replicas = analytic.params.m as number;
    if (!(hopsMean >= 1 && hopsMean <= MAX_SIMULATED_HOPS))
      errors.push({
        path: p.k !== undefined ? "k" : "N",
        message: `the path length k is ${hopsMean.toPrecision(3)} hops here; the simulator takes 1 to ${MAX_SIMULATED_HOPS}: give k, or another N or algorithm`,
      });
    // A sample of the DHT: a prime number of nodes, so a lookup's hops (a random start, a random
    // stride) visit distinct nodes, as they do among N peers; each peer carries the model's ρ.
    groups = smallestPrimeAtLeast(Math.max(31, 2 * Math.ceil(hopsMean) + 1));
    lookupRate = (rho * mu * groups * replicas) / hopsMean;
  }
  if (groups * replicas * h > MAX_QUEUE_SLOTS)
    errors.push({ path: "h", message: `h × replicas × simulated nodes is ${groups * replicas * h}, above the simulator's ${MAX_QUEUE_SLOTS}: lower h or m` });
  if (errors.length > 0) throw new ValidationError(errors);

  const mttf = (p.design === "dsmu" ? analytic.params.mttf : analytic.params.sessionTime) as number;
  const mttr = (p.design === "dsmu" ? analytic.params.mttr : analytic.params.repairTime) as number;
  const shape = p.lifetime === "exponential" ? 1 : (p.shape ?? shapeDefaults[p.lifetime]);
  const timeouts = Array.from({ length: p.retries + 1 }, (_, pass) => p.timeout * (p.backoff === "doubling" ? 2 ** pass : 1));
  // The longest a lookup can take to reach its last queue-loading attempt: each hop at worst times
  // out on every replica in every pass; with the paper's load only the first attempt of each hop
  // loads a queue, and one hop (the servers' single one) loads at once.
  const hopSpan = replicas * timeouts.reduce((sum, t) => sum + t, 0);
  const warmup = (p.failover === "queued" ? Math.ceil(hopsMean) : Math.ceil(hopsMean) - 1) * hopSpan;
  const base = Math.floor(p.events / p.chunks);
  const chunkEvents = Array.from({ length: p.chunks }, (_, i) => base + (i < p.events % p.chunks ? 1 : 0));
  return {
    params: p,
    analytic,
    engine: {
      groups,
      replicas,
      hopsMean,
      lookupRate,
      serviceRate: mu,
      capacity: h,
      lifetime: { family: p.lifetime, mean: mttf * SECONDS_PER_HOUR, shape },
      repair: { family: p.repair, mean: mttr * SECONDS_PER_HOUR },
      outage: p.outageMttf !== undefined ? { mttf: p.outageMttf * SECONDS_PER_HOUR, mttr: p.outageMttr! * SECONDS_PER_HOUR } : undefined,
      timeouts,
      rtt: p.rtt / 1000,
      retries: p.retries,
      failoverJoinsQueue: p.failover === "queued",
      warmup,
      batches: BATCHES_PER_CHUNK,
    },
    chunkEvents,
  };
}

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

function departuresOf(plan: SimulationPlan): string[] {
  const p = plan.params;
  const out: string[] = [];
  if (p.lifetime !== "exponential") out.push(`${p.lifetime} lifetimes (shape ${plan.engine.lifetime.shape})`);
  if (p.repair !== "exponential") out.push("fixed repair times");
  if (p.outageMttf !== undefined) out.push("common-mode outages (correlated failures)");
  if (p.failover === "queued") out.push("retried replicas join their queues (uneven load)");
  if (p.retries > 0) out.push(`${p.retries} client retr${p.retries === 1 ? "y" : "ies"}`);
  return out;
}

/** Chunks (in index order) → the result beside the formula. */
export function summarize(plan: SimulationPlan, chunks: readonly ChunkResult[]): SimulationResult {
  const merged = mergeChunks(chunks);
  const a = plan.analytic;
  const unreliability = merged.failureRate;
  const inside = (interval: Interval) => a.value >= interval[0] && a.value <= interval[1];
  const notes: string[] = [];
  const unitsWord = plan.params.design === "dsmu" ? "server" : "peer";
  if (merged.unitFailures < 30) {
    notes.push(
      `the run simulated ${(merged.simulatedTime / SECONDS_PER_HOUR).toPrecision(3)} h and saw ${merged.unitFailures} ${unitsWord} failure${merged.unitFailures === 1 ? "" : "s"}: ` +
        "too few to measure availability, so the interval reflects the queues more than MTTF/MTTR; divide mttf and mttr by the same factor (the availability stays the same) or raise events",
    );
  }
  if (merged.lookups > 0 && merged.successes === merged.lookups && (a.unreliability ?? 0) > 0) {
    notes.push(
      `no lookup failed in ${merged.lookups}: the run can only say the unreliability is below about ${(3 / Math.max(merged.lookups, 1)).toPrecision(2)}`,
    );
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
    nines: unreliability > 0 ? -Math.log10(unreliability) : Infinity,
    interval95: merged.interval95,
    interval99: merged.interval99,
    halfWidth95: (merged.interval95[1] - merged.interval95[0]) / 2,
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
