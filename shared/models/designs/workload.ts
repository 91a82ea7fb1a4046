/**
 * What the designs share: the workload and the population, which the paper leaves open, and the
 * loaded tracker node of eq. (3).
 *
 * - Lookup rate offered to the whole tracker: λ = peer arrival rate × objects each peer looks up
 *   while in the system (a lookup per object), unless λ is given.
 * - Peer population by Little's law: N = peer arrival rate × mean session time, unless N is given.
 * - Per-node load in a DHT: every lookup visits k tracker nodes spread evenly over the S nodes that
 *   serve as tracker, so ρ = λ·k/(S·µ), unless ρ is given.
 *
 * Near full load with a deep queue a design's unreliability moves m·h/2 times faster than ρ, so the
 * derived quantities are carried as double-doubles (numerics/double-double.ts) and ln ρ is formed
 * from them without rounding λ·k, S·µ or their quotient.
 */
import { complement, dd, ddMulNumber, mm1hBlockingAt, series, twoProduct, type DoubleDouble, type Load, type Prob } from "../../numerics";
import { choice, real, whole } from "../../catalog/params";
import type { FieldError } from "../../catalog/types";
import { lifetimeHazard, servedProbability } from "../pserved";
import { SECONDS_PER_HOUR } from "../units";

export const workloadParams = {
  lambda: real({
    description: "lookup rate offered to the whole tracker; leave out to derive it as arrivalRate × lookupsPerPeer",
    unit: "lookups/s",
    min: 0,
    max: 1e12,
    optional: true,
    effect: "lowers",
  }),
  arrivalRate: real({ description: "peer arrival rate into the system", unit: "peers/s", min: 0, max: 1e9, optional: true }),
  lookupsPerPeer: real({ description: "objects each peer looks up while in the system", unit: "lookups", min: 0, max: 1e9, optional: true }),
};

/** A deeper queue turns fewer lookups away, but with P_served included it also keeps them waiting longer. */
const unlessServed = { pserved: "include" } as const;

/** A deployed server: how often it fails, how long its repair takes, how fast it answers, its queue. */
export const serverParams = {
  mttf: real({ description: "mean time between failures of one server", unit: "h", min: 0, minExclusive: true, max: 1e15, default: 720, effect: "raises" }),
  mttr: real({ description: "mean time to repair one server", unit: "h", min: 0, max: 1e15, default: 2, effect: "lowers" }),
  mu: real({ description: "lookups one server answers per second", unit: "lookups/s", min: 1e-9, max: 1e12, default: 1000, effect: "raises" }),
  h: whole({ description: "lookups one server holds at once (M/M/1/h capacity)", min: 1, default: 100, effect: "raises", effectUnless: unlessServed }),
};

/** Who serves as a tracker node in a DHT design: any peer (P+DHT+A), or a supernode (SN+DHT+A). */
export type TrackerPeer = "peer" | "supernode";

/** The words that differ between the two, beyond the name itself. */
const peerWords: Record<TrackerPeer, { sessionTime: string; repairTime: string }> = {
  peer: {
    sessionTime: "mean peer session time (a peer's MTTF)",
    repairTime: "time until DHT maintenance replaces a departed tracker entry (MTTR)",
  },
  supernode: {
    sessionTime: "mean session time of a supernode (its MTTF)",
    repairTime: "time until maintenance replaces a departed supernode's entries (MTTR)",
  },
};

/**
 * A churning peer that serves as a tracker node, as serverParams is a deployed server: how many back
 * each tracker node, how long it stays (its MTTF), how long maintenance takes to replace it (MTTR),
 * how fast it answers, its queue. The numbers are the design's defaults.
 */
export function peerParams(o: { who: TrackerPeer; m: number; sessionTime: number; repairTime: number; mu: number; h: number }) {
  const words = peerWords[o.who];
  return {
    m: whole({ description: `${o.who}s backing each tracker node (replicas per hop)`, min: 1, default: o.m, effect: "raises" }),
    sessionTime: real({ description: words.sessionTime, unit: "h", min: 0, minExclusive: true, max: 1e6, default: o.sessionTime, effect: "raises" }),
    repairTime: real({ description: words.repairTime, unit: "h", min: 0, max: 1e6, default: o.repairTime, effect: "lowers" }),
    mu: real({ description: `lookups one ${o.who} answers per second`, unit: "lookups/s", min: 1e-9, max: 1e12, default: o.mu, effect: "raises" }),
    h: whole({
      description: `lookups one ${o.who} holds at once (M/M/1/h capacity)`,
      min: 1,
      default: o.h,
      effect: "raises",
      effectUnless: unlessServed,
    }),
  };
}

