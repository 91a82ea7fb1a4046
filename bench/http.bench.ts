/**
 * `npm run bench:http`: the HTTP API under load, beside a bare node:http server returning a fixed
 * JSON body of the same size, in the same run (so both see the same machine). Not a test: it
 * prints. Servers run in their own processes; autocannon drives them from this one.
 *
 *   throughput  requests/s and p99 latency, GET and POST evaluate of rdht, vs the bare server;
 *               GET /api/health shows what the invocation pipeline costs with a trivial handler
 *   cold start  process start → first 200 from an evaluate route (median of 5), vs the bare server
 *   bundle      size of dist/functions/main.cjs, raw and gzip
 */
import autocannon from "autocannon";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { startServer, stop } from "./servers";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = resolve(root, "dist/functions/main.cjs");
if (!existsSync(bundle)) {
  console.error("dist/functions/main.cjs is missing: run npm run build:functions first");
  process.exit(1);
}

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = 2;
const EVALUATE_PATH = "/api/models/rdht?Rp=0.9&m=3&k=5";
const EVALUATE_BODY = JSON.stringify({ Rp: 0.9, m: 3, k: 5 });

/** Spawn → the first 200 from the route, polling the port; the process's own start is in the spawn. */
async function coldStart(kind: "host" | "bare", path: string): Promise<{ total: number; listening: number }> {
  const server = await startServer(kind);
  try {
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${kind} answered ${response.status} to ${path}`);
    return { total: performance.now() - server.spawnedAt, listening: server.listeningAfter };
  } finally {
    await stop(server);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Load {
  requestsPerSecond: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(port: number, path: string, post: boolean): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: DURATION,
    ...(post && { method: "POST", body: EVALUATE_BODY, headers: { "content-type": "application/json" } }),
  });
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

function mean(loads: Load[]): Load {
  const sum = (pick: (l: Load) => number) => loads.reduce((s, l) => s + pick(l), 0);
  return {
    requestsPerSecond: sum((l) => l.requestsPerSecond) / loads.length,
    p99: sum((l) => l.p99) / loads.length,
    non2xx: sum((l) => l.non2xx),
    errors: sum((l) => l.errors),
  };
}

const raw = readFileSync(bundle);
console.log(`bundle: dist/functions/main.cjs ${(raw.length / 1024).toFixed(1)} KiB, ${(gzipSync(raw).length / 1024).toFixed(1)} KiB gzip`);

console.log(`cold start (median of 5; spawn → first 200, and the child's own start → listening):`);
for (const [kind, path] of [
  ["bare", "/"],
  ["host", EVALUATE_PATH],
] as const) {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await coldStart(kind, path));
  console.log(
    `  ${kind.padEnd(5)} ${median(runs.map((r) => r.total)).toFixed(0)} ms to first response, listening ${median(runs.map((r) => r.listening)).toFixed(0)} ms after process start`,
  );
}

console.log(`throughput: autocannon, ${CONNECTIONS} connections, ${DURATION} s a run, ${ROUNDS} rounds alternating`);
const bare = await startServer("bare");
const host = await startServer("host");
const results: Record<string, Load[]> = { bare: [], health: [], get: [], post: [] };
try {
  // Warm both (JIT, the app's first OpenAPI-free paths) before anything is counted.
  await autocannon({ url: `http://127.0.0.1:${bare.port}/`, connections: CONNECTIONS, duration: 2 });
  await autocannon({ url: `http://127.0.0.1:${host.port}${EVALUATE_PATH}`, connections: CONNECTIONS, duration: 2 });
  for (let round = 0; round < ROUNDS; round++) {
    results.bare!.push(await load(bare.port, "/", false));
    results.health!.push(await load(host.port, "/api/health", false));
    results.get!.push(await load(host.port, EVALUATE_PATH, false));
    results.post!.push(await load(host.port, "/api/models/rdht", true));
  }
} finally {
  await Promise.all([stop(bare), stop(host)]);
}
const bareMean = mean(results.bare!);
const rows: Array<[string, Load]> = [
  ["bare node:http, fixed JSON", bareMean],
  ["GET /api/health (the invocation pipeline alone)", mean(results.health!)],
  [`GET ${EVALUATE_PATH}`, mean(results.get!)],
  ["POST /api/models/rdht (JSON body)", mean(results.post!)],
];
for (const [label, l] of rows) {
  const share = ((100 * l.requestsPerSecond) / bareMean.requestsPerSecond).toFixed(0);
  console.log(
    `  ${label.padEnd(50)} ${l.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${String(l.p99).padStart(3)} ms  ${share.padStart(3)}% of bare${l.non2xx || l.errors ? `  (${l.non2xx} non-2xx, ${l.errors} errors)` : ""}`,
  );
}
