/**
 * The planner's real question: the cheapest thing to build that reaches the target, and what each
 * extra nine costs.
 *
 * The space searched: each design on deployed servers (DS+M+U, DS+DHT+A), each server type, each
 * count of servers from the fewest the design's rules allow to maxServers, and for DS+DHT+A each
 * number of replicas m up to maxReplicas (unless the planner fixes them). Cost is monthly:
 * count × the type's price, plus the egress of every answer (cost.ts).
 *
 * The search does not enumerate that space; it leans on what the designs guarantee:
 * - at equal servers, more replicas never lower DS+DHT+A's success rate (m declares "raises") and
 *   cost nothing, so a count is judged at the most replicas it can hold, and the answer then takes
 *   the fewest that still reach the target (the same cost, less to keep in sync);
 * - cost grows with the count, so per design and type the answer is the smallest count that reaches
 *   the target: bisected where the success rate rises with the count (DS+M+U's n declares "raises";
 *   DS+DHT+A's servers do when the path length is fixed: one-hop routing, or k given), scanned
 *   upward otherwise (a multi-hop DHT's path lengthens as servers are added), the scan stopping
 *   where a count's servers and the bandwidth of the count before's hops cost more than the
 *   cheapest answer found so far;
 * - the frontier asks the same question at each whole number of nines around the target, over the
 *   same memoised evaluations.
 * The test beside it checks the answers against brute force over the same space.
 *
 * Peer-based designs (P+DHT+A, SN+DHT+A) buy no servers: they are evaluated at the planner's
 * parameters, each with the load its tracker nodes carry, and not ranked against dollars.
 */
import { z } from "zod";
import { describeParams, effectAt } from "../catalog/describe";
import { ValidationError } from "../catalog/errors";
import { real, whole } from "../catalog/params";
import { defineTool, type AnyModel, type FieldError, type ModelResult } from "../catalog/types";
import { validateParams } from "../catalog/validate";
import { MAX_SITES } from "../models/designs/sites";
import { offeredLoad, workloadParams } from "../models/designs/workload";
import { nines, scientific } from "../numerics";
import { fixedValue, modelByName, prefixed } from "./common";
import { bandwidthParams, exampleServerTypes, MAX_SERVER_TYPES, monthlyCost, serverTypeSchema, type MonthlyCost, type ServerType } from "./cost";
import { plan, type Remedy } from "./plan";
import { targetFields, targetUnreliability, checkTarget } from "./target";

export const cheapestDesigns = ["dsmu", "dsdhta", "pdhta", "sndhta"] as const;
export type CheapestDesign = (typeof cheapestDesigns)[number];
type ServerDesign = "dsmu" | "dsdhta";
type PeerDesign = "pdhta" | "sndhta";

const isServerDesign = (d: CheapestDesign): d is ServerDesign => d === "dsmu" || d === "dsdhta";

/** The count a server design buys. */
const countParam: Record<ServerDesign, "n" | "servers"> = { dsmu: "n", dsdhta: "servers" };
/** What each server type supplies to a server design. */
const typeParams = ["mu", "h", "mttf", "mttr"] as const;
/** Where each peer design takes the ordinary peers' mean session time. */
const peerSessionParam: Record<PeerDesign, string> = { pdhta: "sessionTime", sndhta: "peerSessionTime" };

/**
 * Model evaluations one search may make, each counted at its cost (evaluationCost): 2.4 to 4 µs
 * each here, so a search at the cap takes about a second at most (npm run bench:cheapest). 10
 * server types × 10,000 counts scanned on a multi-hop DHT is 10^5. The cap is checked on the
 * search's worst case before it starts, so a search never stops halfway.
 */
export const MAX_CHEAPEST_EVALUATIONS = 250_000;

/**
 * What one evaluation costs, in evaluations of a design without sites. DS+DHT+A over s sites sums
 * over the sites' states (sites.ts): measured here at 2.8, 2.0, 3.9, 6.6, 19 and 103 times a plain
 * evaluation for s = 2, 3, 4, 6, 8 and 12, which 1 + s/1.5 + 2^s/40 follows from above but at s = 8
 * and 12, where it is within a third. DS+M+U's product over sites costs about what it does without.
 */
function evaluationCost(design: ServerDesign, sites: number): number {
  if (design !== "dsdhta" || sites < 2) return 1;
  return 1 + sites / 1.5 + 2 ** sites / 40;
}

/** Whole numbers of nines the frontier shows below and above the target. */
const FRONTIER_BELOW = 4;
const FRONTIER_ABOVE = 3;

