import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validate } from "../../shared/index";
import type { ChunkResult } from "../../shared/simulator/engine";
import { EventQueue } from "../../shared/simulator/event-queue";
import { planSimulation } from "../../shared/simulator/plan";
import { runPlanChunk, runPlanSerially } from "../../shared/simulator/run";
import type { SimulationParams } from "../../shared/simulator/scenario";
import { batchMeans, cyclesThatMatter, mergeChunks, normalQuantile, studentQuantile, TUNING, wilson, wilsonScore } from "../../shared/simulator/stats";

const planOf = (params: Record<string, unknown>) => planSimulation(validate("simulate", params) as SimulationParams);

/** A chunk with the given batches (failures out of lookups, each spanning `span` s), nothing else. */
function chunk(index: number, failures: number[], lookups: number, span: number): ChunkResult {
  const total = failures.length * lookups;
  const failed = failures.reduce((a, b) => a + b, 0);
  return {
    index,
    events: 3 * total,
    warmupEvents: 0,
    warmupTime: 0,
    lookups: total,
    unfinished: 0,
    successes: total - failed,
    latencySum: total - failed,
    simulatedTime: failures.length * span,
    unitFailures: 100,
    outages: 0,
    servedByAttempt: [total - failed, 0],
    batchSize: lookups,
    batchLookups: failures.map(() => lookups),
    batchSuccesses: failures.map((f) => lookups - f),
    batchLatency: failures.map((f) => lookups - f),
    batchSpan: failures.map(() => span),
  };
}

describe("EventQueue", () => {
  it("pops events in time order with their codes and stamps, growing as needed", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 300 }), (times) => {
        const q = new EventQueue(2);
        times.forEach((t, i) => {
          q.push(t, i, 7 * i + 1);
        });
        const popped: number[] = [];
        while (q.pop()) {
          expect(q.time).toBe(times[q.code]);
          expect(q.stamp).toBe(7 * q.code + 1);
          popped.push(q.time);
        }
        expect(popped).toEqual([...times].sort((a, b) => a - b));
        expect(q.size).toBe(0);
      }),
    );
  });

  it("interleaves pushes and pops like a sorted list", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(-1)), { maxLength: 200 }), (ops) => {
        const q = new EventQueue(1);
        const model: number[] = [];
        for (const op of ops) {
          if (op < 0) {
            const had = q.pop();
            expect(had).toBe(model.length > 0);
            if (had) {
              model.sort((a, b) => a - b);
              expect(q.time).toBe(model.shift());
            }
          } else {
            q.push(op, 0);
            model.push(op);
          }
        }
      }),
    );
  });

  // Events as [time, code, stamp]; few distinct times, so that equal times are common.
  const event = fc.tuple(
    fc.integer({ min: 0, max: 6 }).map((t) => t / 4),
    fc.integer({ min: 0, max: 5 }),
    fc.integer({ min: 0, max: 3 }),
  );
  const byOrder = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

  it("pops equal times by code, then by stamp, like a sorted reference, and keeps its first time (+Infinity when empty)", () => {
    fc.assert(
      fc.property(fc.array(fc.option(event, { nil: undefined, freq: 3 }), { maxLength: 300 }), (ops) => {
        const q = new EventQueue(1);
        const model: number[][] = [];
        for (const op of ops) {
          if (op === undefined) {
            const had = q.pop();
            expect(had).toBe(model.length > 0);
            if (had) {
              model.sort(byOrder);
              expect([q.time, q.code, q.stamp]).toEqual(model.shift());
            }
          } else {
            q.push(op[0], op[1], op[2]);
            model.push(op);
          }
          expect(q.size).toBe(model.length);
          expect(q.firstTime()).toBe(model.length === 0 ? Infinity : Math.min(...model.map((e) => e[0]!)));
        }
      }),
    );
  });

  it("pops the same sequence whatever the order of the pushes: the order is the events', not the heap's layout", () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 120 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))),
        ([events, shuffled]) => {
          const drain = (list: number[][]) => {
            const q = new EventQueue(2);
            for (const [t, c, st] of list) q.push(t!, c!, st!);
            const out: number[][] = [];
            while (q.pop()) out.push([q.time, q.code, q.stamp]);
            return out;
          };
          expect(drain(shuffled)).toEqual(drain(events));
          expect(drain(events)).toEqual([...events].sort(byOrder));
        },
      ),
    );
  });

  it("writes the popped time into the clock array it was given", () => {
    const clock = new Float64Array(3);
    const q = new EventQueue(4, clock);
    q.push(2.5, 1);
    q.push(1.25, 2);
    expect(q.pop()).toBe(true);
    expect(clock[0]).toBe(1.25);
    expect(q.code).toBe(2);
    expect(q.pop()).toBe(true);
    expect(clock[0]).toBe(2.5);
    expect(q.pop()).toBe(false);
    expect(q.firstTime()).toBe(Infinity);
  });
});

