/**
 * The simulator's parameters: the zod schema a request is checked against, with its caps.
 *
 * The parameters name the design the formula calls it (`dsmu`: n servers, eq. (1) over eq. (4);
 * `pdhta`: churning peers in a DHT, eq. (2) over eq. (3)) and take the same quantities as those
 * catalog models, with the models' own defaults, so a scenario left at its defaults is the model's.
 * dsmu's sites are the model's too (its cap, its placement), so the formula compared is dsmu over
 * the same sites; the common-mode outage (outageMttf) is the simulator's own, a departure from it.
 * plan.ts turns valid parameters into a run, summary.ts the run's chunks into a result.
 */
import { z } from "zod";
import { describeParams } from "../catalog/describe";
import { choice, real, whole } from "../catalog/params";
import type { AnyModel } from "../catalog/types";
import { dsmu } from "../models/designs/dsmu";
import { pdhta } from "../models/designs/pdhta";
import { MAX_SITES } from "../models/designs/sites";
import { dhtAlgorithms } from "../models/path-length";
import { lifetimeFamilies, repairFamilies } from "./distributions";
import { AUTO_IMPORTANCE_BELOW, simulationMethods } from "./rare/method";

/** The most events one request may ask for (the library's cap; surfaces may set lower ones). */
export const MAX_EVENTS = 5e7;
/** What a run costs when events is left out: a fraction of a second, fit for a spreadsheet cell. */
export const DEFAULT_EVENTS = 400_000;
export const MAX_CHUNKS = 256;
const MIN_EVENTS_PER_CHUNK = 1000;
export const MAX_SIMULATED_HOPS = 200;

const designs = ["dsmu", "pdhta"] as const;

/** A design parameter's default, read from the model so that it is written once; a model without one fails at load. */
function defaultOf<M extends AnyModel>(model: M, name: keyof M["params"]["shape"] & string): number {
  const value = describeParams(model).find((param) => param.name === name)?.default;
  if (typeof value !== "number") throw new Error(`${model.name}.${name} has no numeric default for the simulator to take`);
  return value;
}

/** A parameter of the model's worked example, for what the model leaves without a default; a model without it fails at load. */
function exampleOf<M extends AnyModel>(model: M, name: keyof M["params"]["shape"] & string): number {
  const value = (model.example.params as Record<string, unknown>)[name];
  if (typeof value !== "number") throw new Error(`${model.name}'s example has no numeric ${name} for the simulator to take`);
  return value;
}

/**
 * Per-design defaults, under the simulator's names: a peer's session time plays MTTF and the DHT's
 * replacement of a lost entry MTTR. λ and N have no defaults in the models (they may be derived
 * from arrival rates instead), so the simulator takes the models' examples' values.
 */
export const designDefaults = {
  dsmu: {
    n: defaultOf(dsmu, "n"),
    mttf: defaultOf(dsmu, "mttf"),
    mttr: defaultOf(dsmu, "mttr"),
    mu: defaultOf(dsmu, "mu"),
    h: defaultOf(dsmu, "h"),
    lambda: exampleOf(dsmu, "lambda"),
  },
  pdhta: {
    m: defaultOf(pdhta, "m"),
    mttf: defaultOf(pdhta, "sessionTime"),
    mttr: defaultOf(pdhta, "repairTime"),
    mu: defaultOf(pdhta, "mu"),
    h: defaultOf(pdhta, "h"),
    lambda: exampleOf(pdhta, "lambda"),
    N: exampleOf(pdhta, "N"),
  },
} as const;

/** The simulator's own: the models take only a lifetime's mean, not its shape. */
export const shapeDefaults = { weibull: 0.5, lognormal: 1 } as const;

type SharedDefault = keyof typeof designDefaults.dsmu & keyof typeof designDefaults.pdhta;
const forDesign = (key: SharedDefault) => `leave out for the design's default (dsmu ${designDefaults.dsmu[key]}, pdhta ${designDefaults.pdhta[key]})`;