export const cheapestParams = z
  .strictObject({
    ...targetFields,
    lambda: workloadParams.lambda,
    arrivalRate: workloadParams.arrivalRate,
    lookupsPerPeer: workloadParams.lookupsPerPeer,
    N: real({
      description: "peer population, for the peer-based designs; leave out to derive it as arrivalRate × sessionTime",
      unit: "peers",
      min: 1,
      max: 1e12,
      optional: true,
    }),
    sessionTime: real({
      description: "mean session time of an ordinary peer (pdhta's sessionTime, sndhta's peerSessionTime), for the peer-based designs",
      unit: "h",
      min: 0,
      minExclusive: true,
      max: 1e6,
      optional: true,
    }),
    serverTypes: z
      .array(serverTypeSchema, { error: `must be a list of 1 to ${MAX_SERVER_TYPES} server types, each with name, mu, h, mttf, mttr and costPerMonth` })
      .min(1, { error: `must be a list of 1 to ${MAX_SERVER_TYPES} server types, each with name, mu, h, mttf, mttr and costPerMonth` })
      .max(MAX_SERVER_TYPES, { error: `must be a list of 1 to ${MAX_SERVER_TYPES} server types, each with name, mu, h, mttf, mttr and costPerMonth` })
      .default(() => exampleServerTypes.map((t) => ({ ...t }))),
    ...bandwidthParams,
    designs: z
      .array(z.enum(cheapestDesigns, { error: `must be one of ${cheapestDesigns.join(", ")}` }), {
        error: `must be a list of designs among ${cheapestDesigns.join(", ")}`,
      })
      .min(1, { error: `must be a list of designs among ${cheapestDesigns.join(", ")}` })
      .optional(),
    fixed: z
      .record(z.string(), z.union([fixedValue, z.record(z.string(), fixedValue)]), {
        error:
          'must be an object of parameter names to values, applied to every design that takes them ({"sites": 3}), with one design\'s own under its name or as design.param ({"sndhta": {"sessionTime": 8}}, {"sndhta.sessionTime": 8})',
      })
      .default({})
      .transform(flattenFixed),
    maxServers: whole({ description: "the most servers a configuration may have", min: 1, max: 10_000, default: 1000 }),
    maxReplicas: whole({ description: "the most replicas (m) DS+DHT+A may keep of each object", min: 1, max: 100, default: 20 }),
  })
  .superRefine((p, ctx) => {
    checkTarget(p, ctx);
    const seen = new Set<string>();
    p.serverTypes.forEach((t, i) => {
      if (seen.has(t.name))
        ctx.addIssue({ code: "custom", path: ["serverTypes", i, "name"], message: `must differ from the other types' names: "${t.name}" is given twice` });
      seen.add(t.name);
    });
  });

export type CheapestRequest = z.output<typeof cheapestParams>;

/** A configuration of a server design and what it achieves. */
export interface Configuration {
  design: ServerDesign;
  serverType: string;
  /** Servers bought: n of DS+M+U, servers of DS+DHT+A. */
  servers: number;
  /** Replicas of each object (DS+DHT+A). */
  m?: number;
  /** The design's parameters, evaluable as they stand by its model. */
  params: Record<string, unknown>;
  value: number;
  unreliability: number;
  nines: number;
  costPerMonth: MonthlyCost;
}

export interface FrontierPoint extends Configuration {
  /** The level this point is the cheapest to reach: a whole number of nines, or the target. */
  atLeastNines: number;
  /** What it costs a month over the point before: the price of the extra nines. */
  extraCost: number | null;
}

export interface PeerRow {
  design: PeerDesign;
  params: Record<string, unknown>;
  value: number;
  unreliability: number;
  nines: number;
  meetsTarget: boolean;
  /** Peers (P+DHT+A) or supernodes (SN+DHT+A) serving as tracker nodes; null when k and rho given leave the population out. */
  trackerNodes: number | null;
  /** The load each tracker node absorbs instead of a server: λ·k/nodes lookups/s, and their bytes. */
  perNode: { lookupsPerSecond: number; bytesPerSecond: number };
  /** The fewest replicas per hop that reach the target, by plan; null when none does. */
  smallestM: number | null;
  message: string;
}

export interface CheapestResult {
  targetUnreliability: number;
  targetNines: number;
  /** A server configuration in the space meets the target. */
  feasible: boolean;
  best?: Configuration;
  /** When infeasible: the configuration that comes closest, and what alone would make it reach the target. */
  closest?: Configuration;
  remedies?: CheapestRemedy[];
  frontier: FrontierPoint[];
  /** The frontier as a table, for CSV and a spill. */
  columns: string[];
  rows: (string | number | null)[][];
  peers: PeerRow[];
  /**
   * The space and the work: `configurations` is how many a brute force would evaluate (every
   * count of every type, and for DS+DHT+A every m up to what the count holds); `evaluations` is
   * how many the search made, plan's included.
   */
  searched: { designs: CheapestDesign[]; serverTypes: number; maxServers: number; maxReplicas: number; evaluations: number; configurations: number };
  notes: string[];
  message: string;
}

export const frontierColumns = [
  "atLeastNines",
  "design",
  "serverType",
  "servers",
  "m",
  "nines",
  "unreliability",
  "serverCost",
  "bandwidthCost",
  "costPerMonth",
  "extraCost",
] as const;

// ---------- the planner's parameters, split per design ----------

type FixedValue = z.output<typeof fixedValue>;

/** {"sndhta": {"sessionTime": 8}} as {"sndhta.sessionTime": 8}: a query string's fixed.sndhta.sessionTime=8 arrives nested. */
function flattenFixed(fixed: Record<string, FixedValue | Record<string, FixedValue>>, ctx: z.RefinementCtx): Record<string, FixedValue> {
  const out: Record<string, FixedValue> = {};
  const put = (key: string, value: FixedValue) => {
    if (key in out)
      ctx.addIssue({ code: "custom", path: ["fixed", key], message: `fixed.${key} is given twice, nested under its design and as ${key}: give it once` });
    out[key] = value;
  };
  for (const [key, value] of Object.entries(fixed)) {
    if (typeof value === "object" && !Array.isArray(value)) for (const [name, inner] of Object.entries(value)) put(`${key}.${name}`, inner);
    else put(key, value);
  }
  return out;
}

interface DesignInputs {
  /** The planner's parameters for the design, as given (the workload included). */
  given: Record<string, unknown>;
  /** Where each came from, for an error's path: fixed.sites, lambda, serverTypes.2.mu. */
  origin: Record<string, string>;
}

function designParamNames(design: CheapestDesign): string[] {
  return describeParams(modelByName(design)).map((p) => p.name);
}

