import { afterAll, describe, expect, it } from "vitest";
import { availableParallelism } from "node:os";
import { catalog, evaluate, validate } from "../../shared/index";
import { plainParams } from "../../shared/catalog/describe";
import { MAX_LOOKUPS_IN_FLIGHT, runChunk } from "../../shared/simulator/engine";
import { closeSimulationWorkers, runPlanInParallel, waitingSimulationWorkers } from "../../shared/simulator/parallel";
import { runPlanChunk, runPlanSerially } from "../../shared/simulator/run";
import { chunkConfig } from "../../shared/simulator/chunk";
import { planSimulation } from "../../shared/simulator/plan";
import { DEFAULT_EVENTS, MAX_EVENTS, simulationParams, type SimulationParams } from "../../shared/simulator/scenario";
import { summarize } from "../../shared/simulator/summary";
import { errorsOf, simulate } from "./helpers";

const small = { design: "dsmu", n: 2, mttf: 0.001, mttr: 0.00025, mu: 200, h: 4, lambda: 300, timeout: 0.05, events: 40_000 } as const;

describe("simulate in the catalog", () => {
  it("is a catalog tool whose every parameter carries surface metadata", () => {
    const entry = catalog.get("simulate")!;
    expect(entry.kind).toBe("tool");
    const params = plainParams(entry);
    expect(params?.map((p) => p.name)).toEqual(Object.keys(simulationParams.shape));
    for (const meta of params!) {
      expect(meta.description, meta.name).toBeTruthy();
      expect(meta.rule, meta.name).toBeTruthy();
    }
  });

  it("runs with every default, on a small budget: the rare-event method, since the formula's unreliability is far below 1e-4", () => {
    const r = simulate({});
    expect(r.method).toBe("importance");
    expect(r.analytic.unreliability).toBeLessThan(1e-4);
    expect(r.relativeHalfWidth95!).toBeLessThan(0.1);
    expect(r.trusted).toBe(true);
    expect(r.analytic.inside99).toBe(true);
  });

  it("runs crude with every other default, on a small budget", () => {
    const r = simulate({ method: "crude" });
    expect(r.method).toBe("crude");
    expect(r.design).toBe("dsmu");
    expect(r.events).toBeGreaterThanOrEqual(DEFAULT_EVENTS);
    expect(r.events).toBeLessThan(DEFAULT_EVENTS * 1.1);
    expect(r.analytic.model).toBe("dsmu");
    expect(r.lookups).toBeGreaterThan(100_000);
    // MTTF 720 h cannot show in 0.02 h of simulated time, and the result says so.
    expect(r.notes.join(" ")).toMatch(/too few to measure availability/);
  });

  it("is deterministic for a seed, and another seed gives another sample", () => {
    const a = simulate({ ...small, seed: 9 });
    expect(simulate({ ...small, seed: 9 })).toEqual(a);
    const b = simulate({ ...small, seed: 10 });
    expect(b.value).not.toBe(a.value);
    expect(b.seed).toBe(10);
  });

  it("refuses work beyond the cap, and inconsistent parameters, naming each", () => {
    const capped = errorsOf({ events: MAX_EVENTS + 1 });
    expect(capped).toEqual([{ path: "events", message: `events must be a whole number from 1000 to 5e7, got ${MAX_EVENTS + 1}` }]);
    const mixed = errorsOf({ design: "pdhta", n: 3, shape: 2, outageMttf: 5, events: 3000, chunks: 4 });
    expect(mixed.map((e) => e.path).sort()).toEqual(["events", "n", "outageMttr", "shape"]);
    expect(mixed.find((e) => e.path === "n")!.message).toMatch(/applies only to the dsmu design/);
    expect(mixed.find((e) => e.path === "events")!.message).toMatch(/at least 1000 per chunk \(4000 for 4 chunks\)/);
    // CAN over a million peers: k(N) = ½·√N = 500 hops, beyond what the simulator takes.
    const long = errorsOf({ design: "pdhta", N: 1e6, algorithm: "can" });
    expect(long).toEqual([expect.objectContaining({ path: "N", message: expect.stringMatching(/path length k is 500 hops/) })]);
    expect(errorsOf({ design: "dsmu", lambda: 0 })[0]!.path).toBe("lambda");
  });

  it("bounds the work of any valid input: lookups that outlast the run are cut off and reported, not waited for", () => {
    // Every server down for good and 64 × 15·(2^11 − 1) × 1e5 s of timeouts: waiting for the last
    // counted lookup would take ~1e13 uncounted arrivals.
    const r = simulate({ n: 64, mttf: 0.001, mttr: 1e6, retries: 10, timeout: 1e5, events: 1000, chunks: 1 });
    expect(r.events).toBeLessThanOrEqual(3000);
    expect(r.unfinished).toBeGreaterThan(0);
    expect(r.lookups + r.unfinished).toBeGreaterThan(0);
    expect(r.notes.join(" ")).toMatch(/still waiting .* left out of the estimate/);
    // A slow µ holds counted lookups in a deep queue for ~h/µ: the same cap applies.
    expect(simulate({ lambda: 1e9, mu: 1e-9, h: 1000, events: 1000, chunks: 1 }).events).toBeLessThanOrEqual(3000);
    // Lookups that never finish at λ = 1e9/s would fill memory before the budget is spent: the run
    // stops at MAX_LOOKUPS_IN_FLIGHT of them.
    const flood = simulate({ n: 64, mttf: 0.001, mttr: 1e6, retries: 10, timeout: 1e5, lambda: 1e9, events: MAX_EVENTS, chunks: 1 });
    expect(flood.events).toBeLessThan(2 * MAX_LOOKUPS_IN_FLIGHT);
    expect(flood.notes.join(" ")).toMatch(new RegExp(`more than ${MAX_LOOKUPS_IN_FLIGHT} lookups were in flight`));
  });
});

