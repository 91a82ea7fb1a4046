/**
 * `npm run bench:load`: the Functions app behind the local host, in its own process, under a long
 * mixed load, and what a simulation does to everyone else's latency, each beside a baseline in the
 * same run. Not a test: it prints. Linux only (it reads the server's memory from /proc).
 *
 *   health while two simulations run
 *               GET /api/health latency (p50, p99, max) while two callers keep one 5e6-event
 *               simulation each in flight, vs the baseline: the same simulations computed on the
 *               event loop, as the app did before its worker pool (http-serve.ts "inline")
 *   load        LOAD_SECONDS (60) at 100 connections on loopback: 96 planners' cells (model GETs and
 *               POSTs, valid and invalid, unknown routes) and 4 scripts (simulations, sweeps,
 *               refused tool bodies). Requests/s, p99, errors, 5xx, and the server's resident memory
 *               (VmRSS) sampled each second: first 10 s vs last 10 s; and the main thread's live heap
 *               after a full collection at 10 s and at the end, which a leak would grow.
 */
import autocannon from "autocannon";
import { readFileSync } from "node:fs";
import { type Server, startServer, stop } from "./servers";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const json = { "content-type": "application/json" };
const largest = JSON.stringify({ design: "dsmu", events: 5e6, method: "crude" });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Health latencies, taken one after another while two callers keep a simulation each in flight. */
async function healthWhileSimulating(server: Server, rounds: number): Promise<{ p50: number; p99: number; max: number; samples: number }> {
  const base = `http://127.0.0.1:${server.port}`;
  let running = true;
  const caller = async () => {
    for (let i = 0; i < rounds; i++) {
      const reply = await fetch(`${base}/api/simulate`, { method: "POST", headers: json, body: largest });
      await reply.arrayBuffer();
      if (reply.status !== 200) throw new Error(`simulate answered ${reply.status}`);
    }
  };
  const simulations = Promise.all([caller(), caller()]).finally(() => {
    running = false;
  });
  const latencies: number[] = [];
  while (running) {
    const started = performance.now();
    await (await fetch(`${base}/api/health`)).arrayBuffer();
    latencies.push(performance.now() - started);
  }
  await simulations;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1)!, samples: latencies.length };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

console.log("health while two 5e6-event simulations run (two callers, 4 simulations each):");
for (const [label, kind] of [
  ["event loop (baseline: before the pool)", "inline"],
  ["worker pool (the app)", "host"],
] as const) {
  const server = await startServer(kind);
  try {
    await healthWhileSimulating(server, 1);
    const h = await healthWhileSimulating(server, 4);
    console.log(`  ${label.padEnd(40)} p50 ${ms(h.p50).padStart(9)}  p99 ${ms(h.p99).padStart(9)}  max ${ms(h.max).padStart(9)}  (${h.samples} checks)`);
  } finally {
    await stop(server);
  }
}

/** The server's resident memory in MiB, from /proc (worker threads included: they share the process). */
function residentMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

const cells: autocannon.Request[] = [
  { method: "GET", path: "/api/models/rdht?Rp=0.9&m=3&k=5" },
  { method: "GET", path: "/api/models/rdht?Rp=0.9&m=3&k=5&format=text" },
  { method: "GET", path: "/api/models/dsmu?n=3&mttf=720&mttr=2&mu=1000&h=100&lambda=2400" },
  { method: "GET", path: "/api/models/rdht?Rp=1.5&m=3&k=5" },
  { method: "GET", path: "/api/models/rdht?Rp=high" },
  { method: "POST", path: "/api/models/rserver", headers: json, body: JSON.stringify({ Rs: 0.99, n: 3 }) },
  { method: "POST", path: "/api/models/rserver", headers: json, body: "{not json" },
  { method: "GET", path: "/api/models/nosuch?x=1" },
  { method: "GET", path: "/api/nowhere" },
];
const scripts: autocannon.Request[] = [
  { method: "POST", path: "/api/simulate", headers: json, body: JSON.stringify({ design: "dsmu", events: 2e5, method: "crude" }) },
  {
    method: "POST",
    path: "/api/sweep",
    headers: json,
    body: JSON.stringify({ model: "rdht", fixed: { Rp: 0.9, k: 5 }, over: [{ param: "m", from: 1, to: 50, steps: 50 }] }),
  },
  { method: "POST", path: "/api/simulate", headers: json, body: JSON.stringify({ design: "dsmu", events: 5_000_001 }) },
  { method: "POST", path: "/api/sweep", headers: json, body: JSON.stringify({ model: "rdht", over: [] }) },
  { method: "POST", path: "/api/figure", headers: json, body: JSON.stringify({ figure: 3 }) },
];

