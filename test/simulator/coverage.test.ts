/**
 * Do the crude simulator's intervals cover? Inside the paper's assumptions the formula is the true
 * value, so over many seeds the 95% interval must hold it about 95% of the time and the 99% one
 * about 99%. Seeds are fixed (1 to 150), so each count is the same on every run: the test cannot be
 * flaky, only wrong.
 *
 * A count over 150 seeds scatters by about 2.7 points at 95% (√(0.95·0.05/150)) and 0.8 at 99%:
 * intervals that cover exactly 95% and 99% fall below 93% and 98% in one scenario out of five. So
 * the 93% and 98% are asserted on the pooled 750 runs (1 point and 0.4 of scatter), and each
 * scenario on its own must reach 90% and 96%, which the intervals before batches were sized by
 * repair times missed (over 300 seeds the short-chunk case held 87% and 95%). `npm run bench:sim:coverage` runs
 * 300 seeds of costlier scenarios.
 */
import { describe, expect, it } from "vitest";
import { validate } from "../../shared/index";
import { planSimulation } from "../../shared/simulator/plan";
import { runPlanSerially } from "../../shared/simulator/run";
import type { SimulationParams } from "../../shared/simulator/scenario";

const SEEDS = 150;

const scenarios: { name: string; params: Record<string, unknown> }[] = [
  {
    // 4 chunks of about 44 s, a peer's correlation time 12 s: each chunk one batch, and the run says it is too short to tell.
    name: "DHT, chunks of four repair times (k = 2, m = 1, ρ = 0.3)",
    params: { design: "pdhta", m: 1, k: 2, rho: 0.3, mttf: 0.02, mttr: 0.004, mu: 100, h: 5, timeout: 0.05, events: 300_000 },
  },
  {
    // Servers up 36 s between 3.6 s repairs; sites up 72 s between 7.2 s outages.
    name: "servers over sites (3 over 2)",
    params: {
      design: "dsmu",
      n: 3,
      mttf: 0.01,
      mttr: 0.001,
      mu: 1000,
      h: 50,
      lambda: 5,
      timeout: 0.05,
      sites: 2,
      siteMttf: 0.02,
      siteMttr: 0.002,
      events: 300_000,
    },
  },
  {
    name: "servers, both: 2 up 80% of the time at ρ = 0.75, h = 4",
    params: { design: "dsmu", n: 2, mttf: 0.001, mttr: 0.00025, mu: 200, h: 4, lambda: 300, timeout: 0.05, events: 300_000 },
  },
  {
    name: "servers, availability only: 3 up 7.2 s between 3.6 s repairs",
    params: { design: "dsmu", n: 3, mttf: 0.002, mttr: 0.001, mu: 1000, h: 50, lambda: 5, events: 100_000 },
  },
  {
    name: "DHT, blocking only (k = 3, m = 2, ρ = 0.6, h = 3)",
    params: { design: "pdhta", m: 2, k: 3, rho: 0.6, mttf: 1e5, mttr: 0.004, mu: 100, h: 3, timeout: 0.05, events: 200_000 },
  },
];

const held: { in95: number; in99: number }[] = [];

describe("the crude intervals hold the formula as often as they say (seeds 1–150)", () => {
  it.each(scenarios)(
    "$name",
    ({ params }) => {
      let in95 = 0;
      let in99 = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const r = runPlanSerially(planSimulation(validate("simulate", { ...params, seed }) as SimulationParams));
        expect(r.departures).toEqual([]);
        if (r.analytic.inside95) in95++;
        if (r.analytic.inside99) in99++;
      }
      held.push({ in95, in99 });
      expect(in95, "95% intervals holding the formula").toBeGreaterThanOrEqual(0.9 * SEEDS);
      expect(in99, "99% intervals holding the formula").toBeGreaterThanOrEqual(0.96 * SEEDS);
    },
    60_000,
  );

  it("over all of them, at least 93% of the 95% intervals and 98% of the 99% ones", () => {
    expect(held).toHaveLength(scenarios.length);
    const runs = scenarios.length * SEEDS;
    expect(held.reduce((s, h) => s + h.in95, 0)).toBeGreaterThanOrEqual(0.93 * runs);
    expect(held.reduce((s, h) => s + h.in99, 0)).toBeGreaterThanOrEqual(0.98 * runs);
  });
});
