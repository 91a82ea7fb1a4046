/**
 * `npm run bench:http`: the HTTP API under load, beside a bare node:http server returning a fixed
 * JSON body of the same size, in the same run (so both see the same machine). Not a test: it
 * prints. Servers run in their own processes; autocannon drives them from this one.
 *
 *   throughput  requests/s and p99 latency, GET and POST evaluate of rdht, vs the bare server (whose
 *               POST reads the body first: node:http's own price of one); GET /api/health shows
 *               what the invocation pipeline costs with a trivial handler; then the ratios
 *               POST ÷ GET and GET ÷ health. A GET asked again is answered from the host's memo of
 *               recent answers (functions/http/cache.ts), so a GET with a new query each request
 *               shows the computing path, beside it. BENCH_COMPARE=<another built checkout> serves that
 *               checkout's host beside this one, alternating, for a before/after in one run.
 *               Each row also gives its rounds and the server process's CPU per request (Linux
 *               /proc), steadier than req/s when other work shares the cores. A ratio is the
 *               median of the rounds' own. BENCH_SECONDS (3), BENCH_ROUNDS (8) and
 *               BENCH_CONNECTIONS (10) set the runs
 *   cold start  process start → first 200 from an evaluate route (median of 5), vs the bare server
 *   bundle      size of dist/functions/main.cjs, raw and gzip
 */
import autocannon from "autocannon";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { availableParallelism } from "node:os";
import { cpuSeconds, pinToCore, type Server, startServer as startAnyServer, stop } from "./servers";
import { median } from "./stats";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = resolve(root, "dist/functions/main.cjs");
if (!existsSync(bundle)) {
  console.error("dist/functions/main.cjs is missing: run npm run build:functions first");
  process.exit(1);
}

const DURATION = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);

// With two cores or more, this process (autocannon) keeps core 0 and every server core 1: on a
// two-core machine, letting the scheduler move them made a route's CPU per request swing by 2×
// from one round to the next (measured); pinned, the rounds agree far better.
const pinned = availableParallelism() >= 2 && pinToCore(process.pid, 0);
async function startServer(...args: Parameters<typeof startAnyServer>): Promise<Server> {
  const server = await startAnyServer(...args);
  if (pinned) pinToCore(server.child.pid!, 1);
  return server;
}
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

interface Load {
  requestsPerSecond: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** The server process's CPU time per request served, µs (NaN where /proc is missing). */
  cpuPerRequest: number;
}

/** The evaluate GET with a query never sent before: Rp moves by 1e-12 a request, past what the host keeps. */
let freshQueries = 0;
const freshQuery = (request: { path?: string }) => {
  freshQueries++;
  request.path = `/api/models/rdht?Rp=${(0.9 - freshQueries * 1e-12).toPrecision(15)}&m=3&k=5`;
  return request;
};

