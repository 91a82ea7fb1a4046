import { z } from "zod";
import { logP, nines, parallelAll, parallelOthers, prob, seriesPower } from "../numerics";
import { probabilities, real, whole } from "../catalog/params";
import { noteUnbounded } from "../catalog/result";
import { defineModel } from "../catalog/types";
import { checkFleet, memberImportance, parallelFleet } from "./fleet";

/**
 * DHT-based tracker, paper eq. (2): a lookup crosses k tracker nodes in series, and each node is
 * backed by m peers in parallel.
 *
 *   R_DHT = (1 − (1 − Rp)^m)^k
 *   mixed replicas (Rp a list of R_1 … R_m, the same at every hop): R = (1 − Π (1 − R_i))^k
 *
 * Per hop the unreliability q = (1 − Rp)^m = e^{m·log1p(−Rp)} (a list's: the product of its
 * members' unreliabilities); over the path the unreliability is −expm1(k·log1p(−q)), so neither
 * step rounds a small failure probability away. k is an expected path length and need not be whole.
 *
 * Birnbaum importance of replica i (Rp a list; each replica backs every hop, so it counts k times):
 * I_i = ∂R/∂R_i = k·(1 − Q_hop)^{k−1}·Π_{j≠i} (1 − R_j), the product from prefix and suffix products
 * (never Q_hop/(1 − R_i)), the power as e^{(k−1)·ln(1 − Q_hop)} with the logarithm taken as log1p.
 * At Q_hop = 1 (every replica at 0) the power is 0 for k > 1, 1 for k = 1, and unbounded for
 * 0 < k < 1, where R = R_i^k rises infinitely fast from 0: reported as Infinity. A path of k = 0 hops
 * needs no replica: 0.
 *
 * Example: Rp = 0.9, m = 3, k = 5 → R = 0.999^5 ≈ 0.995010, Q ≈ 4.990e-3, 2.302 nines.
 */
export const rdht = defineModel({
  name: "rdht",
  title: "DHT-based tracker (P+DHT+A), eq. (2)",
  group: "reliability",
  summary: "Probability a lookup succeeds along a DHT path of k tracker nodes, each backed by m peers of reliability Rp (or a list of the m replicas' own).",
  formula: "R = (1 − (1 − Rp)^m)^k;  mixed: R = (1 − Π (1 − Rp_i))^k",
  source: "paper eq. (2); mixed replicas as the paper notes they may be",
  params: z.strictObject({
    Rp: probabilities({ description: "reliability of one peer acting as a tracker node, or a list of each replica's own", effect: "raises" }),
    m: whole({
      description: "number of peers backing each DHT tracker node (replicas in parallel); leave out when Rp lists every replica",
      min: 1,
      optional: true,
      effect: "raises",
    }),
    k: real({ description: "expected path length: tracker nodes one lookup visits", unit: "hops", min: 0, max: 1e6, effect: "lowers" }),
  }),
  crossCheck: ({ Rp, m }) => checkFleet("Rp", Rp, "m", m),
  outputs: [{ name: "hopUnreliability", description: "probability that one hop fails: (1 − Rp)^m" }],
  reliability: true,
  example: {
    params: { Rp: 0.9, m: 3, k: 5 },
    comment: "five hops of three 90% peers: 0.99501",
    expected: { value: "0.995010", unreliability: "4.990e-3", nines: "2.302" },
  },
  compute: ({ Rp, m, k }) => {
    const hop = parallelFleet(Rp, m);
    const path = seriesPower(hop, k);
    // One literal, as the designs write theirs: reliabilityResult assigns its details into the result
    // afterwards, a change of the object's shape that cost a 10^6-cell sweep about a quarter of its time.
    return noteUnbounded({ value: path.p, unreliability: path.q, nines: nines(path.q), hopUnreliability: hop.q });
  },
  importance: ({ Rp, k }) => {
    if (typeof Rp === "number") return [];
    const units = Rp.map(prob);
    const hop = parallelAll(units);
    // k·(1 − Q_hop)^{k−1}, the same for every replica.
    const gain = k === 0 ? 0 : hop.p > 0 ? k * Math.exp((k - 1) * logP(hop)) : k > 1 ? 0 : k === 1 ? 1 : Infinity;
    return memberImportance(
      "Rp",
      "replica",
      Rp,
      parallelOthers(units).map((others) => gain * others),
    );
  },
});
