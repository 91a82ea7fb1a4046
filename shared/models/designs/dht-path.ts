import {
  dd,
  ddMul,
  ddMulNumber,
  loadOf,
  loadOfDD,
  mm1hFreePlacesBound,
  mm1hMeanInSystemLn,
  nines,
  parallelPower,
  seriesPower,
  type DoubleDouble,
  type Load,
  type Prob,
} from "../../numerics";
import { noteUnbounded } from "../../catalog/result";
import { real } from "../../catalog/params";
import type { FieldError } from "../../catalog/types";
import { expectedPathLength, expectedPathLengthDD, pathLengthUlps, type DhtAlgorithm } from "../path-length";
import { pathOverSites, type Sites } from "./sites";
import { loadedNode, offeredLoad, servedHazard, type LoadedNode, type Served, type Workload } from "./workload";

/** The overrides every DHT design accepts for the quantities it would otherwise derive. */
export const dhtOverrideParams = {
  k: real({
    description: "path length override; leave out to derive k from the algorithm and the number of tracker nodes",
    unit: "hops",
    min: 0,
    max: 1e6,
    optional: true,
    effect: "lowers",
  }),
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
  /** The sites deployed servers are spread over (sites.ts); left out, the nodes fail independently. */
  sites?: Sites | undefined;
}

/**
 * A path length k(N) computed in doubles is a few ulps off, and that error reaches the outputs
 * twice: through ρ = λ·k/(N·µ), multiplied by each output's load gain d ln/d ln ρ (as large as h/2
 * for the blocking probability and m·h/2 for the unreliability near full load with a deep queue),
 * and through the exponent of the path, multiplied by |ln value|. Below a gain of 2^8 per ulp the
 * error stays under 3e-14 and the double k is kept; above it, k(N) is taken in double-double
 * (0.6 to 1 µs), which only such nodes pay: B underflows unless ρ > 1 − 745/h.
 */
const MAX_GAIN_TIMES_ULPS = 2 ** 8;

/**
 * The largest gain of a relative error in ρ among the outputs. The blocking probability's is
 * d ln B/d ln ρ = h − L (L the mean number in system); a node's unreliability moves by the shares
 * of its terms, Pup·B·(h − L) for blocking and at most h times the share of P_served's loss; m
 * replicas multiply that, and the value's ln (1 − q_hop)^k multiplies it by k·q_hop/p_hop.
 */
function loadGain(up: Prob, node: LoadedNode, hop: Prob, load: Load, h: number, m: number, k: number, bounded: boolean): number {
  if (node.blocking === 0 && node.served.q === 0) return 0;
  // Bounded: h − L below min(h, 1/(ρ − 1)) with a margin for L's rounding, instead of L itself (two expm1).
  const blockingGain = node.blocking === 0 ? 0 : bounded ? mm1hFreePlacesBound(load, h) : h - mm1hMeanInSystemLn(load.ln, h);
  const nodeGain = (up.p * (node.blocking * blockingGain + (1 - node.blocking) * node.served.q * h)) / node.node.q;
  return Math.max(blockingGain, m * nodeGain * Math.max(1, (k * hop.q) / hop.p));
}

export interface PathAt {
  k: number;
  load: Load;
  tracker: LoadedNode;
  hop: Prob;
  success: Prob;
}

/** The load at one k: ρ = λ·k/(nodes·µ) exactly, or ρ as given. (A module function: a closure per call costs more than the arithmetic.) */
function loadAt(p: DhtDesignParams, lambda: DoubleDouble | undefined, k: DoubleDouble, capacity: DoubleDouble | undefined): Load {
  return capacity ? loadOfDD(ddMul(lambda!, k), capacity) : loadOf(p.rho!);
}

/**
 * The path at one k: load, node, hop and the k hops in series; over sites, the expectation over the
 * sites' states (sites.ts), with the hop's failure averaged over them.
 */
function pathAt(p: DhtDesignParams, nodes: DhtNodes, k: DoubleDouble, load: Load, hazard: number | undefined): PathAt {
  const tracker = loadedNode(nodes.up, load, p.h, hazard);
  if (nodes.sites) {
    const { hop, success } = pathOverSites(tracker.node, p.m, nodes.sites, k.hi);
    return { k: k.hi, load, tracker, hop, success };
  }
  const hop = parallelPower(tracker.node, p.m);
  return { k: k.hi, load, tracker, hop, success: seriesPower(hop, k.hi) };
}

