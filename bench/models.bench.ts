/**
 * `npm run bench`: evaluations per second of the exact models beside the plain textbook formula,
 * in the same run on the same inputs, and the 1000 × 1000 what-if sweep. Not a test: it prints.
 *
 * Three columns per model: the textbook formula (what a spreadsheet would type), the model's
 * compute (the exact form, on validated parameters made before the timed loop, as a sweep has its
 * cells' parameters), and evaluate() (validation with zod + compute, as every surface calls it).
 * Then fleets of 10^4 members, timed per evaluation: kofn beside the plain product of rserver with
 * the same list, and beside the textbook recursion.
 *
 *   npx tsx bench/models.bench.ts fleets     (only the fleets)
 *   npx tsx bench/models.bench.ts sweeps     (only the sweeps)
 *   npx tsx bench/models.bench.ts models=pdhta,sndhta   (only these models' rows)
 */
import { evaluate, lookupModel, validate } from "../shared/index";
import { availability } from "../shared/models/availability";
import { blocking } from "../shared/models/blocking";
import { lookupcost } from "../shared/models/lookup-cost";
import { mm1h } from "../shared/models/mm1h";
import { node } from "../shared/models/node";
import { pathlength } from "../shared/models/path-length";
import { rs } from "../shared/models/rs";
import { dsdhta } from "../shared/models/designs/dsdhta";
import { dsmu } from "../shared/models/designs/dsmu";
import { kofn } from "../shared/models/kofn";
import { pdhta } from "../shared/models/designs/pdhta";
import { sndhta } from "../shared/models/designs/sndhta";
import { pserved } from "../shared/models/pserved";
import { rdht } from "../shared/models/rdht";
import { rserver } from "../shared/models/rserver";
import { nines } from "../shared/numerics";
import { median } from "./stats";

const SIZE = 1024;
const pick = <T>(f: (i: number) => T) => Array.from({ length: SIZE }, (_, i) => f(i));
const reliabilities = pick((i) => 0.5 + (0.4999 * ((i * 7919) % SIZE)) / SIZE);
const counts = pick((i) => 1 + (i % 12));
const hops = pick((i) => ((i * 31) % 200) / 10);
const loads = pick((i) => ((i * 17) % SIZE) / 400);
/** Loads from 0.01 up, for the response times, which the textbook's L/λ leaves at 0/0 for an idle node. */
const busyLoads = loads.map((rho) => rho + 0.01);
const capacities = pick((i) => 5 + (i % 200));
/** Loads a planner sizes for, 0 to 0.95 of a node's capacity. */
const plannedLoads = pick((i) => 0.95 * (((i * 17) % SIZE) / SIZE));
/** Peer populations from 1e3 to 1e7, and the lookup rates that put each DHT node at `loads`. */
const populations = pick((i) => Math.round(10 ** (3 + (((i * 13) % SIZE) / SIZE) * 4)));

/** A function timed over its inputs, case i's at i: the textbook's and evaluate()'s take i itself. */
type Run = readonly [(input: never) => number, readonly unknown[]];
const indices = pick((i) => i);

/**
 * Best evaluations per second of each function, their rounds interleaved (one round of each in
 * turn), so that other work on this shared machine slows all of them alike and the ratios hold.
 */
function opsPerSecond(...runs: Run[]): number[] {
  let sink = 0;
  const best = runs.map(() => 0);
  for (let round = 0; round < 7; round++) {
    runs.forEach(([run, inputs], r) => {
      const n = 400_000;
      const start = performance.now();
      for (let i = 0; i < n; i++) sink += run(inputs[i & (SIZE - 1)] as never);
      const seconds = (performance.now() - start) / 1000;
      if (round >= 2) best[r] = Math.max(best[r]!, n / seconds);
    });
  }
  if (Number.isNaN(sink)) console.log("(sink)");
  return best;
}

