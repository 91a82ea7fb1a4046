import { z } from "zod";
import { choice, whole } from "../../catalog/params";
import { availabilityOf, dd } from "../../numerics";
import { defineModel } from "../../catalog/types";
import { checkAlgorithmOptions, dhtAlgorithmParams, dhtAlgorithms } from "../path-length";
import { checkReplicas, dhtOverrideParams, dhtPath, dhtPathAt, dhtPathOutputs, type DhtDesignParams, type DhtDesignResult, type DhtNodes } from "./dht-path";
import { checkSites, pathSiteImportance, siteParams, sitesOf, type SiteInputs } from "./sites";
import { checkWorkload, servedParams, serverParams, workloadParams } from "./workload";

/**
 * DS+DHT+A, PPLive VoD: a DHT spreads the objects over S deployed servers, each object held by m
 * of them; a lookup crosses k servers (one when every server knows every other, the default).
 *
 *   Ps = MTTF/(MTTF + MTTR),  ρs = λ·k/(S·µs),  Rs = Ps·(1 − B(ρs, h)),  R = (1 − (1 − Rs)^m)^k
 *
 * Spread over s sites (sites.ts), an object's m replicas placed over them round-robin from a random
 * site (zone-aware) and one outage reaching every hop at once: R = Σ_σ P(σ)·(1 − q̄(σ))^k over the sites' states σ, the load still
 * λ·k/(S·µs) on every server.
 *
 * Example: S = 20 servers (720 h / 2 h), m = 3 replicas, one hop, µs = 1000/s, h = 100, λ = 10,000/s
 * → ρs = 0.5, Rs ≈ 0.99723, R ≈ 1 − 2.1e-8 (7.7 nines).
 */
export const dsdhta = defineModel({
  name: "dsdhta",
  title: "DS+DHT+A: a DHT over deployed servers (PPLive)",
  group: "design",
  summary: "Success rate of a lookup when a DHT assigns objects to m of S deployed servers and the lookup crosses k of them.",
  formula: "R = (1 − (1 − Rs)^m)^k,  Rs = MTTF/(MTTF+MTTR) · (1 − B(λ·k/(S·µs), h));  over sites: R = Σ_σ P(σ)·(1 − q̄(σ))^k",
  source: "paper eq. (2) with eq. (4), for the design of paper §2; sites: an extension for correlated failures (issue 12)",
  params: z.strictObject({
    servers: whole({ description: "deployed servers forming the DHT (S)", min: 1, default: 20 }),
    m: whole({ description: "servers holding each object (replicas per hop)", min: 1, default: 3, effect: "raises" }),
    ...serverParams,
    ...workloadParams,
    ...dhtAlgorithmParams,
    algorithm: choice({ description: "routing among the servers; onehop when each server knows all others", values: dhtAlgorithms, default: "onehop" }),
    ...dhtOverrideParams,
    ...servedParams,
    // Last, since Excel takes parameters by position: formulas written before sites keep their meaning.
    ...siteParams({ sitesRaise: false }),
  }),
  crossCheck: (p) => [
    ...checkAlgorithmOptions(p),
    ...(p.rho === undefined ? checkWorkload(p) : []),
    ...checkReplicas(p.m, p.servers, "servers"),
    ...checkSites(p, p.servers, "servers", p.m),
  ],
  outputs: [
    ...dhtPathOutputs.map((o) =>
      o.name === "hopUnreliability" ? { ...o, description: `${o.description} (over sites: averaged over the sites' up and down states)` } : o,
    ),
    { name: "siteAvailability", description: "availability of one site, siteMttf/(siteMttf + siteMttr) (when sites are given)" },
  ],
  reliability: true,
  example: {
    params: { servers: 20, m: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 10000 },
    comment: "20 servers, 3 replicas, half loaded",
    expected: { unreliability: "2.1e-8", nines: "7.7", rho: "0.5", nodeReliability: "0.99723" },
  },
  compute: (p) => {
    const nodes = serversOf(p);
    const result: DhtDesignResult<"siteAvailability"> = dhtPath(p, nodes);
    // Only over sites, whose sum over states costs far more than adding a field.
    if (nodes.sites) result.siteAvailability = nodes.sites.up.p;
    return result;
  },
  importance: (p) => {
    const nodes = serversOf(p);
    if (!nodes.sites) return [];
    const path = dhtPathAt(p, nodes);
    return pathSiteImportance(path.tracker.node, p.m, nodes.sites, path.k);
  },
});

function serversOf(p: DhtDesignParams & SiteInputs & { servers: number; mttf: number; mttr: number }): DhtNodes {
  return { up: availabilityOf(p.mttf, p.mttr), count: dd(p.servers), lifetimeHours: p.mttf, sites: sitesOf(p) };
}
