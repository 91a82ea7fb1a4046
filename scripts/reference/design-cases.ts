/**
 * Reference cases for P_served and the designs, in the regions where rounding a derived load costs
 * digits: a node near full load (ρ within 1e-3 of 1, and at 1 ± 1e-12) with a deep queue (h up to
 * 1e9), with λ, N, S and k each given or derived. The inputs are chosen for the exact ρ they give;
 * each is a double, so the exact ρ of the case lies within an ulp or so of its target. Every
 * parameter the reference reads is spelled out: the references do not know the models' defaults.
 */
import type { Case } from "./cases";
import { type Params, product } from "./formulas";

/** Loads near full: 1e-3 either side, 1 ± 1e-12 and ρ = 1 itself (a double that is rarely hit exactly). */
const nearFull = [1 - 1e-3, 1 - 1e-6, 1 - 1e-12, 1, 1 + 1e-12, 1 + 1e-9, 1 + 1e-3];
const nearFullFew = [1 - 1e-3, 1 - 1e-12, 1, 1 + 1e-12, 1 + 1e-6];
/** A shallow queue of 20 and deep ones; pathLengthSwitchCases aims at the double-double k switch itself. */
const deepQueues = [20, 1e5, 1e7, 1e9];
const deepQueuesFew = [20, 1e5, 1e9];

function designCase(model: string, params: Params): Case {
  return { model, params };
}

/** λ as given, or as arrivalRate × lookupsPerPeer (with lookups chosen to round the product). */
function workloads(lambda: number, arrivalRate?: number): Params[] {
  if (arrivalRate !== undefined) return [{ lambda }, { arrivalRate, lookupsPerPeer: lambda / arrivalRate }];
  return [{ lambda }, { arrivalRate: lambda / 7, lookupsPerPeer: 7 }];
}

function pservedCases(): Case[] {
  const loads = [0, 0.1, 0.5, 0.9, 1 - 1e-12, 1, 1 + 1e-12, 1.5, 10];
  // ν/µ = 1/(3600·MTTF·µ): 2.8e-4, 3.9e-10, 1e-16, 2.8e-25, 0.28, 28 (a node that lives a tenth of a
  // service), and 2.8e39 and 2.8e295 (θ = ln(1 + ν/µ) = 91 and 681: it dies before it serves).
  const lives: [number, number][] = [
    [10, 0.1],
    [1000, 720],
    [1000, 2.7777777777777777e9],
    [1e6, 1e15],
    [1e-3, 1],
    [10, 1e-6],
    [1e-3, 1e-40],
    [1e-9, 1e-290],
  ];
  const grid = product(product(loads, lives), [1, 2, 10, 1000, 1e5, 1e7, 1e9]).map(([[rho, [mu, mttf]], h]) => ({ lambda: rho * mu, mu, h, mttf }));
  const inexact = product([2.999999999997, 3.000000000003], [1e5, 1e9]).map(([lambda, h]) => ({ lambda, mu: 3, h, mttf: 2777777.7777777775 }));
  return [...grid, ...inexact].map((params) => designCase("pserved", params));
}

function dsmuCases(): Case[] {
  const availability: Params[] = [
    { mttf: 1e15, mttr: 1e-3 },
    { mttf: 720, mttr: 2 },
  ];
  const servers: [number, number][] = [
    [1, 1000],
    [2, 1000],
    [3, 3.3],
  ];
  const cases: Case[] = [];
  for (const up of availability)
    for (const [n, mu] of servers)
      for (const rho of nearFull)
        for (const h of deepQueues) for (const workload of workloads(rho * n * mu)) cases.push(designCase("dsmu", { n, mu, h, ...up, ...workload }));
  // The case that showed what a rounded load costs: two servers a hair past full load, with a queue of 1e9.
  cases.push(designCase("dsmu", { n: 2, mttf: 1e15, mttr: 1e-3, mu: 1000, h: 1e9, lambda: 2000.0000002 }));
  for (const [rho, h] of product([0.5, 1 - 1e-12, 1, 1 + 1e-12], [100, 1e5, 1e9]))
    cases.push(designCase("dsmu", { n: 2, mttf: 720, mttr: 2, mu: 1000, h, lambda: rho * 2000, pserved: "include" }));
  return cases;
}

/** k(N) as a double, to aim λ at a load: the case's exact ρ then differs from its target by an ulp or two. */
function pathLength(N: number, algorithm: string): number {
  if (algorithm === "can") return 0.5 * Math.sqrt(N);
  if (algorithm === "chord") return Math.log2(N) / 2;
  if (algorithm === "onehop") return 1;
  return Math.log2(N) / (algorithm === "pastry" ? 4 : 1);
}

