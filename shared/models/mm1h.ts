import { z } from "zod";
import { loadOfRates, mm1hBlockingAt, mm1hMeanInSystemLn, type Load } from "../numerics";
import { real, whole } from "../catalog/params";
import { defineModel } from "../catalog/types";

/**
 * Everything an M/M/1/h node's steady state tells, in one place for the models that need it.
 * The load is taken from the rates themselves (loadOfRates), not from the rounded quotient λ/µ.
 */
export function mm1hMetrics(lambda: number, mu: number, h: number, load: Load = loadOfRates(lambda, mu)) {
  const rho = lambda / mu;
  const b = mm1hBlockingAt(load, h);
  const throughput = lambda * b.q;
  const meanInSystem = mm1hMeanInSystemLn(load.ln, h);
  // Little's law on accepted lookups; an idle node (λ = 0) answers in one service time.
  const meanResponseTime = throughput > 0 ? meanInSystem / throughput : 1 / mu;
  return { rho, blocking: b.p, Pqueued: b.q, utilization: rho * b.q, throughput, meanInSystem, meanResponseTime };
}

/**
 * M/M/1/h tracker node: response time and the rest of its steady state.
 *
 *   ρ = λ/µ,  B = (1 − ρ)ρ^h/(1 − ρ^{h+1}),  X = λ(1 − B),  U = ρ(1 − B)
 *   L = ρ/(1 − ρ) − (h+1)ρ^{h+1}/(1 − ρ^{h+1})  (h/2 at ρ = 1),  W = L/X   (Little's law)
 *
 * L is evaluated in a form that does not cancel near ρ = 1 (numerics.mm1hMeanInSystemLn).
 * The same quantities as GNU Octave's qsmm1k(λ, µ, K = h): U, R = W, Q = L, X, pK = B.
 *
 * Example: λ = 80/s, µ = 100/s, h = 10 → B ≈ 0.02349, L ≈ 2.966, W ≈ 0.03797 s.
 */
export const mm1h = defineModel({
  name: "mm1h",
  title: "M/M/1/h node: response time, throughput, utilization",
  group: "queue",
  summary: "Mean response time of a tracker node with room for h lookups, and its blocking, throughput and utilization.",
  formula: "W = L / (λ(1 − B)),  L = ρ/(1 − ρ) − (h+1)ρ^(h+1)/(1 − ρ^(h+1))",
  source: "queueing theory (paper §4.2)",
  params: z.strictObject({
    lambda: real({ description: "lookup arrival rate at the node", unit: "lookups/s", min: 0, max: 1e12 }),
    mu: real({ description: "service rate of the node", unit: "lookups/s", min: 1e-9, max: 1e12 }),
    h: whole({ description: "lookups the node holds at once, the one in service included", min: 1 }),
  }),
  outputs: [
    { name: "rho", description: "offered load λ/µ" },
    { name: "blocking", description: "probability a lookup is turned away" },
    { name: "Pqueued", description: "probability a lookup is accepted, 1 − blocking" },
    { name: "utilization", description: "fraction of time the node is busy" },
    { name: "throughput", description: "accepted lookups per second", unit: "lookups/s" },
    { name: "meanInSystem", description: "mean lookups at the node, the one in service included" },
    { name: "meanResponseTime", description: "mean time an accepted lookup spends at the node", unit: "s" },
  ],
  reliability: false,
  example: {
    params: { lambda: 80, mu: 100, h: 10 },
    comment: "a node at 80% load with 10 places",
    expected: { value: "0.03797", blocking: "0.02349", meanInSystem: "2.966" },
  },
  compute: ({ lambda, mu, h }) => {
    const metrics = mm1hMetrics(lambda, mu, h);
    return { value: metrics.meanResponseTime, ...metrics };
  },
});
