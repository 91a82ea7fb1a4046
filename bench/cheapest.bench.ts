/**
 * The cheapest tool's search beside brute force over the same space (not a test).
 *
 *   npm run bench:cheapest        (also part of npm run bench)
 *
 * Each case is one request to `cheapest` through evaluate() (validation included, as every surface
 * calls it): designs dsmu and dsdhta, maxServers 1000, maxReplicas 20, 3 server types (the
 * catalog's example list) or 10 (below), λ = 2400 or 50,000 lookups/s, 5, 7 or 9 nines; dsdhta
 * routed in one hop (the default: the search bisects), in Kademlia's path length (the search
 * scans), that again with dsdhta alone (no dsmu answer to cut the scan short), or one hop over
 * 3 sites (siteMttf 8760 h, siteMttr 4 h).
 *
 * The baseline is test/tools/cheapest-brute-force.ts: every design × type × count × replicas
 * through evaluate(). It is timed as bruteForceLevels over the very levels the search's frontier
 * shows (its atLeastNines, the target among them), one pass answering them all, which is the
 * work the search's answer and frontier stand for. It runs one design at a time, each given the
 * fixed parameters it takes (as the search gives dsdhta an `algorithm` and dsmu none). Its time is
 * the sum of the two passes, one run each (they take hundreds of ms to seconds), after a warm-up pass.
 *
 * The search's time is the best of 5 rounds after a warm-up round, each round as many calls as
 * fill 50 ms (at least one). The check: the least monthly cost at the target, and at each level of
 * the frontier, is the same from both (exactly, the same doubles), and where the frontier stops
 * short the next whole nine is out of brute force's reach too; a mismatch prints MISMATCH and the
 * bench exits with 1. "ok (n levels)" counts the levels compared.
 */
import { cpus } from "node:os";
import {
  type CheapestResult,
  describeParams,
  evaluate,
  exampleServerTypes,
  lookupModel,
  MAX_CHEAPEST_EVALUATIONS,
  type ServerType,
  ValidationError,
} from "../shared/index";
import { type BruteForceAnswer, type BruteForceSpace, bruteForceLevels } from "../test/tools/cheapest-brute-force";

/**
 * Ten machine sizes, smallest to largest: speed from 200 to 20,000 lookups/s, queue 20 to 500, up
 * 200 to 5000 h between failures and repaired in 12 h down to 0.5 h; the price rises with capacity,
 * less than in proportion (the large ones are cheaper per lookup). Not anyone's price list.
 */
const tenTypes: ServerType[] = [
  { name: "nano", mu: 200, h: 20, mttf: 200, mttr: 12, costPerMonth: 5 },
  { name: "micro", mu: 330, h: 28, mttf: 300, mttr: 8, costPerMonth: 8 },
  { name: "small", mu: 550, h: 40, mttf: 450, mttr: 6, costPerMonth: 12 },
  { name: "medium", mu: 900, h: 56, mttf: 700, mttr: 4, costPerMonth: 18 },
  { name: "large", mu: 1500, h: 80, mttf: 1000, mttr: 3, costPerMonth: 28 },
  { name: "xlarge", mu: 2500, h: 110, mttf: 1500, mttr: 2, costPerMonth: 45 },
  { name: "2xlarge", mu: 4200, h: 160, mttf: 2200, mttr: 1.5, costPerMonth: 70 },
  { name: "4xlarge", mu: 7000, h: 220, mttf: 3000, mttr: 1, costPerMonth: 110 },
  { name: "8xlarge", mu: 12000, h: 320, mttf: 4000, mttr: 0.75, costPerMonth: 180 },
  { name: "16xlarge", mu: 20000, h: 500, mttf: 5000, mttr: 0.5, costPerMonth: 290 },
];
const threeTypes: ServerType[] = exampleServerTypes.map((t) => ({ ...t }));

const DESIGNS = ["dsmu", "dsdhta"] as const;
const MAX_SERVERS = 1000;
const MAX_REPLICAS = 20;
/** cheapest's defaults, which the brute force is given explicitly. */
const BANDWIDTH = { bytesPerLookup: 1000, costPerGB: 0.05 };

type Fixed = Record<string, number | string>;
type Design = (typeof DESIGNS)[number];
/**
 * dsmu is the cheapest almost everywhere here, and its answer bounds dsdhta's scan: the cases of
 * dsdhta alone in Kademlia's path are the ones where the scan does its work.
 */
const variants: { name: string; designs: readonly Design[]; fixed: Fixed }[] = [
  { name: "one-hop", designs: DESIGNS, fixed: {} },
  { name: "kademlia", designs: DESIGNS, fixed: { algorithm: "kademlia" } },
  { name: "kademlia, dsdhta alone", designs: ["dsdhta"], fixed: { algorithm: "kademlia" } },
  { name: "3 sites", designs: DESIGNS, fixed: { sites: 3, siteMttf: 8760, siteMttr: 4 } },
];