/**
 * The path a DHT design's parameters give: k derived (or given), ρ = λ·k/(nodes·µ) exactly (or
 * given), the loaded node, its hop and the k hops; k(N) again in double-double where its rounding
 * would show (MAX_GAIN_TIMES_ULPS).
 */
function derivePath(p: DhtDesignParams, nodes: DhtNodes, lambda: DoubleDouble | undefined): PathAt {
  // The designs' cross-checks guarantee the node count and the workload whenever k or ρ is derived.
  const hazard = servedHazard(p.pserved, p.mu, nodes.lifetimeHours);
  const k = dd(p.k ?? expectedPathLength(nodes.count!.hi, p.algorithm, p.b, p.d));
  const capacity = p.rho === undefined ? ddMulNumber(nodes.count!, p.mu) : undefined;
  const path = pathAt(p, nodes, k, loadAt(p, lambda, k, capacity), hazard);
  // A given k is exact, and so is one-hop routing's.
  const ulps = p.k === undefined ? pathLengthUlps(nodes.count!.hi, p.algorithm) : 0;
  if (ulps > 0) {
    // Each gain is bounded first, and taken exactly only where the bound is past the limit: the same
    // decision as the exact gains' alone, since a bound is never below its gain. The path's is
    // −ln p ≤ q/p, a division against a log. (Where a node is never up, the load's gain is NaN,
    // m·0·∞, and the path's, +∞, decides: before the two were kept apart, the NaN kept the double k.)
    const { up } = nodes;
    const { tracker, hop, load, success } = path;
    const over = MAX_GAIN_TIMES_ULPS;
    if (
      ((success.q / success.p) * ulps > over && -Math.log(success.p) * ulps > over) ||
      (capacity &&
        loadGain(up, tracker, hop, load, p.h, p.m, path.k, true) * ulps > over &&
        loadGain(up, tracker, hop, load, p.h, p.m, path.k, false) * ulps > over)
    ) {
      const exactK = expectedPathLengthDD(nodes.count!, p.algorithm, p.b, p.d);
      return pathAt(p, nodes, exactK, loadAt(p, lambda, exactK, capacity), hazard);
    }
  }
  return path;
}

/** The path of a design's parameters, for what a result does not carry (a site's importance). */
export function dhtPathAt(p: DhtDesignParams, nodes: DhtNodes): PathAt {
  return derivePath(p, nodes, offeredLoad(p));
}

/**
 * A DHT lookup over loaded nodes, eq. (2) over eq. (3)/(4): every lookup visits k nodes, so each of
 * the `nodes` tracker nodes carries ρ = λ·k/(nodes·µ); a node answers with R = Pup·(1 − B(ρ, h))
 * (·Pserved when asked); each hop has m replicas in parallel and the k hops are in series.
 * Returns the design's result, written as one literal (see noteUnbounded).
 */
export function dhtPath(p: DhtDesignParams, nodes: DhtNodes) {
  const lambda = offeredLoad(p);
  const path = derivePath(p, nodes, lambda);
  const { tracker, hop, success, load } = path;
  return noteUnbounded({
    value: success.p,
    unreliability: success.q,
    nines: nines(success.q),
    // A quantity the overrides made unnecessary (and the inputs do not give) is reported as null.
    lambda: lambda?.hi ?? null,
    k: path.k,
    rho: load.rho,
    Pup: nodes.up.p,
    blocking: tracker.blocking,
    Pserved: tracker.served.p,
    nodeReliability: tracker.node.p,
    nodeUnreliability: tracker.node.q,
    hopUnreliability: hop.q,
  });
}

/**
 * A design's result: dhtPath's and the design's own output (pdhta's N, sndhta's supernodes,
 * dsdhta's siteAvailability), which the design's compute sets by name. Each design then has its
 * own store, of one name. Object.assign cost a tenth of a design's time; a computed name in
 * dhtPath's literal, one store for the three names, went megamorphic and slowed the designs that
 * ran after the first by 30% to 70% (BENCHMARKS.md).
 */
export type DhtDesignResult<K extends string> = ReturnType<typeof dhtPath> & { [name in K]?: number | null };

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