// What a spreadsheet would type: the paper's formulas as written, ρ and products rounded, R only.
const textbookBlocking = (rho: number, h: number) => (rho === 1 ? 1 / (h + 1) : ((1 - rho) * rho ** h) / (1 - rho ** (h + 1)));
const textbookDht = (up: number, rho: number, h: number, m: number, k: number) => (1 - (1 - up * (1 - textbookBlocking(rho, h))) ** m) ** k;
/** The mean M/M/1/h response time W = L/(λ(1 − B)) as typed, L = ρ/(1 − ρ) − (h+1)ρ^(h+1)/(1 − ρ^(h+1)). */
const textbookResponseTime = (rho: number, h: number, mu: number) => {
  const L = rho === 1 ? h / 2 : rho / (1 - rho) - ((h + 1) * rho ** (h + 1)) / (1 - rho ** (h + 1));
  return L / (rho * mu * (1 - textbookBlocking(rho, h)));
};
const textbookServed = (rho: number, h: number, mu: number, mttf: number) => {
  const a = mu / (mu + 1 / (3600 * mttf));
  const geometric = (z: number) => (z === 1 ? h : (1 - z ** h) / (1 - z));
  return (a * geometric(rho * a)) / geometric(rho);
};

/** A DHT design's λ at case i: the peers (or servers) carry `load[i]` each on a k = log2 N path. */
const lambdaAt = (load: readonly number[]) => (i: number, nodes: number, mu: number) => (load[i]! * nodes * mu) / Math.log2(nodes);
const dhtLambda = lambdaAt(loads);
const plannedDhtLambda = lambdaAt(plannedLoads);

/**
 * Each design at the catalog's defaults, read once and outside the timed loops: the textbook and
 * exact columns then compute the very design the validated column (which fills the defaults in)
 * does, and a default that moves moves all three. The required rates are placeholders, set per case.
 */
// biome-ignore lint/suspicious/noExplicitAny: the validated defaults, read field by field below
const defaultsOf = (name: string, required: Record<string, number>): any => validate(name, required);
const ds = defaultsOf("dsmu", { lambda: 1 });
const pd = defaultsOf("pdhta", { N: 1e3, lambda: 1 });
const dd = defaultsOf("dsdhta", { lambda: 1 });
const sn = defaultsOf("sndhta", { N: 1e3, lambda: 1 });
/** sndhta's λ at case i: the supernodes, a fraction of the peers, carry `loads[i]` each. */
const supernodeLambdas = pick((i) => dhtLambda(i, sn.supernodeFraction * populations[i]!, sn.mu));
const up = (d: { mttf?: number; mttr?: number; sessionTime?: number; repairTime?: number }) =>
  d.mttf !== undefined ? d.mttf / (d.mttf + d.mttr!) : d.sessionTime! / (d.sessionTime! + d.repairTime!);

/**
 * The exact column computes on `params`, case i's parameters made once before the timed loops (the
 * textbook reads its inputs from arrays, and a sweep computes every cell on one object it updates),
 * so that both columns time the formula and not the making of its inputs. evaluate() takes the
 * user's input each call, as a surface does.
 */
type Case<P = never> = {
  name: string;
  textbook: (i: number) => number;
  params: readonly P[];
  exact: (p: P) => number;
  validated: (i: number) => number;
};
/** A case with its parameters' type checked against its compute, kept among the others. */
const model = <P>(c: Case<P>): Case => c as unknown as Case;
/**
 * A reliability model's result carries its nines, which the textbook line leaves out; a spreadsheet
 * would add −log10(1 − R) in a column beside R. This is R with them (the catalog's own nines, on the
 * rounded 1 − R a spreadsheet has), scaled to nothing so that the log10 is taken and kept: the
 * floor of a model whose formula costs less than a log10.
 */
const withNines = (R: number) => R + 1e-300 * Math.min(nines(1 - R), 400);

