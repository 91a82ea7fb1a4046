import { z } from "zod";
import { choice, real, whole } from "../catalog/params";
import type { FieldError } from "../catalog/types";
import { defineModel } from "../catalog/types";

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
 * Example: N = 1,000,000 peers, chord → ½·log2(1e6) ≈ 9.97 hops.
 */
export function expectedPathLength(N: number, algorithm: DhtAlgorithm, b?: number, d?: number): number {
  switch (algorithm) {
    case "log2":
      return Math.log2(N);
    case "chord":
      return Math.log2(N) / 2;
    case "kademlia":
    case "pastry":
      return Math.log2(N) / (b ?? defaultDigitBits[algorithm]!);
    case "can": {
      const dims = d ?? defaultDimensions.can!;
      return (dims / 4) * Math.pow(N, 1 / dims);
    }
    case "onehop":
      return 1;
  }
}

/** b belongs to Pastry and Kademlia, d to CAN: a value given for another algorithm is a mistake. */
export function checkAlgorithmOptions(p: { algorithm: DhtAlgorithm; b?: number | undefined; d?: number | undefined }, prefix = ""): FieldError[] {
  const errors: FieldError[] = [];
  if (p.b !== undefined && defaultDigitBits[p.algorithm] === undefined)
    errors.push({ path: prefix + "b", message: `${prefix}b (bits per digit) applies only to pastry and kademlia, not ${p.algorithm}` });
  if (p.d !== undefined && defaultDimensions[p.algorithm] === undefined)
    errors.push({ path: prefix + "d", message: `${prefix}d (dimensions) applies only to can, not ${p.algorithm}` });
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
  formula: "k = log2 N; Chord ½·log2 N; Pastry/Kademlia log_(2^b) N; CAN (d/4)·N^(1/d); one-hop 1",
  source: "paper §4.1 (log N bound); Chord, Pastry, Kademlia and CAN papers",
  params: z.strictObject({
    N: real({ description: "number of nodes in the DHT (peers, supernodes or servers)", min: 1, max: 1e15 }),
    ...dhtAlgorithmParams,
  }),
  crossCheck: (p) => checkAlgorithmOptions(p),
  outputs: [],
  reliability: false,
  example: { params: { N: 1e6, algorithm: "chord" }, comment: "a million-peer Chord ring: about 10 hops" },
  compute: ({ N, algorithm, b, d }) => ({ value: expectedPathLength(N, algorithm, b, d) }),
});