async function load(server: Server, path: string, post: boolean, duration = DURATION, fresh = false): Promise<Load> {
  const cpuBefore = cpuSeconds(server) ?? Number.NaN;
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${path}`,
    connections: CONNECTIONS,
    duration,
    ...(post && { method: "POST", body: EVALUATE_BODY, headers: { "content-type": "application/json" } }),
    ...(fresh && { requests: [{ setupRequest: freshQuery }] }),
  });
  const cpu = (cpuSeconds(server) ?? Number.NaN) - cpuBefore;
  return {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuPerRequest: (1e6 * cpu) / result.requests.total,
  };
}

function mean(loads: Load[]): Load {
  const sum = (pick: (l: Load) => number) => loads.reduce((s, l) => s + pick(l), 0);
  return {
    requestsPerSecond: sum((l) => l.requestsPerSecond) / loads.length,
    p99: sum((l) => l.p99) / loads.length,
    non2xx: sum((l) => l.non2xx),
    errors: sum((l) => l.errors),
    cpuPerRequest: sum((l) => l.cpuPerRequest) / loads.length,
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

// BENCH_COMPARE=<another checkout, built>: its host is served beside this one and measured in the
// same rounds (before/after in one run, on the same machine state).
const compare = process.env.BENCH_COMPARE;
console.log(
  `throughput: autocannon, ${CONNECTIONS} connections, ${DURATION} s a run, ${ROUNDS} rounds alternating${compare ? `; "before" is the host of ${compare}` : ""}`,
);
const bare = await startServer("bare");
const hosts: Array<{ label: string; server: Server }> = [{ label: compare ? "after" : "host", server: await startServer("host") }];
if (compare) hosts.push({ label: "before", server: await startServer("host", { checkout: compare }) });
const ROUTES = [
  { key: "health", label: "GET /api/health (the invocation pipeline alone)", path: "/api/health", post: false, fresh: false },
  { key: "get", label: `GET ${EVALUATE_PATH}`, path: EVALUATE_PATH, post: false, fresh: false },
  { key: "fresh", label: "GET, a new Rp each request (computed, never kept)", path: EVALUATE_PATH, post: false, fresh: true },
  { key: "post", label: "POST /api/models/rdht (JSON body)", path: "/api/models/rdht", post: true, fresh: false },
] as const;
const results = new Map<string, Load[]>();
const record = (key: string, l: Load) => results.set(key, [...(results.get(key) ?? []), l]);
try {
  // Warm every server (JIT, the app's first OpenAPI-free paths) before anything is counted.
  await load(bare, "/", false, 2);
  for (const { server } of hosts) {
    await load(server, EVALUATE_PATH, false, 2);
    await load(server, EVALUATE_PATH, false, 2, true);
    await load(server, "/api/models/rdht", true, 2);
  }
  for (let round = 0; round < ROUNDS; round++) {
    record("bare get", await load(bare, "/", false));
    record("bare post", await load(bare, "/", true));
    for (const { label, server } of round % 2 === 0 ? hosts : [...hosts].reverse())
      for (const route of ROUTES) record(`${label} ${route.key}`, await load(server, route.path, route.post, DURATION, route.fresh));
  }
} finally {
  await Promise.all([stop(bare), ...hosts.map(({ server }) => stop(server))]);
}
const rate = (key: string) => mean(results.get(key)!).requestsPerSecond;
const bareRate = rate("bare get");
const printRow = (label: string, l: Load) => {
  const share = ((100 * l.requestsPerSecond) / bareRate).toFixed(0);
  console.log(
    `  ${label.padEnd(58)} ${l.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${l.p99.toFixed(1).padStart(5)} ms  ${share.padStart(3)}% of bare  server CPU ${l.cpuPerRequest.toFixed(0).padStart(4)} µs/req${l.non2xx || l.errors ? `  (${l.non2xx} non-2xx, ${l.errors} errors)` : ""}`,
  );
};
const rowOf = (label: string, key: string) => {
  printRow(label, mean(results.get(key)!));
  // Each round's own figure, so that the noise of a shared machine shows beside the mean.
  console.log(
    `  ${"".padEnd(58)} rounds: ${results
      .get(key)!
      .map((l) => l.requestsPerSecond.toFixed(0))
      .join(", ")} req/s`,
  );
};
rowOf("bare node:http, fixed JSON", "bare get");
rowOf("bare node:http, POST: the body read, then fixed JSON", "bare post");
for (const { label } of hosts) for (const route of ROUTES) rowOf(hosts.length > 1 ? `${label}: ${route.label}` : route.label, `${label} ${route.key}`);
// The same ratios from the server's CPU per request (the inverse ratio of costs): steadier than
// req/s when other work shares the cores, since a request's cost does not count the time it waited.
// Per round as well: the two routes of a ratio are measured one after the other within a round.
// The median of the rounds' own ratios is the figure: a round that a neighbour on the machine
// slowed moves a mean of rates, but not a median of ratios taken within rounds.
const perRound = (a: string, b: string, of: (l: Load) => number) => results.get(a)!.map((l, i) => of(l) / of(results.get(b)![i]!));
const ratios = (a: string, b: string) => {
  const each = perRound(a, b, (l) => l.requestsPerSecond);
  const byCpu = perRound(b, a, (l) => l.cpuPerRequest);
  return `${median(each).toFixed(3)} (rounds ${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}; by CPU ${median(byCpu).toFixed(3)})`;
};
console.log(
  `ratios, the median over the rounds of each round's ratio of req/s, and of server CPU per request inverted (issue 15's goals: POST ÷ GET ≥ 0.9, GET ÷ health ≥ 0.95)${pinned ? "; servers on core 1, autocannon on core 0" : ""}:`,
);
console.log(`  bare node:http POST ÷ GET ${ratios("bare post", "bare get")}: what node:http itself charges for a body`);
for (const { label } of hosts)
  console.log(
    `  ${hosts.length > 1 ? `${label}: ` : ""}POST ÷ GET ${ratios(`${label} post`, `${label} get`)}, GET ÷ health ${ratios(`${label} get`, `${label} health`)}, a new query's GET ÷ health ${ratios(`${label} fresh`, `${label} health`)}, POST ÷ a new query's GET ${ratios(`${label} post`, `${label} fresh`)}`,
  );