interface Case {
  name: string;
  request: Record<string, unknown>;
  designs: readonly Design[];
  types: ServerType[];
  lambda: number;
  fixed: Fixed;
}

const cases: Case[] = [];
for (const variant of variants)
  for (const types of [threeTypes, tenTypes])
    for (const lambda of [2400, 50_000])
      for (const nines of [5, 7, 9])
        cases.push({
          name: `${variant.name}, ${types.length} types, λ ${lambda}, ${nines} nines`,
          request: {
            nines,
            lambda,
            serverTypes: types,
            designs: [...variant.designs],
            fixed: variant.fixed,
            maxServers: MAX_SERVERS,
            maxReplicas: MAX_REPLICAS,
          },
          designs: variant.designs,
          types,
          lambda,
          fixed: variant.fixed,
        });

const search = (request: Record<string, unknown>): CheapestResult => evaluate("cheapest", request);

/** Milliseconds per call: best of 5 rounds after a warm-up round, each round as many calls as fill 50 ms. */
function msPerCall(run: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 6; round++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      run();
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < 50);
    if (round >= 1) best = Math.min(best, elapsed / calls);
  }
  return best;
}

/** The fixed parameters a design takes, so that each brute-force pass gets only its own. */
const takes = Object.fromEntries(DESIGNS.map((d) => [d, new Set(describeParams(lookupModel(d)).map((p) => p.name))])) as Record<Design, Set<string>>;

const better = (a: BruteForceAnswer, b: BruteForceAnswer | undefined) => !b || a.cost < b.cost || (a.cost === b.cost && a.unreliability < b.unreliability);

/** The least cost at each level over every design's space, one bruteForceLevels pass per design, and its time. */
function bruteForce(c: Case, qs: number[]): { answers: (BruteForceAnswer | undefined)[]; ms: number } {
  const answers: (BruteForceAnswer | undefined)[] = qs.map(() => undefined);
  const start = performance.now();
  for (const design of c.designs) {
    const fixed = Object.fromEntries(Object.entries(c.fixed).filter(([name]) => takes[design].has(name)));
    const space: BruteForceSpace = {
      designs: [design],
      serverTypes: c.types,
      lambda: c.lambda,
      fixed,
      maxServers: MAX_SERVERS,
      maxReplicas: MAX_REPLICAS,
      ...BANDWIDTH,
    };
    bruteForceLevels(space, qs).forEach((a, i) => {
      if (a && better(a, answers[i])) answers[i] = a;
    });
  }
  return { answers, ms: performance.now() - start };
}

const money = (x: number | undefined) => (x === undefined ? "none" : `$${x.toFixed(2)}`);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

console.log(
  `Node ${process.version}, ${process.arch}, ${cpus().length} cores. cheapest through evaluate(): ms per call, best of 5 rounds after a warm-up; ` +
    `brute force: bruteForceLevels over the frontier's levels, one pass per design, one run each after a warm-up pass.\n`,
);

// Warm the brute force's path (evaluate of both designs, every variant) on a small space.
for (const variant of variants)
  bruteForce({ name: "warm-up", request: {}, designs: variant.designs, types: threeTypes.slice(0, 1), lambda: 2400, fixed: variant.fixed }, [1e-5]);