const servedValues = ["ignore", "include"] as const;
export type Served = (typeof servedValues)[number];

/** The option every design takes for eq. (3)'s third factor; the paper's choice is the default. */
export const servedParams = {
  pserved: choice({
    description:
      "P_served, the chance a node stays up until it has served the lookup: ignore takes it as 1 (the paper); include computes it from the queue and the node's lifetime (model pserved)",
    values: servedValues,
    default: "ignore",
  }),
};

export interface Workload {
  lambda?: number | undefined;
  arrivalRate?: number | undefined;
  lookupsPerPeer?: number | undefined;
}

/** λ given, or arrivalRate × lookupsPerPeer exactly; undefined when neither is there (checkWorkload says so). */
export function offeredLoad(w: Workload): DoubleDouble | undefined {
  if (w.lambda !== undefined) return dd(w.lambda);
  return w.arrivalRate !== undefined && w.lookupsPerPeer !== undefined ? twoProduct(w.arrivalRate, w.lookupsPerPeer) : undefined;
}

export function checkWorkload(w: Workload): FieldError[] {
  if (w.lambda !== undefined || (w.arrivalRate !== undefined && w.lookupsPerPeer !== undefined)) return [];
  const missing = w.arrivalRate === undefined ? "arrivalRate" : "lookupsPerPeer";
  return [{ path: missing, message: `give lambda (lookups/s), or both arrivalRate and lookupsPerPeer to derive it: ${missing} is missing` }];
}

/** N given, or Little's law from the arrival rate and the mean session time (hours), exactly; undefined without either. */
export function population(N: number | undefined, arrivalRate: number | undefined, sessionTimeHours: number): DoubleDouble | undefined {
  if (N !== undefined) return dd(N);
  return arrivalRate !== undefined ? ddMulNumber(twoProduct(arrivalRate, sessionTimeHours), SECONDS_PER_HOUR) : undefined;
}

export function checkPopulation(N: number | undefined, arrivalRate: number | undefined, sessionTimeHours: number, sessionName: string): FieldError[] {
  if (N === undefined && arrivalRate === undefined)
    return [{ path: "N", message: "give N (the peer population), or arrivalRate to derive it by Little's law" }];
  const derived = population(N, arrivalRate, sessionTimeHours)!.hi;
  if (N === undefined && derived < 1)
    return [
      {
        path: "arrivalRate",
        message: `arrivalRate × ${sessionName} × 3600 gives a population of ${derived.toPrecision(3)} peers, below 1: raise arrivalRate or give N`,
      },
    ];
  return [];
}

/**
 * θ = ln(1 + ν/µ), the node's death rate per service (pserved.ts), when the design asks for
 * P_served; undefined for the paper's Pserved = 1.
 */
export function servedHazard(pserved: Served, mu: number, mttfHours: number): number | undefined {
  return pserved === "include" ? lifetimeHazard(mu, mttfHours) : undefined;
}

/** A tracker node of eq. (3): its success pair and the factors a result reports. */
export interface LoadedNode {
  node: Prob;
  blocking: number;
  /** P_served (1 when not asked) and its complement, each direct. */
  served: Prob;
}

/**
 * A tracker node under load, eq. (3): up, accepted by its M/M/1/h queue, and (when asked) still up
 * when the lookup is served. Q = (1 − Pup) + Pup·B + Pup·(1 − B)·(1 − Pserved), each term direct.
 */
export function loadedNode(up: Prob, load: Load, h: number, hazard?: number): LoadedNode {
  const b = mm1hBlockingAt(load, h);
  const accepted = series(up, complement(b));
  if (hazard === undefined) return { node: accepted, blocking: b.p, served: { p: 1, q: 0 } };
  const served = servedProbability(load.ln, hazard, h);
  return { node: series(accepted, served), blocking: b.p, served };
}