/** Where a name of `fixed` belongs instead, when it is the workload: beside the target. */
function workloadRefusal(design: CheapestDesign | undefined, name: string): string | undefined {
  if (name === "lambda" || name === "arrivalRate" || name === "lookupsPerPeer" || name === "N")
    return `the workload is given beside the target, not in fixed: give ${name} there`;
  if (design === undefined && name === "sessionTime")
    return "give the ordinary peers' mean session time as sessionTime beside the target, and a supernode's as sndhta.sessionTime";
  if (design !== undefined && !isServerDesign(design) && name === peerSessionParam[design])
    return "the ordinary peers' mean session time is the workload's sessionTime, given beside the target";
  return undefined;
}

/**
 * `fixed` split per design: a plain name goes to every design considered that takes it, a dotted
 * one ("sndhta.sessionTime") to that design alone. The workload is given beside the target, and a
 * server's mu, h, MTTF and MTTR come from its type, so `fixed` may not hold them.
 */
function splitFixed(request: CheapestRequest, designs: CheapestDesign[]): Record<CheapestDesign, DesignInputs> {
  const errors: FieldError[] = [];
  const setAside = (name: string) =>
    request.designs === undefined && (["pdhta", "sndhta"] as const).some((d) => !designs.includes(d) && designParamNames(d).includes(name))
      ? " (pdhta and sndhta, which take it, were set aside: they need N, or arrivalRate with sessionTime)"
      : "";
  const out = Object.fromEntries(designs.map((d) => [d, { given: {}, origin: {} }])) as Record<CheapestDesign, DesignInputs>;
  const names = Object.fromEntries(designs.map((d) => [d, designParamNames(d)])) as Record<CheapestDesign, string[]>;
  const fromType = (name: string) => (typeParams as readonly string[]).includes(name);
  const refuse = (path: string, why: string) => errors.push({ path, message: `${path}: ${why}` });
  // Plain names first, so that a design's own value (dsmu.sites) wins over one for every design (sites), whatever the order given.
  const entries = Object.entries(request.fixed).sort(([a], [b]) => Number(a.includes(".")) - Number(b.includes(".")));
  for (const [key, value] of entries) {
    const path = `fixed.${key}`;
    const dot = key.indexOf(".");
    if (dot >= 0) {
      const design = key.slice(0, dot) as CheapestDesign;
      const name = key.slice(dot + 1);
      if (!(cheapestDesigns as readonly string[]).includes(design))
        refuse(path, `a dotted name starts with a design (${cheapestDesigns.join(", ")}), got "${key.slice(0, dot)}"`);
      else if (!designs.includes(design)) refuse(path, `${design} is not among the designs considered (${designs.join(", ")})`);
      else if (workloadRefusal(design, name)) refuse(path, workloadRefusal(design, name)!);
      else if (isServerDesign(design) && fromType(name)) refuse(path, `a server's ${name} comes from its type: give it in serverTypes`);
      else if (!names[design].includes(name)) refuse(path, `${design} has no parameter ${name} (it has ${names[design].join(", ")})`);
      else {
        out[design].given[name] = value;
        out[design].origin[name] = path;
      }
      continue;
    }
    if (workloadRefusal(undefined, key)) {
      refuse(path, workloadRefusal(undefined, key)!);
      continue;
    }
    if (fromType(key) && designs.some(isServerDesign)) {
      refuse(path, `a server's ${key} comes from its type in serverTypes; for a peer design's own, write pdhta.${key} or sndhta.${key}`);
      continue;
    }
    const takers = designs.filter((d) => names[d].includes(key));
    if ((cheapestDesigns as readonly string[]).includes(key))
      refuse(path, `give ${key}'s own parameters as an object under its name ({"${key}": {"m": 3}}), or as ${key}.m`);
    else if (takers.length === 0) refuse(path, `none of the designs considered (${designs.join(", ")}) has a parameter ${key}${setAside(key)}`);
    for (const d of takers) {
      out[d].given[key] = value;
      out[d].origin[key] = path;
    }
  }
  if (errors.length > 0) throw new ValidationError(errors);
  for (const d of designs) {
    const { given, origin } = out[d];
    for (const name of ["lambda", "arrivalRate", "lookupsPerPeer"] as const) {
      origin[name] = name;
      if (request[name] !== undefined) given[name] = request[name];
    }
    if (isServerDesign(d)) continue;
    origin.N = "N";
    origin[peerSessionParam[d]] = "sessionTime";
    if (request.N !== undefined) given.N = request.N;
    if (request.sessionTime !== undefined) given[peerSessionParam[d]] = request.sessionTime;
  }
  return out;
}

/** The design's errors, re-pathed to where the planner gave each value, and named by the design. */
function designErrors(error: ValidationError, design: string, origin: Record<string, string>): ValidationError {
  return new ValidationError(
    error.errors.map((e) => {
      const head = e.path.split(".")[0] ?? "";
      // A parameter the planner left out is one to give in fixed (siteMttf beside sites).
      const where = origin[head] ?? (head ? `fixed.${head}` : undefined);
      return where ? { path: where + e.path.slice(head.length), message: `${design}: ${e.message}` } : prefixed(e, design);
    }),
  );
}

// ---------- one line of the space: a design and a server type, by count ----------

/** A configuration evaluated: its count, its replicas, the model's result. */
interface Point {
  count: number;
  m: number | undefined;
  result: ModelResult;
}

/** A budget spent: the main search's check up front keeps it from happening there; an infeasible answer's refinements stop at it. */
class CapReached extends Error {
  constructor() {
    super(`cheapest passed its cap of ${MAX_CHEAPEST_EVALUATIONS} evaluations`);
    this.name = "CapReached";
  }
}