describe("chunks", () => {
  afterAll(closeSimulationWorkers);
  const plan = planSimulation(
    validate("simulate", {
      design: "pdhta",
      m: 2,
      k: 3,
      rho: 0.4,
      mttf: 0.01,
      mttr: 0.004,
      mu: 100,
      h: 3,
      timeout: 0.05,
      events: 200_000,
      chunks: 6,
      seed: 77,
    }) as SimulationParams,
  );

  it("merge to the same result whether run in one go, one by one, or on worker threads", async () => {
    const serial = runPlanSerially(plan);
    const oneByOne = summarize(
      plan,
      plan.chunkEvents.map((_, i) => runPlanChunk(plan, i)),
    );
    expect(oneByOne).toEqual(serial);
    const parallel = await runPlanInParallel(plan, 2);
    expect(parallel.busyMs).toHaveLength(2);
    expect(parallel.result).toEqual(serial);
  });

  it("keep their workers, compiled, for the next run, also when two runs share them at once, and end them on request", async () => {
    const serial = runPlanSerially(plan);
    await closeSimulationWorkers();
    expect((await runPlanInParallel(plan, 2)).result).toEqual(serial);
    expect(waitingSimulationWorkers()).toBe(Math.min(2, availableParallelism()));
    const [a, b] = await Promise.all([runPlanInParallel(plan, 2), runPlanInParallel(plan, 3)]);
    expect(a.result).toEqual(serial);
    expect(b.result).toEqual(serial);
    // Five were held at once; one per core waits afterwards, the rest were ended.
    expect(waitingSimulationWorkers()).toBe(Math.min(5, availableParallelism()));
    await closeSimulationWorkers();
    expect(waitingSimulationWorkers()).toBe(0);
  });

  it("end, rather than keep, the workers of a run that failed, and the next run starts afresh", async () => {
    await closeSimulationWorkers();
    const broken = { ...plan, engine: { ...plan.engine, lifetime: { ...plan.engine.lifetime, family: "none" as "exponential" } } };
    await expect(runPlanInParallel(broken, 2)).rejects.toThrow(/simulation worker failed/);
    expect(waitingSimulationWorkers()).toBe(0);
    expect((await runPlanInParallel(plan, 2)).result).toEqual(runPlanSerially(plan));
  });

  it("refuses a thread count that is not a whole number ≥ 1, rather than starting no worker and waiting", () => {
    const plan = planSimulation(validate("simulate", { design: "dsmu", n: 2, events: 2000, chunks: 2, seed: 1 }) as SimulationParams);
    expect(() => runPlanInParallel(plan, Number.NaN)).toThrow(/threads must be a whole number/);
    expect(() => runPlanInParallel(plan, 0)).toThrow(/threads must be a whole number/);
  });

  it("merge to the same result whichever worker runs which chunk, with equal times common (timeouts of 0)", async () => {
    // A timeout of 0 schedules retries at the current instant, and lost queues send their lookups
    // on at once: many events at equal times, whose order is the queue's (time, code, stamp).
    const ties = planSimulation(
      validate("simulate", {
        design: "dsmu",
        n: 3,
        mttf: 0.002,
        mttr: 0.0005,
        mu: 500,
        h: 4,
        lambda: 1300,
        timeout: 0,
        retries: 2,
        failover: "queued",
        outageMttf: 0.004,
        outageMttr: 0.0004,
        events: 70_000,
        chunks: 7,
        seed: 5,
      }) as SimulationParams,
    );
    const serial = runPlanSerially(ties);
    const parallel = await runPlanInParallel(ties, 3);
    expect(parallel.busyMs).toHaveLength(3);
    expect(parallel.chunks.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parallel.result).toEqual(serial);
    expect(runPlanSerially(ties)).toEqual(serial);
  });

  it("are independent streams: the seed and the chunk index both change a chunk", () => {
    const a = runChunk(chunkConfig(plan, 0), 77, 0);
    expect(runChunk(chunkConfig(plan, 0), 77, 1).successes).not.toBe(a.successes);
    expect(runChunk(chunkConfig(plan, 0), 78, 0).successes).not.toBe(a.successes);
    expect(runChunk(chunkConfig(plan, 0), 77, 0)).toEqual(a);
  });
});

