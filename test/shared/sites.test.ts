/**
 * Servers over sites (shared/models/designs/sites.ts): what the planner relies on beyond the 50-digit
 * references. Leaving the sites out, or giving sites whose outages last no time, is today's model; more
 * sites never lower DS+M+U at equal n; DS+DHT+A's hops share an outage, so its value is not the
 * product of per-hop terms; the README's example; the rules; and each site's importance against
 * its definition, R(site up) − R(site down), from a brute force over the site states.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeParams, evaluate, type PartImportance, ValidationError } from "../../shared/index";
import { dsdhta } from "../../shared/models/designs/dsdhta";
import { dsmu } from "../../shared/models/designs/dsmu";
import { MAX_SITES } from "../../shared/models/designs/sites";
import { SEED } from "./arbitraries";

type Result = { value: number; unreliability: number; nines: number; [k: string]: unknown };
const run = (model: string, params: Record<string, unknown>) => evaluate(model, params) as unknown as Result;
const servers = { mttf: 720, mttr: 2, mu: 1000, h: 100 };
const readmeSites = { siteMttf: 8760, siteMttr: 4 };

/** |a − b| within `ulps` units in the last place of the larger. */
const closeTo = (a: number, b: number, ulps: number) => Math.abs(a - b) <= ulps * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b));