class Budget {
  /** Evaluations of the lines, which the cap bounds. */
  used = 0;
  /** Evaluations outside the lines: the peer rows, and plan's (the peers' replicas, an infeasible target's levers), bounded by its own cap. */
  planned = 0;
  /** The same, each at its cost (evaluationCost), which the cap bounds. */
  work = 0;
  spend(cost: number): void {
    this.used++;
    this.work += cost;
    // The worst case was checked before the search began (worstCase); this is the guard behind it.
    if (this.work > MAX_CHEAPEST_EVALUATIONS) throw new CapReached();
  }
}

class Line {
  readonly model: AnyModel;
  readonly count: "n" | "servers";
  /** The counts searched, inclusive: the fewest the rules allow (or the one fixed), to maxServers. */
  readonly lo: number;
  readonly hi: number;
  /** The success rate never falls as the count grows: bisect instead of scanning. */
  readonly monotone: boolean;
  /** DS+DHT+A with m left to the search. */
  readonly freeReplicas: boolean;
  private readonly memo = new Map<number, Point>();
  private readonly base: Record<string, unknown>;
  /** What one evaluation of the line costs (evaluationCost). */
  readonly cost1: number;
  /** The sites the servers are spread over, when a valid number is given; else 1, and the design's rule names the value. */
  private readonly sites: number;
  /** The lookup rate offered, which every cost of the line bills. */
  private readonly lambda: number;

  constructor(
    readonly design: ServerDesign,
    readonly type: ServerType,
    readonly given: Record<string, unknown>,
    private readonly request: CheapestRequest,
    private readonly budget: Budget,
    origin: Record<string, string>,
    typeIndex: number,
  ) {
    this.model = modelByName(design);
    this.count = countParam[design];
    // Only a valid sites or m sizes the range; any other value is left to the design's own rule below, which names it.
    this.sites = Number.isInteger(given.sites) && (given.sites as number) >= 1 && (given.sites as number) <= MAX_SITES ? (given.sites as number) : 1;
    this.cost1 = evaluationCost(design, this.sites);
    this.lambda = offeredLoad(request)!.hi;
    // A count the planner fixes is searched at that value alone; one that is not a whole number is refused by the design's own rule below.
    const fixedCount = given[this.count];
    const fixed = fixedCount !== undefined;
    this.freeReplicas = design === "dsdhta" && given.m === undefined;
    const sites = this.sites;
    const replicas = Number.isInteger(given.m) && (given.m as number) >= 1 ? (given.m as number) : 1;
    // The fewest servers the rules allow: one a site, and for DS+DHT+A each site holding its share of m.
    const fewest = design === "dsdhta" ? sites * Math.ceil(replicas / sites) : sites;
    if (!fixed && fewest > request.maxServers)
      throw new ValidationError([
        {
          path: "maxServers",
          message: `maxServers must be at least ${fewest}, the fewest servers ${design}'s rules allow here (${design === "dsdhta" ? "each site holding its share of m replicas" : "one a site"}), got ${request.maxServers}`,
        },
      ]);
    this.lo = fixed ? (fixedCount as number) : Math.max(1, fewest);
    this.hi = fixed ? (fixedCount as number) : request.maxServers;
    const typeOrigin = Object.fromEntries(typeParams.map((p) => [p, `serverTypes.${typeIndex}.${p}`]));
    try {
      this.base = validateParams(this.model, this.paramsAt(this.lo, this.replicasAt(this.lo)));
    } catch (error) {
      if (error instanceof ValidationError) throw designErrors(error, design, { [this.count]: "maxServers", ...origin, ...typeOrigin });
      throw error;
    }
    const countInfo = describeParams(this.model).find((p) => p.name === this.count)!;
    const fixedPath = this.base.k !== undefined || this.base.algorithm === "onehop";
    this.monotone = effectAt(countInfo, this.base) === "raises" || (design === "dsdhta" && fixedPath);
  }

  /** The planner's parameters with this type's and a count (and replicas): what a result reports. */
  paramsAt(count: number, m: number | undefined): Record<string, unknown> {
    const { mu, h, mttf, mttr } = this.type;
    return { ...this.given, mu, h, mttf, mttr, [this.count]: count, ...(m !== undefined && { m }) };
  }

  /** The most replicas a count holds: maxReplicas, no more than the servers, each site its share. */
  replicasAt(count: number): number | undefined {
    if (!this.freeReplicas || typeof count !== "number") return undefined;
    return Math.max(1, Math.min(this.request.maxReplicas, this.sites * Math.floor(count / this.sites)));
  }

  /** The model at a count (and replicas), on the validated base: only the count and m change, and the rules are checked again. */
  evaluate(count: number, m: number | undefined): ModelResult {
    this.budget.spend(this.cost1);
    const p = { ...this.base, [this.count]: count, ...(m !== undefined && { m }) };
    const errors = this.model.crossCheck?.(p as never) ?? [];
    // lo is the fewest the rules allow and replicasAt keeps within them, so this is a bug, not input.
    if (errors.length > 0) throw new Error(`${this.design} refused a configuration the search built: ${errors.map((e) => e.message).join("; ")}`);
    return this.model.compute(p as never);
  }

  at(count: number): Point {
    let point = this.memo.get(count);
    if (!point) {
      const m = this.replicasAt(count);
      point = { count, m, result: this.evaluate(count, m) };
      this.memo.set(count, point);
    }
    return point;
  }

  /** A count's cost before it is evaluated: its servers, and its answers over at least `hops` hops. */
  costFloor(count: number, hops: number): number {
    return monthlyCost(count, this.type, this.lambda, hops, this.request).total;
  }

