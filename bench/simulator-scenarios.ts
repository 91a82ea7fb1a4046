/**
 * Where the formulas hold and where they break: the simulator beside the catalog's formula for
 * scenarios inside the paper's assumptions and outside them (correlated failures, heavy-tailed
 * sessions, fixed repair, client retries, failover load), and servers over sites, whose correlated
 * outages the dsmu formula takes in. Prints the Markdown table that
 * shared/simulator/README.md shows.
 *
 *   npm run bench:sim:scenarios
 */
import { evaluate } from "../shared/index";
import type { SimulationResult } from "../shared/simulator/summary";

const EVENTS = 4_000_000;
const REAL_EVENTS = 2_000_000;
// Time-compressed so that a run sees thousands of failures: MTTF 36 s, MTTR 3.6 s (Ps = 10/11).
const servers = { design: "dsmu", n: 3, mttf: 0.01, mttr: 0.001, mu: 1000, h: 50, lambda: 20, timeout: 0.5 };
const loaded = { design: "dsmu", n: 2, mttf: 1e5, mttr: 0.001, mu: 100, h: 5, lambda: 180, timeout: 0.05 };
const peers = { design: "pdhta", m: 2, k: 3, rho: 0.5, mttf: 0.01, mttr: 0.004, mu: 100, h: 4, timeout: 0.05 };

// key: the real-scale row below that asks the same question, if any.
const rows: { label: string; params: Record<string, unknown>; key?: string }[] = [
  { label: "DS+M+U, 3 servers (inside the assumptions)", params: servers, key: "servers" },
  { label: "… with common-mode outages 1/11 of the time", params: { ...servers, outageMttf: 0.05, outageMttr: 0.005 }, key: "outage" },
  { label: "… the same outages, given as one site (sites = 1)", params: { ...servers, sites: 1, siteMttf: 0.05, siteMttr: 0.005 }, key: "site" },
  { label: "… one server in each of 3 sites, each down 1/11 of the time", params: { ...servers, sites: 3, siteMttf: 0.05, siteMttr: 0.005 }, key: "sites" },
  { label: "… with Weibull up times, shape 0.5", params: { ...servers, lifetime: "weibull", shape: 0.5 }, key: "weibull" },
  { label: "… with log-normal up times, σ = 1.5", params: { ...servers, lifetime: "lognormal", shape: 1.5 }, key: "lognormal" },
  { label: "… with fixed repair times", params: { ...servers, repair: "fixed" }, key: "fixed" },
  { label: "… with 2 client retries, 2 s apart", params: { ...servers, retries: 2, backoff: "constant", timeout: 2 }, key: "retries" },
  { label: "… with 2 client retries, 0.05 s apart", params: { ...servers, retries: 2, backoff: "constant", timeout: 0.05 } },
  { label: "DS+M+U, 2 servers at ρ = 0.9, h = 5 (inside)", params: loaded },
  { label: "… failover joins the next server's queue", params: { ...loaded, failover: "queued" }, key: "queued" },
  { label: "P+DHT+A, k = 3, m = 2, ρ = 0.5 (inside)", params: peers, key: "peers" },
  { label: "… with Weibull sessions, shape 0.5", params: { ...peers, lifetime: "weibull", shape: 0.5 }, key: "peers weibull" },
  { label: "… with common-mode outages of a node's replicas", params: { ...peers, outageMttf: 0.05, outageMttr: 0.005 }, key: "peers outage" },
  { label: "… with 1 client retry per hop, 0.05 s later", params: { ...peers, retries: 1, backoff: "constant" }, key: "peers retry" },
  { label: "… with 1 client retry per hop, 5 s later", params: { ...peers, retries: 1, backoff: "constant", timeout: 5 } },
  { label: "… failover joins the next replica's queue", params: { ...peers, failover: "queued" }, key: "peers queued" },
];