function pdhtaCases(): Case[] {
  const churn: Params[] = [
    { sessionTime: 2, repairTime: 0.125 },
    { sessionTime: 1e4, repairTime: 1e-8 },
  ];
  const routes: Params[] = [{ algorithm: "kademlia" }, { algorithm: "chord" }, { algorithm: "can" }, { k: 5 }];
  const arrivalRate = 13.7;
  const cases: Case[] = [];
  for (const peers of churn)
    for (const derivedN of [false, true])
      for (const route of routes)
        for (const rho of nearFullFew)
          for (const h of deepQueuesFew) {
            const N = derivedN ? arrivalRate * (peers.sessionTime as number) * 3600 : 1e5;
            const k = route.k !== undefined ? (route.k as number) : pathLength(N, route.algorithm as string);
            const lambda = (rho * N * 10) / k;
            const population: Params = derivedN ? { arrivalRate } : { N };
            const loads: Params[] = derivedN ? [{ lambda }, { lookupsPerPeer: lambda / arrivalRate }] : workloads(lambda);
            for (const load of loads) cases.push(designCase("pdhta", { m: 8, mu: 10, h, ...peers, ...population, ...route, ...load }));
          }
  for (const [rho, h] of product([0.5, 1 - 1e-12, 1 + 1e-12], deepQueuesFew))
    cases.push(
      designCase("pdhta", {
        m: 8,
        mu: 10,
        h,
        sessionTime: 2,
        repairTime: 0.125,
        N: 1e5,
        algorithm: "kademlia",
        lambda: (rho * 1e6) / Math.log2(1e5),
        pserved: "include",
      }),
    );
  return cases;
}

function dsdhtaCases(): Case[] {
  const availability: Params[] = [
    { mttf: 720, mttr: 2 },
    { mttf: 1e15, mttr: 1e-3 },
  ];
  const cases: Case[] = [];
  for (const up of availability)
    for (const servers of [20, 1000])
      for (const algorithm of ["onehop", "log2"])
        for (const rho of nearFullFew)
          for (const h of deepQueuesFew)
            for (const workload of workloads((rho * servers * 1000) / pathLength(servers, algorithm)))
              cases.push(designCase("dsdhta", { servers, m: 3, mu: 1000, h, algorithm, ...up, ...workload }));
  for (const [rho, h] of product([0.5, 1 - 1e-12, 1 + 1e-12], deepQueuesFew))
    cases.push(designCase("dsdhta", { servers: 20, m: 3, mu: 1000, h, algorithm: "onehop", mttf: 720, mttr: 2, lambda: rho * 20 * 1000, pserved: "include" }));
  return cases;
}

function sndhtaCases(): Case[] {
  const churn: Params[] = [
    { sessionTime: 8, repairTime: 0.125 },
    { sessionTime: 1e6, repairTime: 1e-6 },
  ];
  const arrivalRate = 27.7;
  // S from a given N, from N by Little's law (with peers of 1 h), or given itself.
  const sizes: { params: Params; S: number }[] = [
    { params: { N: 1e5, supernodeFraction: 0.05 }, S: 0.05 * 1e5 },
    { params: { arrivalRate, peerSessionTime: 1, supernodeFraction: 0.03 }, S: 0.03 * arrivalRate * 3600 },
    { params: { supernodes: 5000 }, S: 5000 },
  ];
  const cases: Case[] = [];
  for (const supernodes of churn)
    for (const size of sizes)
      for (const algorithm of ["log2", "pastry"])
        for (const rho of nearFullFew)
          for (const h of deepQueuesFew) {
            const lambda = (rho * size.S * 100) / pathLength(size.S, algorithm);
            const loads = size.params.arrivalRate !== undefined ? workloads(lambda, arrivalRate) : workloads(lambda);
            for (const load of loads) cases.push(designCase("sndhta", { m: 4, mu: 100, h, algorithm, ...supernodes, ...size.params, ...load }));
          }
  for (const [rho, h] of product([0.5, 1 - 1e-12, 1 + 1e-12], deepQueuesFew))
    cases.push(
      designCase("sndhta", {
        m: 4,
        mu: 100,
        h,
        algorithm: "log2",
        sessionTime: 8,
        repairTime: 0.125,
        N: 1e5,
        supernodeFraction: 0.05,
        lambda: (rho * 5000 * 100) / Math.log2(5000),
        pserved: "include",
      }),
    );
  return cases;
}

