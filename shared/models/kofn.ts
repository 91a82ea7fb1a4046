import { z } from "zod";
import { compensatedSum } from "../numerics";
import { binomialTail } from "../numerics/binomial";
import { atLeastOf, othersExactly } from "../numerics/poisson-binomial";
import { MAX_LIST_ITEMS, probabilities, whole } from "../catalog/params";
import { reliabilityResult } from "../catalog/result";
import { defineModel, type FieldError } from "../catalog/types";
import { checkFleet, fleetSize, memberImportance } from "./fleet";

/**
 * The largest n·min(k, n − k + 1) for which the members' importances are computed: every list of up
 * to 2,000 members (44 ms at k = 1000), and longer ones while k is near 1 or near n. Beyond,
 * importance says it skipped them (ImportanceSkipped), since the leave-one-out pass costs several times the value's own
 * n·min(k, n − k + 1) steps (about 0.8 s for 1e4 members at k = 9000).
 */
export const IMPORTANCE_MAX_WORK = 2e6;

/**
 * k of n: n independent members (replicas, holders of a record), of which at least k must work.
 * Uses: a lookup that needs answers from k replicas (a read quorum); a record that must survive on
 * k of its holders (an erasure code needs any k of its n fragments).
 *
 *   R = P(X ≥ k),   Q = P(X < k),   X = the number of members that work
 *   identical members (R a number):  P(X ≥ k) = Σ_{j=k}^{n} C(n, j)·R^j·(1 − R)^{n−j}
 *   mixed members (R a list R_1 … R_n):  the Poisson-binomial tail,
 *     P(X = j) = Σ over the sets W of j members of Π_{i∈W} R_i · Π_{i∉W} (1 − R_i)
 *
 * k = 1 is rserver (any one suffices), k = n is a series of all n. Probabilities, no units.
 *
 * Identical members (R a number, or a list of one value n times): the binomial tail, summed on the
 * side with fewer terms, m = min(k, n − k + 1) of them (numerics/binomial.ts),
 *
 *   k ≤ n − k + 1:  Q = Σ_{j<k} C(n, j)·R^j·q^(n−j),     R = 1 − Q where Q ≤ 1/2
 *   else:           R = Σ_{i≤n−k} C(n, i)·q^i·R^(n−i),   Q = 1 − R where R ≤ 1/2
 *   (q = 1 − R of one member, i = the members that fail)
 *
 * for m ≤ 5, with q = 1 − R exact (a double for R ≥ 0.5, Sterbenz; a double-double below, its low
 * part carried into each power as (1 + e·qLo/qHi)), C(n, j) exact (below 2^53), one pow per power
 * and every term non-negative: the side summed is within 12.2u (u = 2^-53) of itself. The other side
 * is 1 − S only where the side summed is S ≤ 1/2, so it is at least 1/2 and nothing cancels; where
 * S > 1/2 it is computed directly, −expm1(n·log1p(−a)) for one term (k = 1 or k = n), the recursion
 * below for more. A side summed below 2^-900, where a power may have underflowed while its term
 * would not, goes to the recursion too. Each tail is then within 14u (1.6e-15) of itself. Cost: 2m
 * pows, where the textbook takes 2(n − k + 1).
 *
 * Otherwise (mixed members, and identical ones outside that rule) as numerics/poisson-binomial.ts
 * does: one pass over the members of the distribution of the number that work (or that fail,
 * whichever needs fewer counts), every term non-negative, with the counts beyond what the tail
 * needs gathered in one absorbing state. Both R and Q come out of that pass directly, neither as
 * 1 − the other, and each carries its rounding errors as a correction, so each is within a few
 * ulps for n up to 1e4, with members within 1e-15 of 1 too.
 * Work n·min(k, n − k + 1), at most 5e7 steps: 53 ms at n = 1e4, k = 5000 for members spread over
 * 0.5 to 1 (the widest distribution), under a millisecond for k near 1 or n (bench/models.bench.ts).
 *
 * Birnbaum importance of member i (R a list): I_i = ∂R/∂R_i = R(i works) − R(i fails) = P(exactly
 * k − 1 of the others work), from a leave-one-out pass that shares the work between members
 * (divide and conquer), for n·min(k, n − k + 1) up to 2e6 (IMPORTANCE_MAX_WORK); beyond, a note that they were skipped.
 *
 * Example: k = 2, n = 3, R = 0.9 (two of three 90% replicas) → R = 0.972, Q = 0.028, 1.553 nines,
 * 2.7 members working on average. R = [0.9, 0.99, 0.999] with k = 2 gives Q ≈ 1.1e-3.
 */
