/**
 * `npm run bench`: evaluations per second of the exact models beside the plain textbook formula,
 * in the same run on the same inputs, and the 1000 × 1000 what-if sweep. Not a test: it prints.
 *
 * Three columns per model: the textbook formula (what a spreadsheet would type), the model's
 * compute (the exact form, on validated parameters, as sweeps call it), and evaluate() (validation
 * with zod + compute, as every surface calls it).
 */
import { evaluate } from "../shared/index";
import { blocking } from "../shared/models/blocking";
import { dsmu } from "../shared/models/designs/dsmu";
import { rdht } from "../shared/models/rdht";
import { rserver } from "../shared/models/rserver";

const SIZE = 1024;
const pick = <T>(f: (i: number) => T) => Array.from({ length: SIZE }, (_, i) => f(i));
const reliabilities = pick((i) => 0.5 + 0.4999 * ((i * 7919) % SIZE) / SIZE);
const counts = pick((i) => 1 + (i % 12));
const hops = pick((i) => ((i * 31) % 200) / 10);
const loads = pick((i) => ((i * 17) % SIZE) / 400);
const capacities = pick((i) => 5 + (i % 200));

function opsPerSecond(run: (i: number) => number): number {
  let sink = 0;
  let best = 0;
  for (let round = 0; round < 7; round++) {
    const n = 400_000;
    const start = performance.now();
    for (let i = 0; i < n; i++) sink += run(i & (SIZE - 1));
    const seconds = (performance.now() - start) / 1000;
    if (round >= 2) best = Math.max(best, n / seconds);
  }
  if (Number.isNaN(sink)) console.log("(sink)");
  return best;
}

const textbookBlocking = (rho: number, h: number) => (rho === 1 ? 1 / (h + 1) : ((1 - rho) * Math.pow(rho, h)) / (1 - Math.pow(rho, h + 1)));

const cases: { name: string; textbook: (i: number) => number; exact: (i: number) => number; validated: (i: number) => number }[] = [
  {
    name: "rserver",
    textbook: (i) => 1 - Math.pow(1 - reliabilities[i]!, counts[i]!),
    exact: (i) => rserver.compute({ Rs: reliabilities[i]!, n: counts[i]! }).value,
    validated: (i) => evaluate("rserver", { Rs: reliabilities[i]!, n: counts[i]! }).value,
  },
  {
    name: "rdht",
    textbook: (i) => Math.pow(1 - Math.pow(1 - reliabilities[i]!, counts[i]!), hops[i]!),
    exact: (i) => rdht.compute({ Rp: reliabilities[i]!, m: counts[i]!, k: hops[i]! }).value,
    validated: (i) => evaluate("rdht", { Rp: reliabilities[i]!, m: counts[i]!, k: hops[i]! }).value,
  },
  {
    name: "blocking",
    textbook: (i) => textbookBlocking(loads[i]!, capacities[i]!),
    exact: (i) => blocking.compute({ rho: loads[i]!, h: capacities[i]! }).value,
    validated: (i) => evaluate("blocking", { rho: loads[i]!, h: capacities[i]! }).value,
  },
  {
    name: "dsmu (design)",
    textbook: (i) => {
      const n = counts[i]!;
      const Ps = 720 / (720 + 2);
      const Rs = Ps * (1 - textbookBlocking((loads[i]! * 1000 * n) / (n * 1000), 100));
      return 1 - Math.pow(1 - Rs, n);
    },
    exact: (i) => dsmu.compute({ n: counts[i]!, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: loads[i]! * 1000 * counts[i]! }).value,
    validated: (i) => evaluate("dsmu", { n: counts[i]!, lambda: loads[i]! * 1000 * counts[i]! }).value,
  },
];

const fmt = (x: number) => (x / 1e6).toFixed(2).padStart(7) + " M/s";
console.log(`Node ${process.version}, ${process.arch}; best of 5 rounds of 400,000 evaluations after 2 warm-up rounds\n`);
console.log("model            textbook    exact compute  ratio   evaluate()  ratio");
for (const c of cases) {
  const t = opsPerSecond(c.textbook);
  const e = opsPerSecond(c.exact);
  const v = opsPerSecond(c.validated);
  console.log(`${c.name.padEnd(15)} ${fmt(t)}   ${fmt(e)}   ${(t / e).toFixed(2)}×  ${fmt(v)}  ${(t / v).toFixed(1)}×`);
}

function timeSweep(label: string, request: object) {
  const times: number[] = [];
  let rowsMs = 0;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    const table = evaluate("sweep", request) as { cells: number; rows: unknown[] };
    times.push(performance.now() - start);
    if (round === 4) {
      const t = performance.now();
      if (table.rows.length !== table.cells) throw new Error("sweep rows do not match cells");
      rowsMs = performance.now() - t;
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const all = times.map((t) => t.toFixed(0)).join(", ");
  console.log(`${label.padEnd(28)} median ${sorted[2]!.toFixed(0)} ms (runs: ${all} ms); building the rows view once: +${rowsMs.toFixed(0)} ms`);
}

function timeTextbookGrid() {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    const values = new Float64Array(1_000_000);
    for (let i = 0; i < 1000; i++) for (let j = 0; j < 1000; j++) values[i * 1000 + j] = Math.pow(1 - Math.pow(1 - 0.9, i + 1), j / 10);
    best = Math.min(best, performance.now() - start);
  }
  console.log(`${"textbook rdht grid (baseline)".padEnd(28)} best ${best.toFixed(0)} ms`);
}

console.log("\n1000 × 1000 what-if sweeps (10^6 cells, validated, columnar):");
timeTextbookGrid();
timeSweep("sweep rdht (m × k)", { model: "rdht", fixed: { Rp: 0.9 }, over: [{ param: "m", from: 1, to: 1000, steps: 1000 }, { param: "k", from: 0, to: 100, steps: 1000 }] });
timeSweep("sweep dsmu (n × mu)", { model: "dsmu", fixed: { lambda: 2000 }, over: [{ param: "n", from: 1, to: 1000, steps: 1000 }, { param: "mu", from: 100, to: 10000, steps: 1000, scale: "log" }] });
