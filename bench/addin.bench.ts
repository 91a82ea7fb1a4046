/**
 * `npm run bench:addin`: 100,000 TRACKER calls, a 1000 × 100 what-if grid, evaluated in headless
 * Chromium through the functions Excel registers (functions.js as built, a recording
 * CustomFunctions, one call per cell exactly as Excel makes it), side by side with the catalog's
 * evaluate() called directly in the same page. Goal: the grid in at most 1 s. Also the size of the
 * bundles Excel downloads.
 *
 * Not a test: timings depend on the machine. Run `npm run build:addin` first (done here if missing).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { startAddinServer } from "../server/addin-server";
import { launchChromium, pageScript } from "../test/addin/browser";

const root = resolve(import.meta.dirname, "..");
const dist = join(root, "dist/addin");
if (!existsSync(join(dist, "functions.js"))) execFileSync(process.execPath, ["--import", "tsx", "scripts/build-addin.ts"], { cwd: root, stdio: "inherit" });

const rows = 1000;
const cols = 100;
const repeats = 5;

// The catalog alone, for the direct baseline, bundled the same way as the add-in.
const catalogScript = await pageScript(join(root, "shared/index.ts"), "TrackerCatalog", { minify: true });

const server = await startAddinServer({ httpsPort: 0, httpPort: 0, root: dist });
const chrome = await launchChromium();
try {
  const page = await chrome.context.newPage();
  const origin = new URL(server.urls.find((u) => u.startsWith("http:"))!).origin.replace("localhost", "127.0.0.1");
  await page.goto(`${origin}/help.html`);
  // tsx compiles this file keeping function names through a __name helper the page lacks.
  await page.evaluate("globalThis.__name = (fn) => fn");
  await page.evaluate(() => {
    const registered: Record<string, unknown> = {};
    (globalThis as Record<string, unknown>).registered = registered;
    (globalThis as Record<string, unknown>).CustomFunctions = {
      associate: (id: string, fn: unknown) => (registered[id] = fn),
      Error: class {
        constructor(
          readonly code: string,
          readonly message?: string,
        ) {}
      },
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
    };
  });
  await page.addScriptTag({ url: "/functions.js" });
  await page.addScriptTag({ content: catalogScript });

  // Parameters not swept take the catalog's example values (read in the page).
  type Grid = { model: string; label: string; rowParam: string; rowValues: number[]; colParam: string; colValues: number[]; fixed: Record<string, number> };
  const grids: Grid[] = [
    {
      model: "rdht",
      label: "TRACKER.RDHT(Rp, m, k)",
      rowParam: "Rp",
      rowValues: Array.from({ length: rows }, (_, i) => 0.5 + (0.4999 * i) / (rows - 1)),
      colParam: "k",
      colValues: Array.from({ length: cols }, (_, j) => 1 + j * 0.2),
      fixed: { m: 3 },
    },
    {
      model: "pdhta",
      label: "TRACKER.PDHTA(...), a design",
      rowParam: "N",
      rowValues: Array.from({ length: rows }, (_, i) => 1e3 * 1e4 ** (i / (rows - 1))),
      colParam: "m",
      colValues: Array.from({ length: cols }, (_, j) => 1 + j),
      fixed: {},
    },
  ];

  const results = await page.evaluate(
    ({ grids, repeats }) => {
      const g = globalThis as unknown as {
        registered: Record<string, (...args: unknown[]) => unknown[][]>;
        TrackerCatalog: {
          evaluate(name: string, p: unknown): { value: number };
          catalog: Map<string, { example: { params: Record<string, unknown> }; params: { shape: Record<string, unknown> } }>;
        };
      };
      const out = [];
      for (const grid of grids) {
        const entry = g.TrackerCatalog.catalog.get(grid.model)!;
        const names = Object.keys(entry.params.shape);
        const fixed = { ...entry.example.params, ...grid.fixed };
        delete fixed[grid.rowParam];
        delete fixed[grid.colParam];
        const fn = g.registered[grid.model.toUpperCase()]!;
        const argsFor = (x: number, y: number) =>
          names.map((n) => (n === grid.rowParam ? [[x]] : n === grid.colParam ? [[y]] : n in fixed ? [[fixed[n]]] : null)).concat([null]);

        const viaExcel = () => {
          let sum = 0;
          const t = performance.now();
          for (const x of grid.rowValues) for (const y of grid.colValues) sum += fn(...argsFor(x, y))[0]![0] as number;
          return { ms: performance.now() - t, sum };
        };
        const direct = () => {
          let sum = 0;
          const t = performance.now();
          for (const x of grid.rowValues)
            for (const y of grid.colValues) sum += g.TrackerCatalog.evaluate(grid.model, { ...fixed, [grid.rowParam]: x, [grid.colParam]: y }).value;
          return { ms: performance.now() - t, sum };
        };
        const oneSpill = () => {
          const t = performance.now();
          const args = names
            .map((n) => (n === grid.rowParam ? grid.rowValues.map((v) => [v]) : n === grid.colParam ? [grid.colValues] : n in fixed ? [[fixed[n]]] : null))
            .concat([null]);
          const result = fn(...args);
          let sum = 0;
          for (const row of result) for (const v of row) sum += v as number;
          return { ms: performance.now() - t, sum };
        };
        const runs = { excel: [] as number[], direct: [] as number[], spill: [] as number[] };
        let sums: number[] = [];
        for (let i = 0; i < repeats; i++) {
          const a = viaExcel();
          const b = direct();
          const c = oneSpill();
          runs.excel.push(a.ms);
          runs.direct.push(b.ms);
          runs.spill.push(c.ms);
          sums = [a.sum, b.sum, c.sum];
        }
        out.push({ label: grid.label, runs, sums });
      }
      return out;
    },
    { grids, repeats },
  );

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
  console.log(
    `Chromium ${chrome.context.browser()?.version() ?? ""}: ${rows} × ${cols} = ${rows * cols} calls per grid, ${repeats} runs (first run, then median)`,
  );
  for (const r of results) {
    if (r.sums[0] !== r.sums[1] || r.sums[0] !== r.sums[2])
      throw new Error(`${r.label}: the registered function and evaluate() disagree (${r.sums.join(" vs ")})`);
    console.log(`\n${r.label}`);
    console.log(
      `  through the registered function, one call per cell  first ${ms(r.runs.excel[0]!)}   median ${ms(median(r.runs.excel))}   ${((median(r.runs.excel) * 1000) / (rows * cols)).toFixed(2)} µs/call`,
    );
    console.log(
      `  evaluate() directly                                  first ${ms(r.runs.direct[0]!)}   median ${ms(median(r.runs.direct))}   ${((median(r.runs.direct) * 1000) / (rows * cols)).toFixed(2)} µs/call`,
    );
    console.log(`  one call spilling the whole grid (ranges as args)    first ${ms(r.runs.spill[0]!)}   median ${ms(median(r.runs.spill))}`);
    console.log(`  goal ≤ 1000 ms per grid: ${median(r.runs.excel) <= 1000 ? "met" : "MISSED"}; results identical: yes`);
  }
  console.log("\nBundles Excel downloads:");
  for (const file of ["functions.js", "taskpane.js", "functions.json"]) {
    const bytes = readFileSync(join(dist, file));
    console.log(
      `  ${file.padEnd(15)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KiB   gzip ${(gzipSync(bytes).length / 1024).toFixed(1).padStart(6)} KiB`,
    );
  }
} finally {
  await chrome.close();
  await server.close();
}
