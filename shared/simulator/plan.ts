/**
 * The plan of a run: valid parameters (scenario.ts) → the design's catalog model for the analytic
 * value, the load ρ and the path length k the simulation offers, and the engine's configuration
 * with the event budget split over the chunks. A plan is plain data, so it can be posted to a worker.
 */
import { ValidationError } from "../catalog/errors";
import type { FieldError, ModelResult } from "../catalog/types";
import { validateParams } from "../catalog/validate";
import { dsmu } from "../models/designs/dsmu";
import { pdhta } from "../models/designs/pdhta";
import { SECONDS_PER_HOUR } from "../models/units";
import { availabilityOf } from "../numerics";
import { secondMoment } from "./distributions";
import type { EngineConfig, OutageDomain } from "./engine";
import { designDefaults, MAX_SIMULATED_HOPS, shapeDefaults, type SimulationParams } from "./scenario";

/** Batches each chunk keeps for batch means (it ends with between this and twice this many). */
const BATCHES_PER_CHUNK = 32;
/** Queue slots the engine may allocate: units × h. */
const MAX_QUEUE_SLOTS = 4_000_000;

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
  /** The run's alternating up/down processes, one entry a kind (units, outages, sites): what sizes the batches. */
  cycles: FailureCycle[];
  /**
   * Seconds after its arrival over which a lookup's outcome may still depend on the state: every
   * hop's attempts through its timeouts, its queue (h/µ) and round trip. Two lookups that far apart
   * can see the same full queue or down server, so batches span at least this much.
   */
  lookupReach: number;
}

/**
 * One kind of alternating up/down process in a run (every unit, or every failure domain of one
 * kind, alike), as batch means need it (stats.ts): how long its state stays correlated, and how much
 * it can add to the variance of the failure rate.
 */
export interface FailureCycle {
  what: "units" | "outages" | "sites";
  /**
   * Correlation time of the up/down indicator, seconds: 1/(1/r_up + 1/r_down), r the mean residual
   * life E[X²]/(2E[X]) of each period, or the integrated correlation time σ²∞/(2·A·U) when that is
   * longer (heavy-tailed periods). For exponential periods both are 1/(1/MTTF + 1/MTTR).
   */
  tau: number;
  /**
   * At most what these processes add to the variance of the failure rate, in units of one lookup's
   * (compare with Q(1 − Q)), by the Efron–Stein inequality: λ·Σ s²·π·σ²∞ over the processes, with
   * s the share of lookups that visit the process's units, π the chance that such a lookup's outcome
   * hangs on it (the other replicas, or the other sites, all failing: from the formula) and σ²∞ the
   * variance rate of the time average of its up indicator, (m_up²·Var_down + m_down²·Var_up)/(m_up + m_down)³.
   */
  variance: number;
}

/** The correlation time and variance rate of one alternating process: up periods (mean, E[X²]), then down ones. */
function alternating(up: number, up2: number, down: number, down2: number): { tau: number; rate: number } {
  const cycle = up + down;
  const rate = (up * up * (down2 - down * down) + down * down * (up2 - up * up)) / cycle ** 3;
  const residual = 1 / ((2 * up) / up2 + (2 * down) / down2);
  const integrated = rate / ((2 * up * down) / (cycle * cycle));
  return { tau: Math.max(residual, integrated), rate };
}

