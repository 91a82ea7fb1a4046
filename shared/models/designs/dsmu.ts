import { z } from "zod";
import { availabilityOf, loadOfDD, nines, parallelPower, twoProduct, type DoubleDouble, type Load, type Prob } from "../../numerics";
import { whole } from "../../catalog/params";
import { noteUnbounded } from "../../catalog/result";
import { defineModel } from "../../catalog/types";
import { checkSites, serverSiteImportance, serversOverSites, serversPerSite, siteParams, sitesOf } from "./sites";
import { checkWorkload, loadedNode, offeredLoad, servedHazard, servedParams, serverParams, workloadParams, type LoadedNode, type Served } from "./workload";

/**
 * DS+M+U, classic BitTorrent: n deployed servers listed for the object, the peer picks one and
 * falls back to the others. Eq. (1) over eq. (4):
 *
 *   Ps = MTTF/(MTTF + MTTR),  ρs = λ/(n·µ),  Rs = Ps·(1 − B(ρs, h)),  R = 1 − (1 − Rs)^n
 *
 * Spread over s sites (sites.ts), an outage of a site taking its servers down together:
 * Q = Π_j (U + A·(1 − Rs)^{n_j}), the load still λ/(n·µ) on every server.
 *
 * Example: n = 3 servers up 720 h between 2 h repairs, µ = 1000/s, h = 100, λ = 2400/s
 * → ρs = 0.8, Rs ≈ 0.99723, R ≈ 1 − 2.1e-8 (7.7 nines).
 */
export const dsmu = defineModel({
  name: "dsmu",
  title: "DS+M+U: replicated servers chosen by the user (BitTorrent)",
  group: "design",
  summary: "Success rate of a lookup served by n deployed tracker servers sharing the load, each up MTTF/(MTTF+MTTR) and queueing h lookups.",
  formula: "R = 1 − (1 − Rs)^n,  Rs = MTTF/(MTTF+MTTR) · (1 − B(λ/(n·µ), h));  over sites: 1 − R = Π_j (U + A·(1 − Rs)^(n_j))",
  source: "paper eq. (1) with eq. (4); sites: an extension for correlated failures (issue 12)",
  params: z.strictObject({
    n: whole({ description: "deployed servers serving the object", min: 1, default: 3, effect: "raises" }),
    ...serverParams,
    ...workloadParams,
    ...servedParams,
    // Last, since Excel takes parameters by position: formulas written before sites keep their meaning.
    ...siteParams({ sitesRaise: true }),
  }),
  crossCheck: (p) => [...checkWorkload(p), ...checkSites(p, p.n, "n")],
  outputs: [
    { name: "lambda", description: "lookup rate offered to the tracker", unit: "lookups/s" },
    { name: "rho", description: "load of one server λ/(n·µ)" },
    { name: "Ps", description: "availability of one server" },
    { name: "blocking", description: "blocking probability of one server" },
    { name: "Pserved", description: "probability a server outlives an accepted lookup (1 unless pserved = include)" },
    { name: "Rs", description: "reliability of one server under load" },
    { name: "serverUnreliability", description: "1 − Rs, computed directly" },
    { name: "siteAvailability", description: "availability of one site, siteMttf/(siteMttf + siteMttr) (when sites are given)" },
    { name: "serversPerSite", description: "servers in the largest site, ⌈n/sites⌉; the others hold one fewer (when sites are given)" },
  ],
  reliability: true,
  example: {
    params: { n: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400 },
    comment: "three servers at 80% load",
    expected: { unreliability: "2.1e-8", nines: "7.7", rho: "0.8", Rs: "0.99723" },
  },
  compute: (p) => {
    const lambda = offeredLoad(p)!;
    const load = loadOfDD(lambda, capacityOf(p));
    const up = availabilityOf(p.mttf, p.mttr);
    const server = serverUnder(p, up, load);
    const sites = sitesOf(p);
    const success = sites ? serversOverSites(server.node, p.n, sites) : parallelPower(server.node, p.n);
    // One literal: spreading details into the result would cost more than all of the arithmetic.
    // The site outputs are undefined without sites, which every surface leaves out.
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
      siteAvailability: sites?.up.p,
      serversPerSite: sites && serversPerSite(p.n, sites),
    });
  },
  importance: (p) => {
    const sites = sitesOf(p);
    if (!sites) return [];
    const server = serverUnder(p, availabilityOf(p.mttf, p.mttr), loadOfDD(offeredLoad(p)!, capacityOf(p)));
    return serverSiteImportance(server.node, p.n, sites);
  },
});

/** One server of eq. (3) at its availability and load: queue h, P_served when asked for. */
function serverUnder(p: { h: number; mu: number; mttf: number; pserved: Served }, up: Prob, load: Load): LoadedNode {
  return loadedNode(up, load, p.h, servedHazard(p.pserved, p.mu, p.mttf));
}

/** n·µ exact: near full load a rounded capacity would reach the unreliability n·h/2 times over. */
function capacityOf(p: { n: number; mu: number }): DoubleDouble {
  return twoProduct(p.n, p.mu);
}
