/**
 * What the designs share: the workload and the population, which the paper leaves open.
 *
 * - Lookup rate offered to the whole tracker: λ = peer arrival rate × objects each peer looks up
 *   while in the system (a lookup per object), unless λ is given.
 * - Peer population by Little's law: N = peer arrival rate × mean session time, unless N is given.
 * - Per-node load in a DHT: every lookup visits k tracker nodes spread evenly over the S nodes that
 *   serve as tracker, so ρ = λ·k/(S·µ), unless ρ is given.
 */
import { complement, mm1hBlocking, series, type Prob } from "../../numerics";
import { real, whole } from "../../catalog/params";
import type { FieldError } from "../../catalog/types";

export const SECONDS_PER_HOUR = 3600;

export const workloadParams = {
  lambda: real({ description: "lookup rate offered to the whole tracker; leave out to derive it as arrivalRate × lookupsPerPeer", unit: "lookups/s", min: 0, max: 1e12, optional: true, effect: "lowers" }),
  arrivalRate: real({ description: "peer arrival rate into the system", unit: "peers/s", min: 0, max: 1e9, optional: true }),
  lookupsPerPeer: real({ description: "objects each peer looks up while in the system", unit: "lookups", min: 0, max: 1e9, optional: true }),
};

/** A deployed server: how often it fails, how long its repair takes, how fast it answers, its queue. */
export const serverParams = {
    mttf: real({ description: "mean time between failures of one server", unit: "h", min: 0, minExclusive: true, max: 1e15, default: 720, effect: "raises" }),
    mttr: real({ description: "mean time to repair one server", unit: "h", min: 0, max: 1e15, default: 2, effect: "lowers" }),
    mu: real({ description: "lookups one server answers per second", unit: "lookups/s", min: 1e-9, max: 1e12, default: 1000, effect: "raises" }),
    h: whole({ description: "lookups one server holds at once (M/M/1/h capacity)", min: 1, default: 100, effect: "raises" }),
};

export interface Workload {
  lambda?: number | undefined;
  arrivalRate?: number | undefined;
  lookupsPerPeer?: number | undefined;
}

/** λ given, or arrivalRate × lookupsPerPeer; undefined when neither is there (checkWorkload says so). */
export function offeredLoad(w: Workload): number | undefined {
  if (w.lambda !== undefined) return w.lambda;
  return w.arrivalRate !== undefined && w.lookupsPerPeer !== undefined ? w.arrivalRate * w.lookupsPerPeer : undefined;
}

export function checkWorkload(w: Workload): FieldError[] {
  if (w.lambda !== undefined || (w.arrivalRate !== undefined && w.lookupsPerPeer !== undefined)) return [];
  const missing = w.arrivalRate === undefined ? "arrivalRate" : "lookupsPerPeer";
  return [{ path: missing, message: `give lambda (lookups/s), or both arrivalRate and lookupsPerPeer to derive it: ${missing} is missing` }];
}

/** N given, or Little's law from the arrival rate and the mean session time (hours); undefined without either. */
export function population(N: number | undefined, arrivalRate: number | undefined, sessionTimeHours: number): number | undefined {
  if (N !== undefined) return N;
  return arrivalRate !== undefined ? arrivalRate * sessionTimeHours * SECONDS_PER_HOUR : undefined;
}

export function checkPopulation(N: number | undefined, arrivalRate: number | undefined, sessionTimeHours: number, sessionName: string): FieldError[] {
  if (N === undefined && arrivalRate === undefined)
    return [{ path: "N", message: "give N (the peer population), or arrivalRate to derive it by Little's law" }];
  const derived = population(N, arrivalRate, sessionTimeHours)!;
  if (N === undefined && derived < 1)
    return [{ path: "arrivalRate", message: `arrivalRate × ${sessionName} × 3600 gives a population of ${derived.toPrecision(3)} peers, below 1: raise arrivalRate or give N` }];
  return [];
}


/** A tracker node under load (eq. 3 with Pserved = 1): up, and its M/M/1/h queue accepts the lookup. */
export function loadedNode(up: Prob, rho: number, h: number): { node: Prob; blocking: number } {
  const b = mm1hBlocking(rho, h);
  return { node: series(up, complement(b)), blocking: b.p };
}
