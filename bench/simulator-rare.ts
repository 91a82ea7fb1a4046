/**
 * The rare-event method at a planner's time scales (not a test): each target run with method
 * importance, its wall time (best of five), its relative 95% half-width and whether the formula is
 * inside its 99% interval; beside it, what crude Monte Carlo would need for the same precision,
 * projected from the crude engine's own speed measured on the same scenario in the same run.
 *
 *   npm run bench:sim:rare
 *
 * The projection. A crude run estimates Q from lookups that arrive at rate λ_s (the simulated
 * lookups) over a simulated time T; its variance has two parts, the lookups' own Bernoulli noise
 * Q/(λ_s·T) and the slow failure process's, whose time-average variance constant is 2·Q·m/G·k for
 * failure episodes of mean length m (all m or n replicas of a node down: MTTR over the replicas),
 * each lookup crossing k of G simulated nodes (servers: k = G = 1). For a relative half-width w at
 * 95%: T = 1.96²·(1/λ_s + 2·k·m/G)/(Q·w²). Events per simulated second and per wall second come
 * from a crude run of the same scenario.
 */
import { evaluate, validate } from "../shared/index";
import { planSimulation } from "../shared/simulator/plan";
import type { SimulationParams } from "../shared/simulator/scenario";
import type { SimulationResult } from "../shared/simulator/summary";

const REPEATS = 5;
const CRUDE_EVENTS = 4_000_000;
const targets: { label: string; params: Record<string, unknown> }[] = [
  {
    label: "dsmu: 3 servers, MTTF 720 h, MTTR 2 h, µ 1000/s, h 100, λ 2400/s",
    params: { design: "dsmu", n: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400 },
  },
  {
    label: "pdhta: 100,000 peers, 2 h sessions, entries restored in 7.5 min, m = 8, Kademlia (the model's example)",
    params: { design: "pdhta", m: 8, mttf: 2, mttr: 0.125, mu: 10, h: 20, N: 100000, lambda: 50, algorithm: "kademlia" },
  },
  {
    label: "dsmu over 3 zones (up 8760 h, down 4 h), the first target's servers",
    params: { design: "dsmu", n: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400, sites: 3, siteMttf: 8760, siteMttr: 4 },
  },
  { label: "dsmu: 5 servers, MTTR 4 h (Q ≈ 5e-12)", params: { design: "dsmu", n: 5, mttf: 720, mttr: 4, mu: 1000, h: 100, lambda: 2400 } },
];

const format = (x: number) => x.toExponential(2);
const years = (seconds: number) => seconds / (365.25 * 24 * 3600);

console.log(
  "| target | formula Q | importance Q (99% interval) | relative 95% half-width | formula inside 99% | importance wall time | crude: simulated time needed | crude: events | crude: wall time |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const { label, params } of targets) {
  let best = Infinity;
  let r: SimulationResult | undefined;
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    r = evaluate("simulate", { ...params, method: "importance" }) as SimulationResult;
    best = Math.min(best, performance.now() - start);
  }
  const result = r!;
  const plan = planSimulation(validate("simulate", params) as SimulationParams);
  const startCrude = performance.now();
  const crude = evaluate("simulate", { ...params, method: "crude", events: CRUDE_EVENTS }) as SimulationResult;
  const crudeSeconds = (performance.now() - startCrude) / 1000;
  const eventsPerSimulatedSecond = crude.events / (crude.simulatedHours * 3600);
  const eventsPerWallSecond = crude.events / crudeSeconds;
  const e = plan.engine;
  const episode = e.repair.mean / e.replicas;
  const w = result.relativeHalfWidth95!;
  const Q = result.unreliability;
  const T = (1.96 ** 2 * (1 / e.lookupRate + (2 * Math.ceil(e.hopsMean) * episode) / e.groups)) / (Q * w * w);
  const events = T * eventsPerSimulatedSecond;
  const wall = events / eventsPerWallSecond;
  const [lo, hi] = result.unreliabilityInterval99;
  console.log(
    `| ${label} | ${format(result.analytic.unreliability)} | ${format(Q)} (${format(lo)} – ${format(hi)}) | ${(100 * w).toFixed(1)}% | ${result.analytic.inside99 ? "yes" : "no"} | ${(best / 1000).toFixed(2)} s | ${years(T).toExponential(1)} years | ${events.toExponential(1)} | ${years(wall).toExponential(1)} years |`,
  );
}
console.log(`\nImportance: best of ${REPEATS}, default events (400,000), seed 1. Crude speed from ${CRUDE_EVENTS} events of the same scenario.`);