// At a planner's time scales, uncompressed: the servers (MTTF 720 h, MTTR 2 h, 2,400 lookups/s,
// BEP 15's 15 s timeout) and pdhta's example (100,000 peers, 2 h sessions, entries restored in 7.5 min).
const planner = { design: "dsmu", n: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400 };
const dht = { design: "pdhta", m: 8, mttf: 2, mttr: 0.125, mu: 10, h: 20, N: 100000, lambda: 50, algorithm: "kademlia" };
const realRows: { label: string; params: Record<string, unknown>; key?: string }[] = [
  { label: "DS+M+U, 3 servers up 720 h, repaired in 2 h (inside)", params: planner, key: "servers" },
  { label: "… with a common-mode outage a year, 1 h long", params: { ...planner, outageMttf: 8760, outageMttr: 1 }, key: "outage" },
  { label: "… the same outages, given as one site (sites = 1)", params: { ...planner, sites: 1, siteMttf: 8760, siteMttr: 1 }, key: "site" },
  { label: "… one server in each of 3 zones, each down 4 h a year", params: { ...planner, sites: 3, siteMttf: 8760, siteMttr: 4 }, key: "sites" },
  { label: "… with Weibull up times, shape 0.34", params: { ...planner, lifetime: "weibull", shape: 0.34 }, key: "weibull" },
  { label: "… with Weibull up times, shape 0.59", params: { ...planner, lifetime: "weibull", shape: 0.59 } },
  { label: "… with log-normal up times, σ = 1.5", params: { ...planner, lifetime: "lognormal", shape: 1.5 }, key: "lognormal" },
  { label: "… with fixed repair times", params: { ...planner, repair: "fixed" }, key: "fixed" },
  { label: "… with 2 client retries (BEP 15: 15 s, 30 s, 60 s)", params: { ...planner, retries: 2 }, key: "retries" },
  { label: "… with BEP 15's 8 retries (timeouts doubling to 64 min)", params: { ...planner, retries: 8 } },
  { label: "… with 8 retries and fixed repair times", params: { ...planner, retries: 8, repair: "fixed" } },
  { label: "… with 8 retries and Weibull up times, shape 0.34", params: { ...planner, retries: 8, lifetime: "weibull", shape: 0.34 } },
  { label: "… failover joins the next server's queue", params: { ...planner, failover: "queued" }, key: "queued" },
  { label: "P+DHT+A, 8 peers a hop, 2 h sessions (inside)", params: dht, key: "peers" },
  { label: "… with Weibull sessions, shape 0.34", params: { ...dht, lifetime: "weibull", shape: 0.34 }, key: "peers weibull" },
  { label: "… with Weibull sessions, shape 0.59", params: { ...dht, lifetime: "weibull", shape: 0.59 } },
  {
    label: "… with common-mode outages of a node's replicas (every 1000 h, 7.5 min)",
    params: { ...dht, outageMttf: 1000, outageMttr: 0.125 },
    key: "peers outage",
  },
  { label: "… with 1 retry per hop, 15 s later", params: { ...dht, retries: 1, backoff: "constant" }, key: "peers retry" },
  { label: "… with 1 retry per hop 15 s later, Weibull sessions 0.34", params: { ...dht, retries: 1, backoff: "constant", lifetime: "weibull", shape: 0.34 } },
  { label: "… failover joins the next replica's queue", params: { ...dht, failover: "queued" }, key: "peers queued" },
];

const format = (x: number) => (x === 0 ? "0" : x.toExponential(2));

function verdictOf(r: SimulationResult): string {
  const [lo, hi] = r.unreliabilityInterval99;
  return r.analytic.unreliability >= lo && r.analytic.unreliability <= hi
    ? "right (inside)"
    : r.analytic.unreliability < lo
      ? "**optimistic**"
      : "**pessimistic**";
}

const compressedVerdicts = new Map<string, string>();
console.log(`| scenario | formula's unreliability | simulated unreliability (99% interval) | the formula is |`);
console.log(`|---|---|---|---|`);
for (const row of rows) {
  const r = evaluate("simulate", { ...row.params, method: "crude", events: EVENTS, seed: 1 }) as SimulationResult;
  const [lo, hi] = r.unreliabilityInterval99;
  const verdict = verdictOf(r);
  if (row.key !== undefined) compressedVerdicts.set(row.key, verdict);
  console.log(`| ${row.label} | ${format(r.analytic.unreliability)} | ${format(r.unreliability)} (${format(lo)} – ${format(hi)}) | ${verdict} |`);
}
console.log(`\n${EVENTS} events a row, seed 1.\n`);

console.log(`| at real time scales | formula's unreliability | simulated (99% interval) | relative half-width | the formula is | compressed, it was |`);
console.log(`|---|---|---|---|---|---|`);
for (const row of realRows) {
  const compressed = row.key !== undefined ? (compressedVerdicts.get(row.key) ?? "—") : "—";
  let r: SimulationResult;
  try {
    r = evaluate("simulate", { ...row.params, method: "importance", events: REAL_EVENTS, seed: 1 }) as SimulationResult;
  } catch (error) {
    const crude = evaluate("simulate", { ...row.params, method: "crude", events: REAL_EVENTS, seed: 1 }) as SimulationResult;
    console.log(
      `| ${row.label} | ${format(crude.analytic.unreliability)} | not measured: ${(error as Error).message.replace(/^.*cannot take this run: /, "").replace(/; use method crude$/, "")}; a crude run of ${REAL_EVENTS} events saw ${crude.lookups - crude.successes} failures | | | ${compressed} |`,
    );
    continue;
  }
  const [lo, hi] = r.unreliabilityInterval99;
  const verdict = r.trusted ? verdictOf(r) : "too uncertain to tell";
  const changed = r.trusted && compressed !== "—" && compressed !== verdict ? " (**changes with the time scale**)" : "";
  console.log(
    `| ${row.label} | ${format(r.analytic.unreliability)} | ${format(r.unreliability)} (${format(lo)} – ${format(hi)}) | ${(100 * r.relativeHalfWidth95!).toFixed(1)}% | ${verdict}${changed} | ${compressed} |`,
  );
}
console.log(`\nmethod importance, ${REAL_EVENTS} events a row, seed 1.`);
