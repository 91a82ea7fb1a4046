import { z } from "zod";
import { availabilityOf, loadOfDD, nines, parallelPower, twoProduct } from "../../numerics";
import { whole } from "../../catalog/params";
import { noteUnbounded } from "../../catalog/result";
import { defineModel } from "../../catalog/types";
import { checkWorkload, loadedNode, offeredLoad, servedHazard, servedParams, serverParams, workloadParams } from "./workload";

/**
 * DS+M+U, classic BitTorrent: n deployed servers listed for the object, the peer picks one and
 * falls back to the others. Eq. (1) over eq. (4):
 *
 *   Ps = MTTF/(MTTF + MTTR),  ρs = λ/(n·µ),  Rs = Ps·(1 − B(ρs, h)),  R = 1 − (1 − Rs)^n
 *
 * Example: n = 3 servers up 720 h between 2 h repairs, µ = 1000/s, h = 100, λ = 2400/s
 * → ρs = 0.8, Rs ≈ 0.99723, R ≈ 1 − 2.1e-8 (7.7 nines).
 */
export const dsmu = defineModel({
  name: "dsmu",
  title: "DS+M+U: replicated servers chosen by the user (BitTorrent)",
  group: "design",
  summary: "Success rate of a lookup served by n deployed tracker servers sharing the load, each up MTTF/(MTTF+MTTR) and queueing h lookups.",
  formula: "R = 1 − (1 − Rs)^n,  Rs = MTTF/(MTTF+MTTR) · (1 − B(λ/(n·µ), h))",
  source: "paper eq. (1) with eq. (4)",
  params: z.strictObject({
    n: whole({ description: "deployed servers serving the object", min: 1, default: 3, effect: "raises" }),
    ...serverParams,
    ...workloadParams,
    ...servedParams,
  }),
  crossCheck: (p) => checkWorkload(p),
  outputs: [
    { name: "lambda", description: "lookup rate offered to the tracker", unit: "lookups/s" },
    { name: "rho", description: "load of one server λ/(n·µ)" },
    { name: "Ps", description: "availability of one server" },
    { name: "blocking", description: "blocking probability of one server" },
    { name: "Pserved", description: "probability a server outlives an accepted lookup (1 unless pserved = include)" },
    { name: "Rs", description: "reliability of one server under load" },
    { name: "serverUnreliability", description: "1 − Rs, computed directly" },
  ],
  reliability: true,
  example: {
    params: { n: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400 },
    comment: "three servers at 80% load",
    expected: { unreliability: "2.1e-8", nines: "7.7", rho: "0.8", Rs: "0.99723" },
  },
  compute: (p) => {
    const lambda = offeredLoad(p)!;
    // ρ = λ/(n·µ) with n·µ exact: near full load a rounded capacity would reach the unreliability n·h/2 times over.
    const load = loadOfDD(lambda, twoProduct(p.n, p.mu));
    const up = availabilityOf(p.mttf, p.mttr);
    const server = loadedNode(up, load, p.h, servedHazard(p.pserved, p.mu, p.mttf));
    const success = parallelPower(server.node, p.n);
    // One literal: spreading details into the result would cost more than all of the arithmetic.
    return noteUnbounded({
      value: success.p,
      unreliability: success.q,
      nines: nines(success.q),
      lambda: lambda.hi,
      rho: load.rho,
      Ps: up.p,
      blocking: server.blocking,
      Pserved: server.served.p,
      Rs: server.node.p,
      serverUnreliability: server.node.q,
    });
  },
});
