import { z } from "zod";
import { choice, real, whole } from "../catalog/params";
import type { FieldError } from "../catalog/types";
import { defineModel } from "../catalog/types";
import { dd, ddDivNumber, ddExp, ddLog, ddLog2, ddMulNumber, type DoubleDouble } from "../numerics";

export const dhtAlgorithms = ["log2", "chord", "kademlia", "pastry", "can", "onehop"] as const;
export type DhtAlgorithm = (typeof dhtAlgorithms)[number];

/** Digits of b bits (Pastry, Kademlia) and dimensions (CAN), with the published defaults. */
const defaultDigitBits: Partial<Record<DhtAlgorithm, number>> = { pastry: 4, kademlia: 1 };
const defaultDimensions: Partial<Record<DhtAlgorithm, number>> = { can: 2 };

/**
 * Expected path length k(N): tracker nodes one lookup visits in a DHT of N nodes.
 *
 *   log2: log2 N (the paper's upper bound)      chord: ½·log2 N
 *   pastry: log_{2^b} N, b = 4                   kademlia: log_{2^b} N, b = 1 (so log2 N, an upper bound)
 *   can: (d/4)·N^{1/d}, d = 2                    onehop: 1 (every node knows every node, as servers can)
 *
 * and never less than 1: a lookup visits at least the node that holds the entry, however small the
 * DHT (log2 1 = 0 would make a one-node DHT perfect and idle).
 *
 * Example: N = 1,000,000 peers, chord → ½·log2(1e6) ≈ 9.97 hops.
 */
export function expectedPathLength(N: number, algorithm: DhtAlgorithm, b?: number, d?: number): number {
  switch (algorithm) {
    case "onehop":
      return 1;
    case "can": {
      const dims = canDimensions(d);
      return Math.max(1, (dims / 4) * N ** (1 / dims));
    }
    default:
      return Math.max(1, Math.log2(N) / logDivisor(algorithm, b));
  }
}

/**
 * The same k(N) in double-double, for N itself a double-double (N = arrivalRate × session × 3600):
 * a design's load λ·k/(N·µ) near 1 with a deep queue needs k to more digits than a double holds.
 */
export function expectedPathLengthDD(N: DoubleDouble, algorithm: DhtAlgorithm, b?: number, d?: number): DoubleDouble {
  let k: DoubleDouble;
  switch (algorithm) {
    case "onehop":
      return dd(1);
    case "can": {
      const dims = canDimensions(d);
      k = ddMulNumber(ddExp(ddDivNumber(ddLog(N), dims)), dims / 4);
      break;
    }
    default:
      k = ddDivNumber(ddLog2(N), logDivisor(algorithm, b));
  }
  return k.hi < 1 ? dd(1) : k;
}

/**
 * Ulps of error in expectedPathLength's k(N): none for one hop; the logarithm and a division; or
 * CAN's root, whose rounded exponent 1/d adds ln N ulps.
 */
export function pathLengthUlps(N: number, algorithm: DhtAlgorithm): number {
  return algorithm === "onehop" ? 0 : algorithm === "can" ? 4 + Math.log(N) : 4;
}

/**
 * k(N) = log2 N over this for the logarithmic DHTs: 1, 2 for Chord, b for Pastry and Kademlia.
 * (A number rather than a rule object: a design takes k on every call.)
 */
function logDivisor(algorithm: Exclude<DhtAlgorithm, "can" | "onehop">, b: number | undefined): number {
  switch (algorithm) {
    case "log2":
      return 1;
    case "chord":
      return 2;
    case "kademlia":
    case "pastry":
      return b ?? defaultDigitBits[algorithm]!;
  }
}

/** CAN's dimensions d, 2 when left out. */
const canDimensions = (d: number | undefined) => d ?? defaultDimensions.can!;

/** b belongs to Pastry and Kademlia, d to CAN: a value given for another algorithm is a mistake. */
export function checkAlgorithmOptions(p: { algorithm: DhtAlgorithm; b?: number | undefined; d?: number | undefined }, prefix = ""): FieldError[] {
  const errors: FieldError[] = [];
  if (p.b !== undefined && defaultDigitBits[p.algorithm] === undefined)
    errors.push({ path: `${prefix}b`, message: `${prefix}b (bits per digit) applies only to pastry and kademlia, not ${p.algorithm}` });
  if (p.d !== undefined && defaultDimensions[p.algorithm] === undefined)
    errors.push({ path: `${prefix}d`, message: `${prefix}d (dimensions) applies only to can, not ${p.algorithm}` });
  return errors;
}

/** The DHT parameters designs share: algorithm, b, d. */
export const dhtAlgorithmParams = {
  algorithm: choice({ description: "DHT routing algorithm that sets the path length k(N)", values: dhtAlgorithms, default: "log2" }),
  b: whole({ description: "bits per digit (pastry: 4, kademlia: 1 when left out)", min: 1, max: 32, optional: true }),
  d: whole({ description: "dimensions of the CAN coordinate space (2 when left out)", min: 1, max: 64, optional: true }),
};

export const pathlength = defineModel({
  name: "pathlength",
  title: "DHT path length k(N)",
  group: "dht",
  summary: "Expected number of tracker nodes a DHT lookup visits among N nodes, for common routing algorithms.",
  formula: "k = log2 N; Chord ½·log2 N; Pastry/Kademlia log_(2^b) N; CAN (d/4)·N^(1/d); one-hop 1; never below 1",
  source: "paper §4.1 (log N bound); Chord, Pastry, Kademlia and CAN papers",
  params: z.strictObject({
    N: real({ description: "number of nodes in the DHT (peers, supernodes or servers)", min: 1, max: 1e15 }),
    ...dhtAlgorithmParams,
  }),
  crossCheck: (p) => checkAlgorithmOptions(p),
  outputs: [],
  reliability: false,
  example: { params: { N: 1e6, algorithm: "chord" }, comment: "a million-peer Chord ring: about 10 hops", expected: { value: "9.97" } },
  compute: ({ N, algorithm, b, d }) => ({ value: expectedPathLength(N, algorithm, b, d) }),
});
