import { z } from "zod";
import { real } from "../../catalog/params";
import { availabilityOf } from "../../numerics";
import { defineModel } from "../../catalog/types";
import { checkAlgorithmOptions, dhtAlgorithmParams } from "../path-length";
import { checkReplicas, dhtOverrideParams, dhtPath, dhtPathOutputs, type DhtDesignResult } from "./dht-path";
import { checkPopulation, checkWorkload, peerParams, population, servedParams, workloadParams } from "./workload";

/**
 * P+DHT+A, eMule's KAD and BitTorrent's Mainline DHT: the peers themselves are the tracker nodes.
 * Churn sets a peer's availability (its session time plays MTTF; the DHT's maintenance, replacing a
 * lost entry, plays MTTR); the population, the load and the path length follow from the workload.
 *
 *   Pup = T/(T + Tr),  N = arrivalRate·T,  λ = arrivalRate·lookupsPerPeer,  k = k(N),
 *   ρp = λ·k/(N·µp),  Rp = Pup·(1 − B(ρp, h)),  R = (1 − (1 − Rp)^m)^k
 *
 * Example: 100,000 peers, 2 h sessions, entries restored within 0.125 h, m = 8 replicas,
 * Kademlia (log2 N ≈ 16.6 hops), µp = 10/s, h = 20, 50 lookups/s → Rp ≈ 0.941,
 * R ≈ 1 − 2.4e-9 (8.6 nines).
 */
export const pdhta = defineModel({
  name: "pdhta",
  title: "P+DHT+A: peers as tracker nodes through a DHT (eMule KAD, Mainline DHT)",
  group: "design",
  summary: "Success rate of a DHT lookup in which churning peers are the tracker nodes, with m replicas per node.",
  formula: "R = (1 − (1 − Rp)^m)^k,  Rp = T/(T+Tr) · (1 − B(λ·k/(N·µp), h)),  k = k(N)",
  source: "paper eq. (2) with eq. (3); churn sets Pup = T/(T + Tr), the population N = arrivalRate·T, the load λ = arrivalRate·lookupsPerPeer",
  params: z.strictObject({
    ...peerParams({ who: "peer", m: 8, sessionTime: 2, repairTime: 0.125, mu: 10, h: 20 }),
    N: real({ description: "peer population; leave out to derive it as arrivalRate × sessionTime", unit: "peers", min: 1, max: 1e12, optional: true }),
    ...workloadParams,
    ...dhtAlgorithmParams,
    ...dhtOverrideParams,
    ...servedParams,
  }),
  crossCheck: (p) => {
    const errors = [
      ...checkAlgorithmOptions(p),
      ...(p.k === undefined || p.rho === undefined ? checkPopulation(p.N, p.arrivalRate, p.sessionTime, "sessionTime") : []),
      ...(p.rho === undefined ? checkWorkload(p) : []),
    ];
    return errors.length > 0 ? errors : checkReplicas(p.m, population(p.N, p.arrivalRate, p.sessionTime)?.hi, "peers");
  },
  outputs: [...dhtPathOutputs, { name: "N", description: "peer population", unit: "peers" }],
  reliability: true,
  example: {
    params: { m: 8, sessionTime: 2, repairTime: 0.125, mu: 10, h: 20, N: 100000, lambda: 50, algorithm: "kademlia" },
    comment: "100,000 churning peers, 8 replicas a hop",
    expected: { unreliability: "2.4e-9", nines: "8.6", k: "16.6", nodeReliability: "0.941" },
  },
  compute: (p) => {
    const N = population(p.N, p.arrivalRate, p.sessionTime);
    const result: DhtDesignResult<"N"> = dhtPath(p, { up: availabilityOf(p.sessionTime, p.repairTime), count: N, lifetimeHours: p.sessionTime });
    result.N = N?.hi ?? null;
    return result;
  },
});