function errorsOf(model: string, params: Record<string, unknown>) {
  try {
    evaluate(model, params);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
  throw new Error("expected a ValidationError");
}

/** P(σ) for the site states σ (bit j: site j up), each site up with its own availability. */
function states(availabilities: readonly number[]): { up: (j: number) => boolean; probability: number }[] {
  const out = [];
  for (let state = 0; state < 2 ** availabilities.length; state++) {
    const up = (j: number) => ((state >> j) & 1) === 1;
    out.push({ up, probability: availabilities.reduce((p, a, j) => p * (up(j) ? a : 1 - a), 1) });
  }
  return out;
}

/** DS+M+U by brute force: server i in site i mod s; R = 1 − Σ_σ P(σ)·q^(servers in up sites). */
function dsmuBrute(q: number, n: number, availabilities: readonly number[]): number {
  let failure = 0;
  for (const state of states(availabilities)) {
    let inUpSites = 0;
    for (let i = 0; i < n; i++) if (state.up(i % availabilities.length)) inUpSites++;
    failure += state.probability * q ** inUpSites;
  }
  return 1 - failure;
}

/** DS+DHT+A by brute force: replica t from start o in site (o + t) mod s; R = Σ_σ P(σ)·(1 − q̄(σ))^k. */
function dsdhtaBrute(q: number, m: number, k: number, availabilities: readonly number[]): number {
  const s = availabilities.length;
  let value = 0;
  for (const state of states(availabilities)) {
    let hop = 0;
    for (let o = 0; o < s; o++) {
      let allFail = 1;
      for (let t = 0; t < m; t++) if (state.up((o + t) % s)) allFail *= q;
      hop += allFail / s;
    }
    value += state.probability * (1 - hop) ** k;
  }
  return value;
}

describe("leaving the sites out keeps today's model", () => {
  const cases: [string, Record<string, unknown>][] = [
    ["dsmu", { n: 3, ...servers, lambda: 2400 }],
    ["dsmu", { n: 5, ...servers, h: 1e5, lambda: 4999.999999995 }],
    ["dsmu", { n: 2, mttf: 0.5, mttr: 2, mu: 10, h: 3, lambda: 25, pserved: "include" }],
    ["dsdhta", { servers: 20, m: 3, ...servers, lambda: 10000 }],
    ["dsdhta", { servers: 1000, m: 4, ...servers, algorithm: "log2", lambda: 99000 }],
    ["dsdhta", { servers: 20, m: 2, mttf: 1, mttr: 3, mu: 100, h: 5, k: 2.5, lambda: 700 }],
  ];

  it.each(cases)("%s %j: sites = 1 with outages of no length gives the same value and unreliability", (model, params) => {
    const today = run(model, params);
    expect(today.siteAvailability).toBeUndefined();
    const oneSite = run(model, { ...params, sites: 1, siteMttf: 100, siteMttr: 0 });
    // DS+DHT+A takes the very same steps; DS+M+U's product over one site may round its R differently.
    const ulps = model === "dsdhta" ? 0 : 2;
    expect(closeTo(oneSite.value, today.value, ulps), `${oneSite.value} vs ${today.value}`).toBe(true);
    expect(closeTo(oneSite.unreliability, today.unreliability, ulps), `${oneSite.unreliability} vs ${today.unreliability}`).toBe(true);
    expect(oneSite.siteAvailability).toBe(1);
  });

  it.each(cases)("%s %j: any number of sites that are never down is the independent model", (model, params) => {
    const today = run(model, params);
    const count = (model === "dsmu" ? params.n : params.servers) as number;
    for (let sites = 2; sites <= Math.min(count, MAX_SITES); sites++) {
      // dsdhta takes only sites that can each hold their share of an object's replicas.
      if (model === "dsdhta" && Math.ceil((params.m as number) / sites) > Math.floor(count / sites)) continue;
      const spread = run(model, { ...params, sites, siteMttf: 1, siteMttr: 0 });
      expect(Math.abs(spread.unreliability / today.unreliability - 1), `${sites} sites`).toBeLessThan(1e-14);
    }
  });
});

describe("DS+DHT+A's zone-aware placement over sites", () => {
  it("takes any servers, as long as every site can hold its share of an object's replicas, naming the rule", () => {
    // 20 servers over 3 sites: each object's 3 replicas go one to a site, whatever the ring does.
    expect(run("dsdhta", { servers: 20, m: 3, ...servers, lambda: 10000, sites: 3, siteMttf: 8760, siteMttr: 4 }).nines).toBeGreaterThan(7);
    // 4 replicas over 3 sites put 2 in some site, but 4 servers over 3 sites leave a site with 1.
    expect(() => run("dsdhta", { servers: 4, m: 4, ...servers, lambda: 100, sites: 3, siteMttf: 8760, siteMttr: 4 })).toThrow(
      "each site must hold its share of an object's m replicas, ⌈m/sites⌉ = 2 servers, but with 4 servers over 3 sites the smallest holds 1: use fewer sites, fewer replicas or more servers",
    );
  });
});

describe("DS+M+U over sites", () => {
  it("the README's example: three servers in one site, 3.3 nines; one in each of three sites, 7.5 nines", () => {
    const oneSite = run("dsmu", { n: 3, ...servers, lambda: 2400, sites: 1, ...readmeSites });
    const threeSites = run("dsmu", { n: 3, ...servers, lambda: 2400, sites: 3, ...readmeSites });
    expect(oneSite.nines).toBeCloseTo(3.34, 2);
    expect(threeSites.nines).toBeCloseTo(7.47, 2);
    // One site is no better than the site itself; three sites are worse than independent servers.
    expect(oneSite.unreliability).toBeGreaterThan(4 / 8764);
    expect(threeSites.unreliability).toBeGreaterThan(run("dsmu", { n: 3, ...servers, lambda: 2400 }).unreliability);
    expect(oneSite.siteAvailability).toBeCloseTo(8760 / 8764, 15);
    expect(threeSites.serversPerSite).toBe(1);
  });

  it("matches the sum over the site states, round-robin placement included", () => {
    for (const [n, sites] of [
      [1, 1],
      [5, 2],
      [7, 3],
      [9, 4],
      [12, 12],
    ] as const) {
      const r = run("dsmu", { n, mttf: 5, mttr: 1, mu: 100, h: 10, lambda: 60 * n, sites, siteMttf: 9, siteMttr: 1 });
      const q = r.serverUnreliability as number;
      expect(Math.abs(r.value - dsmuBrute(q, n, Array(sites).fill(0.9))), `${n} over ${sites}`).toBeLessThan(1e-14);
      expect(r.serversPerSite).toBe(Math.ceil(n / sites));
    }
  });

  it("more sites never lower the success rate at equal n, nor do longer-lived or shorter outages", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 0.999, noNaN: true }),
        (n, siteMttf, siteMttr, rho) => {
          const base = { n, mttf: 50, mttr: 5, mu: 100, h: 10, lambda: rho * n * 100, siteMttf, siteMttr };
          let previous = run("dsmu", { ...base, sites: 1 });
          for (let sites = 2; sites <= Math.min(n, MAX_SITES); sites++) {
            const next = run("dsmu", { ...base, sites });
            expect(next.unreliability).toBeLessThanOrEqual(previous.unreliability * (1 + 1e-13));
            previous = next;
          }
          const sites = Math.min(n, 3);
          const at = run("dsmu", { ...base, sites });
          expect(run("dsmu", { ...base, sites, siteMttf: siteMttf * 2 }).unreliability).toBeLessThanOrEqual(at.unreliability * (1 + 1e-13));
          expect(run("dsmu", { ...base, sites, siteMttr: siteMttr / 2 }).unreliability).toBeLessThanOrEqual(at.unreliability * (1 + 1e-13));
        },
      ),
      { numRuns: 60, seed: SEED },
    );
  });

  it("keeps many nines exact where R = 1 − Q would round to 1", () => {
    // Sites up 1e15 h between 1 ms outages and servers down one part in 1e12: Q ≈ (U + q)^3 ≈ 1e-36.
    const r = run("dsmu", { n: 3, mttf: 1e12, mttr: 1, mu: 1000, h: 100, lambda: 100, sites: 3, siteMttf: 1e15, siteMttr: 1e-3 });
    const U = 1e-3 / (1e15 + 1e-3);
    const q = r.serverUnreliability as number;
    expect(r.value).toBe(1);
    expect(Math.abs(r.unreliability / (U + (1 - U) * q) ** 3 - 1)).toBeLessThan(1e-14);
  });
});