describe("interval arithmetic", () => {
  it("normal and Student quantiles match tables", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    // Student t: ν = 10 → 2.228 (97.5%), 3.169 (99.5%); ν = 30 → 2.042, 2.750.
    expect(studentQuantile(0.975, 10)).toBeCloseTo(2.228, 2);
    expect(studentQuantile(0.995, 10)).toBeCloseTo(3.169, 2);
    expect(studentQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentQuantile(0.995, 30)).toBeCloseTo(2.75, 3);
    // Published table values at the few degrees of freedom a short run leaves.
    expect(studentQuantile(0.995, 1)).toBeCloseTo(63.657, 2);
    expect(studentQuantile(0.975, 2)).toBeCloseTo(4.303, 3);
    expect(studentQuantile(0.995, 2)).toBeCloseTo(9.925, 3);
    expect(studentQuantile(0.995, 3)).toBeCloseTo(5.841, 0);
  });

  it("Wilson interval matches a worked value and handles all-success", () => {
    // 81 of 263 at 95%: (0.2553, 0.3662) per the usual worked example.
    const [lo, hi] = wilson(81, 263, 0.95);
    expect(lo).toBeCloseTo(0.2553, 3);
    expect(hi).toBeCloseTo(0.3662, 3);
    const [lo1, hi1] = wilson(1000, 1000, 0.95);
    expect(hi1).toBe(1);
    expect(lo1).toBeCloseTo(1 - 3.83 / 1000, 3);
  });

  it("batch means: independent batches give the binomial error; correlated ones are merged and widened", () => {
    // Ten chunks of 32 batches, 100 lookups each, successes alternating 90/92 (no trend): error ≈ 1/(100·√n).
    const steady = Array.from({ length: 10 }, () => ({
      numerators: Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 90 : 92)),
      denominators: Array.from({ length: 32 }, () => 100),
      spans: Array.from({ length: 32 }, () => 1),
    }));
    const a = batchMeans(steady);
    expect(a.value).toBeCloseTo(0.91, 12);
    expect(a.batches).toBe(320);
    expect(a.lag1).toBeLessThan(0);
    expect(a.standardError).toBeCloseTo(0.01 / Math.sqrt(320), 4);
    // A slow wave (runs of 8 high batches then 8 low) is correlated: batches are merged until it is not.
    const wave = Array.from({ length: 10 }, () => ({
      numerators: Array.from({ length: 32 }, (_, i) => (Math.floor(i / 8) % 2 === 0 ? 80 : 100)),
      denominators: Array.from({ length: 32 }, () => 100),
      spans: Array.from({ length: 32 }, () => 1),
    }));
    const b = batchMeans(wave);
    expect(b.batches).toBeLessThan(320);
    expect(b.standardError).toBeGreaterThan(0);
  });

  it("batch means: batches are merged within each chunk until each spans the time asked, the short rest joining the last", () => {
    // Two chunks of 30 batches of 1 s: at 4 s, 7 batches each, the last holding 4 + 2.
    const chunks = [0, 1].map((c) => ({
      numerators: Array.from({ length: 30 }, (_, i) => (i + c) % 3),
      denominators: Array.from({ length: 30 }, () => 10),
      spans: Array.from({ length: 30 }, () => 1),
    }));
    const e = batchMeans(chunks, { minSpan: 4, mergeCorrelated: false });
    expect(e.batches).toBe(14);
    expect(e.wholeChunks).toBe(0);
    expect(e.value).toBeCloseTo(30 / 300, 12);
    // The same as merging them by hand: spans 4,4,4,4,4,4,6.
    const byHand = chunks.map((c) => {
      const cut = [0, 4, 8, 12, 16, 20, 24, 30];
      const sum = (xs: number[], i: number) => xs.slice(cut[i], cut[i + 1]).reduce((a, b) => a + b, 0);
      return {
        numerators: cut.slice(1).map((_, i) => sum(c.numerators, i)),
        denominators: cut.slice(1).map((_, i) => sum(c.denominators, i)),
        spans: cut.slice(1).map((_, i) => sum(c.spans, i)),
      };
    });
    expect(batchMeans(byHand, { mergeCorrelated: false }).standardError).toBe(e.standardError);
    // Uneven spans: a batch closes as soon as it reaches the span (3 + 2, 6, 1 + 4).
    const uneven = batchMeans([{ numerators: [1, 0, 2, 0, 1], denominators: [10, 10, 10, 10, 10], spans: [3, 2, 6, 1, 4] }], { minSpan: 5 });
    expect(uneven.batches).toBe(3);
  });

  it("batch means: a chunk too short for two batches of the span is one batch (chunks are independent)", () => {
    const chunks = [0, 1, 2, 3, 4].map((c) => ({
      numerators: Array.from({ length: 40 }, (_, i) => (i < 20 ? c : 0)),
      denominators: Array.from({ length: 40 }, () => 10),
      spans: Array.from({ length: 40 }, () => 0.25),
    }));
    // 10 s a chunk: 6 s batches leave one a chunk; 5 s ones, two.
    const whole = batchMeans(chunks, { minSpan: 6 });
    expect(whole.batches).toBe(5);
    expect(whole.wholeChunks).toBe(5);
    const perChunk = chunks.map((c) => ({ numerators: [c.numerators.reduce((a, b) => a + b, 0)], denominators: [400], spans: [10] }));
    expect(whole.standardError).toBe(batchMeans(perChunk).standardError);
    expect(batchMeans(chunks, { minSpan: 5 })).toMatchObject({ batches: 10, wholeChunks: 0 });
  });

  it("batch means: only neighbours correlated, the error is widened by √(1 + 2r) instead of merging", () => {
    // Residuals +1 +1 −1 −1 … : lag-1 correlation about 0 (pairs), and r > 0 for runs of three.
    const runs = [
      {
        numerators: Array.from({ length: 60 }, (_, i) => (Math.floor(i / 3) % 2 === 0 ? 6 : 4)),
        denominators: Array.from({ length: 60 }, () => 10),
        spans: Array.from({ length: 60 }, () => 1),
      },
    ];
    const kept = batchMeans(runs, { minSpan: 1, mergeCorrelated: false });
    expect(kept.batches).toBe(60);
    expect(kept.lag1).toBeGreaterThan(0.1);
    const raw = Math.sqrt((60 * 1) / (60 * 59)) / 10; // every residual ±1 over 10 lookups
    expect(kept.standardError).toBeCloseTo(raw * Math.sqrt(1 + 2 * kept.lag1), 12);
    expect(batchMeans(runs).batches).toBeLessThan(60);
  });

  it("score interval at an effective sample size: Wilson's at the lookups, wider at fewer", () => {
    expect(wilsonScore(81 / 263, 263, normalQuantile(0.975))).toEqual(wilson(81, 263, 0.95));
    const [lo, hi] = wilsonScore(0.01, 100, 1.96);
    // It follows the variance at the bound: further up than down when p is small.
    expect(hi - 0.01).toBeGreaterThan(0.01 - lo);
    expect(lo).toBeGreaterThan(0);
  });
});