console.log(
  `${"case".padEnd(52)} ${"search ms".padStart(9)} ${"evals".padStart(6)} ${"configs".padStart(8)} ${"brute ms".padStart(9)} ${"ratio".padStart(9)}  cheapest at target               check`,
);
let mismatches = 0;
for (const c of cases) {
  const result = search(c.request);
  const searchMs = msPerCall(() => search(c.request));
  // The frontier's levels, and the target (already among them when the frontier reaches it).
  const levels = result.frontier.map((p) => ({ q: 10 ** -p.atLeastNines, cost: p.costPerMonth.total as number | undefined, nines: p.atLeastNines }));
  if (!result.frontier.some((p) => p.atLeastNines === result.targetNines))
    levels.push({ q: result.targetUnreliability, cost: undefined, nines: result.targetNines });
  // A frontier that stops short of target + 3 says the next whole nine is out of reach: check that too.
  const last = levels.reduce((n, l) => Math.max(n, l.nines), 0);
  if (last < result.targetNines + 3) levels.push({ q: 10 ** -(Math.floor(last) + 1), cost: undefined, nines: Math.floor(last) + 1 });
  const atTarget = levels.findIndex((l) => l.nines === result.targetNines);
  const brute = bruteForce(
    c,
    levels.map((l) => l.q),
  );
  const targetOk = result.best?.costPerMonth.total === brute.answers[atTarget]?.cost;
  const badLevels = levels.filter((l, i) => l.cost !== brute.answers[i]?.cost);
  const ok = targetOk && badLevels.length === 0;
  if (!ok) mismatches++;
  const found = result.best
    ? `${result.best.design} ${result.best.servers}×${result.best.serverType}${result.best.m ? ` m=${result.best.m}` : ""}`
    : "infeasible";
  console.log(
    `${c.name.padEnd(52)} ${ms(searchMs).padStart(9)} ${String(result.searched.evaluations).padStart(6)} ${String(result.searched.configurations).padStart(8)} ` +
      `${ms(brute.ms).padStart(9)} ${`${(brute.ms / searchMs).toFixed(0)}×`.padStart(9)}  ${`${found} ${money(result.best?.costPerMonth.total)}`.padEnd(32)} ` +
      `${ok ? `ok (${levels.length} levels)` : "MISMATCH"}`,
  );
  if (!targetOk) console.log(`    at the target: search ${money(result.best?.costPerMonth.total)}, brute force ${money(brute.answers[atTarget]?.cost)}`);
  for (const l of badLevels) {
    const b = brute.answers[levels.indexOf(l)];
    console.log(
      `    at ${l.nines} nines: search ${money(l.cost)}, brute force ${money(b?.cost)} (${b ? `${b.design} ${b.servers}×${b.serverType} m=${b.m ?? "-"}` : "none"})`,
    );
  }
}

/**
 * The search's worst cases inside its cap: up to 10,000 servers, dsdhta scanned in Kademlia's path,
 * λ = 50,000. At 300 nines nothing reaches the target, so every count of every type is evaluated
 * (then plan looks for levers). The price list grows from the ten types by variants of them
 * ("spot" ones at 70% of the price that fail twice as often, and so on) until the cap's check,
 * made before the search starts, refuses it: the largest list admitted is timed, and the one
 * refused beside it shows the refusal.
 */
const manyTypes: ServerType[] = [0, 1, 2, 3, 4].flatMap((v) =>
  tenTypes.map((t) => (v === 0 ? t : { ...t, name: `${t.name}-v${v}`, mttf: t.mttf / (1 + v), costPerMonth: t.costPerMonth * (1 - 0.1 * v) })),
);
const kademlia = { algorithm: "kademlia" };
const sites = { algorithm: "kademlia", sites: 3, siteMttf: 8760, siteMttr: 4 };
console.log(
  `\nWorst cases inside the cap (MAX_CHEAPEST_EVALUATIONS = ${MAX_CHEAPEST_EVALUATIONS.toLocaleString("en-US")}): maxServers 10000, kademlia, λ 50000`,
);

/** The request's result, or the refusal of the cap's check before the search. */
function admitted(request: Record<string, unknown>): CheapestResult | ValidationError {
  try {
    return search(request);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
}

function timeWorst(name: string, request: Record<string, unknown>): void {
  const result = search(request);
  const t = msPerCall(() => search(request));
  console.log(
    `${name.padEnd(58)} ${ms(t).padStart(7)} ms, ${result.searched.evaluations.toLocaleString("en-US")} evaluations of ${result.searched.configurations.toLocaleString("en-US")} configurations, ` +
      `${result.feasible ? "feasible" : "infeasible"}: ${t < 1000 ? "under 1 s" : "OVER 1 s"}`,
  );
}

const base = { lambda: 50_000, maxServers: 10_000, maxReplicas: MAX_REPLICAS };
timeWorst("10 types, dsmu + dsdhta, 9 nines", { ...base, nines: 9, serverTypes: tenTypes, designs: [...DESIGNS], fixed: kademlia });
timeWorst("10 types, dsdhta alone, 9 nines", { ...base, nines: 9, serverTypes: tenTypes, designs: ["dsdhta"], fixed: kademlia });
for (const [label, fixed] of [
  ["", kademlia],
  [", 3 sites", sites],
] as const) {
  const request = (types: number) => ({ ...base, nines: 300, serverTypes: manyTypes.slice(0, types), designs: ["dsdhta"], fixed });
  let most = manyTypes.length;
  while (most > 1 && admitted(request(most)) instanceof ValidationError) most--;
  timeWorst(`${most} types, dsdhta alone${label}, 300 nines (every count)`, request(most));
  if (most < manyTypes.length) {
    const refusal = admitted(request(most + 1)) as ValidationError;
    console.log(`${`${most + 1} types: refused before it starts`.padEnd(58)} ${refusal.errors[0]!.path}: ${refusal.errors[0]!.message}`);
  }
}

if (mismatches > 0) {
  console.log(`\n${mismatches} case(s) where the search and brute force disagree`);
  process.exit(1);
}
console.log("\nThe search and brute force agree on every case.");
