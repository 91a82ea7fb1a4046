import { parallelPower, seriesPower, type Prob } from "../../numerics";
import { real } from "../../catalog/params";
import { loadedNode } from "./workload";

/** The overrides every DHT design accepts for the quantities it would otherwise derive. */
export const dhtOverrideParams = {
  k: real({ description: "path length override; leave out to derive k from the algorithm and the number of tracker nodes", unit: "hops", min: 0, max: 1e6, optional: true, effect: "lowers" }),
  rho: real({ description: "per-node load override; leave out to derive ρ = λ·k/(nodes·µ)", min: 0, max: 1e12, optional: true, effect: "lowers" }),
};

export interface DhtPathInput {
  /** Probability one tracker node is up. */
  up: Prob;
  /** Nodes that serve as tracker nodes (peers, supernodes or servers); needed unless rho is given. */
  nodes: number | undefined;
  /** Lookup rate offered to the tracker; needed unless rho is given. */
  lambda: number | undefined;
  k: number;
  mu: number;
  h: number;
  m: number;
  rho?: number | undefined;
}

/**
 * A DHT lookup over loaded nodes, eq. (2) over eq. (3)/(4): every lookup visits k nodes, so each of
 * the `nodes` tracker nodes carries ρ = λ·k/(nodes·µ); a node answers with R = Pup·(1 − B(ρ, h));
 * each hop has m replicas in parallel and the k hops are in series.
 */
export function dhtPath(input: DhtPathInput) {
  // The designs' cross-checks guarantee nodes and lambda whenever rho is not given.
  const rho = input.rho ?? (input.lambda! * input.k) / (input.nodes! * input.mu);
  const tracker = loadedNode(input.up, rho, input.h);
  const hop = parallelPower(tracker.node, input.m);
  return {
    success: seriesPower(hop, input.k),
    details: {
      k: input.k,
      rho,
      Pup: input.up.p,
      blocking: tracker.blocking,
      nodeReliability: tracker.node.p,
      nodeUnreliability: tracker.node.q,
      hopUnreliability: hop.q,
    },
  };
}

export const dhtPathOutputs = [
  { name: "k", description: "path length used", unit: "hops" },
  { name: "rho", description: "load of one tracker node" },
  { name: "Pup", description: "availability of one tracker node" },
  { name: "blocking", description: "blocking probability of one tracker node" },
  { name: "nodeReliability", description: "reliability of one tracker node under load (Rp or Rs)" },
  { name: "nodeUnreliability", description: "its complement, computed directly" },
  { name: "hopUnreliability", description: "probability that all m replicas of one hop fail" },
];
