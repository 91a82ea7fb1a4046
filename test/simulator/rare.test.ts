import { describe, expect, it } from "vitest";
import { validate } from "../../shared/index";
import { mm1hBlocking } from "../../shared/numerics";
import { planSimulation } from "../../shared/simulator/plan";
import { Random } from "../../shared/simulator/random";
import { attemptSchedule, lookupFailure } from "../../shared/simulator/rare/attempts";
import { CycleCollector, mergeCycles } from "../../shared/simulator/rare/cycles";
import { biasedCycles, failureDepth, type MarkovNode, WEIGHT_CAP } from "../../shared/simulator/rare/failure-biasing";
import { patternClasses } from "../../shared/simulator/rare/frozen-patterns";
import { rareNode, type RareNode } from "../../shared/simulator/rare/method";
import { runRareChunk, runRareSerially, summarizeRare } from "../../shared/simulator/rare/run";
import { integrateAlong, prepareOffsets } from "../../shared/simulator/rare/timeline";
import type { SimulationParams } from "../../shared/simulator/scenario";
import { errorsOf, simulate } from "./helpers";

/** The planner: 3 servers up 720 h, repaired in 2 h, µ 1000/s, h 100, at 2,400 lookups/s. */
const planner = { design: "dsmu", n: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400 } as const;

function planOf(params: Record<string, unknown>) {
  return planSimulation(validate("simulate", params) as SimulationParams);
}

function nodeOf(params: Record<string, unknown>): { plan: ReturnType<typeof planOf>; node: RareNode } {
  const plan = planOf(params);
  const choice = rareNode(plan);
  if (!("node" in choice)) throw new Error(choice.unsupported);
  return { plan, node: choice.node };
}

/** Over seeds 1..count, how often the 95% and 99% intervals hold the formula. */
function coverage(params: Record<string, unknown>, count: number) {
  let in95 = 0;
  let in99 = 0;
  for (let seed = 1; seed <= count; seed++) {
    const r = simulate({ ...params, method: "importance", seed });
    if (r.analytic.inside95) in95++;
    if (r.analytic.inside99) in99++;
  }
  return { in95: in95 / count, in99: in99 / count };
}