/**
 * Both sides of the DHT designs' switch to a double-double k(N) (dht-path.ts): queues of 32 to 1e4,
 * loads from where B underflows (ρ = 1 − 745/h) to just past full, with availability or blocking
 * dominating a node's unreliability, and CAN, whose double k is the least exact.
 */
function pathLengthSwitchCases(): Case[] {
  const cases: Case[] = [];
  for (const h of [32, 300, 1000, 1e4])
    for (const offset of [-700, -60, -2, 0.5, 3])
      for (const [sessionTime, repairTime] of [
        [2, 0.125],
        [1e4, 1e-8],
      ] as const)
        for (const algorithm of ["kademlia", "can"]) {
          if (1 + offset / h < 0.05) continue;
          const N = 123457;
          const lambda = ((1 + offset / h) * N * 10) / pathLength(N, algorithm);
          cases.push(designCase("pdhta", { m: 8, mu: 10, h, sessionTime, repairTime, N, algorithm, lambda }));
          const S = 0.05 * N;
          cases.push(
            designCase("sndhta", {
              m: 4,
              mu: 100,
              h,
              sessionTime,
              repairTime,
              N,
              supernodeFraction: 0.05,
              algorithm,
              lambda: ((1 + offset / h) * S * 100) / pathLength(S, algorithm),
            }),
          );
        }
  return cases;
}

/**
 * Beyond the grids: P_served with every load derived; CAN in 3 and 4 dimensions and Pastry with
 * b = 2; loads from 0.05 to 10; one and 20 replicas; paths long enough that the success rate is far
 * below 1e-15 (where the path's exponent k itself must be exact); a node idle to 1e-300.
 */
function edgeCases(): Case[] {
  const cases: Case[] = [];
  const peers = { mu: 10, sessionTime: 2, repairTime: 0.125 };
  const arrivalRate = 13.7;
  const N = arrivalRate * 2 * 3600;
  for (const [rho, h] of product([0.5, 1 - 1e-12, 1 + 1e-12], [100, 1e5])) {
    const k = Math.log2(N);
    cases.push(
      designCase("pdhta", { m: 8, h, ...peers, arrivalRate, algorithm: "log2", lookupsPerPeer: (rho * N * 10) / k / arrivalRate, pserved: "include" }),
    );
    const S = 0.05 * arrivalRate * 3600;
    cases.push(
      designCase("sndhta", {
        m: 4,
        mu: 100,
        h,
        sessionTime: 8,
        repairTime: 0.125,
        arrivalRate,
        peerSessionTime: 1,
        supernodeFraction: 0.05,
        algorithm: "log2",
        lookupsPerPeer: (rho * S * 100) / Math.log2(S) / arrivalRate,
        pserved: "include",
      }),
    );
    cases.push(designCase("dsmu", { n: 3, mttf: 720, mttr: 2, mu: 1000, h, arrivalRate: 30, lookupsPerPeer: (rho * 3000) / 30, pserved: "include" }));
  }
  for (const [route, rho] of product(
    [
      { algorithm: "can", d: 3 },
      { algorithm: "can", d: 4 },
      { algorithm: "pastry", b: 2 },
    ] as Params[],
    [0.05, 0.3, 2, 10],
  )) {
    const N = 3.3e7;
    const k = route.algorithm === "can" ? ((route.d as number) / 4) * N ** (1 / (route.d as number)) : Math.log2(N) / 2;
    for (const m of [1, 20]) cases.push(designCase("pdhta", { m, h: 50, ...peers, N, ...route, lambda: (rho * N * 10) / k }));
  }
  // The review's two: CAN with d = 3 and one replica, success rates of 1e-275 and 1e-111.
  cases.push(
    designCase("pdhta", {
      m: 1,
      h: 31,
      mu: 91.65782520380955,
      sessionTime: 438.91475690502136,
      repairTime: 5.773686520373849e-7,
      arrivalRate: 222970.36778952918,
      algorithm: "can",
      d: 3,
      lambda: 6849310862.949424,
    }),
    designCase("pdhta", {
      m: 1,
      h: 29,
      mu: 10,
      sessionTime: 3131.5296378940566,
      repairTime: 17.27846462606148,
      N: 22933547554.33414,
      algorithm: "can",
      d: 3,
      lambda: 120091425.31801538,
    }),
  );
  return cases;
}