function failureCycles(p: SimulationParams, e: SimulationPlan["engine"], a: SimulationPlan["analytic"]): FailureCycle[] {
  const dht = p.design === "pdhta";
  // Servers: every lookup visits the one node; a DHT: a lookup visits hops of the groups.
  const share = dht ? Math.min(1, e.hopsMean / e.groups) : 1;
  const number = (x: unknown, otherwise: number) => (typeof x === "number" && Number.isFinite(x) ? x : otherwise);
  // A unit decides a lookup only when the other replicas of its node fail too: π ≤ Q_node/q.
  const q = number(dht ? a.nodeUnreliability : a.serverUnreliability, 1);
  const nodeQ = number(dht ? a.hopUnreliability : a.unreliability, 1);
  const unitPivot = q > 0 ? Math.min(1, nodeQ / q) : 1;
  const units = e.groups * e.replicas;
  const unit = alternating(
    e.lifetime.mean,
    secondMoment(e.lifetime.family, e.lifetime.mean, e.lifetime.shape),
    e.repair.mean,
    secondMoment(e.repair.family, e.repair.mean),
  );
  const cycles: FailureCycle[] = [{ what: "units", tau: unit.tau, variance: e.lookupRate * units * share * share * unitPivot * unit.rate }];
  const domains = (what: "outages" | "sites", list: OutageDomain[], pivot: (domain: OutageDomain) => number) => {
    if (list.length === 0) return;
    const { mttf, mttr } = list[0]!;
    const d = alternating(mttf, 2 * mttf * mttf, mttr, 2 * mttr * mttr);
    const variance = list.reduce((sum, domain) => sum + share * share * pivot(domain) * d.rate, 0);
    cycles.push({ what, tau: d.tau, variance: e.lookupRate * variance });
  };
  const nodeOutages = p.outageMttf !== undefined ? e.groups : 0;
  // Common-mode outages are outside the formula: no bound on their pivot but 1.
  domains("outages", e.outages.slice(0, nodeOutages), () => 1);
  // A site decides a lookup only when the other sites fail: π ≤ Q/(U + A·q^{n_site}).
  const Q = number(a.unreliability, 1);
  domains("sites", e.outages.slice(nodeOutages), (site) => {
    const down = availabilityOf(site.mttf, site.mttr).q;
    const alone = down + (1 - down) * q ** site.units.length;
    return alone > 0 ? Math.min(1, Q / alone) : 1;
  });
  return cycles;
}

/**
 * The failure domains of a run: with outageMttf, each node's replicas (dsmu: all n servers); with
 * sites (dsmu), each site's servers, server i in site i mod sites, the placement the formula takes.
 */
function outageDomains(p: SimulationParams, groups: number, replicas: number): OutageDomain[] {
  const domains: OutageDomain[] = [];
  const hours = (h: number) => h * SECONDS_PER_HOUR;
  if (p.outageMttf !== undefined)
    for (let group = 0; group < groups; group++)
      domains.push({
        mttf: hours(p.outageMttf),
        mttr: hours(p.outageMttr!),
        units: Array.from({ length: replicas }, (_, replica) => group * replicas + replica),
      });
  if (p.sites !== undefined)
    for (let site = 0; site < p.sites; site++) {
      const units: number[] = [];
      for (let server = site; server < replicas; server += p.sites) units.push(server);
      domains.push({ mttf: hours(p.siteMttf!), mttr: hours(p.siteMttr!), units });
    }
  return domains;
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
      ? {
          n: p.n ?? designDefaults.dsmu.n,
          mttf: p.mttf ?? d.mttf,
          mttr: p.mttr ?? d.mttr,
          ...common,
          ...(p.sites !== undefined && { sites: p.sites, siteMttf: p.siteMttf, siteMttr: p.siteMttr }),
        }
      : {
          m: p.m ?? designDefaults.pdhta.m,
          sessionTime: p.mttf ?? d.mttf,
          repairTime: p.mttr ?? d.mttr,
          N: p.N ?? designDefaults.pdhta.N,
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
  const engine: SimulationPlan["engine"] = {
    groups,
    replicas,
    hopsMean,
    lookupRate,
    serviceRate: mu,
    capacity: h,
    lifetime: { family: p.lifetime, mean: mttf * SECONDS_PER_HOUR, shape },
    repair: { family: p.repair, mean: mttr * SECONDS_PER_HOUR },
    outages: outageDomains(p, groups, replicas),
    timeouts,
    rtt: p.rtt / 1000,
    retries: p.retries,
    failoverJoinsQueue: p.failover === "queued",
    warmup,
    batches: BATCHES_PER_CHUNK,
  };
  // Each hop's last attempt starts after the timeouts of all its others, then waits out a queue.
  const lookupReach = Math.ceil(hopsMean) * (hopSpan - timeouts[timeouts.length - 1]! + h / mu + p.rtt / 1000);
  return { params: p, analytic, engine, chunkEvents, cycles: failureCycles(p, engine, analytic), lookupReach };
}