  /** The answers a lookup takes: one a hop of a DS+DHT+A path (at least one), one for DS+M+U. */
  hopsOf(point: Point): number {
    return this.design === "dsdhta" ? Math.max(1, point.result.k as number) : 1;
  }

  cost(point: Point): MonthlyCost {
    return monthlyCost(point.count, this.type, this.lambda, this.hopsOf(point), this.request);
  }

  /**
   * The smallest count whose configuration reaches q, or undefined; a scan gives up past counts that
   * alone cost more than `bound`, which another line already beats.
   */
  smallest(q: number, bound: number): Point | undefined {
    const meets = (count: number) => (this.at(count).result.unreliability ?? 1) <= q;
    if (this.monotone) {
      if (this.costFloor(this.lo, 1) > bound || !meets(this.hi)) return undefined;
      if (meets(this.lo)) return this.at(this.lo);
      let bad = this.lo;
      let good = this.hi;
      while (good - bad > 1) {
        const mid = Math.floor((good + bad) / 2);
        if (meets(mid)) good = mid;
        else bad = mid;
      }
      return this.at(good);
    }
    // A DHT's path never shortens as servers are added, so the count before's hops bound this one's.
    let hops = 1;
    for (let count = this.lo; count <= this.hi; count++) {
      if (this.costFloor(count, hops) > bound) return undefined;
      const point = this.at(count);
      if ((point.result.unreliability ?? 1) <= q) return point;
      hops = this.hopsOf(point);
    }
    return undefined;
  }

  /** The least unreliability the line reaches: at its largest count when monotone, else the least of every count. */
  closest(): Point {
    if (this.monotone) return this.at(this.hi);
    let best = this.at(this.lo);
    for (let count = this.lo + 1; count <= this.hi; count++) {
      const p = this.at(count);
      if ((p.result.unreliability ?? 1) < (best.result.unreliability ?? 1)) best = p;
    }
    return best;
  }

  /** A point reported with the fewest replicas that keep it at q (m raises, so bisected), at the same cost. */
  configuration(point: Point, q: number): Configuration {
    let { m, result } = point;
    if (m !== undefined && m > 1 && (result.unreliability ?? 1) <= q) {
      let bad = 0;
      let good = m;
      while (good - bad > 1) {
        const mid = Math.floor((good + bad) / 2);
        const r = this.evaluate(point.count, mid);
        if ((r.unreliability ?? 1) <= q) [good, result] = [mid, r];
        else bad = mid;
      }
      m = good;
    }
    const chosen = { ...point, m, result };
    return {
      design: this.design,
      serverType: this.type.name,
      servers: point.count,
      ...(m !== undefined || this.design === "dsdhta" ? { m: m ?? (this.given.m as number) } : {}),
      params: this.paramsAt(point.count, m),
      value: result.value,
      unreliability: result.unreliability!,
      nines: result.nines!,
      costPerMonth: this.cost(chosen),
    };
  }

  /** Configurations of the line a brute force would evaluate. */
  configurations(): number {
    let n = 0;
    for (let count = this.lo; count <= this.hi; count++) n += this.replicasAt(count) ?? 1;
    return n;
  }

  /** Evaluations the line may need at most, for `levels` targets, each at its cost. */
  worstCase(levels: number): number {
    const span = this.hi - this.lo + 1;
    const replicas = this.freeReplicas ? levels * (Math.ceil(Math.log2(this.request.maxReplicas)) + 2) : 0;
    return ((this.monotone ? levels * (Math.ceil(Math.log2(span)) + 3) : span) + replicas) * this.cost1;
  }
}

// ---------- the search ----------

/**
 * Lower cost first; at equal cost more nines, then the design and type listed first. Unreliabilities
 * a few ulps apart are equal: DS+DHT+A with m = servers over one hop is DS+M+U computed another
 * way, and the simpler design should not lose to its own rounding.
 */
function cheaper(a: { cost: number; q: number; order: number }, b: { cost: number; q: number; order: number }): boolean {
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (Math.abs(a.q - b.q) > 1e-12 * Math.max(a.q, b.q)) return a.q < b.q;
  return a.order < b.order;
}

/** The cheapest configuration of any line that reaches q. Monotone lines first: their answers bound the scans. */
function cheapestAt(lines: Line[], q: number): Configuration | undefined {
  const order = [...lines.keys()].sort((a, b) => Number(lines[b]!.monotone) - Number(lines[a]!.monotone) || a - b);
  let found: { configuration: Configuration; cost: number; q: number; order: number } | undefined;
  for (const i of order) {
    const line = lines[i]!;
    const point = line.smallest(q, found?.cost ?? Infinity);
    if (!point) continue;
    // Compared as reported, with its replicas cut back: that is the configuration whose nines a tie weighs.
    const configuration = line.configuration(point, q);
    const candidate = { configuration, cost: configuration.costPerMonth.total, q: configuration.unreliability, order: i };
    if (!found || cheaper(candidate, found)) found = candidate;
  }
  return found?.configuration;
}

/** The levels the frontier shows: whole nines around the target, and the target itself (at its own unreliability). */
function frontierLevels(targetNines: number, qTarget: number): { nines: number; q: number; target: boolean }[] {
  const whole = Math.abs(targetNines - Math.round(targetNines)) < 1e-9 ? Math.round(targetNines) : undefined;
  const floor = whole ?? Math.floor(targetNines);
  const levels: { nines: number; q: number; target: boolean }[] = [];
  for (let n = Math.max(1, floor - FRONTIER_BELOW); n <= floor + FRONTIER_ABOVE; n++)
    levels.push(n === whole ? { nines: targetNines, q: qTarget, target: true } : { nines: n, q: 10 ** -n, target: false });
  if (whole === undefined) levels.push({ nines: targetNines, q: qTarget, target: true });
  return levels.sort((a, b) => a.nines - b.nines);
}

