import { z } from "zod";
import { real } from "../../catalog/params";
import { availabilityOf, dd, ddMulNumber } from "../../numerics";
import type { FieldError } from "../../catalog/types";
import { defineModel } from "../../catalog/types";
import { checkAlgorithmOptions, dhtAlgorithmParams } from "../path-length";
import { checkReplicas, dhtOverrideParams, dhtPath, dhtPathOutputs, type DhtDesignResult } from "./dht-path";
import { checkPopulation, checkWorkload, peerParams, population, servedParams, workloadParams } from "./workload";

/**
 * SN+DHT+A, supernodes: a subset of the more powerful, longer-lived peers forms the DHT that
 * serves as tracker. Fewer tracker nodes carry more load each, but stay longer and serve faster.
 *
 *   S = f·N (or given),  Pup = Tsn/(Tsn + Tr),  k = k(S),  ρ = λ·k/(S·µsn),
 *   Rsn = Pup·(1 − B(ρ, h)),  R = (1 − (1 − Rsn)^m)^k
 *
 * Example: N = 100,000 peers, 5% supernodes staying 8 h (replaced within 0.125 h), m = 4,
 * µ = 100/s, h = 50, λ = 50/s → S = 5000, k = log2 S ≈ 12.3, Rsn ≈ 0.9846,
 * R ≈ 1 − 7e-7 (6.2 nines).
 */
export const sndhta = defineModel({
  name: "sndhta",
  title: "SN+DHT+A: supernodes as tracker nodes through a DHT",
  group: "design",
  summary: "Success rate of a DHT lookup served by supernodes: a fraction of the peers with longer sessions and more capacity.",
  formula: "R = (1 − (1 − Rsn)^m)^k,  Rsn = Tsn/(Tsn+Tr) · (1 − B(λ·k/(S·µ), h)),  S = f·N,  k = k(S)",
  source: "paper §2 (supernodes) with eq. (2) and eq. (3)",
  params: z.strictObject({
    ...peerParams({ who: "supernode", m: 4, sessionTime: 8, repairTime: 0.125, mu: 100, h: 50 }),
    supernodeFraction: real({ description: "fraction of the peers that act as supernodes", min: 0, minExclusive: true, max: 1, default: 0.05 }),
    supernodes: real({
      description: "number of supernodes; leave out to derive it as supernodeFraction × N",
      unit: "peers",
      min: 1,
      max: 1e12,
      optional: true,
    }),
    N: real({ description: "peer population; leave out to derive it as arrivalRate × peerSessionTime", unit: "peers", min: 1, max: 1e12, optional: true }),
    peerSessionTime: real({
      description: "mean session time of an ordinary peer (for N from arrivalRate)",
      unit: "h",
      min: 0,
      minExclusive: true,
      max: 1e6,
      default: 1,
    }),
    ...workloadParams,
    ...dhtAlgorithmParams,
    ...dhtOverrideParams,
    ...servedParams,
  }),
  crossCheck: (p) => {
    const errors: FieldError[] = [...checkAlgorithmOptions(p), ...(p.rho === undefined ? checkWorkload(p) : [])];
    const S = supernodesOf(p);
    if (p.supernodes === undefined && (p.k === undefined || p.rho === undefined)) {
      errors.push(...checkPopulation(p.N, p.arrivalRate, p.peerSessionTime, "peerSessionTime"));
      if (errors.length === 0 && S !== undefined && S.hi < 1)
        errors.push({
          path: "supernodeFraction",
          message: `supernodeFraction × N gives ${S.hi.toPrecision(3)} supernodes, below 1: raise it or give supernodes`,
        });
    }
    // Supernodes are some of the peers, and each entry's m replicas are distinct supernodes.
    if (p.supernodes !== undefined && p.N !== undefined && p.supernodes > p.N)
      errors.push({ path: "supernodes", message: `supernodes are some of the peers: got ${p.supernodes} supernodes among N = ${p.N} peers` });
    return errors.length > 0 ? errors : checkReplicas(p.m, S?.hi, "supernodes");
  },
  outputs: [...dhtPathOutputs, { name: "supernodes", description: "supernodes forming the DHT (S)", unit: "peers" }],
  reliability: true,
  example: {
    params: { m: 4, sessionTime: 8, repairTime: 0.125, mu: 100, h: 50, supernodeFraction: 0.05, N: 100000, lambda: 50 },
    comment: "5% of 100,000 peers as supernodes",
    expected: { unreliability: "7e-7", nines: "6.2", supernodes: "5000", k: "12.3", nodeReliability: "0.9846" },
  },
  compute: (p) => {
    const S = supernodesOf(p);
    const result: DhtDesignResult<"supernodes"> = dhtPath(p, { up: availabilityOf(p.sessionTime, p.repairTime), count: S, lifetimeHours: p.sessionTime });
    result.supernodes = S?.hi ?? null;
    return result;
  },
});

/** S given, or f·N exactly (N itself by Little's law when not given); undefined without N or arrivalRate. */
function supernodesOf(p: {
  supernodes?: number | undefined;
  supernodeFraction: number;
  N?: number | undefined;
  arrivalRate?: number | undefined;
  peerSessionTime: number;
}) {
  if (p.supernodes !== undefined) return dd(p.supernodes);
  const N = population(p.N, p.arrivalRate, p.peerSessionTime);
  return N === undefined ? undefined : ddMulNumber(N, p.supernodeFraction);
}