/** pdhta at the catalog's defaults but h, over the populations, with λ from `lambdaOf`. */
function pdhtaCase(name: string, h: number, lambdaOf: (i: number, nodes: number, mu: number) => number): Case {
  const lambdas = pick((i) => lambdaOf(i, populations[i]!, pd.mu));
  return model({
    name,
    textbook: (i) => {
      const N = populations[i]!;
      return textbookDht(up(pd), (lambdas[i]! * Math.log2(N)) / (N * pd.mu), h, pd.m, Math.log2(N));
    },
    params: pick((i) => ({ ...pd, h, N: populations[i]!, lambda: lambdas[i]!, algorithm: "log2", pserved: "ignore" })),
    exact: (p) => pdhta.compute(p).value,
    validated: (i) => evaluate("pdhta", { h, N: populations[i]!, lambda: lambdas[i]! }).value,
  });
}

const cases: Case[] = [
  model({
    name: "rserver",
    textbook: (i) => 1 - (1 - reliabilities[i]!) ** counts[i]!,
    params: pick((i) => ({ Rs: reliabilities[i]!, n: counts[i]! })),
    exact: (p) => rserver.compute(p).value,
    validated: (i) => evaluate("rserver", { Rs: reliabilities[i]!, n: counts[i]! }).value,
  }),
  model({
    name: "rdht",
    textbook: (i) => (1 - (1 - reliabilities[i]!) ** counts[i]!) ** hops[i]!,
    params: pick((i) => ({ Rp: reliabilities[i]!, m: counts[i]!, k: hops[i]! })),
    exact: (p) => rdht.compute(p).value,
    validated: (i) => evaluate("rdht", { Rp: reliabilities[i]!, m: counts[i]!, k: hops[i]! }).value,
  }),
  model({
    name: "kofn (2 of n)",
    // The binomial tail as typed: Σ_{j≥k} C(n, j)·R^j·(1 − R)^(n−j), the coefficient carried along.
    textbook: (i) => {
      const n = counts[i]! + 1;
      const R = reliabilities[i]!;
      let sum = 0;
      let coefficient = 1;
      for (let j = 0; j <= n; j++) {
        if (j >= 2) sum += coefficient * R ** j * (1 - R) ** (n - j);
        coefficient = (coefficient * (n - j)) / (j + 1);
      }
      return sum;
    },
    params: pick((i) => ({ k: 2, n: counts[i]! + 1, R: reliabilities[i]! })),
    exact: (p) => kofn.compute(p).value,
    validated: (i) => evaluate("kofn", { k: 2, n: counts[i]! + 1, R: reliabilities[i]! }).value,
  }),
  model({
    name: "node",
    textbook: (i) => reliabilities[i]! * reliabilities[SIZE - 1 - i]!,
    params: pick((i) => ({ Pup: reliabilities[i]!, Pqueued: reliabilities[SIZE - 1 - i]!, Pserved: 1 })),
    exact: (p) => node.compute(p).value,
    validated: (i) => evaluate("node", { Pup: reliabilities[i]!, Pqueued: reliabilities[SIZE - 1 - i]! }).value,
  }),
  model({
    name: "rs",
    textbook: (i) => 0.999 * (1 - textbookBlocking((loads[i]! * 1000) / (2 * 500), capacities[i]!)),
    params: pick((i) => ({ Ps: 0.999, lambda: loads[i]! * 1000, mu: 500, n: 2, h: capacities[i]! })),
    exact: (p) => rs.compute(p).value,
    validated: (i) => evaluate("rs", { Ps: 0.999, lambda: loads[i]! * 1000, mu: 500, n: 2, h: capacities[i]! }).value,
  }),
  model({
    name: "availability",
    textbook: (i) => capacities[i]! / (capacities[i]! + counts[i]!),
    params: pick((i) => ({ mttf: capacities[i]!, mttr: counts[i]! })),
    exact: (p) => availability.compute(p).value,
    validated: (i) => evaluate("availability", { mttf: capacities[i]!, mttr: counts[i]! }).value,
  }),
  model({
    name: "pathlength",
    textbook: (i) => Math.max(1, 0.5 * Math.log2(populations[i]!)),
    params: pick((i) => ({ N: populations[i]!, algorithm: "chord" as const })),
    exact: (p) => pathlength.compute(p).value,
    validated: (i) => evaluate("pathlength", { N: populations[i]!, algorithm: "chord" }).value,
  }),
  model({
    name: "mm1h",
    textbook: (i) => textbookResponseTime(busyLoads[i]!, capacities[i]!, 100),
    params: pick((i) => ({ lambda: busyLoads[i]! * 100, mu: 100, h: capacities[i]! })),
    exact: (p) => mm1h.compute(p).value,
    validated: (i) => evaluate("mm1h", { lambda: busyLoads[i]! * 100, mu: 100, h: capacities[i]! }).value,
  }),
  model({
    name: "lookupcost",
    // Nine attempts, BEP 15's doubling timeouts, the node's M/M/1/h response time as typed.
    textbook: (i) => {
      const R = reliabilities[i]!;
      const attempt = 5 * (0.1 + textbookResponseTime(busyLoads[i]! / 4, 20, 100));
      let sum = 0;
      let waited = 0;
      let timeout = 15;
      for (let j = 0; j <= 8; j++) {
        sum += (1 - R) ** j * R * (waited + attempt);
        waited += timeout;
        timeout *= 2;
      }
      return sum / (1 - (1 - R) ** 9);
    },
    params: pick((i) => ({
      k: 5,
      rtt: 100,
      mu: 100,
      rho: busyLoads[i]! / 4,
      h: 20,
      R: reliabilities[i]!,
      timeout: 15,
      retries: 8,
      backoff: "doubling" as const,
    })),
    exact: (p) => lookupcost.compute(p).value,
    validated: (i) => evaluate("lookupcost", { k: 5, rho: busyLoads[i]! / 4, R: reliabilities[i]! }).value,
  }),
  model({
    name: "blocking",
    textbook: (i) => textbookBlocking(loads[i]!, capacities[i]!),
    params: pick((i) => ({ rho: loads[i]!, h: capacities[i]! })),
    exact: (p) => blocking.compute(p).value,
    validated: (i) => evaluate("blocking", { rho: loads[i]!, h: capacities[i]! }).value,
  }),
  model({
    name: "pserved",
    textbook: (i) => textbookServed(loads[i]!, capacities[i]!, 10, 0.1),
    params: pick((i) => ({ lambda: loads[i]! * 10, mu: 10, h: capacities[i]!, mttf: 0.1 })),
    exact: (p) => pserved.compute(p).value,
    validated: (i) => evaluate("pserved", { lambda: loads[i]! * 10, mu: 10, h: capacities[i]!, mttf: 0.1 }).value,
  }),
  model({
    name: "dsmu",
    textbook: (i) => {
      const n = counts[i]!;
      const Rs = up(ds) * (1 - textbookBlocking((loads[i]! * ds.mu * n) / (n * ds.mu), ds.h));
      return 1 - (1 - Rs) ** n;
    },
    params: pick((i) => ({ ...ds, n: counts[i]!, lambda: loads[i]! * ds.mu * counts[i]!, pserved: "ignore" })),
    exact: (p) => dsmu.compute(p).value,
    validated: (i) => evaluate("dsmu", { n: counts[i]!, lambda: loads[i]! * ds.mu * counts[i]! }).value,
  }),
  pdhtaCase("pdhta", 20, dhtLambda),
  // A deep queue at planned loads: only nodes within 745/h of full load take k(N) in double-double.
  pdhtaCase("pdhta, h = 1e4", 1e4, plannedDhtLambda),
  model({
    name: "dsdhta",
    // One hop, as the default algorithm takes it.
    textbook: (i) => textbookDht(up(dd), (loads[i]! * dd.servers * dd.mu) / (dd.servers * dd.mu), dd.h, dd.m, 1),
    params: pick((i) => ({ ...dd, lambda: loads[i]! * dd.servers * dd.mu, pserved: "ignore" })),
    exact: (p) => dsdhta.compute(p).value,
    validated: (i) => evaluate("dsdhta", { lambda: loads[i]! * dd.servers * dd.mu }).value,
  }),
  model({
    name: "sndhta",
    textbook: (i) => {
      const S = sn.supernodeFraction * populations[i]!;
      return textbookDht(up(sn), (supernodeLambdas[i]! * Math.log2(S)) / (S * sn.mu), sn.h, sn.m, Math.log2(S));
    },
    params: pick((i) => ({ ...sn, N: populations[i]!, lambda: supernodeLambdas[i]!, algorithm: "log2", pserved: "ignore" })),
    exact: (p) => sndhta.compute(p).value,
    validated: (i) => evaluate("sndhta", { N: populations[i]!, lambda: supernodeLambdas[i]! }).value,
  }),
];