function costWords(c: MonthlyCost): string {
  return `${dollars(c.total)} a month (${dollars(c.servers)} servers, ${dollars(c.bandwidth)} bandwidth)`;
}

/** Whole dollars from $100 up, cents below ($416, $13.10). */
export function dollars(x: number): string {
  const cents = Math.abs(x) < 100 && x !== Math.round(x) ? 2 : 0;
  return `$${x.toLocaleString("en-US", { minimumFractionDigits: cents, maximumFractionDigits: cents })}`;
}

/** "7.00 nines", "1 nine", "unbounded nines (the unreliability is 0)". */
function ninesWords(n: number): string {
  if (!Number.isFinite(n)) return "unbounded nines (the unreliability is 0)";
  return Number.isInteger(n) && n === 1 ? "1 nine" : `${n.toFixed(2)} nines`;
}

function configurationWords(c: Configuration): string {
  const replicas = c.design === "dsdhta" ? `, m = ${c.m}` : "";
  return `${c.design} with ${c.servers} × ${c.serverType}${replicas}`;
}

function frontierRow(p: FrontierPoint): (string | number | null)[] {
  return [
    p.atLeastNines,
    p.design,
    p.serverType,
    p.servers,
    p.m ?? null,
    p.nines,
    p.unreliability,
    p.costPerMonth.servers,
    p.costPerMonth.bandwidth,
    p.costPerMonth.total,
    p.extraCost,
  ];
}

/** plan's fewest m for a peer design, or why there is none (a rule that refuses every m is an answer here, not an error). */
function smallestReplicas(
  design: PeerDesign,
  fixed: Record<string, unknown>,
  qTarget: number,
): { feasible: boolean; value?: number; evaluations: number; message: string } {
  try {
    return plan({ model: design, find: "m", fixed: fixed as Record<string, number | string>, target: undefined, nines: -Math.log10(qTarget) });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { feasible: false, evaluations: 0, message: error.errors.map((e) => e.message).join("; ") };
  }
}

/** The peer design at the planner's parameters, with its load per tracker node and the fewest replicas that would reach the target. */
function peerRow(design: PeerDesign, inputs: DesignInputs, request: CheapestRequest, qTarget: number, budget: Budget): PeerRow {
  const model = modelByName(design);
  let validated: Record<string, unknown>;
  try {
    validated = validateParams(model, inputs.given);
  } catch (error) {
    if (error instanceof ValidationError) throw designErrors(error, design, inputs.origin);
    throw error;
  }
  budget.planned++;
  const result = model.compute(validated as never);
  const nodes = (design === "pdhta" ? result.N : result.supernodes) as number | null;
  const lookups = (result.rho as number) * (validated.mu as number);
  const { m: _m, ...withoutM } = inputs.given;
  const planned = smallestReplicas(design, withoutM, qTarget);
  budget.planned += planned.evaluations;
  const meets = (result.unreliability ?? 1) <= qTarget;
  const smallestM = planned.feasible ? planned.value! : null;
  const who = design === "pdhta" ? "peer" : "supernode";
  const message =
    `${design} at m = ${validated.m}: ${ninesWords(result.nines as number)}, ${meets ? "meeting" : "missing"} the target; ` +
    `${typeof nodes === "number" ? `each of ${Math.round(nodes).toLocaleString("en-US")} ${who}s` : `each ${who} (k and rho given, so no population)`} carries ` +
    `${lookups.toPrecision(3)} lookups/s (${(lookups * request.bytesPerLookup).toPrecision(3)} bytes/s). ` +
    (smallestM !== null ? `m = ${smallestM} is the fewest replicas that reach the target.` : `No m reaches the target: ${planned.message}.`);
  return {
    design,
    params: { ...inputs.given },
    value: result.value,
    unreliability: result.unreliability!,
    nines: result.nines!,
    meetsTarget: meets,
    trackerNodes: nodes,
    perNode: { lookupsPerSecond: lookups, bytesPerSecond: lookups * request.bytesPerLookup },
    smallestM,
    message,
  };
}

function achievedBy(c: Configuration): Remedy["achieved"] {
  return { value: c.value, unreliability: c.unreliability, nines: c.nines };
}

/**
 * Within this many nines of the least unreliability the space reaches, the cheapest configuration
 * is the one an infeasible answer names as the closest: past it, more servers buy nothing a planner
 * would see (an outage of every site sets a floor no count lowers).
 */
const CLOSE_NINES = 0.01;

/** A lever that alone (with the servers it names) would reach the target from the closest configuration. */
export interface CheapestRemedy extends Remedy {
  /** The servers it takes with it: the closest configuration's own, or more where the lever needs them (a site each). */
  servers: number;
  /** The replicas it takes with it (DS+DHT+A), when they differ from the closest configuration's. */
  m?: number;
  /** The lever as a planner reads it: "mu ≥ 2400 lookups/s", "sites ≥ 9 (with 9 servers)", "maxServers ≥ 1198". */
  words: string;
}