/**
 * Servers over sites, against the sum over every up/down state of the sites (design-formulas.ts),
 * which assumes neither DS+M+U's product over sites nor DS+DHT+A's windows of ⌊m/s⌋ + 1 replicas:
 * one site and twelve, n a multiple of s and not, m below, at and above s, outages of no length
 * (siteMttr = 0: the independent model), of a fiftieth of the time, and sites as reliable as 1e15 h;
 * near full load with deep queues; k given, fractional, and derived; the README's planner example.
 */
function sitesCases(): Case[] {
  const server = { mttf: 720, mttr: 2, mu: 1000 };
  const outages: Params[] = [
    { siteMttf: 8760, siteMttr: 4 },
    { siteMttf: 49, siteMttr: 1 },
    { siteMttf: 100, siteMttr: 0 },
    { siteMttf: 1e15, siteMttr: 1e-3 },
  ];
  const cases: Case[] = [];
  // The README's example: three servers in one site against one in each of three.
  for (const sites of [1, 3]) cases.push(designCase("dsmu", { n: 3, ...server, h: 100, lambda: 2400, sites, siteMttf: 8760, siteMttr: 4 }));
  const layouts: [number, number][] = [
    [1, 1],
    [2, 1],
    [2, 2],
    [3, 2],
    [3, 3],
    [5, 3],
    [7, 4],
    [12, 12],
    [30, 12],
  ];
  for (const outage of outages)
    for (const [n, sites] of layouts)
      for (const rho of [0.5, 0.95]) cases.push(designCase("dsmu", { n, ...server, h: 20, lambda: rho * n * 1000, sites, ...outage }));
  for (const [rho, h] of product(nearFullFew, deepQueuesFew))
    for (const [n, sites] of [
      [3, 2],
      [4, 4],
    ] as const)
      for (const workload of workloads(rho * n * 1000)) cases.push(designCase("dsmu", { n, ...server, h, sites, siteMttf: 49, siteMttr: 1, ...workload }));
  cases.push(designCase("dsmu", { n: 5, ...server, h: 1e5, lambda: 4999.999999995, sites: 3, siteMttf: 49, siteMttr: 1, pserved: "include" }));

  // DS+DHT+A: m against s (below, equal, above, a multiple), one hop, k given (whole and not) and k(S).
  const windows: [number, number][] = [
    [1, 1],
    [3, 1],
    [1, 2],
    [2, 3],
    [3, 3],
    [5, 3],
    [6, 3],
    [3, 5],
  ];
  const routes: Params[] = [{ algorithm: "onehop" }, { k: 2.5 }, { k: 7 }, { algorithm: "log2" }];
  // 60 servers: every site count below divides it, as dsdhta requires (the ring stays round-robin).
  const servers = 60;
  const lambdaFor = (route: Params) => (0.6 * servers * 1000) / (route.k !== undefined ? (route.k as number) : pathLength(servers, route.algorithm as string));
  for (const outage of outages)
    for (const [m, sites] of windows)
      for (const route of routes) cases.push(designCase("dsdhta", { servers, m, ...server, h: 20, lambda: lambdaFor(route), sites, ...route, ...outage }));
  // Twelve sites, m below and above s: the reference sums 4,096 states by every replica (20 s a case).
  for (const [m, route, outage] of [
    [8, routes[0]!, outages[0]!],
    [14, routes[1]!, outages[1]!],
  ] as const)
    cases.push(designCase("dsdhta", { servers, m, ...server, h: 20, lambda: lambdaFor(route), sites: 12, ...route, ...outage }));
  for (const [rho, h] of product(nearFullFew, deepQueuesFew))
    for (const [m, sites, algorithm] of [
      [3, 2, "onehop"],
      [2, 4, "log2"],
    ] as const)
      for (const workload of workloads((rho * 20 * 1000) / pathLength(20, algorithm)))
        cases.push(designCase("dsdhta", { servers: 20, m, ...server, h, algorithm, sites, siteMttf: 49, siteMttr: 1, ...workload }));
  cases.push(
    designCase("dsdhta", {
      servers: 21,
      m: 3,
      ...server,
      h: 1e5,
      algorithm: "onehop",
      lambda: 20999.99999998,
      sites: 3,
      siteMttf: 49,
      siteMttr: 1,
      pserved: "include",
    }),
  );
  return cases;
}

export function designCases(): Case[] {
  return [...pservedCases(), ...dsmuCases(), ...pdhtaCases(), ...dsdhtaCases(), ...sndhtaCases(), ...pathLengthSwitchCases(), ...edgeCases(), ...sitesCases()];
}