describe("rare events at a planner's time scales", () => {
  it("dsmu at MTTF 720 h, MTTR 2 h, λ 2400/s: Q ≈ 2.1e-8 to within 10% at 95%, the formula inside the 99% interval", () => {
    const r = simulate(planner);
    expect(r.method).toBe("importance");
    expect(r.estimator).toMatch(/independent replicas/);
    expect(r.analytic.unreliability).toBeGreaterThan(2.0e-8);
    expect(r.analytic.unreliability).toBeLessThan(2.2e-8);
    expect(r.relativeHalfWidth95!).toBeLessThanOrEqual(0.1);
    expect(r.analytic.inside99).toBe(true);
    expect(r.trusted).toBe(true);
    // The intervals are the unreliability's own, and the value's are their complements.
    expect(r.unreliabilityInterval95[0]).toBeLessThan(r.unreliability);
    expect(r.unreliabilityInterval95[1]).toBeGreaterThan(r.unreliability);
    expect(r.interval95).toEqual([1 - r.unreliabilityInterval95[1], 1 - r.unreliabilityInterval95[0]]);
    expect(r.lookups).toBe(0);
    expect(r.notes.join(" ")).toMatch(/latency is not measured/);
  });

  it("pdhta at its example's uncompressed sessions (2 h, entries restored in 7.5 min): Q ≈ 2.4e-9 to within 10%", () => {
    const r = simulate({ design: "pdhta" });
    expect(r.method).toBe("importance");
    expect(r.analytic.unreliability).toBeGreaterThan(1e-9);
    expect(r.analytic.unreliability).toBeLessThan(1e-8);
    expect(r.relativeHalfWidth95!).toBeLessThanOrEqual(0.1);
    expect(r.analytic.inside99).toBe(true);
    // A lookup crosses k ≈ 16.6 independent nodes: Q = 1 − (1 − q)^k, from the node's own estimate.
    const detail = (r as unknown as { rareEvent: { nodeUnreliability: number } }).rareEvent;
    expect(r.unreliability / detail.nodeUnreliability).toBeCloseTo(r.analytic.hops, 1);
  });

  it("down to 1e-12 and below, over sites too", () => {
    const independent = simulate({ ...planner, n: 5, mttr: 4 });
    expect(independent.analytic.unreliability).toBeLessThan(1e-11);
    expect(independent.analytic.inside99).toBe(true);
    expect(independent.relativeHalfWidth95!).toBeLessThan(0.1);
    const sites = simulate({ ...planner, n: 5, sites: 5, siteMttf: 20000, siteMttr: 2, events: 1_000_000 });
    expect(sites.estimator).toMatch(/failure biasing/);
    expect(sites.analytic.unreliability).toBeLessThan(1e-12);
    expect(sites.analytic.inside99).toBe(true);
    expect(sites.relativeHalfWidth95!).toBeLessThan(0.25);
  });

  it("the intervals cover: over 200 seeds at Q ≈ 1e-6 (independent replicas), 95% and 99% hold the formula at least 93% and 98% of the time", () => {
    const c = coverage({ design: "dsmu", n: 2, mttf: 720, mttr: 0.72, mu: 1000, h: 20, lambda: 1000, events: 20_000 }, 200);
    expect(c.in95).toBeGreaterThanOrEqual(0.93);
    expect(c.in99).toBeGreaterThanOrEqual(0.98);
  });

  it("the intervals cover under failure biasing: 4 servers over 2 sites at Q ≈ 1.2e-6, 100 seeds", () => {
    const c = coverage(
      { design: "dsmu", n: 4, mttf: 100, mttr: 1, mu: 1000, h: 10, lambda: 2000, sites: 2, siteMttf: 2000, siteMttr: 2, events: 150_000 },
      100,
    );
    expect(c.in95).toBeGreaterThanOrEqual(0.93);
    expect(c.in99).toBeGreaterThanOrEqual(0.98);
  });
});