/** Milliseconds of one call, best of 5 after a warm-up round (each call is long enough to time alone). */
function msPerCall(run: () => number): number {
  let sink = 0;
  let best = Infinity;
  for (let round = 0; round < 6; round++) {
    const start = performance.now();
    sink += run();
    if (round >= 1) best = Math.min(best, performance.now() - start);
  }
  if (Number.isNaN(sink)) console.log("(sink)");
  return best;
}

/** The recursion over members as one would type it: P(j) ← P(j)·(1 − R_i) + P(j − 1)·R_i in doubles, then the tail. */
function textbookKofn(R: readonly number[], k: number): number {
  const pmf = new Float64Array(R.length + 1);
  pmf[0] = 1;
  R.forEach((r, i) => {
    for (let j = i + 1; j >= 1; j--) pmf[j] = pmf[j]! * (1 - r) + pmf[j - 1]! * r;
    pmf[0] = pmf[0]! * (1 - r);
  });
  return pmf.slice(k).reduce((a, b) => a + b, 0);
}

/**
 * Fleets of 10^4 members: kofn's work is n·min(k, n − k + 1) steps of a compensated recursion, the
 * product of rserver n steps of a double-double multiply. Two lists: a planner's fleet (0.9 to
 * 0.9999, where trimming the negligible counts keeps kofn's pass short) and one spread over 0.5 to 1
 * (the widest distribution: the worst case at k = n/2).
 */
