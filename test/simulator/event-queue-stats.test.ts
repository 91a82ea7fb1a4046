import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../shared/simulator/event-queue";
import { batchMeans, normalQuantile, studentQuantile, wilson } from "../../shared/simulator/stats";

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
    }));
    const b = batchMeans(wave);
    expect(b.batches).toBeLessThan(320);
    expect(b.standardError).toBeGreaterThan(0);
  });
});
