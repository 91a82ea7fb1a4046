import { z } from "zod";
import { parallelOthers, prob } from "../numerics";
import { probabilities, whole } from "../catalog/params";
import { reliabilityResult } from "../catalog/result";
import { defineModel } from "../catalog/types";
import { checkFleet, memberImportance, parallelFleet } from "./fleet";

/**
 * Server-based tracker, paper eq. (1): n replicated servers, any one of which answers.
 *
 *   R_server = 1 − (1 − Rs)^n,   unreliability Q = (1 − Rs)^n
 *   mixed servers (Rs a list of R_1 … R_n): Q = Π (1 − R_i)
 *
 * Q is computed as e^{n·ln(1 − Rs)} with ln(1 − Rs) = log1p(−Rs), so it keeps every digit however
 * many nines R has; R is −expm1(n·ln(1 − Rs)), exact when Rs is tiny too. A list's Q is the product
 * of its members' own unreliabilities, carried in double-double (numerics.parallelAll).
 *
 * Birnbaum importance of server i (Rs a list): I_i = ∂R/∂R_i = Π_{j≠i} (1 − R_j), the unreliability
 * of the other servers, from prefix and suffix products (Q/(1 − R_i) would divide by 0 at R_i = 1).
 * It is the chance that every other server is down: largest for the most reliable server, the one
 * left when the others fail.
 *
 * Example: Rs = 0.9, n = 3 → R = 0.999, Q = 1e-3, 3 nines. Rs = [0.9, 0.99, 0.999] gives Q = 1e-6.
 */
export const rserver = defineModel({
  name: "rserver",
  title: "Server-based tracker (DS+M+U), eq. (1)",
  group: "reliability",
  summary: "Probability a lookup succeeds when n replicated tracker servers each answer with probability Rs (or each with its own Rs).",
  formula: "R = 1 − (1 − Rs)^n;  mixed: R = 1 − Π (1 − Rs_i)",
  source: "paper eq. (1); mixed servers as the paper notes they may be",
  params: z.strictObject({
    Rs: probabilities({ description: "reliability of one deployed tracker server, or a list with each server's own", effect: "raises" }),
    n: whole({
      description: "number of deployed servers serving the object (replicas in parallel); leave out when Rs lists every server",
      min: 1,
      optional: true,
      effect: "raises",
    }),
  }),
  crossCheck: ({ Rs, n }) => checkFleet("Rs", Rs, "n", n),
  outputs: [],
  reliability: true,
  example: { params: { Rs: 0.9, n: 3 }, comment: "three 90% servers: 0.999, three nines", expected: { value: "0.999", unreliability: "1e-3", nines: "3" } },
  compute: ({ Rs, n }) => reliabilityResult(parallelFleet(Rs, n)),
  importance: ({ Rs }) => (typeof Rs === "number" ? [] : memberImportance("Rs", "server", Rs, parallelOthers(Rs.map(prob)))),
});
