import { dd, ddMul, ddMulNumber, loadOf, mm1hMeanInSystemLn, nines, parallelPower, seriesPower, type DoubleDouble, type Load, type Prob } from "../../numerics";
import { noteUnbounded } from "../../catalog/result";
import { real } from "../../catalog/params";
import type { FieldError } from "../../catalog/types";
import { expectedPathLength, expectedPathLengthDD, type DhtAlgorithm } from "../pathlength";
import { loadedNode, nodeLoad, offeredLoad, servedLifetime, type Served, type Workload } from "./workload";

/** The overrides every DHT design accepts for the quantities it would otherwise derive. */
export const dhtOverrideParams = {
  k: real({ description: "path length override; leave out to derive k from the algorithm and the number of tracker nodes", unit: "hops", min: 0, max: 1e6, optional: true, effect: "lowers" }),
  rho: real({ description: "per-node load override; leave out to derive ρ = λ·k/(nodes·µ)", min: 0, max: 1e12, optional: true, effect: "lowers" }),
};

/** m replicas of an entry need m distinct tracker nodes: the rule every DHT design states the same way. */
export function checkReplicas(m: number, nodes: number | undefined, nodesWord: string): FieldError[] {
  if (nodes === undefined || m <= nodes) return [];
  return [{ path: "m", message: `m (replicas) cannot exceed ${nodesWord}: got m = ${m} with ${Number(nodes.toPrecision(6))} ${nodesWord}` }];
}

/** The parameters every DHT design has, by the same names: routing, the node's queue, the overrides. */
export interface DhtDesignParams extends Workload {
  m: number;
  mu: number;
  h: number;
  algorithm: DhtAlgorithm;
  b?: number | undefined;
  d?: number | undefined;
  k?: number | undefined;
  rho?: number | undefined;
  pserved: Served;
}

/** What a design knows of its tracker nodes. */
export interface DhtNodes {
  /** Probability one tracker node is up. */
  up: Prob;
  /** How many serve as tracker nodes (peers, supernodes or servers); needed unless k and rho are given. */
  count: DoubleDouble | undefined;
  /** A node's mean lifetime in hours (its MTTF or session time), for P_served. */
  lifetimeHours: number;
}

/**
 * A path length k(N) computed in doubles is a few ulps off (CAN's N^(1/d) adds ln N ulps more), and
 * through ρ = λ·k/(N·µ) that error reaches every output multiplied by its load gain d ln/d ln ρ,
 * which a deep queue near full load makes as large as h/2 for the blocking probability and m·h/2
 * for the unreliability. Below a gain of 2^8 per ulp the error stays under 3e-14 and the double k
 * is kept; above it, k(N) is taken in double-double (about 0.3 µs). Since B underflows unless
 * ρ > 1 − 745/h, only nodes that close to full load pay.
 */
const MAX_GAIN_TIMES_ULPS = 2 ** 8;

/** Ulps of error in a double-precision k(N): the logarithm and a division, or CAN's root. */
function pathLengthUlps(N: number, algorithm: DhtAlgorithm): number {
  return algorithm === "can" ? 4 + Math.log(N) : 4;
}

/**
 * The largest load gain among the outputs: d ln B/d ln ρ = h − L for the blocking probability (L
 * the node's mean number in system), times m·Pup·B/q_node where the hop's unreliability moves
 * faster. With P_served included, whose loss moves with ρ as fast, the bound m·h is taken instead.
 */
function loadGain(up: Prob, node: Prob, blocking: number, load: Load, h: number, m: number, served: boolean): number {
  if (served) return m * h;
  if (blocking === 0) return 0;
  return (h - mm1hMeanInSystemLn(load.ln, h)) * Math.max(1, (m * up.p * blocking) / node.q);
}

/**
 * A DHT lookup over loaded nodes, eq. (2) over eq. (3)/(4): every lookup visits k nodes, so each of
 * the `nodes` tracker nodes carries ρ = λ·k/(nodes·µ); a node answers with R = Pup·(1 − B(ρ, h))
 * (·Pserved when asked); each hop has m replicas in parallel and the k hops are in series.
 * Returns the design's result, written as one literal (see noteUnbounded).
 */
export function dhtPath(p: DhtDesignParams, nodes: DhtNodes) {
  // The designs' cross-checks guarantee the node count and the workload whenever k or ρ is derived.
  const k = p.k ?? expectedPathLength(nodes.count!.hi, p.algorithm, p.b, p.d);
  const lambda = offeredLoad(p);
  const lifetime = servedLifetime(p.pserved, p.mu, nodes.lifetimeHours);
  let load: ReturnType<typeof nodeLoad>;
  let tracker: ReturnType<typeof loadedNode>;
  if (p.rho !== undefined) {
    load = { rho: p.rho, load: loadOf(p.rho) };
    tracker = loadedNode(nodes.up, load.load, p.h, lifetime);
  } else {
    const capacity = ddMulNumber(nodes.count!, p.mu);
    load = nodeLoad(ddMul(lambda!, dd(k)), capacity);
    tracker = loadedNode(nodes.up, load.load, p.h, lifetime);
    const gain = p.k === undefined ? loadGain(nodes.up, tracker.node, tracker.blocking, load.load, p.h, p.m, lifetime !== undefined) : 0;
    if (gain * pathLengthUlps(nodes.count!.hi, p.algorithm) > MAX_GAIN_TIMES_ULPS) {
      load = nodeLoad(ddMul(lambda!, expectedPathLengthDD(nodes.count!, p.algorithm, p.b, p.d)), capacity);
      tracker = loadedNode(nodes.up, load.load, p.h, lifetime);
    }
  }
  const hop = parallelPower(tracker.node, p.m);
  const success = seriesPower(hop, k);
  return noteUnbounded({
    value: success.p,
    unreliability: success.q,
    nines: nines(success.q),
    // A quantity the overrides made unnecessary (and the inputs do not give) is reported as null.
    lambda: lambda?.hi ?? null,
    k,
    rho: load.rho,
    Pup: nodes.up.p,
    blocking: tracker.blocking,
    Pserved: tracker.served,
    nodeReliability: tracker.node.p,
    nodeUnreliability: tracker.node.q,
    hopUnreliability: hop.q,
  });
}

export const dhtPathOutputs = [
  { name: "lambda", description: "lookup rate offered to the tracker", unit: "lookups/s" },
  { name: "k", description: "path length used", unit: "hops" },
  { name: "rho", description: "load of one tracker node" },
  { name: "Pup", description: "availability of one tracker node" },
  { name: "blocking", description: "blocking probability of one tracker node" },
  { name: "Pserved", description: "probability a tracker node outlives an accepted lookup (1 unless pserved = include)" },
  { name: "nodeReliability", description: "reliability of one tracker node under load (Rp or Rs)" },
  { name: "nodeUnreliability", description: "its complement, computed directly" },
  { name: "hopUnreliability", description: "probability that all m replicas of one hop fail" },
];