function timeFleets() {
  const n = 1e4;
  const spread = (low: number, width: number) => Array.from({ length: n }, (_, i) => low + (width * ((i * 7919) % n)) / n);
  const fleets: [string, number[]][] = [
    ["0.9–0.9999", spread(0.9, 0.0999)],
    ["0.5–1", spread(0.5, 0.5)],
  ];
  console.log("\nFleets of 10^4 members, ms per evaluation (best of 5 after a warm-up):");
  console.log("fleet        case                          exact compute  evaluate()  ÷ product  ÷ textbook");
  for (const [name, R] of fleets) {
    const product = msPerCall(() => rserver.compute({ Rs: R }).unreliability!);
    const plain = msPerCall(() => R.reduce((q, r) => q * (1 - r), 1));
    const ratio = (x: number) => `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`.padStart(9);
    const row = (label: string, exact: number, validated: number, textbook?: number) =>
      console.log(
        `${name.padEnd(12)} ${label.padEnd(29)} ${exact.toFixed(2).padStart(10)}  ${validated.toFixed(2).padStart(10)}  ${ratio(exact / product)}  ${textbook === undefined ? "" : ratio(exact / textbook)}`,
      );
    row("textbook product Π(1 − R_i)", plain, plain);
    row(
      "rserver (the product)",
      product,
      msPerCall(() => evaluate("rserver", { Rs: R }).value),
    );
    const textbook = msPerCall(() => textbookKofn(R, n / 2));
    row("textbook recursion, all j", textbook, textbook);
    for (const k of [1, n / 2, 9000, n - 10, n]) {
      row(
        `kofn k = ${k}`,
        msPerCall(() => kofn.compute({ k, R }).value),
        msPerCall(() => evaluate("kofn", { k, R }).value),
        textbook,
      );
    }
  }
}