/** A lever as a planner reads it: "mu ≥ 2400 lookups/s", "sites ≥ 4 (with 12 servers)", "maxServers ≥ 1200 (with m = 20)". */
function remedyWords(model: AnyModel, r: Omit<CheapestRemedy, "words">, closest: Configuration): string {
  const info = describeParams(model).find((p) => p.name === r.param);
  const unit = info?.unit && info.unit !== "probability" ? ` ${info.unit}` : "";
  const value = Number.isInteger(r.value) ? String(r.value) : String(Number(r.value.toPrecision(6)));
  const along = [
    ...(r.param !== "maxServers" && r.servers !== closest.servers ? [`${r.servers} servers`] : []),
    ...(r.m !== undefined && r.m !== closest.m && r.param !== "m" && r.param !== "maxReplicas" ? [`m = ${r.m}`] : []),
  ];
  return `${r.param} ${r.effect === "raises" ? "≥" : "≤"} ${value}${unit}${along.length > 0 ? ` (with ${along.join(", ")})` : ""}`;
}

/**
 * What would make an infeasible target feasible: the closest configuration (the cheapest within
 * CLOSE_NINES of the best the space reaches) and each lever that alone would reach the target from
 * it (plan's remedies, at its count). A lever that needs more servers than it has (more sites than
 * servers) is tried at the most servers, and then given with the fewest servers that reach the
 * target at its value. More servers than maxServers are one more lever, when they would do.
 */
function infeasible(lines: Line[], qTarget: number, request: CheapestRequest, budget: Budget) {
  const least = Math.min(...lines.map((line) => line.closest().result.unreliability ?? 1));
  const closest = cheapestAt(lines, least * 10 ** CLOSE_NINES)!;
  const line = lines.find((l) => l.design === closest.design && l.type.name === closest.serverType)!;
  const { [line.count]: _count, ...fixed } = closest.params;
  const nines = -Math.log10(qTarget);
  const planOf = (given: Record<string, unknown>, min: number, max: number) => {
    const answer = plan({ model: line.design, find: line.count, fixed: given as Record<string, number | string>, nines, min, max }, { maxEvaluations: 4000 });
    budget.planned += answer.evaluations;
    return answer;
  };
  // k and ρ override what the design derives: a shorter path or a lighter load is not a thing to buy, unless the planner gave them.
  const lever = (r: Remedy) => !((r.param === "k" || r.param === "rho") && !(r.param in line.given));
  const leversAt = (given: Record<string, unknown>, servers: number) => (planOf(given, servers, servers).remedies ?? []).filter(lever);
  const remedies: Omit<CheapestRemedy, "words">[] = leversAt(fixed, closest.servers).map((r) => ({
    ...r,
    servers: closest.servers,
    ...(closest.m !== undefined && { m: closest.m }),
  }));
  // The line searched again with one thing changed (a lever's value, more servers): its fewest servers and replicas that reach the target.
  const refined = new Budget();
  const fewestWith = (param: string, value: number, maxServers: number): Configuration | undefined => {
    const type = (typeParams as readonly string[]).includes(param) ? { ...line.type, [param]: value } : line.type;
    const given = param === "maxServers" || type !== line.type ? line.given : { ...line.given, [param]: value };
    const asked = { ...request, maxServers, ...(param === "lambda" && { lambda: value }) };
    try {
      const again = new Line(line.design, type, given, asked, refined, {}, 0);
      const point = again.smallest(qTarget, Infinity);
      return point && again.configuration(point, qTarget);
    } catch (error) {
      // Past the cap, or a value the rules refuse with these servers: the lever is given as plan found it.
      if (error instanceof CapReached || error instanceof ValidationError) return undefined;
      throw error;
    }
  };
  const countFree = typeof line.given[line.count] !== "number";
  if (countFree && line.hi > closest.servers) {
    const m = line.replicasAt(line.hi);
    const atMost = { ...fixed, ...(m !== undefined && { m }) };
    for (const r of leversAt(atMost, line.hi)) {
      if (remedies.some((known) => known.param === r.param)) continue;
      const fewest = fewestWith(r.param, r.value, line.hi);
      remedies.push(
        fewest
          ? { ...r, servers: fewest.servers, ...(fewest.m !== undefined && { m: fewest.m }), achieved: achievedBy(fewest) }
          : { ...r, servers: line.hi, ...(m !== undefined && { m }) },
      );
    }
  }
  if (countFree && line.hi < 10_000) {
    const wider = fewestWith("maxServers", 10_000, 10_000);
    if (wider)
      remedies.push({
        param: "maxServers",
        effect: "raises",
        value: wider.servers,
        achieved: achievedBy(wider),
        servers: wider.servers,
        ...(wider.m !== undefined && { m: wider.m }),
      });
  }
  budget.planned += refined.used;
  // Replicas the search chose are raised through maxReplicas, the bound it chose them under.
  const named = remedies.map((r) => (r.param === "m" && line.freeReplicas ? { ...r, param: "maxReplicas" } : r));
  const worded = named.map((r) => ({ ...r, words: remedyWords(line.model, r, closest) }));
  const types = request.serverTypes.length;
  const searched = `${[...new Set(lines.map((l) => l.design))].join(", ")}; ${types} server type${types === 1 ? "" : "s"}; up to ${Math.max(...lines.map((l) => l.hi))} servers`;
  const levers =
    worded.length > 0
      ? `With it, any one of these alone reaches the target: ${worded.map((r) => r.words).join(", ")}.`
      : `No lever of ${line.design} alone (its server's, its sites', the load) reaches the target from it, even with ${line.hi} servers.`;
  const message =
    `No configuration searched (${searched}) reaches ${ninesWords(nines)} (unreliability ${scientific(qTarget, 2)}). ` +
    `The closest is ${configurationWords(closest)}: ${ninesWords(closest.nines)} for ${costWords(closest.costPerMonth)}. ${levers}`;
  return { closest, remedies: worded, message };
}

