/**
 * Are the simulator's intervals honest? For scenarios inside the paper's assumptions (where the
 * formula is the true value) run many seeds of the crude estimator and count how often the 95% and
 * 99% intervals hold the formula's value, and the spread of (estimate − formula)/standard error,
 * the batch-means error behind the interval: 1 when the error is right and the batches many (a run
 * with few batches, which Student's t widens, spreads more: t on 3 degrees of freedom, 1.7).
 *
 *   npm run bench:sim:coverage            (SEEDS=300 by default; ONLY=<name's start> runs one scenario)
 *
 * Every scenario is time-compressed so that a run of at most a million events sees its failures
 * many times over, and keeps the queues' settling time (about h/µ) a small fraction of an up period.
 * "DHT, short chunks" is the one whose chunks each span only about four repair times, too short for
 * batches inside them: each chunk is one batch there, and the run says it is too short to tell.
 */
import { validate } from "../shared/index";
import { planSimulation } from "../shared/simulator/plan";
import { runPlanSerially } from "../shared/simulator/run";
import type { SimulationParams } from "../shared/simulator/scenario";

const SEEDS = Number(process.env.SEEDS ?? 300);
const only = process.env.ONLY;

/** Servers up 36 s between 3.6 s repairs, µ = 1000/s with room for 50: at λ = 5/s nothing blocks. */
const quietServers = { design: "dsmu", mu: 1000, h: 50, lambda: 5 };
const scenarios: Record<string, Record<string, unknown>> = {
  // ρ = 0.85, h = 3; servers never fail (MTTF 1e5 h). The client's default 15 s timeout puts the second attempt 15 s after the first.
  "servers, blocking only": { design: "dsmu", n: 2, mttf: 1e5, mttr: 0.001, mu: 100, h: 3, lambda: 170, events: 400_000 },
  // 3 servers up 7.2 s between 3.6 s repairs.
  "servers, availability only": { ...quietServers, n: 3, mttf: 0.002, mttr: 0.001, events: 200_000 },
  // 2 servers up 80% of the time (3.6 s, 0.9 s) at ρ = 0.75, h = 4.
  "servers, both": { design: "dsmu", n: 2, mttf: 0.001, mttr: 0.00025, mu: 200, h: 4, lambda: 300, timeout: 0.05, events: 1_000_000 },
  // k = 3 hops of m = 2 peers at ρ = 0.6, h = 3; peers never leave.
  "DHT, blocking only": { design: "pdhta", m: 2, k: 3, rho: 0.6, mttf: 1e5, mttr: 0.004, mu: 100, h: 3, timeout: 0.05, events: 400_000 },
  // Peers up 36 s between 14.4 s replacements, at a load (ρ = 0.001) that never blocks.
  "DHT, availability only": { design: "pdhta", m: 2, k: 3, rho: 0.001, mttf: 0.01, mttr: 0.004, mu: 100, h: 3, timeout: 0.05, events: 400_000 },
  // k = 2 hops of m = 2 peers up 7.2 s between 2.88 s replacements, ρ = 0.2 with room for 2.
  "DHT, both": { design: "pdhta", m: 2, k: 2, rho: 0.2, mttf: 0.002, mttr: 0.0008, mu: 100, h: 2, timeout: 0.01, events: 1_000_000 },
  // The review's case: 4 chunks of about 44 s each, the correlation time of a peer 12 s.
  "DHT, short chunks (4 repair times a chunk)": {
    design: "pdhta",
    m: 1,
    k: 2,
    rho: 0.3,
    mttf: 0.02,
    mttr: 0.004,
    mu: 100,
    h: 5,
    timeout: 0.05,
    events: 300_000,
  },
  // Sites up 72 s between 7.2 s outages: 2 servers in one, 1 in the other.
  "servers over sites (3 over 2)": {
    ...quietServers,
    n: 3,
    mttf: 0.01,
    mttr: 0.001,
    timeout: 0.05,
    sites: 2,
    siteMttf: 0.02,
    siteMttr: 0.002,
    events: 1_000_000,
  },
};

/** One scenario over seeds 1..SEEDS: how often each interval holds the formula, and the spread of the standardised error. */
function coverage(params: Record<string, unknown>, seeds: number) {
  let in95 = 0;
  let in99 = 0;
  const z: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = runPlanSerially(planSimulation(validate("simulate", { ...params, seed }) as SimulationParams));
    if (r.analytic.inside95) in95++;
    if (r.analytic.inside99) in99++;
    const q = r.unreliability;
    const se = r.effectiveSampleSize > 0 ? Math.sqrt((q * (1 - q)) / r.effectiveSampleSize) : 0;
    if (se > 0) z.push((q - r.analytic.unreliability) / se);
  }
  const mean = z.reduce((a, b) => a + b, 0) / z.length;
  const spread = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / (z.length - 1));
  return { in95, in99, spread };
}

const started = performance.now();
console.log(`| scenario | 95% intervals holding the formula | 99% intervals | spread of the standardised error (ideal 1) |`);
console.log(`|---|---|---|---|`);
for (const [name, params] of Object.entries(scenarios)) {
  if (only !== undefined && !name.startsWith(only)) continue;
  const { in95, in99, spread } = coverage(params, SEEDS);
  console.log(`| ${name} | ${in95}/${SEEDS} | ${in99}/${SEEDS} | ${spread.toFixed(2)} |`);
}
console.log(`\n${SEEDS} seeds a scenario, ${((performance.now() - started) / 1000).toFixed(0)} s`);