export const kofn = defineModel({
  name: "kofn",
  title: "k of n: a quorum of replicas",
  group: "reliability",
  summary:
    "Probability that at least k of n independent members work, each with reliability R or its own: a quorum of k replicas, a record kept on k of its holders.",
  formula: "R = P(X ≥ k) = Σ_{j≥k} C(n, j)·R^j·(1 − R)^(n−j); mixed: the Poisson-binomial tail",
  source: "extension: k-out-of-n reliability (standard reliability theory); mixed members as the paper notes they may be",
  params: z.strictObject({
    k: whole({ description: "how many members must work (a quorum, the fragments a record needs)", min: 1, max: MAX_LIST_ITEMS, effect: "lowers" }),
    n: whole({
      description: "number of members (independent replicas or holders); leave out when R lists every member (one R without n is one member)",
      min: 1,
      max: MAX_LIST_ITEMS,
      optional: true,
      effect: "raises",
    }),
    R: probabilities({ description: "reliability of one member, or a list with each member's own", effect: "raises" }),
  }),
  crossCheck: ({ k, n, R }) => {
    const errors: FieldError[] = checkFleet("R", R, "n", n);
    const size = R === undefined ? n : fleetSize(R, n);
    if (k !== undefined && size !== undefined && k > size)
      errors.push({
        path: "k",
        message: Array.isArray(R)
          ? `k must be at most the number of R listed (${size}): at least k of them must work, got k = ${k}`
          : n === undefined
            ? `k must be 1 when R is one number without n (one member): give n, or list one R per member, got k = ${k}`
            : `k must be at most n (${size}): at least k of the n must work, got k = ${k}`,
      });
    return errors;
  },
  outputs: [{ name: "expectedWorking", description: "expected number of members that work: Σ R_i (n·R for identical members)" }],
  reliability: true,
  example: {
    params: { k: 2, n: 3, R: 0.9 },
    comment: "two of three 90% replicas must answer",
    expected: { value: "0.972", unreliability: "0.028", nines: "1.553", expectedWorking: "2.7" },
  },
  compute: ({ k, n, R }) => {
    // A list of one value n times is the same fleet as that value with n, and gets the same tails.
    const same = typeof R === "number" ? R : R.every((r) => r === R[0]) ? R[0]! : undefined;
    const tails = same === undefined ? atLeastOf(R as readonly number[], k) : binomialTail(same, fleetSize(R, n), k);
    return reliabilityResult(tails, { expectedWorking: typeof R === "number" ? fleetSize(R, n) * R : compensatedSum(R) });
  },
  work: ({ k, n, R }) => {
    const size = fleetSize(R, n);
    return size * Math.min(k, size - k + 1);
  },
  importance: ({ k, R }) => {
    if (typeof R === "number") return [];
    const n = R.length;
    const work = n * Math.min(k, n - k + 1);
    if (work > IMPORTANCE_MAX_WORK)
      return {
        skipped: `each member's importance is not computed for ${n} members at k = ${k}: n·min(k, n − k + 1) = ${work.toExponential(1).replace("e+", "e")} is past the cap of ${IMPORTANCE_MAX_WORK.toExponential(0).replace("e+", "e")} (every list of up to 2,000 members fits)`,
      };
    return memberImportance("R", "member", R, othersExactly(R, k - 1));
  },
});
