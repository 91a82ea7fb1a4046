/**
 * The cheapest tool's answer by brute force: every design, server type, count and replica count
 * of the space cheapest searches, each evaluated through the catalog's public path (validation
 * and all), the cheapest that reaches the target kept. What the test checks the search against and
 * the bench times it beside. It shares only the cost model (cost.ts) with the search.
 */
import { describeParams, evaluate, lookupModel, ValidationError, type ServerType } from "../../shared/index";
import { monthlyCost } from "../../shared/tools/cost";

export interface BruteForceSpace {
  designs: readonly ("dsmu" | "dsdhta")[];
  serverTypes: readonly ServerType[];
  lambda: number;
  /** Parameters each design that has them takes as they are (sites, algorithm, pserved…). */
  fixed?: Readonly<Record<string, number | string>>;
  maxServers: number;
  maxReplicas: number;
  bytesPerLookup: number;
  costPerGB: number;
}

export interface BruteForceAnswer {
  design: string;
  serverType: string;
  servers: number;
  m?: number;
  cost: number;
  unreliability: number;
}

/** Every configuration of the space that the designs' rules accept, with its cost and unreliability. */
export function* configurations(space: BruteForceSpace): Generator<BruteForceAnswer> {
  for (const design of space.designs) {
    const count = design === "dsmu" ? "n" : "servers";
    const names = new Set(describeParams(lookupModel(design)).map((p) => p.name));
    const fixed = Object.fromEntries(Object.entries(space.fixed ?? {}).filter(([name]) => names.has(name)));
    for (const type of space.serverTypes) {
      for (let servers = 1; servers <= space.maxServers; servers++) {
        const replicas = design === "dsdhta" && fixed.m === undefined ? space.maxReplicas : 1;
        for (let m = 1; m <= replicas; m++) {
          const params = {
            ...fixed,
            lambda: space.lambda,
            mu: type.mu,
            h: type.h,
            mttf: type.mttf,
            mttr: type.mttr,
            [count]: servers,
            ...(design === "dsdhta" && fixed.m === undefined && { m }),
          };
          let result: { unreliability?: number; k?: unknown };
          try {
            result = evaluate(design, params);
          } catch (error) {
            if (error instanceof ValidationError) continue;
            throw error;
          }
          const hops = design === "dsdhta" ? Math.max(1, result.k as number) : 1;
          yield {
            design,
            serverType: type.name,
            servers,
            ...(design === "dsdhta" && { m: (params as { m?: number }).m ?? (fixed.m as number) }),
            cost: monthlyCost(servers, type, space.lambda, hops, space).total,
            unreliability: result.unreliability!,
          };
        }
      }
    }
  }
}

/** The least cost at which a configuration reaches unreliability q, each configuration evaluated once; undefined when none does. */
export function bruteForceCheapest(space: BruteForceSpace, q: number): BruteForceAnswer | undefined {
  let best: BruteForceAnswer | undefined;
  for (const c of configurations(space)) {
    if (c.unreliability > q) continue;
    if (!best || c.cost < best.cost || (c.cost === best.cost && c.unreliability < best.unreliability)) best = c;
  }
  return best;
}

/** The least cost at each of several levels, from one pass over the space. */
export function bruteForceLevels(space: BruteForceSpace, qs: readonly number[]): (BruteForceAnswer | undefined)[] {
  const best: (BruteForceAnswer | undefined)[] = qs.map(() => undefined);
  for (const c of configurations(space)) {
    qs.forEach((q, i) => {
      const b = best[i];
      if (c.unreliability <= q && (!b || c.cost < b.cost || (c.cost === b.cost && c.unreliability < b.unreliability))) best[i] = c;
    });
  }
  return best;
}
