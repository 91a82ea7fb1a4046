/**
 * Are the simulator's intervals honest? For scenarios inside the paper's assumptions (where the
 * formula is the true value) run many seeds and count how often the 95% and 99% intervals hold the
 * formula's value, and the spread of (estimate − formula)/standard error, which is 1 when the
 * intervals have the right width.
 *
 *   npm run bench:sim:coverage            (SEEDS=40 by default; ONLY=<name's start> runs one scenario)
 */
import { evaluate } from "../shared/index";
import type { SimulationResult } from "../shared/simulator/summary";

const SEEDS = Number(process.env.SEEDS ?? 40);
const only = process.env.ONLY;
const all: Record<string, Record<string, unknown>> = {
  "servers, blocking only": { design: "dsmu", n: 2, mttf: 1e5, mttr: 0.001, mu: 100, h: 3, lambda: 170, events: 400_000 },
  "servers, availability only": { design: "dsmu", n: 3, mttf: 0.002, mttr: 0.001, mu: 1000, h: 50, lambda: 5, events: 200_000 },
  "servers, both": { design: "dsmu", n: 2, mttf: 0.001, mttr: 0.00025, mu: 200, h: 4, lambda: 300, timeout: 0.05, events: 1_000_000 },
  "DHT, both": { design: "pdhta", m: 2, k: 3, rho: 0.6, mttf: 0.01, mttr: 0.004, mu: 100, h: 3, timeout: 0.05, events: 400_000 },
  "servers over sites (3 over 2)": {
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
    events: 1_000_000,
  },
};

const scenarios = Object.fromEntries(Object.entries(all).filter(([name]) => only === undefined || name.startsWith(only)));

console.log(`| scenario | 95% intervals holding the formula | 99% intervals | spread of the standardised error (ideal 1) |`);
console.log(`|---|---|---|---|`);
for (const [name, params] of Object.entries(scenarios)) {
  let in95 = 0;
  let in99 = 0;
  const z: number[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const r = evaluate("simulate", { ...params, seed }) as SimulationResult;
    if (r.analytic.inside95) in95++;
    if (r.analytic.inside99) in99++;
    z.push(((r.value - r.analytic.value) / r.halfWidth95) * 1.96);
  }
  const mean = z.reduce((a, b) => a + b, 0) / z.length;
  const spread = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / (z.length - 1));
  console.log(`| ${name} | ${in95}/${SEEDS} | ${in99}/${SEEDS} | ${spread.toFixed(2)} |`);
}
