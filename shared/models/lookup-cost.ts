import { z } from "zod";
import { loadOf, parallelPower, prob } from "../numerics";
import { choice, probability, real, whole } from "../catalog/params";
import { defineModel } from "../catalog/types";
import { mm1hMetrics } from "./mm1h";

/**
 * Lookup cost, the paper's "performance cost of locating content": the time a peer waits for a
 * lookup, retries included.
 *
 * One attempt crosses k tracker nodes; each costs a network round trip plus the M/M/1/h response
 * time W of the node (λ = ρ·µ). An attempt succeeds with probability R; a failed attempt is noticed
 * by a timeout T_i before attempt i + 1, doubling each time as in BEP 15 (15·2^i s), or constant.
 *
 *   t_ok = k·(rtt + W),  C_i = Σ_{j<i} T_j,  q = 1 − R,  r = retries
 *   P(success) = 1 − q^{r+1}
 *   E[latency | success] = Σ_{i=0}^{r} q^i·R·(C_i + t_ok) / (1 − q^{r+1})
 *
 * Example: k = 5 hops, rtt = 100 ms, µ = 100/s at ρ = 0.5 (h = 20), R = 0.99, BEP 15 timeouts
 * → one attempt 0.6 s; mean latency given success ≈ 0.75 s.
 */
export const lookupcost = defineModel({
  name: "lookupcost",
  title: "Lookup cost: expected latency with retries",
  group: "cost",
  summary: "Expected time for a lookup to succeed: hops × (round trip + node response time), plus the timeouts of failed attempts.",
  formula: "E[T | success] = Σ_i q^i·R·(C_i + k·(rtt + W)) / (1 − q^(r+1)),  C_i = Σ_{j<i} T_j",
  source: "extension: the paper's future-work metric, with BEP 15's retry timeouts",
  params: z.strictObject({
    k: real({ description: "tracker nodes one attempt visits", unit: "hops", min: 0, max: 1e6, default: 1, effect: "lowers" }),
    rtt: real({ description: "network round trip to one tracker node", unit: "ms", min: 0, max: 1e7, default: 100, effect: "lowers" }),
    mu: real({ description: "lookups one tracker node answers per second", unit: "lookups/s", min: 1e-9, max: 1e12, default: 100, effect: "raises" }),
    rho: real({ description: "load of one tracker node λ/µ", min: 0, max: 1e12, default: 0.5, effect: "lowers" }),
    h: whole({ description: "lookups one node holds at once (M/M/1/h capacity)", min: 1, default: 20 }),
    R: probability({ description: "probability one attempt succeeds (a design's success rate)", default: 0.99, effect: "raises" }),
    timeout: real({ description: "wait before the first retry", unit: "s", min: 0, max: 1e6, default: 15, effect: "lowers" }),
    retries: whole({ description: "retries after the first attempt (BEP 15 stops after 8)", min: 0, max: 100, default: 8 }),
    backoff: choice({ description: "timeout growth: doubling (BEP 15: 15·2^n s) or constant", values: ["doubling", "constant"], default: "doubling" }),
  }),
  outputs: [
    { name: "attemptLatency", description: "time of one successful attempt k·(rtt + W)", unit: "s" },
    { name: "nodeResponseTime", description: "mean M/M/1/h response time of one node W", unit: "s" },
    { name: "successProbability", description: "probability the lookup succeeds within the retries" },
    { name: "failureProbability", description: "probability every attempt fails, computed directly" },
    { name: "expectedTime", description: "expected time until the lookup succeeds or gives up", unit: "s" },
  ],
  reliability: false,
  example: {
    params: { k: 5, rtt: 100, mu: 100, rho: 0.5, h: 20, R: 0.99 },
    comment: "five hops at 100 ms with BEP 15 retries",
    expected: { value: "0.75", attemptLatency: "0.6" },
  },
  compute: (p) => {
    // ln ρ from ρ itself: the load is given as ρ, so λ = ρ·µ must not round it again.
    const W = mm1hMetrics(p.rho * p.mu, p.mu, p.h, loadOf(p.rho)).meanResponseTime;
    const attempt = p.k * (p.rtt / 1000 + W);
    const single = prob(p.R);
    const overall = parallelPower(single, p.retries + 1);
    // Sum attempt by attempt: at most 101 terms, each a non-negative contribution.
    let waited = 0;
    let reachProbability = 1;
    let latencyTimesProbability = 0;
    let timeout = p.timeout;
    for (let i = 0; i <= p.retries && reachProbability > 0; i++) {
      latencyTimesProbability += reachProbability * single.p * (waited + attempt);
      waited += timeout;
      reachProbability *= single.q;
      if (p.backoff === "doubling") timeout *= 2;
    }
    const meanGivenSuccess = overall.p > 0 ? latencyTimesProbability / overall.p : Infinity;
    const expectedTime = latencyTimesProbability + overall.q * waited;
    const result = {
      value: meanGivenSuccess,
      attemptLatency: attempt,
      nodeResponseTime: W,
      successProbability: overall.p,
      failureProbability: overall.q,
      expectedTime,
    };
    return overall.p > 0 ? result : { ...result, notes: ["no attempt can succeed (R = 0): the latency of a successful lookup is unbounded"] };
  },
});