/** The server's heap after a full collection, and its resident memory then, in MiB. */
function memoryAfterGc(server: Server): Promise<{ heapUsed: number; rss: number }> {
  return new Promise((resolveMemory) => {
    server.child.once("message", (m) => {
      const { heapUsed, rss } = m as { heapUsed: number; rss: number };
      resolveMemory({ heapUsed: heapUsed / 2 ** 20, rss: rss / 2 ** 20 });
    });
    server.child.send("memory after gc");
  });
}

const server = await startServer("host", { ipc: true });
try {
  const url = `http://127.0.0.1:${server.port}`;
  const memory: number[] = [];
  const sampler = setInterval(() => memory.push(residentMiB(server.child.pid!)), 1000);
  // The live heap after a full collection, once the first 10 s are over and once at the end.
  const afterGc: { at: number; heapUsed: number; rss: number }[] = [];
  const early = setTimeout(async () => afterGc.push({ at: 10, ...(await memoryAfterGc(server)) }), 10_000);
  const statuses = new Map<string, number>();
  const count = (result: autocannon.Result) => {
    for (const [key, value] of Object.entries(result)) if (/^[1-5]xx$/.test(key)) statuses.set(key, (statuses.get(key) ?? 0) + Number(value));
  };
  const [planners, tools] = await Promise.all([
    autocannon({ url, connections: 96, duration: SECONDS, requests: cells }),
    autocannon({ url, connections: 4, duration: SECONDS, requests: scripts }),
  ]);
  clearInterval(sampler);
  clearTimeout(early);
  afterGc.push({ at: SECONDS, ...(await memoryAfterGc(server)) });
  count(planners);
  count(tools);
  const first = memory.slice(0, 10);
  const last = memory.slice(-10);
  const meanOf = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  console.log(`load: ${SECONDS} s, 100 connections (96 cells, 4 scripts), loopback`);
  for (const [label, r] of [
    ["cells: model GET/POST, valid and invalid", planners],
    ["scripts: simulate, sweep, figure, refused", tools],
  ] as const) {
    console.log(
      `  ${label.padEnd(44)} ${r.requests.total.toString().padStart(8)} requests  ${r.requests.average.toFixed(0).padStart(6)} req/s  p99 ${r.latency.p99} ms  errors ${r.errors}  timeouts ${r.timeouts}`,
    );
  }
  console.log(`  responses by class: ${[...statuses].map(([k, v]) => `${k} ${v}`).join(", ")}`);
  console.log(
    `  resident memory: first 10 s ${meanOf(first).toFixed(1)} MiB, last 10 s ${meanOf(last).toFixed(1)} MiB (${(100 * (meanOf(last) / meanOf(first) - 1)).toFixed(1)}%), peak ${Math.max(...memory).toFixed(1)} MiB`,
  );
  const tens = Array.from({ length: Math.ceil(memory.length / 10) }, (_, i) => meanOf(memory.slice(10 * i, 10 * i + 10)).toFixed(0));
  console.log(`  resident memory by 10 s: ${tens.join(", ")} MiB`);
  for (const m of afterGc) console.log(`  after a full GC at ${m.at} s: live heap ${m.heapUsed.toFixed(1)} MiB, resident ${m.rss.toFixed(1)} MiB`);
  // What the last requests autocannon sent leave behind, once they are answered.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const health = await (await fetch(`${url}/api/health`)).json();
  console.log(`  pool after: ${JSON.stringify(health.pool)}`);
} finally {
  await stop(server);
}