describe("DS+DHT+A over sites", () => {
  it("matches the sum over the site states and the starts, m below, at and above the sites", () => {
    for (const [m, sites, k] of [
      [1, 2, 2],
      [2, 3, 1],
      [3, 3, 4],
      [7, 3, 2.5],
      [5, 12, 3],
      [14, 12, 1.5],
    ] as const) {
      const r = run("dsdhta", { servers: 24, m, mttf: 5, mttr: 1, mu: 100, h: 10, k, lambda: 120, sites, siteMttf: 9, siteMttr: 1 });
      const want = dsdhtaBrute(r.nodeUnreliability as number, m, k, Array(sites).fill(0.9));
      expect(Math.abs(r.value - want), `m = ${m}, ${sites} sites, k = ${k}`).toBeLessThan(1e-13);
    }
  });

  it("one outage reaches every hop: the value is not the per-hop success to the k", () => {
    // ρ given, so that k = 1 and k = 4 load the servers alike.
    const params = { servers: 20, m: 2, mttf: 5, mttr: 1, mu: 100, h: 10, k: 4, rho: 0.4, sites: 2, siteMttf: 9, siteMttr: 1 };
    const r = run("dsdhta", params);
    const perHop = 1 - (r.hopUnreliability as number);
    // Hops that fail together succeed together more often: E[X^k] > E[X]^k.
    expect(r.value).toBeGreaterThan(perHop ** 4 * (1 + 1e-6));
    expect(Math.abs(run("dsdhta", { ...params, k: 1 }).value - perHop)).toBeLessThan(1e-15);
  });

  it("declares no effect for sites: with k > 1 hops, one site can beat two", () => {
    // One replica, two hops, servers that never fail: one site gives A, two give A² + A·U/2.
    const params = { servers: 4, m: 1, mttf: 1e15, mttr: 0, mu: 100, h: 10, k: 2, lambda: 1, siteMttf: 9, siteMttr: 1 };
    const one = run("dsdhta", { ...params, sites: 1 }).value;
    const two = run("dsdhta", { ...params, sites: 2 }).value;
    expect(one).toBeCloseTo(0.9, 12);
    expect(two).toBeCloseTo(0.81 + 0.045, 12);
    expect(two).toBeLessThan(one);
    // At one hop more sites help, as in DS+M+U.
    expect(run("dsdhta", { ...params, k: 1, sites: 2 }).value).toBeGreaterThanOrEqual(run("dsdhta", { ...params, k: 1, sites: 1 }).value);
    const effects = (model: typeof dsmu | typeof dsdhta) => Object.fromEntries(describeParams(model).map((p) => [p.name, p.effect]));
    expect(effects(dsdhta).sites).toBeUndefined();
    expect(effects(dsmu).sites).toBe("raises");
    for (const model of [dsmu, dsdhta]) expect([effects(model).siteMttf, effects(model).siteMttr]).toEqual(["raises", "lowers"]);
  });
});

