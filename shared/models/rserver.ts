import { z } from "zod";
import { parallelPower, prob } from "../numerics";
import { probability, whole } from "../catalog/params";
import { reliabilityResult } from "../catalog/result";
import { defineModel } from "../catalog/types";

/**
 * Server-based tracker, paper eq. (1): n replicated servers, any one of which answers.
 *
 *   R_server = 1 − (1 − Rs)^n,   unreliability Q = (1 − Rs)^n
 *
 * Q is computed as e^{n·ln(1 − Rs)} with ln(1 − Rs) = log1p(−Rs), so it keeps every digit however
 * many nines R has; R is −expm1(n·ln(1 − Rs)), exact when Rs is tiny too.
 *
 * Example: Rs = 0.9, n = 3 → R = 0.999, Q = 1e-3, 3 nines.
 */
export const rserver = defineModel({
  name: "rserver",
  title: "Server-based tracker (DS+M+U), eq. (1)",
  group: "reliability",
  summary: "Probability a lookup succeeds when n replicated tracker servers each answer with probability Rs.",
  formula: "R = 1 − (1 − Rs)^n",
  source: "paper eq. (1)",
  params: z.strictObject({
    Rs: probability({ description: "reliability of one deployed tracker server", effect: "raises" }),
    n: whole({ description: "number of deployed servers serving the object (replicas in parallel)", min: 1, effect: "raises" }),
  }),
  outputs: [],
  reliability: true,
  example: { params: { Rs: 0.9, n: 3 }, comment: "three 90% servers: 0.999, three nines", expected: { value: "0.999", unreliability: "1e-3", nines: "3" } },
  compute: ({ Rs, n }) => reliabilityResult(parallelPower(prob(Rs), n)),
});
