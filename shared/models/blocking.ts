import { z } from "zod";
import { mm1hBlocking } from "../numerics";
import { real, whole } from "../catalog/params";
import { defineModel } from "../catalog/types";

/**
 * M/M/1/h blocking probability: the chance that a lookup finds the node's h places full.
 *
 *   B(ρ, h) = (1 − ρ)·ρ^h / (1 − ρ^{h+1}),   B(1, h) = 1/(h + 1)
 *
 * Evaluated through expm1 of ln ρ (numerics.mm1hBlocking), finite for any h (Octave's qsmm1k is NaN
 * at ρ = 1.5, K ≥ 1751) and exact at ρ = 1 ± 1e-12. 1 − B (Pqueued) is computed directly as well.
 *
 * Example: ρ = 0.5, h = 10 → B = 0.5^11/(1 − 0.5^11) ≈ 4.885e-4.
 */
export const blocking = defineModel({
  name: "blocking",
  title: "M/M/1/h blocking probability",
  group: "queue",
  summary: "Probability that a tracker node with room for h lookups and load ρ turns a lookup away.",
  formula: "B = (1 − ρ)·ρ^h / (1 − ρ^(h+1)); B = 1/(h+1) at ρ = 1",
  source: "paper eq. (4), the queueing term",
  params: z.strictObject({
    rho: real({ description: "offered load ρ = λ/µ of the node", min: 0, max: 1e12, effect: "lowers" }),
    h: whole({ description: "lookups the node holds at once, the one in service included (M/M/1/h capacity)", min: 1, effect: "raises" }),
  }),
  outputs: [{ name: "Pqueued", description: "probability the lookup is accepted: 1 − B, computed directly" }],
  reliability: false,
  example: { params: { rho: 0.5, h: 10 }, comment: "half-loaded node with 10 places: about 4.9e-4", expected: { value: "4.885e-4" } },
  compute: ({ rho, h }) => {
    const b = mm1hBlocking(rho, h);
    return { value: b.p, Pqueued: b.q };
  },
});