describe("batches sized by failures and repairs", () => {
  const chunksOf = (count: number, batches: number, span: number, seed = 1) =>
    Array.from({ length: count }, (_, c) =>
      chunk(
        c,
        Array.from({ length: batches }, (_, i) => 4 + ((c * 3 + seed) % 4) + (i % 3 === 0 ? 1 : 0)),
        100,
        span,
      ),
    );

  it("a failure process matters when it can add more than 5% of Q(1 − Q) to a lookup's variance; with no failure seen, every one does", () => {
    const cycles = [
      { tau: 1, variance: 0.004 },
      { tau: 50, variance: 0.006 },
    ];
    // Q = 0.1: Q(1 − Q) = 0.09, 5% of it 0.0045.
    expect(cyclesThatMatter(cycles, 0.1)).toEqual([false, true]);
    expect(cyclesThatMatter(cycles, 0)).toEqual([true, true]);
    expect(TUNING).toEqual({ span: 5, negligible: 0.05, minBatches: 8 });
  });

  it("batches span 5 correlation times of the slowest process that matters", () => {
    // 4 chunks of 64 batches of 1 s; the slowest process that matters has τ = 2 s: batches of 10 s.
    const chunks = chunksOf(4, 64, 1);
    const m = mergeChunks(chunks, {
      cycles: [
        { tau: 2, variance: 1 },
        { tau: 30, variance: 0 },
      ],
      lookupReach: 0,
    });
    expect(m.correlationTime).toBe(2);
    expect(m.minBatchSpan).toBe(10);
    expect(m.batches).toBe(4 * 6);
    expect(m.tooShort).toBe(false);
    // None matters (blocking alone): batches of lookups, as before.
    const blocking = mergeChunks(chunks, { cycles: [{ tau: 2, variance: 1e-9 }], lookupReach: 0 });
    expect(blocking).toMatchObject({ correlationTime: 0, minBatchSpan: 0, cyclesThatMatter: [false] });
    // A lookup that reaches 20 s past its arrival (timeouts) needs batches that long too.
    expect(mergeChunks(chunks, { cycles: [{ tau: 2, variance: 1 }], lookupReach: 20 }).minBatchSpan).toBe(20);
  });

  it("chunks too short for two batches are one batch each, with Student's t on chunks − 1, at half the miss rate below 8 batches", () => {
    // τ = 3 s: batches of 15 s, chunks of 16 s. 10 chunks: 10 batches, not too short.
    const cycles = [{ tau: 3, variance: 1 }];
    const ten = mergeChunks(chunksOf(10, 16, 1), { cycles, lookupReach: 0 });
    expect(ten).toMatchObject({ batches: 10, wholeChunks: 10, tooShort: false });
    const q = ten.failureRate;
    const n = (q * (1 - q)) / ten.standardError ** 2;
    expect(ten.effectiveSampleSize).toBeCloseTo(n, 6);
    expect(ten.unreliabilityInterval95).toEqual(wilsonScore(q, n, studentQuantile(0.975, 9)));
    // 4 chunks: 4 batches, too short to tell: the 97.5% quantile for the 95% interval.
    const four = mergeChunks(chunksOf(4, 16, 1), { cycles, lookupReach: 0 });
    expect(four).toMatchObject({ batches: 4, wholeChunks: 4, tooShort: true });
    const n4 = four.effectiveSampleSize;
    expect(four.unreliabilityInterval95).toEqual(wilsonScore(four.failureRate, n4, studentQuantile(1 - 0.025 / 2, 3)));
    expect(four.unreliabilityInterval99).toEqual(wilsonScore(four.failureRate, n4, studentQuantile(1 - 0.005 / 2, 3)));
    // One chunk: nothing to tell the correlation by.
    const one = mergeChunks(chunksOf(1, 16, 1), { cycles, lookupReach: 0 });
    expect(one).toMatchObject({ batches: 1, tooShort: true, interval95: [0, 1], unreliabilityInterval99: [0, 1], effectiveSampleSize: 0 });
  });

  it("no failure seen: Wilson's interval, as if lookups were independent, and every lookup counts", () => {
    const none = mergeChunks(
      Array.from({ length: 4 }, (_, c) =>
        chunk(
          c,
          Array.from({ length: 32 }, () => 0),
          100,
          1,
        ),
      ),
      { cycles: [{ tau: 3, variance: 1 }], lookupReach: 0 },
    );
    expect(none.tooShort).toBe(false);
    expect(none.effectiveSampleSize).toBe(12_800);
    expect(none.unreliabilityInterval95).toEqual(wilson(0, 12_800, 0.95));
    expect(none.interval95).toEqual(wilson(12_800, 12_800, 0.95));
  });

  it("the plan's correlation times: 1/(1/r_up + 1/r_down) with r the mean residual life", () => {
    const base = { design: "dsmu", n: 2, mttf: 0.01, mttr: 0.001, mu: 1000, h: 50, lambda: 5, events: 10_000 };
    const [up, down] = [36, 3.6];
    expect(planOf(base).cycles).toEqual([{ what: "units", tau: expect.closeTo(1 / (1 / up + 1 / down), 9), variance: expect.any(Number) }]);
    // Fixed repairs: r = MTTR/2.
    expect(planOf({ ...base, repair: "fixed" }).cycles[0]!.tau).toBeCloseTo(1 / (1 / up + 2 / down), 9);
    // Weibull shape 0.5 up times: r = mean·Γ(5)/(2Γ(3)²) = 3·mean, unless the integrated correlation time is longer.
    const weibull = planOf({ ...base, lifetime: "weibull", shape: 0.5 }).cycles[0]!.tau;
    expect(weibull).toBeGreaterThanOrEqual(1 / (1 / (3 * up) + 1 / down) - 1e-9);
    // Log-normal σ = 1: r = mean·e/2.
    expect(planOf({ ...base, lifetime: "lognormal", shape: 1 }).cycles[0]!.tau).toBeGreaterThanOrEqual(1 / (1 / ((up * Math.E) / 2) + 1 / down) - 1e-9);
    // Sites are a process of their own.
    const sites = planOf({ ...base, n: 3, sites: 2, siteMttf: 0.02, siteMttr: 0.002 }).cycles;
    expect(sites.map((c) => c.what)).toEqual(["units", "sites"]);
    expect(sites[1]!.tau).toBeCloseTo(1 / (1 / 72 + 1 / 7.2), 9);
    // Servers that never fail add nothing worth sizing batches by.
    const blocking = planOf({ design: "dsmu", n: 2, mttf: 1e5, mttr: 0.001, mu: 100, h: 3, lambda: 170, events: 10_000 });
    expect(blocking.cycles[0]!.variance).toBeLessThan(1e-4 * 0.05);
  });

  it("the engine records how long each batch spans: the arrivals' simulated time, λ per second", () => {
    const plan = planOf({ design: "dsmu", n: 2, mttf: 0.001, mttr: 0.00025, mu: 200, h: 4, lambda: 300, timeout: 0.05, events: 200_000, chunks: 1 });
    const c = runPlanChunk(plan, 0);
    expect(c.batchSpan).toHaveLength(c.batchLookups.length);
    expect(c.batchLookups.length).toBeGreaterThanOrEqual(32);
    expect(c.batchLookups.length).toBeLessThanOrEqual(64);
    for (const span of c.batchSpan) expect(span).toBeGreaterThan(0);
    const total = c.batchSpan.reduce((a, b) => a + b, 0);
    expect(total / (c.lookups + c.unfinished)).toBeCloseTo(1 / 300, 4);
    // Every full batch holds batchSize lookups, so spans are nearly equal.
    expect(Math.max(...c.batchSpan.slice(0, -1)) / Math.min(...c.batchSpan.slice(0, -1))).toBeLessThan(1.5);
  });
});