/** λ given, or the rule the designs state for deriving it. */
function checkLambda(request: CheapestRequest): void {
  // Both would leave one unseen (the designs take λ over the product); an Excel cell left empty on the desktop is a λ of 0.
  if (request.lambda !== undefined && request.lookupsPerPeer !== undefined)
    throw new ValidationError([
      {
        path: "lambda",
        message: `give lambda, or arrivalRate and lookupsPerPeer to derive it, not both: got lambda = ${request.lambda} and lookupsPerPeer = ${request.lookupsPerPeer}`,
      },
    ]);
  if (request.lambda !== undefined || (request.arrivalRate !== undefined && request.lookupsPerPeer !== undefined)) return;
  const missing =
    request.arrivalRate === undefined && request.lookupsPerPeer === undefined ? "lambda" : request.arrivalRate === undefined ? "arrivalRate" : "lookupsPerPeer";
  throw new ValidationError([
    { path: missing, message: `give lambda (lookups/s), or both arrivalRate and lookupsPerPeer to derive it: ${missing} is missing` },
  ]);
}

export function cheapest(request: CheapestRequest): CheapestResult {
  checkLambda(request);
  const qTarget = targetUnreliability(request);
  const targetNines = nines(qTarget);
  const designs = request.designs ? [...new Set(request.designs)] : [...cheapestDesigns];
  const notes: string[] = [];
  // Left to the default, a peer design needs a population to be evaluated: without one (and
  // nothing fixed for it) it is set aside, and a note says so; asked for by name, it says what it lacks.
  const population = request.N !== undefined || request.arrivalRate !== undefined;
  const considered = designs.filter(
    (d) => isServerDesign(d) || population || request.designs !== undefined || Object.keys(request.fixed).some((k) => k.startsWith(`${d}.`)),
  );
  if (considered.length < designs.length)
    notes.push("the peer-based designs (pdhta, sndhta) need a population: give N, or arrivalRate with sessionTime, to see them");
  const inputs = splitFixed(request, considered);
  const budget = new Budget();
  const lines = considered
    .filter(isServerDesign)
    .flatMap((design) => request.serverTypes.map((type, i) => new Line(design, type, inputs[design].given, request, budget, inputs[design].origin, i)));

  const levels = frontierLevels(targetNines, qTarget);
  const worst = lines.reduce((n, l) => n + l.worstCase(levels.length + 1), 0);
  if (worst > MAX_CHEAPEST_EVALUATIONS)
    throw new ValidationError([
      {
        path: "maxServers",
        message: `this search could take ${Math.ceil(worst).toLocaleString("en-US")} model evaluations${lines.some((l) => l.cost1 > 1) ? " (dsdhta over sites counted at its cost)" : ""}, past the cap of ${MAX_CHEAPEST_EVALUATIONS.toLocaleString("en-US")}: lower maxServers or give fewer serverTypes${lines.some((l) => l.cost1 > 1) ? ", spread dsdhta over fewer sites (each evaluation over sites sums over their states)" : ""}${lines.some((l) => l.freeReplicas) && request.maxReplicas > 20 ? ", lower maxReplicas" : ""}${lines.some((l) => !l.monotone) ? ", or route dsdhta in one hop (fixed algorithm = onehop), where the search bisects instead of scanning" : ""}`,
      },
    ]);

  const best = lines.length > 0 ? cheapestAt(lines, qTarget) : undefined;
  const frontier: FrontierPoint[] = [];
  for (const level of levels) {
    if (lines.length === 0) break;
    const point = level.target ? best : cheapestAt(lines, level.q);
    if (!point) {
      notes.push(`no configuration searched reaches ${ninesWords(level.nines)}, so the frontier stops below it`);
      break;
    }
    const before = frontier[frontier.length - 1];
    frontier.push({ ...point, atLeastNines: Number(level.nines.toFixed(6)), extraCost: before ? point.costPerMonth.total - before.costPerMonth.total : null });
  }
  const peers = considered.filter((d): d is PeerDesign => !isServerDesign(d)).map((d) => peerRow(d, inputs[d], request, qTarget, budget));

  const base = { targetUnreliability: qTarget, targetNines, frontier, columns: [...frontierColumns], rows: frontier.map(frontierRow), peers, notes };
  const searched = () => ({
    designs: considered,
    serverTypes: request.serverTypes.length,
    maxServers: request.maxServers,
    maxReplicas: request.maxReplicas,
    evaluations: budget.used + budget.planned,
    configurations: lines.reduce((n, l) => n + l.configurations(), 0),
  });
  if (lines.length === 0)
    return {
      ...base,
      feasible: false,
      searched: searched(),
      message: `Only peer-based designs were asked for, which buy no servers: see peers. ${peers.map((p) => p.message).join(" ")}`,
    };
  if (best) {
    const message = `The cheapest configuration reaching ${ninesWords(targetNines)} is ${configurationWords(best)}: ${ninesWords(best.nines)} for ${costWords(best.costPerMonth)}.`;
    return { ...base, feasible: true, best, searched: searched(), message };
  }
  const why = infeasible(lines, qTarget, request, budget);
  return { ...base, feasible: false, closest: why.closest, remedies: why.remedies, searched: searched(), message: why.message };
}

export const cheapestTool = defineTool({
  name: "cheapest",
  title: "The cheapest design that reaches the target",
  summary:
    "The cheapest server configuration (design, server type, servers, replicas) that meets a target success rate at a workload, its monthly cost in servers and bandwidth, the cost of each extra nine, and the load the peer-based designs put on peers instead.",
  params: cheapestParams,
  compute: cheapest,
});
