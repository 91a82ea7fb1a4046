import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, exampleServerTypes, MAX_CHEAPEST_EVALUATIONS, ValidationError, type ServerType } from "../../shared/index";
import type { CheapestResult } from "../../shared/tools/cheapest";
import { bruteForceLevels, type BruteForceSpace } from "./cheapest-brute-force";

const cheapest = (request: object) => evaluate("cheapest", request) as CheapestResult;

/** Three small machines whose price, speed and reliability pull different ways, so no type wins every level. */
const types: ServerType[] = [
  { name: "cheap", mu: 400, h: 10, mttf: 200, mttr: 8, costPerMonth: 10 },
  { name: "fast", mu: 3000, h: 40, mttf: 300, mttr: 6, costPerMonth: 55 },
  { name: "sturdy", mu: 900, h: 80, mttf: 5000, mttr: 0.5, costPerMonth: 40 },
];

function refusal(request: object): ValidationError {
  try {
    cheapest(request);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

/**
 * The search against brute force over the same space, at the target and at every level of the
 * frontier: the same least cost (or both none), and the search's answer reaches its level.
 */
function checkAgainstBruteForce(space: BruteForceSpace, nines: number): CheapestResult {
  const result = cheapest({
    lambda: space.lambda,
    nines,
    serverTypes: space.serverTypes,
    designs: space.designs,
    fixed: space.fixed ?? {},
    maxServers: space.maxServers,
    maxReplicas: space.maxReplicas,
    bytesPerLookup: space.bytesPerLookup,
    costPerGB: space.costPerGB,
  });
  const levels = [result.targetUnreliability, ...result.frontier.map((p) => 10 ** -p.atLeastNines)];
  const [atTarget, ...atLevels] = bruteForceLevels(space, levels);
  expect(result.feasible).toBe(atTarget !== undefined);
  if (atTarget) {
    expect(result.best!.costPerMonth.total).toBe(atTarget.cost);
    expect(result.best!.unreliability).toBeLessThanOrEqual(result.targetUnreliability);
  }
  result.frontier.forEach((point, i) => {
    const q = point.atLeastNines === Number(result.targetNines.toFixed(6)) ? result.targetUnreliability : 10 ** -point.atLeastNines;
    expect(point.unreliability).toBeLessThanOrEqual(q);
    // The frontier's levels are whole nines, whose 10^-n the test forms as the tool does.
    expect(point.costPerMonth.total).toBe(atLevels[i]!.cost);
  });
  // A level the frontier stops at is one brute force cannot reach either.
  const levelsShown = result.frontier.length;
  const stopped = result.notes.find((n) => n.startsWith("no configuration searched reaches"));
  if (stopped) {
    const nextNines = Number(/reaches ([\d.]+) nines?/.exec(stopped)![1]);
    expect(bruteForceLevels(space, [10 ** -nextNines])[0], `${nextNines} nines after ${levelsShown} levels`).toBeUndefined();
  }
  return result;
}

const small = (over: Partial<BruteForceSpace>): BruteForceSpace => ({
  designs: ["dsmu", "dsdhta"],
  serverTypes: types,
  lambda: 2400,
  maxServers: 14,
  maxReplicas: 4,
  bytesPerLookup: 800,
  costPerGB: 0.08,
  ...over,
});

describe("cheapest: the search against brute force", () => {
  const spaces: [string, BruteForceSpace][] = [
    ["dsmu and one-hop dsdhta", small({})],
    ["dsmu alone", small({ designs: ["dsmu"] })],
    ["dsdhta over Kademlia (a path that lengthens with the servers: scanned)", small({ designs: ["dsdhta"], fixed: { algorithm: "kademlia" } })],
    ["dsdhta over Chord with m fixed at 2", small({ designs: ["dsdhta"], fixed: { algorithm: "chord", m: 2 } })],
    ["both designs over two sites", small({ fixed: { sites: 2, siteMttf: 2000, siteMttr: 3 } })],
    ["dsdhta over three sites, Kademlia", small({ fixed: { sites: 3, siteMttf: 8760, siteMttr: 4, algorithm: "kademlia" }, designs: ["dsdhta"] })],
    ["P_served included", small({ fixed: { pserved: "include" } })],
    ["a load no single server carries", small({ lambda: 9000 })],
    ["bandwidth dearer than servers", small({ costPerGB: 5, bytesPerLookup: 4000 })],
  ];
  for (const [name, space] of spaces) {
    it(`${name}: the same least cost at every level`, () => {
      for (const nines of [2, 4.5, 7, 10, 14]) checkAgainstBruteForce(space, nines);
    });
  }

  it("holds over random spaces (fast-check)", () => {
    const type = fc.record({
      name: fc.constant(""),
      mu: fc.integer({ min: 100, max: 5000 }),
      h: fc.integer({ min: 1, max: 120 }),
      mttf: fc.integer({ min: 20, max: 5000 }),
      mttr: fc.double({ min: 0.1, max: 24, noNaN: true }),
      costPerMonth: fc.integer({ min: 1, max: 200 }),
    });
    fc.assert(
      fc.property(
        fc.array(type, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 50, max: 8000 }),
        fc.double({ min: 1, max: 15, noNaN: true }),
        fc.constantFrom<Record<string, string | number>>({}, { algorithm: "kademlia" }, { sites: 2, siteMttf: 1000, siteMttr: 2 }),
        (raw, lambda, nines, fixed) => {
          const serverTypes = raw.map((t, i) => ({ ...t, name: `type${i}` }));
          const space = small({ serverTypes, lambda, fixed, maxServers: 9, maxReplicas: 3 });
          const result = checkAgainstBruteForce(space, nines);
          // The order designs are listed in decides only exact ties: the same cost and the same nines.
          const reversed = checkAgainstBruteForce({ ...space, designs: [...space.designs].reverse() }, nines);
          if (result.best) expect(reversed.best!.nines).toBeCloseTo(result.best.nines, 9);
        },
      ),
      { numRuns: 40, seed: 13 },
    );
  });
});

describe("cheapest: the answer", () => {
  it("gives params the design's model evaluates as they stand, to the same value", () => {
    for (const fixed of [{}, { algorithm: "kademlia" }, { sites: 3, siteMttf: 8760, siteMttr: 4 }]) {
      const result = cheapest({ lambda: 2400, nines: 7, fixed });
      for (const c of [result.best!, ...result.frontier]) {
        const direct = evaluate(c.design, c.params);
        expect(direct.value).toBe(c.value);
        expect(direct.unreliability).toBe(c.unreliability);
      }
    }
  });

  it("splits the monthly cost into servers and bandwidth over a month of 30.44 days", () => {
    const result = cheapest({ lambda: 2400, nines: 5, designs: ["dsmu"], bytesPerLookup: 1000, costPerGB: 0.05 });
    const best = result.best!;
    const type = exampleServerTypes.find((t) => t.name === best.serverType)!;
    expect(best.costPerMonth.servers).toBe(best.servers * type.costPerMonth);
    // 2,400 lookups/s × 1,000 bytes × 30.44 × 86,400 s = 6.312 TB at $0.05/GB.
    expect(best.costPerMonth.bandwidth).toBeCloseTo(315.60192, 9);
    expect(best.costPerMonth.total).toBe(best.costPerMonth.servers + best.costPerMonth.bandwidth);
  });

  it("charges a multi-hop DHT the bytes of every hop", () => {
    const result = cheapest({ lambda: 2400, nines: 9, designs: ["dsdhta"], fixed: { algorithm: "kademlia" }, costPerGB: 0.05 });
    const best = result.best!;
    const k = evaluate("dsdhta", best.params).k as number;
    expect(k).toBeGreaterThan(1);
    expect(best.costPerMonth.bandwidth).toBeCloseTo(315.60192 * k, 6);
  });

  it("keeps the fewest replicas that reach the target at the cheapest count", () => {
    const result = cheapest({ lambda: 2400, nines: 9, designs: ["dsdhta"], serverTypes: types });
    const best = result.best!;
    expect(best.m).toBeGreaterThanOrEqual(1);
    if (best.m! > 1) expect(evaluate("dsdhta", { ...best.params, m: best.m! - 1 }).unreliability).toBeGreaterThan(result.targetUnreliability);
  });

  it("prices each extra nine: the frontier's costs never fall and its extra costs are the steps", () => {
    const result = cheapest({ lambda: 2400, nines: 7, serverTypes: types, maxServers: 200 });
    expect(result.frontier.map((p) => p.atLeastNines)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    result.frontier.forEach((p, i) => {
      const before = result.frontier[i - 1];
      expect(p.extraCost).toBe(before ? p.costPerMonth.total - before.costPerMonth.total : null);
      if (before) expect(p.costPerMonth.total).toBeGreaterThanOrEqual(before.costPerMonth.total);
    });
    expect(result.columns[0]).toBe("atLeastNines");
    expect(result.rows).toHaveLength(result.frontier.length);
    expect(result.rows[4]![result.columns.indexOf("costPerMonth")]).toBe(result.best!.costPerMonth.total);
  });

  it("shows a fractional target as its own level, at its own unreliability", () => {
    const result = cheapest({ lambda: 2400, target: 0.999995, serverTypes: types });
    const levels = result.frontier.map((p) => p.atLeastNines);
    expect(levels).toContain(Number(result.targetNines.toFixed(6)));
    expect(levels.filter((n) => Number.isInteger(n))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("weighs a tie at equal cost by the nines as reported, whatever order the designs are listed in", () => {
    // Five small servers cost the same in both designs; dsmu's five replicas beat dsdhta's fewest that reach five nines.
    const one = cheapest({ lambda: 2400, nines: 5, designs: ["dsdhta", "dsmu"] });
    const other = cheapest({ lambda: 2400, nines: 5, designs: ["dsmu", "dsdhta"] });
    expect(one.best).toEqual(other.best);
    expect(one.best!.design).toBe("dsmu");
  });

  it("keeps a count the planner fixes, choosing only the type", () => {
    const result = cheapest({ lambda: 2400, nines: 6, designs: ["dsmu"], serverTypes: types, fixed: { n: 3 } });
    expect(result.best!.servers).toBe(3);
    const meeting = types.filter((t) => evaluate("dsmu", { lambda: 2400, n: 3, mu: t.mu, h: t.h, mttf: t.mttf, mttr: t.mttr }).unreliability! <= 1e-6);
    expect(meeting.length).toBeGreaterThan(0);
    expect(result.best!.costPerMonth.servers).toBe(3 * Math.min(...meeting.map((t) => t.costPerMonth)));
  });

  it("searches a fraction of the space", () => {
    const result = cheapest({ lambda: 2400, nines: 7, fixed: { algorithm: "kademlia" } });
    expect(result.searched.evaluations).toBeGreaterThan(0);
    expect(result.searched.evaluations * 20).toBeLessThan(result.searched.configurations);
  });
});

describe("cheapest: the peer-based designs", () => {
  it("reports each peer design with its per-node load, beside and not ranked against dollars", () => {
    const result = cheapest({ lambda: 2400, nines: 7, N: 1e5, sessionTime: 2, bytesPerLookup: 500 });
    expect(result.peers.map((p) => p.design)).toEqual(["pdhta", "sndhta"]);
    const pd = result.peers[0]!;
    const direct = evaluate("pdhta", { lambda: 2400, N: 1e5, sessionTime: 2 });
    expect(pd.unreliability).toBe(direct.unreliability);
    // Every lookup visits k peers: λ·k/N each, here 2400·log2(1e5)/1e5.
    expect(pd.perNode.lookupsPerSecond).toBeCloseTo((2400 * (direct.k as number)) / 1e5, 12);
    expect(pd.perNode.bytesPerSecond).toBeCloseTo(pd.perNode.lookupsPerSecond * 500, 9);
    expect(pd.meetsTarget).toBe(direct.unreliability! <= 1e-7);
    const sn = result.peers[1]!;
    expect(sn.params.peerSessionTime).toBe(2);
    expect(sn.trackerNodes).toBe(5000);
    // The best is a server configuration whatever the peers reach.
    expect(["dsmu", "dsdhta"]).toContain(result.best!.design);
  });

  it("reports a peer design whose k and rho leave the population out without a node count", () => {
    const result = cheapest({ lambda: 2400, nines: 5, designs: ["pdhta"], fixed: { "pdhta.k": 10, "pdhta.rho": 0.5 } });
    const row = result.peers[0]!;
    expect(row.trackerNodes).toBeNull();
    expect(row.perNode.lookupsPerSecond).toBe(0.5 * 10);
    expect(row.message).toContain("no population");
  });

  it("gives the fewest replicas per hop that reach the target", () => {
    const result = cheapest({ lambda: 50, nines: 10, N: 1e5, designs: ["pdhta"] });
    const m = result.peers[0]!.smallestM!;
    expect(evaluate("pdhta", { lambda: 50, N: 1e5, m }).unreliability).toBeLessThanOrEqual(1e-10);
    expect(evaluate("pdhta", { lambda: 50, N: 1e5, m: m - 1 }).unreliability).toBeGreaterThan(1e-10);
    expect(result.feasible).toBe(false);
    expect(result.message).toContain("peer-based designs");
  });

  it("sets the peer designs aside without a population, and says so", () => {
    const result = cheapest({ lambda: 2400, nines: 5 });
    expect(result.peers).toEqual([]);
    expect(result.notes.join(" ")).toContain("give N, or arrivalRate");
    expect(result.searched.designs).toEqual(["dsmu", "dsdhta"]);
  });

  it("takes a supernode's own session time under its design's name, nested or dotted", () => {
    const nested = cheapest({ lambda: 50, nines: 5, N: 1e5, sessionTime: 1, designs: ["sndhta"], fixed: { sndhta: { sessionTime: 12 } } });
    const dotted = cheapest({ lambda: 50, nines: 5, N: 1e5, sessionTime: 1, designs: ["sndhta"], fixed: { "sndhta.sessionTime": 12 } });
    expect(nested.peers[0]!.params).toMatchObject({ sessionTime: 12, peerSessionTime: 1 });
    expect(dotted.peers).toEqual(nested.peers);
  });
});

describe("cheapest: an infeasible target", () => {
  it("names the closest configuration and what alone would make it feasible", () => {
    const result = cheapest({ lambda: 2400, nines: 9, fixed: { sites: 2, siteMttf: 8760, siteMttr: 4 } });
    expect(result.feasible).toBe(false);
    expect(result.best).toBeUndefined();
    expect(result.closest!.nines).toBeLessThan(9);
    const sites = result.remedies!.find((r) => r.param === "sites")!;
    expect(sites.value).toBe(3);
    expect(evaluate(result.closest!.design, { ...result.closest!.params, sites: 3 }).unreliability).toBeLessThanOrEqual(1e-9);
    expect(result.message).toMatch(/sites ≥ 3/);
  });

  it("gives a lever that needs more servers than the closest has with the fewest servers it takes", () => {
    // One site down a tenth of the time: more sites than the closest configuration's 4 servers are needed.
    const result = cheapest({ lambda: 2400, nines: 9, designs: ["dsmu"], fixed: { sites: 1, siteMttf: 100, siteMttr: 10 } });
    const closest = result.closest!;
    const sites = result.remedies!.find((r) => r.param === "sites")!;
    expect(sites.servers).toBeGreaterThan(closest.servers);
    const at = { ...closest.params, sites: sites.value };
    expect(evaluate("dsmu", { ...at, n: sites.servers }).unreliability).toBeLessThanOrEqual(1e-9);
    // Fewer servers would leave a site empty or miss the target.
    const fewer = sites.servers - 1;
    expect(fewer < sites.value || evaluate("dsmu", { ...at, n: fewer }).unreliability! > 1e-9).toBe(true);
    expect(result.message).toContain(`sites ≥ ${sites.value} (with ${sites.servers} servers)`);
  });

  /** Every lever's claim, with the servers and replicas it names, evaluated by the closest design's own model. */
  function checkRemedies(result: CheapestResult): void {
    const closest = result.closest!;
    const count = closest.design === "dsmu" ? "n" : "servers";
    expect(result.remedies!.length).toBeGreaterThan(0);
    for (const r of result.remedies!) {
      // A lever raised past maxReplicas is m itself; maxServers is the count.
      const param = r.param === "maxReplicas" ? "m" : r.param;
      const params: Record<string, unknown> = { ...closest.params, [count]: r.servers };
      if (param !== "maxServers") params[param] = r.value;
      if (r.m !== undefined && param !== "m") params.m = r.m;
      expect(evaluate(closest.design, params).unreliability, r.words).toBeLessThanOrEqual(result.targetUnreliability);
      expect(result.message).toContain(r.words);
    }
  }

  it("states every lever with the servers and replicas that make it true, in both designs", () => {
    const cases = [
      { lambda: 2400, nines: 9, designs: ["dsdhta"], fixed: { sites: 1, siteMttf: 100, siteMttr: 10 } },
      { lambda: 2400, nines: 9, designs: ["dsmu"], fixed: { sites: 1, siteMttf: 100, siteMttr: 10 } },
      { lambda: 2400, nines: 12, fixed: { sites: 3, siteMttf: 8760, siteMttr: 4 } },
      { lambda: 2400, nines: 12, designs: ["dsdhta"], fixed: { algorithm: "kademlia", sites: 3, siteMttf: 8760, siteMttr: 4 } },
      { lambda: 2400, nines: 5, designs: ["dsmu"], serverTypes: [{ name: "slow", mu: 10, h: 5, mttf: 720, mttr: 2, costPerMonth: 5 }], maxServers: 3 },
    ];
    for (const request of cases) {
      const result = cheapest(request);
      expect(result.feasible).toBe(false);
      checkRemedies(result);
    }
    // The dsdhta case needs more servers and the replicas they hold: 8 servers with m = 8 reach nine nines there.
    const dht = cheapest(cases[0]!);
    const mttf = dht.remedies!.find((r) => r.param === "siteMttf")!;
    expect(mttf.m).toBe(mttf.servers);
  });

  it("offers more replicas than maxReplicas, by that name, when they would do", () => {
    const result = cheapest({ lambda: 2400, nines: 30, designs: ["dsdhta"], maxReplicas: 3, maxServers: 40, serverTypes: [exampleServerTypes[0]!] });
    expect(result.feasible).toBe(false);
    const more = result.remedies!.find((r) => r.param === "maxReplicas")!;
    expect(more.value).toBeGreaterThan(3);
    expect(more.words).toMatch(/^maxReplicas ≥ \d+( \(with \d+ servers\))?$/);
    checkRemedies(result);
  });

  it("offers more servers than maxServers when they and the replicas they hold would do", () => {
    const result = cheapest({ lambda: 2400, nines: 16, designs: ["dsdhta"], maxServers: 6, serverTypes: [exampleServerTypes[0]!] });
    expect(result.feasible).toBe(false);
    const more = result.remedies!.find((r) => r.param === "maxServers")!;
    expect(more.value).toBe(8);
    expect(more.m).toBe(8);
    checkRemedies(result);
  });

  it("says when more servers than maxServers would do", () => {
    const result = cheapest({ lambda: 2400, nines: 9, designs: ["dsmu"], serverTypes: [types[0]!], maxServers: 6 });
    expect(result.feasible).toBe(false);
    const more = result.remedies!.find((r) => r.param === "maxServers")!;
    expect(more.value).toBeGreaterThan(6);
    expect(evaluate("dsmu", { ...result.closest!.params, n: more.value }).unreliability).toBeLessThanOrEqual(1e-9);
    expect(evaluate("dsmu", { ...result.closest!.params, n: more.value - 1 }).unreliability).toBeGreaterThan(1e-9);
    expect(result.message).toContain(`maxServers ≥ ${more.value}`);
  });

  it("says when a lower load would do", () => {
    const slow: ServerType = { name: "slow", mu: 10, h: 5, mttf: 720, mttr: 2, costPerMonth: 5 };
    const result = cheapest({ lambda: 2400, nines: 5, designs: ["dsmu"], serverTypes: [slow], maxServers: 3 });
    const lambda = result.remedies!.find((r) => r.param === "lambda")!;
    expect(lambda.effect).toBe("lowers");
    expect(lambda.value).toBeLessThan(2400);
    expect(evaluate("dsmu", { ...result.closest!.params, lambda: lambda.value }).unreliability).toBeLessThanOrEqual(1e-5);
    expect(result.message).toContain(lambda.words);
  });

  it("says when a faster server type would do", () => {
    const slow: ServerType = { name: "slow", mu: 10, h: 5, mttf: 720, mttr: 2, costPerMonth: 5 };
    const result = cheapest({ lambda: 2400, nines: 5, designs: ["dsmu"], serverTypes: [slow], maxServers: 3 });
    expect(result.feasible).toBe(false);
    const mu = result.remedies!.find((r) => r.param === "mu")!;
    expect(evaluate("dsmu", { ...result.closest!.params, mu: mu.value }).unreliability).toBeLessThanOrEqual(1e-5);
    expect(result.message).toMatch(/mu ≥ [\d.]+ lookups\/s/);
  });
});

describe("cheapest: bad input", () => {
  it("refuses a server's mu in fixed, naming where it belongs", () => {
    const error = refusal({ lambda: 2400, nines: 5, fixed: { mu: 2000 } });
    expect(error.errors[0]!.path).toBe("fixed.mu");
    expect(error.errors[0]!.message).toContain("serverTypes");
  });

  it("refuses a fixed count that is not a whole number, by the design's rule", () => {
    expect(refusal({ lambda: 2400, nines: 5, fixed: { n: "three" } }).errors[0]).toMatchObject({ path: "fixed.n" });
    expect(refusal({ lambda: 2400, nines: 5, fixed: { n: 2.5 } }).errors[0]!.message).toContain("whole number");
    expect(refusal({ lambda: 2400, nines: 5, fixed: { "dsdhta.servers": "abc" } }).errors[0]).toMatchObject({ path: "fixed.dsdhta.servers" });
  });

  it("refuses a value given twice, and a design's parameters not given as an object", () => {
    expect(refusal({ lambda: 2400, nines: 5, fixed: { dsmu: { n: 3 }, "dsmu.n": 4 } }).errors[0]!.message).toContain("given twice");
    expect(refusal({ lambda: 2400, nines: 5, fixed: { dsmu: [1, 2] } }).errors[0]!.message).toContain("as an object under its name");
    expect(refusal({ nines: 5, lambda: 0, arrivalRate: 10, lookupsPerPeer: 240 }).errors[0]).toMatchObject({ path: "lambda" });
  });

  it("says the peer designs were set aside when a parameter only they take is fixed, and not for a typo", () => {
    expect(refusal({ lambda: 2400, nines: 5, fixed: { repairTime: 0.2 } }).errors[0]!.message).toContain("set aside");
    expect(refusal({ lambda: 2400, nines: 5, fixed: { sitez: 3 } }).errors[0]!.message).not.toContain("set aside");
  });

  it("lets a design's own value win over one for every design, whatever the order they are given in", () => {
    const every = { sites: 2, siteMttf: 1000, siteMttr: 2 };
    const first = cheapest({ lambda: 2400, nines: 7, designs: ["dsmu"], fixed: { ...every, dsmu: { sites: 3 } } });
    const last = cheapest({ lambda: 2400, nines: 7, designs: ["dsmu"], fixed: { dsmu: { sites: 3 }, ...every } });
    expect(first.best!.params.sites).toBe(3);
    expect(last.best).toEqual(first.best);
  });

  it("refuses a sites that is no whole number of sites on sites itself", () => {
    for (const sites of [2.5, 0, -3, 1e6]) {
      const error = refusal({ lambda: 2400, nines: 5, designs: ["dsdhta"], fixed: { sites, siteMttf: 1000, siteMttr: 2 } });
      expect(
        error.errors.map((e) => e.path),
        String(sites),
      ).toEqual(["fixed.sites"]);
    }
  });

  it("refuses the workload in fixed", () => {
    expect(refusal({ nines: 5, lambda: 1, fixed: { lambda: 2400 } }).errors[0]!.message).toContain("beside the target");
    expect(refusal({ nines: 5, lambda: 1, fixed: { sessionTime: 2 } }).errors[0]!.message).toContain("sndhta.sessionTime");
  });

  it("refuses a parameter no design considered has", () => {
    const error = refusal({ lambda: 2400, nines: 5, designs: ["dsmu"], fixed: { algorithm: "kademlia" } });
    expect(error.errors[0]).toMatchObject({ path: "fixed.algorithm" });
    expect(error.errors[0]!.message).toContain("none of the designs considered (dsmu)");
  });

  it("checks a server type by the design's own rules, with its position", () => {
    const error = refusal({ lambda: 2400, nines: 5, serverTypes: [types[0], { ...types[1], mu: 0 }] });
    expect(error.errors[0]!.path).toBe("serverTypes.1.mu");
    expect(error.errors[0]!.message).toBe("serverTypes.1.mu must be a finite number from 1e-9 to 1e12, got 0");
    expect(refusal({ lambda: 2400, nines: 5, serverTypes: [types[0], { ...types[0] }] }).errors[0]!.path).toBe("serverTypes.1.name");
    expect(refusal({ lambda: 2400, nines: 5, serverTypes: [{ name: "x", mu: 1, h: 1, mttf: 1, mttr: 1 }] }).errors[0]!.path).toBe("serverTypes.0.costPerMonth");
  });

  it("asks for the workload and the target", () => {
    expect(refusal({ nines: 5 }).errors[0]!.path).toBe("lambda");
    expect(refusal({ nines: 5, arrivalRate: 3 }).errors[0]!.path).toBe("lookupsPerPeer");
    expect(refusal({ lambda: 5 }).errors[0]!.path).toBe("target");
  });

  it("re-paths a design's rule to the input that breaks it", () => {
    const error = refusal({ lambda: 2400, nines: 5, fixed: { sites: 2 } });
    expect(error.errors.map((e) => e.path)).toContain("fixed.siteMttf");
    expect(error.errors[0]!.message).toMatch(/^dsmu: /);
  });

  it("refuses a maxServers below the fewest servers the rules allow", () => {
    const error = refusal({ lambda: 2400, nines: 5, maxServers: 2, fixed: { sites: 3, siteMttf: 8760, siteMttr: 4 } });
    expect(error.errors[0]).toMatchObject({ path: "maxServers" });
    expect(error.errors[0]!.message).toContain("at least 3");
  });

  it("caps its work before starting, and says how to stay under the cap", () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ ...types[i % 3]!, name: `t${i}` }));
    const error = refusal({ lambda: 2400, nines: 5, serverTypes: many, maxServers: 10_000, fixed: { algorithm: "kademlia" } });
    expect(error.errors[0]!.path).toBe("maxServers");
    expect(error.errors[0]!.message).toContain(MAX_CHEAPEST_EVALUATIONS.toLocaleString("en-US"));
    // The same space routed in one hop bisects, well inside the cap.
    expect(cheapest({ lambda: 2400, nines: 5, serverTypes: many, maxServers: 10_000 }).feasible).toBe(true);
  });

  it("counts an evaluation over many sites at its cost", () => {
    const twelve = { algorithm: "kademlia", sites: 12, siteMttf: 8760, siteMttr: 4 };
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...types[i % 3]!, name: `t${i}` }));
    // 10 types × 1,000 counts scanned, each summing over 352 classes of the sites' states.
    expect(refusal({ lambda: 2400, nines: 5, designs: ["dsdhta"], serverTypes: ten, fixed: twelve }).errors[0]!.path).toBe("maxServers");
    // Three types up to 500 servers are inside the cap, and without sites so are ten up to 1,000.
    expect(cheapest({ lambda: 2400, nines: 5, designs: ["dsdhta"], serverTypes: types, fixed: twelve, maxServers: 500 }).feasible).toBe(true);
    expect(refusal({ lambda: 2400, nines: 5, designs: ["dsdhta"], serverTypes: types, fixed: twelve, maxServers: 1000 }).errors[0]!.path).toBe("maxServers");
    expect(cheapest({ lambda: 2400, nines: 5, designs: ["dsdhta"], serverTypes: ten, fixed: { algorithm: "kademlia" } }).feasible).toBe(true);
  });
});
