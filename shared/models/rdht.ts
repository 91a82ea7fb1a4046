import { z } from "zod";
import { parallelPower, prob, seriesPower } from "../numerics";
import { probability, real, whole } from "../catalog/params";
import { reliabilityResult } from "../catalog/result";
import { defineModel } from "../catalog/types";

/**
 * DHT-based tracker, paper eq. (2): a lookup crosses k tracker nodes in series, and each node is
 * backed by m peers in parallel.
 *
 *   R_DHT = (1 − (1 − Rp)^m)^k
 *
 * Per hop the unreliability q = (1 − Rp)^m = e^{m·log1p(−Rp)}; over the path the unreliability is
 * −expm1(k·log1p(−q)), so neither step rounds a small failure probability away. k is an expected
 * path length and need not be whole.
 *
 * Example: Rp = 0.9, m = 3, k = 5 → R = 0.999^5 ≈ 0.995010, Q ≈ 4.990e-3, 2.302 nines.
 */
export const rdht = defineModel({
  name: "rdht",
  title: "DHT-based tracker (P+DHT+A), eq. (2)",
  group: "reliability",
  summary: "Probability a lookup succeeds along a DHT path of k tracker nodes, each backed by m peers of reliability Rp.",
  formula: "R = (1 − (1 − Rp)^m)^k",
  source: "paper eq. (2)",
  params: z.strictObject({
    Rp: probability({ description: "reliability of one peer acting as a tracker node", effect: "raises" }),
    m: whole({ description: "number of peers backing each DHT tracker node (replicas in parallel)", min: 1, effect: "raises" }),
    k: real({ description: "expected path length: tracker nodes one lookup visits", unit: "hops", min: 0, max: 1e6, effect: "lowers" }),
  }),
  outputs: [{ name: "hopUnreliability", description: "probability that one hop fails: (1 − Rp)^m" }],
  reliability: true,
  example: {
    params: { Rp: 0.9, m: 3, k: 5 },
    comment: "five hops of three 90% peers: 0.99501",
    expected: { value: "0.995010", unreliability: "4.990e-3", nines: "2.302" },
  },
  compute: ({ Rp, m, k }) => {
    const hop = parallelPower(prob(Rp), m);
    return reliabilityResult(seriesPower(hop, k), { hopUnreliability: hop.q });
  },
});