const onlyFleets = process.argv.includes("fleets");
const onlySweeps = process.argv.includes("sweeps");
/** models=a,b keeps only those models' rows (a case is named by its model, then a comma or a space). */
const onlyModels = process.argv
  .find((a) => a.startsWith("models="))
  ?.slice("models=".length)
  .split(",");
const modelOf = (c: Case) => c.name.split(/[ ,]/)[0]!;
const modelCases = onlyFleets || onlySweeps ? [] : cases.filter((c) => !onlyModels || onlyModels.includes(modelOf(c)));
const fmt = (x: number) => `${(x / 1e6).toFixed(2).padStart(7)} M/s`;
console.log(`Node ${process.version}, ${process.arch}; best of 5 rounds of 400,000 evaluations after 2 warm-up rounds\n`);
if (!onlyFleets && !onlySweeps) console.log("model            textbook    exact compute  ratio   evaluate()  ratio");
for (const c of modelCases) {
  const [t, e, v] = opsPerSecond([c.textbook, indices], [c.exact, c.params], [c.validated, indices]) as [number, number, number];
  console.log(`${c.name.padEnd(16)} ${fmt(t)}   ${fmt(e)}   ${(t / e).toFixed(2)}×  ${fmt(v)}  ${(t / v).toFixed(1)}×`);
}
if (!onlyFleets && !onlySweeps) console.log("\nreliability models beside the textbook R with its nines, −log10(1 − R), as their results carry them:");
for (const c of modelCases.filter((c) => lookupModel(modelOf(c)).reliability)) {
  const [t, e] = opsPerSecond([(i: number) => withNines(c.textbook(i)), indices], [c.exact, c.params]) as [number, number];
  console.log(`${c.name.padEnd(16)} ${fmt(t)}   ${fmt(e)}   ${(t / e).toFixed(2)}×`);
}

const msList = (xs: readonly number[]) => xs.map((t) => t.toFixed(0)).join(", ");

/** Timed rounds of a sweep against its plain loop: one warm-up of each, then this many of each in turn. */
const SWEEP_ROUNDS = 7;

/**
 * A sweep beside its own model's plain loop, their rounds interleaved (as opsPerSecond's), so that
 * this shared machine's slow spells fall on both; then the row view built once on every round's
 * table, beside the floor of any row view: a million arrays of the table's width from its columns,
 * with nothing else done per row (the two in turns, first and second). Medians, and the bests beside them.
 */