describe("the rules", () => {
  it.each(["dsmu", "dsdhta"])("%s: sites, siteMttf and siteMttr come together, each missing one named", (model) => {
    const base = model === "dsmu" ? { lambda: 2400 } : { lambda: 10000 };
    expect(errorsOf(model, { ...base, sites: 2 }).map((e) => e.path)).toEqual(["siteMttf", "siteMttr"]);
    expect(errorsOf(model, { ...base, siteMttr: 4 }).map((e) => e.path)).toEqual(["sites", "siteMttf"]);
    const [missing] = errorsOf(model, { ...base, sites: 2, siteMttf: 8760 });
    expect(missing).toEqual({ path: "siteMttr", message: expect.stringMatching(/give sites, siteMttf and siteMttr together .*: siteMttr is missing$/) });
  });

  it("no more sites than servers, and at most 12", () => {
    expect(errorsOf("dsmu", { n: 3, lambda: 2400, sites: 4, ...readmeSites })).toEqual([
      { path: "sites", message: "sites cannot exceed n, the servers: got sites = 4 with 3 servers, which would leave a site empty" },
    ]);
    expect(errorsOf("dsdhta", { servers: 5, m: 2, lambda: 100, sites: 6, ...readmeSites })[0]!.message).toMatch(
      /^sites cannot exceed servers: got sites = 6 with 5/,
    );
    expect(errorsOf("dsmu", { n: 30, lambda: 2400, sites: 13, ...readmeSites })).toEqual([
      { path: "sites", message: "sites must be a whole number from 1 to 12, got 13" },
    ]);
    expect(errorsOf("dsmu", { lambda: 2400, sites: 2, siteMttf: 0, siteMttr: -1 }).map((e) => e.path)).toEqual(["siteMttf", "siteMttr"]);
  });
});

describe("each site's Birnbaum importance", () => {
  const availabilityOf = (mttf: number, mttr: number) => mttf / (mttf + mttr);

  it("is empty without sites", () => {
    expect(dsmu.importance!(dsmu.params.parse({ lambda: 2400 }))).toEqual([]);
    expect(dsdhta.importance!(dsdhta.params.parse({ lambda: 10000 }))).toEqual([]);
  });

  it("dsmu: R(site up) − R(site down) for each site, the fuller sites first", () => {
    const input = { n: 7, mttf: 5, mttr: 1, mu: 100, h: 10, lambda: 300, sites: 3, siteMttf: 9, siteMttr: 1 };
    const parts = dsmu.importance!(dsmu.params.parse(input)) as PartImportance[];
    const q = run("dsmu", input).serverUnreliability as number;
    expect(parts.map((p) => [p.param, p.index, p.part])).toEqual([
      ["sites", 0, "site 1"],
      ["sites", 1, "site 2"],
      ["sites", 2, "site 3"],
    ]);
    parts.forEach((part, j) => {
      const at = (a: number) =>
        dsmuBrute(
          q,
          7,
          [0.9, 0.9, 0.9].map((x, i) => (i === j ? a : x)),
        );
      expect(part.reliability).toBe(availabilityOf(9, 1));
      expect(Math.abs(part.importance / (at(1) - at(0)) - 1)).toBeLessThan(1e-12);
    });
    // Site 1 holds three of the seven servers, the others two.
    expect(parts[0]!.importance).toBeGreaterThan(parts[1]!.importance);
    expect(parts[1]!.importance).toBe(parts[2]!.importance);
  });

  it("dsdhta: the same for every site, R(site up) − R(site down) along the whole path", () => {
    for (const [m, sites, k] of [
      [1, 2, 2],
      [3, 6, 3],
      [7, 3, 2.5],
      [4, 4, 1],
    ] as const) {
      const input = { servers: 24, m, mttf: 5, mttr: 1, mu: 100, h: 10, k, lambda: 120, sites, siteMttf: 9, siteMttr: 1 };
      const parts = dsdhta.importance!(dsdhta.params.parse(input)) as PartImportance[];
      const q = run("dsdhta", input).nodeUnreliability as number;
      const at = (a: number) =>
        dsdhtaBrute(
          q,
          m,
          k,
          Array.from({ length: sites }, (_, i) => (i === 0 ? a : 0.9)),
        );
      expect(parts).toHaveLength(sites);
      for (const part of parts) expect(Math.abs(part.importance / (at(1) - at(0)) - 1), `m = ${m}, ${sites} sites`).toBeLessThan(1e-11);
    }
    // A path of no hops cannot fail, whatever the sites do.
    const none = dsdhta.importance!(dsdhta.params.parse({ servers: 6, m: 2, k: 0, lambda: 1, sites: 3, ...readmeSites })) as PartImportance[];
    expect(none.map((p) => p.importance)).toEqual([0, 0, 0]);
  });
});