describe("latency", () => {
  it("without failures or blocking, a lookup takes the M/M/1/h response time plus the round trip", () => {
    // h = 40 at ρ = 0.5 blocks one lookup in 1e12: no lookup waits out a timeout.
    const r = simulate({ design: "dsmu", n: 2, mttf: 1e5, mttr: 0.001, mu: 100, h: 40, lambda: 100, rtt: 20, events: 600_000, method: "crude" });
    const W = evaluate("mm1h", { lambda: 50, mu: 100, h: 40 }).value;
    const [lo, hi] = r.meanLatencyInterval95!;
    const standardError = (hi - lo) / 2 / 1.96;
    expect(Math.abs(r.meanLatency! - (W + 0.02))).toBeLessThan(3 * standardError);
    expect(hi - lo).toBeLessThan(0.05 * W);
    expect(r.servedByAttempt).toEqual([1, 0]);
  });

  it("a lookup turned away by its first server is answered by the next one a timeout later", () => {
    const r = simulate({ design: "dsmu", n: 2, mttf: 1e5, mttr: 0.001, mu: 100, h: 3, lambda: 170, timeout: 15, events: 400_000, method: "crude" });
    const B = evaluate("blocking", { rho: 0.85, h: 3 }).value;
    // A share B·(1 − B)/(1 − B²) = B/(1 + B) of the answered lookups came on the second attempt.
    expect(r.servedByAttempt[1]).toBeCloseTo(B / (1 + B), 2);
    expect(r.meanLatency!).toBeGreaterThan(15 * r.servedByAttempt[1]!);
  });
});

describe("outside the paper's assumptions, both numbers are reported", () => {
  const base = { design: "dsmu", n: 3, mttf: 0.01, mttr: 0.001, mu: 1000, h: 50, lambda: 20, timeout: 0.5, events: 1_000_000 } as const;

  it("common-mode outages: the formula is optimistic", () => {
    const r = simulate({ ...base, outageMttf: 0.05, outageMttr: 0.005 });
    expect(r.departures).toEqual(["common-mode outages (correlated failures)"]);
    expect(r.outagesSeen).toBeGreaterThan(100);
    // Outages alone keep the tracker down 1/11 of the time; the formula sees (1/11)^3 ≈ 7.5e-4.
    expect(r.analytic.unreliability).toBeCloseTo((1 / 11) ** 3, 6);
    expect(r.interval99[1]).toBeLessThan(r.analytic.value);
    expect(r.unreliability).toBeGreaterThan(0.08);
    expect(r.analytic.unreliabilityGap).toBeLessThan(0);
  });

  it("client retries: the formula is pessimistic", () => {
    const r = simulate({ ...base, retries: 2, backoff: "constant", timeout: 2 });
    expect(r.departures).toEqual(["2 client retries"]);
    expect(r.interval99[0]).toBeGreaterThan(r.analytic.value);
    expect(r.analytic.unreliabilityGap).toBeGreaterThan(0);
  });

  it("Weibull sessions with shape 0.5: the steady-state formula still holds (it depends on the means only)", () => {
    const r = simulate({ ...base, lifetime: "weibull", shape: 0.5, n: 2, events: 2_000_000 });
    expect(r.departures).toEqual(["weibull lifetimes (shape 0.5)"]);
    expect(r.analytic.inside99).toBe(true);
    expect(r.halfWidth95).toBeLessThan(3e-3);
  });

  it("failover into the queues at high load: the formula is optimistic", () => {
    const r = simulate({ design: "dsmu", n: 2, mttf: 1e5, mttr: 0.001, mu: 100, h: 5, lambda: 180, timeout: 0.05, failover: "queued", events: 1_000_000 });
    expect(r.departures).toEqual(["retried replicas join their queues (uneven load)"]);
    expect(r.interval99[1]).toBeLessThan(r.analytic.value);
  });
});