describe("the change of measure", () => {
  const sites = { ...planner, sites: 3, siteMttf: 8760, siteMttr: 4 };

  it("the likelihood ratio's mean is 1, within its own standard error, in one run and over seeds", () => {
    const runs = Array.from(
      { length: 30 },
      (_, i) => simulate({ ...sites, seed: i + 1, events: 100_000 }) as unknown as { rareEvent: { likelihoodRatioMean: number; likelihoodRatioError: number } },
    );
    for (const r of runs) expect(Math.abs(r.rareEvent.likelihoodRatioMean - 1)).toBeLessThan(4 * r.rareEvent.likelihoodRatioError);
    const mean = runs.reduce((s, r) => s + r.rareEvent.likelihoodRatioMean, 0) / runs.length;
    const error = Math.sqrt(runs.reduce((s, r) => s + r.rareEvent.likelihoodRatioError ** 2, 0)) / runs.length;
    expect(Math.abs(mean - 1)).toBeLessThan(3 * error);
    expect(error).toBeLessThan(0.01);
  });

  it("the same seed gives the same result, another seed another, and chunks merge to the same numbers run one by one", () => {
    const a = simulate({ ...sites, seed: 5, events: 40_000 });
    expect(simulate({ ...sites, seed: 5, events: 40_000 })).toEqual(a);
    expect(simulate({ ...sites, seed: 6, events: 40_000 }).unreliability).not.toBe(a.unreliability);
    const { plan, node } = nodeOf({ ...sites, seed: 5, events: 40_000 });
    const chunks = plan.chunkEvents.map((_, i) => runRareChunk(plan, node, i));
    expect(summarizeRare(plan, node, chunks)).toEqual(runRareSerially(plan, node));
    expect(summarizeRare(plan, node, chunks)).toEqual(a);
  });

  it("caps the weights: a cycle whose ratio passes the cap goes on under the original law, and the estimate stays unbiased", () => {
    // Eight replicas that fail nearly as often as they are repaired, behind one rarely failing
    // domain: failures stay likely deep into a cycle, so repairs made less likely push the ratio
    // up. With the cap lowered to 2, many cycles reach it.
    const R = 8;
    const chain: MarkovNode = {
      replicas: R,
      failRates: Float64Array.from([...Array(R).fill(0.45), 1e-3]),
      repairRates: Float64Array.from([...Array(R).fill(1), 1]),
      domainsOf: Array.from({ length: R }, () => [R]),
    };
    expect(failureDepth(chain)).toBe(1);
    const schedule = attemptSchedule(R, [0]);
    // Queues that never fill: ρ = 1e-6 with room for 10.
    const blocking = mm1hBlocking(1e-6, 10).p;
    const cap = 2;
    const runs = Array.from({ length: 20 }, (_, seed) =>
      mergeCycles([biasedCycles(chain, schedule, blocking, new Random(seed + 1, 0), 100_000, { weightCap: cap, maxBiasedJumps: 1000 }).sums]),
    );
    for (const r of runs) {
      expect(r.weightCapped).toBeGreaterThan(100);
      // After the cap no more ratios multiply in, beyond the last biased jump's (at most 1/(1 − p) or R + 1 here).
      expect(r.weightMax).toBeLessThan(cap * (R + 1));
    }
    // With the real cap, the same chain's weights stay below it.
    expect(mergeCycles([biasedCycles(chain, schedule, blocking, new Random(3, 0), 100_000).sums]).weightMax).toBeLessThan(WEIGHT_CAP);
    // Unbiased: over 20 independent runs, the likelihood ratio's mean is 1 and the time average is
    // the chain's exact one (the domain's unavailability, plus all eight down behind it), each within
    // four standard errors of the runs' own spread. Failures are not rare in this chain, so the weights
    // are heavy-tailed and a single run's delta-method error is not to be leaned on.
    const unitDown = 0.45 / 1.45;
    const domainDown = 1e-3 / 1.001;
    const exact = domainDown + (1 - domainDown) * unitDown ** R;
    const spread = (xs: number[]) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { mean, error: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) / xs.length) };
    };
    const weights = spread(runs.map((r) => r.weightMean));
    expect(Math.abs(weights.mean - 1)).toBeLessThan(4 * weights.error);
    const values = spread(runs.map((r) => r.value));
    expect(Math.abs(values.mean - exact)).toBeLessThan(4 * values.error);
    // And the check has power: the runs pin the mean to within a fifth of the value.
    expect(values.error).toBeLessThan(0.2 * exact);
  });

  it("a run cannot hang: attempts spread over thousands of periods stop at the budget and say the run cannot be trusted", () => {
    const r = simulate({ ...planner, mttf: 1, mttr: 0.001, retries: 10, timeout: 1e5, events: 3000, chunks: 1, method: "importance" });
    expect(r.events).toBeLessThanOrEqual(2 * 3000 + 100);
    expect(r.trusted).toBe(false);
    expect(r.notes.join(" ")).toMatch(/did not finish within twice|too few to trust/);
  });

  it("nor under failure biasing: a cycle whose lookups would take more pieces to weigh than the budget is cut before any is weighed", () => {
    // 64 servers behind one site, 10 retries 10 ms apart: a cycle's path has hundreds of states, each
    // seen by 64 × 11 attempts, millions of pieces for a budget of 1,000 events.
    for (const retries of [3, 10]) {
      const r = simulate({
        ...planner,
        n: 64,
        mttf: 9,
        mttr: 1,
        sites: 1,
        siteMttf: 1e6,
        siteMttr: 1,
        backoff: "constant",
        timeout: 0.01,
        retries,
        events: 1000,
        chunks: 1,
        method: "importance",
      });
      expect(r.events).toBeLessThanOrEqual(2 * 1000 + 100);
      expect(r.trusted).toBe(false);
      expect(r.unreliabilityInterval99).toEqual([0, 1]);
    }
  });

  it("keeps every interval a probability's: never NaN, never past 1, all of [0, 1] when it rests on nothing", () => {
    const wild = simulate({
      design: "dsmu",
      n: 2,
      mttf: 0.01,
      mttr: 1,
      lifetime: "lognormal",
      shape: 3,
      timeout: 1e5,
      events: 1000,
      chunks: 1,
      method: "importance",
    });
    for (const x of [...wild.unreliabilityInterval95, ...wild.unreliabilityInterval99, ...wild.interval95, ...wild.interval99]) {
      expect(Number.isFinite(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
    expect(Number.isFinite(wild.relativeHalfWidth95 ?? 0)).toBe(true);
    // Repairs of a nanosecond: no cycle's lookups see a replica down, so nothing is measured.
    const nothing = simulate({ ...planner, mttf: 1e-9, mttr: 1e-9, events: 2000, chunks: 1, method: "importance" });
    if (nothing.unreliability === 0) expect(nothing.unreliabilityInterval99).toEqual([0, 1]);
    expect(nothing.trusted).toBe(false);
  });

  it("keeps its digits when the up periods are twelve orders longer than the repairs", () => {
    const r = simulate({ design: "dsmu", n: 1, mttf: 1e6, mttr: 1e-9, mu: 1000, h: 100, lambda: 100, method: "importance" });
    expect(r.analytic.inside99).toBe(true);
  });

  it("refuses what it cannot take, naming method; auto then runs crude and says why", () => {
    const weibullSites = { ...planner, lifetime: "weibull", shape: 0.5, sites: 3, siteMttf: 8760, siteMttr: 4 };
    expect(errorsOf({ ...weibullSites, method: "importance" })).toEqual([
      { path: "method", message: expect.stringMatching(/^method importance cannot take this run: .*exponential lifetimes and repairs.*use method crude$/) },
    ]);
    const auto = simulate({ ...weibullSites, events: 20_000 });
    expect(auto.method).toBe("crude");
    expect(auto.notes.join(" ")).toMatch(/method auto chose crude because importance sampling with failure domains/);
    expect(errorsOf({ ...planner, failover: "queued", sites: 3, siteMttf: 8760, siteMttr: 4, method: "importance" })[0]!.message).toMatch(
      /queued failover .* failure domains/,
    );
    expect(errorsOf({ ...planner, n: 9, failover: "queued", method: "importance" })[0]!.message).toMatch(/at most 8 replicas; this node has 9/);
    // A retry that comes back to the same queue before it settles (no timeout at all) sees the queue
    // the last attempt saw: the weighing would take it afresh, so importance refuses, and auto runs crude.
    const sameQueue = { design: "dsmu", n: 4, mttf: 1e5, mttr: 0.001, mu: 1000, h: 5, lambda: 3200, retries: 2, backoff: "constant", timeout: 0 };
    expect(errorsOf({ ...sameQueue, method: "importance" })[0]!.message).toMatch(
      /tried again 0\.00 s after its last attempt, before its queue has forgotten a block/,
    );
    // A lightly loaded queue with room for 15: a block is so rare that a full queue is still far
    // likelier to be full 50 ms later than B says, though 50 ms is ten of its settling times.
    const lightQueue = { design: "dsmu", n: 1, mttf: 720, mttr: 1e-9, mu: 1000, h: 15, lambda: 300, retries: 1, backoff: "constant", timeout: 0.05 };
    expect(errorsOf({ ...lightQueue, method: "importance" })[0]!.message).toMatch(/ln\(1\/B\) settling times/);
    const fallback = simulate({ ...sameQueue, events: 20_000 });
    expect(fallback.method).toBe("crude");
    expect(fallback.notes.join(" ")).toMatch(/method auto chose crude because with retries/);
    // Replicas up a third of the time behind a domain: the all-up state is itself rare.
    expect(errorsOf({ ...planner, n: 8, mttf: 1, mttr: 2, outageMttf: 1000, outageMttr: 1, method: "importance" })[0]!.message).toMatch(
      /which is the case only .* of the time here/,
    );
  });

  it("auto takes importance below 1e-4 and crude above", () => {
    expect(simulate({ ...planner, events: 20_000 }).method).toBe("importance");
    const common = simulate({ design: "dsmu", n: 2, mttf: 0.001, mttr: 0.00025, mu: 200, h: 4, lambda: 300, timeout: 0.05, events: 20_000 });
    expect(common.analytic.unreliability).toBeGreaterThan(1e-4);
    expect(common.method).toBe("crude");
  });
});

describe("queued failover: patterns of replicas down, weighed exactly, their queues simulated frozen", () => {
  it("enumerates the patterns up to rotation, with their probabilities", () => {
    const classes = patternClasses(3, 0.1);
    expect(classes.map((c) => [c.down, c.size])).toEqual([
      [0, 1],
      [1, 3],
      [2, 3],
      [3, 1],
    ]);
    expect(classes.reduce((s, c) => s + c.size * c.probability, 0)).toBeCloseTo(1, 15);
    expect(classes[1]!.probability).toBeCloseTo(0.1 * 0.9 ** 2, 15);
    // Four replicas: two down side by side and two down apart are different classes (the client's order is a cycle).
    expect(
      patternClasses(4, 0.1)
        .filter((c) => c.down === 2)
        .map((c) => c.size),
    ).toEqual([4, 2]);
  });

  it("without failures it is the crude run of the same queues: both see failover push the second server into blocking", () => {
    const loaded = { design: "dsmu", n: 2, mttf: 1e5, mttr: 0.001, mu: 100, h: 5, lambda: 180, timeout: 0.05, failover: "queued" };
    const crude = simulate({ ...loaded, method: "crude", events: 1_000_000 });
    const frozen = simulate({ ...loaded, method: "importance", events: 1_000_000 });
    expect(frozen.estimator).toMatch(/frozen/);
    expect(frozen.unreliability).toBeGreaterThan(crude.unreliabilityInterval99[0]);
    expect(frozen.unreliability).toBeLessThan(crude.unreliabilityInterval99[1]);
    expect(frozen.unreliabilityInterval99[0]).toBeGreaterThan(frozen.analytic.unreliability);
  });

  it("at real time scales one server down overloads the next: the formula is optimistic by five orders", () => {
    const r = simulate({ ...planner, failover: "queued", events: 2_000_000 });
    expect(r.method).toBe("importance");
    expect(r.trusted).toBe(true);
    expect(r.relativeHalfWidth95!).toBeLessThan(0.2);
    expect(r.analytic.unreliability).toBeLessThan(3e-8);
    expect(r.unreliabilityInterval99[0]).toBeGreaterThan(5e-4);
    // The one-server-down patterns carry it: probability 3·U·A² ≈ 8.3e-3, each failing a tenth of the lookups or more.
    expect(r.unreliability).toBeLessThan(8.3e-3);
  });

  it("says when the budget cannot cover the failover's warm-up", () => {
    const r = simulate({ ...planner, failover: "queued", events: 20_000, chunks: 1 });
    expect(r.trusted).toBe(false);
    expect(r.notes.join(" ")).toMatch(/warm-up .* was cut short/);
  });
});

describe("a lookup weighed along the path", () => {
  it("tries the replicas from a random first one, a timeout apart, pass after pass", () => {
    const s = attemptSchedule(3, [15, 30]);
    expect(Array.from(s.offsets)).toEqual([0, 15, 30, 45, 75, 105]);
    expect(s.window).toBe(105);
    // Replica 0 down, the others up with blocking 0.1: from replica 0 the lookup fails only if 1 and 2 are full, twice.
    const a = [1, 0.1, 0.1];
    const phi = lookupFailure(s, (_, u) => a[u]!);
    expect(phi).toBeCloseTo(0.1 ** 4, 15);
  });

  it("integrates exactly along a piecewise-constant path", () => {
    // Down on [10, 20), up elsewhere; one attempt at +0 and one at +5, failing while down (blocking 0).
    const path = { times: Float64Array.from([0, 10, 20]), count: 3 };
    const { integral } = integrateAlong(path, 0, 30, prepareOffsets(Float64Array.from([0, 5])), (s) => (s[0] === 1 && s[1] === 1 ? 1 : 0));
    // Both attempts fall in [10, 20) for arrivals in [10, 15).
    expect(integral).toBeCloseTo(5, 12);
  });

  it("merges chunks' cycle sums exactly as one collection of all cycles", () => {
    const random = new Random(1, 0);
    const whole = new CycleCollector();
    const parts = [new CycleCollector(), new CycleCollector(), new CycleCollector()];
    for (let i = 0; i < 300; i++) {
      const b = 1 + random.uniform();
      const a = b * 1e-6 * (1 + random.normal());
      whole.add(a, b, 1, false);
      parts[i % 3]!.add(a, b, 1, false);
    }
    const one = mergeCycles([whole.sums()]);
    const three = mergeCycles(parts.map((p) => p.sums()));
    expect(three.value).toBeCloseTo(one.value, 18);
    expect(three.standardError / one.standardError).toBeCloseTo(1, 12);
  });
});

describe("against crude runs at compressed times, where both see failures", () => {
  // Servers up 36 s and repaired in 3.6 s: crude Monte Carlo sees thousands of failures, and the
  // queues (h/µ = 50 ms) settle far faster than the replicas change.
  const servers = { design: "dsmu", n: 3, mttf: 0.01, mttr: 0.001, mu: 1000, h: 50, lambda: 20, timeout: 0.5 };
  const cases: [string, Record<string, unknown>][] = [
    ["inside the assumptions", servers],
    ["common-mode outages", { ...servers, outageMttf: 0.05, outageMttr: 0.005 }],
    ["three sites", { ...servers, sites: 3, siteMttf: 0.05, siteMttr: 0.005 }],
    ["2 retries 0.05 s apart", { ...servers, retries: 2, backoff: "constant", timeout: 0.05 }],
    ["fixed repairs and 2 retries 0.5 s apart", { ...servers, repair: "fixed", retries: 2, backoff: "constant" }],
  ];
  for (const [name, params] of cases)
    it(`${name}: the importance estimate inside the crude 99% interval`, () => {
      const crude = simulate({ ...params, method: "crude", events: 2_000_000 });
      const weighed = simulate({ ...params, method: "importance", events: 1_000_000 });
      expect(crude.trusted).toBe(true);
      expect(weighed.unreliability).toBeGreaterThanOrEqual(crude.unreliabilityInterval99[0]);
      expect(weighed.unreliability).toBeLessThanOrEqual(crude.unreliabilityInterval99[1]);
    });
});

describe("where the formulas break, at real time scales", () => {
  it("a common-mode outage a year, an hour long, sets the floor: the formula is optimistic by four orders", () => {
    const r = simulate({ ...planner, outageMttf: 8760, outageMttr: 1 });
    expect(r.analytic.unreliability).toBeLessThan(3e-8);
    expect(r.unreliabilityInterval99[0]).toBeGreaterThan(1e-4);
    expect(r.unreliabilityInterval99[1]).toBeLessThan(1.3e-4);
  });

  it("retries 15 s, 30 s and 60 s apart barely help against 2-hour repairs, where compressed runs had them help a thousandfold", () => {
    const r = simulate({ ...planner, retries: 2 });
    expect(r.departures).toEqual(["2 client retries"]);
    expect(r.unreliability / r.analytic.unreliability).toBeGreaterThan(0.85);
    expect(r.unreliability / r.analytic.unreliability).toBeLessThan(1);
    expect(r.unreliabilityInterval99[1]).toBeLessThan(r.analytic.unreliability);
  });

  it("Weibull sessions (shape 0.34) change nothing without retries: the steady state depends on the means only", () => {
    const r = simulate({ design: "pdhta", lifetime: "weibull", shape: 0.34 });
    expect(r.method).toBe("importance");
    expect(r.analytic.inside99).toBe(true);
  });
});