export const simulationParams = z
  .strictObject({
    design: choice({
      description: "dsmu: n replicated servers (eq. 1 over eq. 4); pdhta: peers as DHT tracker nodes (eq. 2 over eq. 3)",
      values: designs,
      default: "dsmu",
    }),
    n: whole({ description: "dsmu: servers listed for the object, tried in the client's order (BEP 12)", min: 1, max: 64, optional: true }),
    m: whole({ description: "pdhta: peers backing each DHT tracker node (replicas per hop)", min: 1, max: 64, optional: true }),
    mttf: real({
      description: `mean time to failure: a server's MTTF, or a peer's session time; ${forDesign("mttf")}`,
      unit: "h",
      min: 0,
      minExclusive: true,
      max: 1e6,
      optional: true,
    }),
    mttr: real({
      description: `mean time to repair: a server's repair, or the DHT's replacement of a lost entry; ${forDesign("mttr")}`,
      unit: "h",
      min: 0,
      minExclusive: true,
      max: 1e6,
      optional: true,
    }),
    mu: real({
      description: `lookups one tracker node answers per second; ${forDesign("mu")}`,
      unit: "lookups/s",
      min: 0,
      minExclusive: true,
      max: 1e9,
      optional: true,
    }),
    h: whole({ description: `lookups one tracker node holds at once (M/M/1/h); ${forDesign("h")}`, min: 1, max: 1000, optional: true }),
    lambda: real({
      description: `lookup rate offered to the whole tracker; ${forDesign("lambda")}`,
      unit: "lookups/s",
      min: 0,
      minExclusive: true,
      max: 1e9,
      optional: true,
    }),
    N: real({
      description: `pdhta: peer population (${designDefaults.pdhta.N.toLocaleString("en-US")} when left out)`,
      unit: "peers",
      min: 2,
      max: 1e12,
      optional: true,
    }),
    algorithm: choice({ description: "pdhta: DHT routing that sets the path length k(N)", values: dhtAlgorithms, optional: true }),
    k: real({
      description: "pdhta: path length override (a fraction is a chance of one more hop)",
      unit: "hops",
      min: 1,
      max: MAX_SIMULATED_HOPS,
      optional: true,
    }),
    rho: real({ description: "pdhta: per-peer load override; leave out for ρ = λ·k/(N·µ)", min: 0, minExclusive: true, max: 1e3, optional: true }),
    lifetime: choice({
      description: "distribution of up periods (sessions), all with mean mttf; measured P2P sessions are Weibull with shape below 1",
      values: lifetimeFamilies,
      default: "exponential",
    }),
    shape: real({
      description: `Weibull shape k (${shapeDefaults.weibull} when left out) or log-normal σ of ln T (${shapeDefaults.lognormal} when left out)`,
      min: 0.1,
      max: 10,
      optional: true,
    }),
    repair: choice({
      description: "distribution of repair times, mean mttr: exponential, or fixed (a maintenance period)",
      values: repairFamilies,
      default: "exponential",
    }),
    outageMttf: real({
      description:
        "common-mode outages that take all replicas of a node down at once (dsmu: all n servers), which the formula does not include: mean time between them",
      unit: "h",
      min: 0,
      minExclusive: true,
      max: 1e6,
      optional: true,
    }),
    outageMttr: real({ description: "mean duration of a common-mode outage", unit: "h", min: 0, minExclusive: true, max: 1e6, optional: true }),
    failover: choice({
      description:
        "a retried replica: paper (only needs to be up with room, so every node keeps an even share of the load) or queued (joins its queue, as real clients do)",
      values: ["paper", "queued"],
      default: "paper",
    }),
    retries: whole({ description: "passes through the replica list after the first one fails (the paper: none)", min: 0, max: 10, default: 0 }),
    timeout: real({ description: "wait before the client gives up on one attempt (BEP 15: 15 s)", unit: "s", min: 0, max: 1e5, default: 15 }),
    backoff: choice({
      description: "timeouts of later passes: doubling (BEP 15: 15·2^n s) or constant",
      values: ["doubling", "constant"],
      default: "doubling",
    }),
    rtt: real({ description: "network round trip of an answered attempt", unit: "ms", min: 0, max: 1e6, default: 0 }),
    events: whole({
      description: "events to simulate, the cost of the run (the interval narrows as 1/√events)",
      min: MIN_EVENTS_PER_CHUNK,
      max: MAX_EVENTS,
      default: DEFAULT_EVENTS,
    }),
    seed: whole({ description: "seed of the random streams: the same seed gives the same result", min: 0, max: 4294967295, default: 1 }),
    chunks: whole({
      description: `independent seeded parts of the run, each of at least ${MIN_EVENTS_PER_CHUNK} events, that may run in parallel`,
      min: 1,
      max: MAX_CHUNKS,
      default: 4,
    }),
    // Last, since Excel takes parameters by position: SIMULATE formulas written before sites keep their meaning.
    sites: whole({
      description:
        "dsmu: sites the n servers are spread over, round-robin (server i in site i mod sites), each site's outage taking its servers down; the formula includes them",
      min: 1,
      max: MAX_SITES,
      optional: true,
    }),
    siteMttf: real({ description: "dsmu: mean time a site stays up between outages", unit: "h", min: 0, minExclusive: true, max: 1e6, optional: true }),
    siteMttr: real({ description: "dsmu: mean duration of a site outage", unit: "h", min: 0, minExclusive: true, max: 1e6, optional: true }),
    method: choice({
      description: `crude plays every lookup; importance weighs each by its chance of failing, to 1e-12 at real time scales; auto: importance below ${AUTO_IMPORTANCE_BELOW}`,
      values: simulationMethods,
      default: "auto",
    }),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message, input: (p as Record<string, unknown>)[path] });
    const onlyFor = p.design === "dsmu" ? (["m", "N", "algorithm", "k", "rho"] as const) : (["n", "sites", "siteMttf", "siteMttr"] as const);
    for (const key of onlyFor) {
      if (p[key] !== undefined) issue(key, `applies only to the ${p.design === "dsmu" ? "pdhta" : "dsmu"} design, not ${p.design}`);
    }
    if (p.shape !== undefined && p.lifetime === "exponential") issue("shape", "applies only to a weibull or lognormal lifetime");
    if ((p.outageMttf === undefined) !== (p.outageMttr === undefined)) {
      const [missing, given] = p.outageMttf === undefined ? ["outageMttf", "outageMttr"] : ["outageMttr", "outageMttf"];
      issue(missing, `is required with ${given}: a common-mode outage needs both its mean time between outages and its mean duration`);
    }
    const siteNames = ["sites", "siteMttf", "siteMttr"] as const;
    const missingSites = siteNames.filter((name) => p[name] === undefined);
    if (p.design === "dsmu" && missingSites.length > 0 && missingSites.length < siteNames.length) {
      for (const name of missingSites)
        issue(
          name,
          `is required with ${siteNames.filter((given) => !missingSites.includes(given)).join(" and ")}: servers over sites need sites, siteMttf and siteMttr`,
        );
    }
    if (p.events < p.chunks * MIN_EVENTS_PER_CHUNK)
      issue("events", `must be at least ${MIN_EVENTS_PER_CHUNK} per chunk (${p.chunks * MIN_EVENTS_PER_CHUNK} for ${p.chunks} chunks)`);
  });

export type SimulationParams = z.output<typeof simulationParams>;