function timeSweep(label: string, request: object, plainLabel: string, cell: (i: number, j: number) => number) {
  const loops: number[] = [];
  const sweeps: number[] = [];
  const views: number[] = [];
  const floors: number[] = [];
  for (let round = 0; round <= SWEEP_ROUNDS; round++) {
    const loop = plainLoop(cell);
    const start = performance.now();
    const table = evaluate("sweep", request) as { cells: number; rows: unknown[]; data: (Float64Array | unknown[])[] };
    const sweep = performance.now() - start;
    // The second of the two runs while the first's million arrays are still held: they take turns.
    const timeView = () => {
      const start = performance.now();
      if (table.rows.length !== table.cells) throw new Error("sweep rows do not match cells");
      return performance.now() - start;
    };
    const timeFloor = () => {
      const start = performance.now();
      if (arraysOf(table.data, table.cells).length !== table.cells) throw new Error("floor rows do not match cells");
      return performance.now() - start;
    };
    let view: number;
    let floor: number;
    if (round % 2) {
      view = timeView();
      floor = timeFloor();
    } else {
      floor = timeFloor();
      view = timeView();
    }
    if (round === 0) continue;
    loops.push(loop);
    sweeps.push(sweep);
    views.push(view);
    floors.push(floor);
  }
  const [loop, sweep, view, floor] = [loops, sweeps, views, floors].map(median) as [number, number, number, number];
  console.log(`${plainLabel.padEnd(28)} median ${loop.toFixed(0)} ms, best ${Math.min(...loops).toFixed(0)} (runs: ${msList(loops)} ms)`);
  console.log(
    `${label.padEnd(28)} median ${sweep.toFixed(0)} ms, best ${Math.min(...sweeps).toFixed(0)} (runs: ${msList(sweeps)} ms): ${(sweep / loop).toFixed(1)}× its plain loop (bests ${(Math.min(...sweeps) / Math.min(...loops)).toFixed(1)}×)`,
  );
  console.log(
    `${"  the rows view, built once".padEnd(28)} median +${view.toFixed(0)} ms (runs: ${msList(views)} ms), ${(view / loop).toFixed(1)} plain loops; its floor, as many five-wide arrays alone: ${floor.toFixed(0)} ms (${(floor / loop).toFixed(1)} plain loops)`,
  );
}

/** The plain loop over the same 1000 × 1000 grid, the textbook formula per cell into one column: the sweeps' baseline. */
function plainLoop(cell: (i: number, j: number) => number): number {
  const start = performance.now();
  const values = new Float64Array(1_000_000);
  for (let i = 0; i < 1000; i++) for (let j = 0; j < 1000; j++) values[i * 1000 + j] = cell(i, j);
  return performance.now() - start;
}

/** The floor of a row view: one array literal a row of the five columns an rdht or dsmu table has, nothing checked. */
function arraysOf(data: readonly (Float64Array | unknown[])[], cells: number): unknown[][] {
  if (data.length !== 5) throw new Error(`the floor is written for five columns, and this table has ${data.length}`);
  const [a, b, c, d, e] = data as Float64Array[];
  const rows: unknown[][] = new Array(cells);
  for (let i = 0; i < cells; i++) rows[i] = [a![i], b![i], c![i], d![i], e![i]];
  return rows;
}

if (!onlySweeps && !onlyModels) timeFleets();
if (!onlyFleets && !onlyModels) sweeps();

function sweeps() {
  console.log(`\n1000 × 1000 what-if sweeps (10^6 cells, validated, columnar); ${SWEEP_ROUNDS} rounds after a warm-up:`);
  timeSweep(
    "sweep rdht (m × k)",
    {
      model: "rdht",
      fixed: { Rp: 0.9 },
      over: [
        { param: "m", from: 1, to: 1000, steps: 1000 },
        { param: "k", from: 0, to: 100, steps: 1000 },
      ],
    },
    "textbook rdht grid",
    (i, j) => (1 - (1 - 0.9) ** (i + 1)) ** (j / 10),
  );
  // dsmu's own textbook line over its grid: n from 1 to 1000, µ from 100 to 10^4 on a log scale, λ = 2000.
  timeSweep(
    "sweep dsmu (n × mu)",
    {
      model: "dsmu",
      fixed: { lambda: 2000 },
      over: [
        { param: "n", from: 1, to: 1000, steps: 1000 },
        { param: "mu", from: 100, to: 10000, steps: 1000, scale: "log" },
      ],
    },
    "textbook dsmu grid",
    (i, j) => {
      const n = i + 1;
      const mu = 100 * 100 ** (j / 999);
      const Rs = up(ds) * (1 - textbookBlocking(2000 / (n * mu), ds.h));
      return 1 - (1 - Rs) ** n;
    },
  );
}