describe("the crude result's fields", () => {
  const short = { design: "pdhta", m: 1, k: 2, rho: 0.3, mttf: 0.02, mttr: 0.004, mu: 100, h: 5, timeout: 0.05, events: 300_000 };

  it("a run long enough: the unreliability's own intervals, its relative half-width, the effective sample size, trusted", () => {
    const r = runPlanSerially(
      planOf({ design: "dsmu", n: 2, mttf: 0.001, mttr: 0.00025, mu: 200, h: 4, lambda: 300, timeout: 0.05, events: 400_000, seed: 3 }),
    );
    expect(r.method).toBe("crude");
    expect(r.estimator).toMatch(/^crude Monte Carlo, batch means over \d+ batches spanning ≥ 5 correlation times of the failures \(3\.6 s\) each$/);
    expect(r.trusted).toBe(true);
    expect(r.notes).toEqual([]);
    // The value's interval and the unreliability's are mirror images, each computed on its own side.
    expect(r.unreliabilityInterval95[0]).toBeCloseTo(1 - r.interval95[1], 12);
    expect(r.unreliabilityInterval95[1]).toBeCloseTo(1 - r.interval95[0], 12);
    expect(r.unreliabilityInterval99[0]).toBeLessThan(r.unreliabilityInterval95[0]);
    expect(r.relativeHalfWidth95).toBeCloseTo((r.unreliabilityInterval95[1] - r.unreliabilityInterval95[0]) / 2 / r.unreliability, 12);
    // Failures come in runs as long as a repair: far fewer effective samples than lookups.
    expect(r.effectiveSampleSize).toBeGreaterThan(100);
    expect(r.effectiveSampleSize).toBeLessThan(r.lookups / 10);
    // The 95% half-width is about t·√(Q(1 − Q)/n_eff).
    const se = Math.sqrt((r.unreliability * (1 - r.unreliability)) / r.effectiveSampleSize);
    expect(r.halfWidth95 / se).toBeGreaterThan(1.9);
    expect(r.halfWidth95 / se).toBeLessThan(2.1);
  });

  it("chunks of four repair times: one batch a chunk, the interval widened, a note on what it takes, not trusted", () => {
    const r = runPlanSerially(planOf({ ...short, seed: 1 }));
    expect(r.batches).toBe(4);
    expect(r.estimator).toMatch(/^crude Monte Carlo, batch means over 4 batches, one a chunk/);
    expect(r.trusted).toBe(false);
    const note = r.notes.find((n) => n.startsWith("the run is too short to tell"));
    expect(note).toMatch(/failures stay correlated for about 12 s .* must span 5 times that \(60 s\), but each of its 4 chunk\(s\) spans about 4\d s/);
    expect(note).toMatch(/raise events to about \d+ so that each chunk spans enough \(fewer chunks does not help/);
    expect(note).toMatch(/divide mttf and mttr .* by one factor/);
    // What the note asks for is enough: the run is no longer too short.
    const events = Number(/raise events to about (\d+)/.exec(note!)![1]);
    const longer = runPlanSerially(planOf({ ...short, events: Math.ceil(events * 1.1), seed: 1 }));
    expect(longer.notes.some((n) => n.startsWith("the run is too short"))).toBe(false);
    expect(longer.trusted).toBe(true);
  });

  it("blocking alone: the failures that cannot move the estimate do not size the batches, nor make the run untrusted", () => {
    const r = runPlanSerially(planOf({ design: "pdhta", m: 2, k: 3, rho: 0.6, mttf: 1e5, mttr: 0.004, mu: 100, h: 3, timeout: 0.05, events: 400_000 }));
    expect(r.failuresSeen).toBe(0);
    expect(r.notes.join(" ")).toMatch(/too few to measure availability/);
    expect(r.trusted).toBe(true);
    expect(r.estimator).toMatch(/batches spanning ≥ a lookup's reach through its timeouts/);
    expect(r.batches).toBeGreaterThan(60);
    // Within a fraction of the interval lookups would give if independent.
    const [lo, hi] = wilson(r.successes, r.lookups, 0.95);
    expect(r.halfWidth95).toBeLessThan(2 * ((hi - lo) / 2));
  });

  it("no failure at all: Wilson's interval, and not trusted", () => {
    const r = runPlanSerially(planOf({ design: "dsmu", n: 3, mttf: 0.01, mttr: 0.0001, mu: 1000, h: 50, lambda: 5, events: 20_000 }));
    expect(r.successes).toBe(r.lookups);
    expect(r.unreliabilityInterval95).toEqual(wilson(0, r.lookups, 0.95));
    expect(r.relativeHalfWidth95).toBeNull();
    expect(r.effectiveSampleSize).toBe(r.lookups);
    expect(r.trusted).toBe(false);
    expect(r.estimator).toMatch(/Wilson score interval/);
  });
});
