import { z } from "zod";
import { prob, series } from "../numerics";
import { probability } from "../catalog/params";
import { reliabilityResult } from "../catalog/result";
import { defineModel } from "../catalog/types";

/**
 * One tracker node under load, paper eq. (3): it must be up, must accept the lookup into its queue,
 * and must stay up until the lookup is served.
 *
 *   R = Pup · Pqueued · Pserved,   Q = (1 − Pup) + Pup·(1 − Pqueued) + Pup·Pqueued·(1 − Pserved)
 *
 * The unreliability is that sum of non-negative terms, so no digit is lost to 1 − R.
 *
 * Example: Pup = 0.999, Pqueued = 0.9999 → R ≈ 0.9989001, Q ≈ 1.0999e-3, 2.959 nines.
 */
export const node = defineModel({
  name: "node",
  title: "Tracker node under load, eq. (3)",
  group: "reliability",
  summary: "Reliability of one tracker node: up, not overwhelmed, and still up when the lookup is served.",
  formula: "R = Pup · Pqueued · Pserved",
  source: "paper eq. (3)",
  params: z.strictObject({
    Pup: probability({ description: "steady-state availability of the node", effect: "raises" }),
    Pqueued: probability({ description: "probability the node accepts the lookup (1 − blocking)", effect: "raises" }),
    Pserved: probability({ description: "probability the node stays up until the lookup is served (the paper takes 1)", default: 1, effect: "raises" }),
  }),
  outputs: [],
  reliability: true,
  example: {
    params: { Pup: 0.999, Pqueued: 0.9999 },
    comment: "a 99.9% node that rejects one lookup in 10,000",
    expected: { value: "0.9989001", unreliability: "1.0999e-3", nines: "2.959" },
  },
  // series of series, not seriesAll: its list and reduce cost several times the arithmetic.
  compute: ({ Pup, Pqueued, Pserved }) => reliabilityResult(series(series(prob(Pup), prob(Pqueued)), prob(Pserved))),
});
