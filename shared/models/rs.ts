import { z } from "zod";
import { complement, dd, loadOfDD, mm1hBlockingAt, prob, series, twoProduct } from "../numerics";
import { probability, real, whole } from "../catalog/params";
import { reliabilityResult } from "../catalog/result";
import { defineModel } from "../catalog/types";

/**
 * One deployed server under load, paper eq. (4): lookups at rate λ spread evenly over n servers,
 * each an M/M/1/h queue serving at rate µ.
 *
 *   Rs = Ps · (1 − B(ρs, h)),   ρs = λ / (n·µ),   Q = (1 − Ps) + Ps·B(ρs, h)
 *
 * Example: Ps = 0.999, λ = 900/s, µ = 500/s, n = 2, h = 20
 * → ρs = 0.9, B ≈ 0.013651, Rs ≈ 0.985362, 1 − Rs ≈ 0.014638 (1.83 nines).
 */
export const rs = defineModel({
  name: "rs",
  title: "Server reliability under load, eq. (4)",
  group: "reliability",
  summary: "Reliability of one of n tracker servers sharing λ lookups per second: up, and not overwhelmed.",
  formula: "Rs = Ps · (1 − B(λ/(n·µ), h))",
  source: "paper eq. (4)",
  params: z.strictObject({
    Ps: probability({ description: "availability of one server (Pup)", effect: "raises" }),
    lambda: real({ description: "lookup rate offered to the whole tracker", unit: "lookups/s", min: 0, max: 1e12, effect: "lowers" }),
    mu: real({ description: "service rate of one server", unit: "lookups/s", min: 1e-9, max: 1e12, effect: "raises" }),
    n: whole({ description: "number of servers sharing the load evenly", min: 1, effect: "raises" }),
    h: whole({ description: "lookups one server holds at once (M/M/1/h capacity)", min: 1, effect: "raises" }),
  }),
  outputs: [
    { name: "rho", description: "offered load of one server ρs = λ/(n·µ)" },
    { name: "blocking", description: "M/M/1/h blocking probability B(ρs, h)" },
  ],
  reliability: true,
  example: {
    params: { Ps: 0.999, lambda: 900, mu: 500, n: 2, h: 20 },
    comment: "two 99.9% servers at 90% load",
    expected: { value: "0.985362", unreliability: "0.014638", nines: "1.83", rho: "0.9", blocking: "0.013651" },
  },
  compute: ({ Ps, lambda, mu, n, h }) => {
    // n·µ exact: near full load a rounded capacity would reach the blocking probability h/2 times over.
    const load = loadOfDD(dd(lambda), twoProduct(n, mu));
    const b = mm1hBlockingAt(load, h);
    return reliabilityResult(series(prob(Ps), complement(b)), { rho: load.rho, blocking: b.p });
  },
});
