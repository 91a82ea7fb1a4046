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
// Time-compressed so that a run sees thousands of failures: MTTF 36 s, MTTR 3.6 s (Ps = 10/11).
const servers = { design: "dsmu", n: 3, mttf: 0.01, mttr: 0.001, mu: 1000, h: 50, lambda: 20, timeout: 0.5 };
const loaded = { design: "dsmu", n: 2, mttf: 1e5, mttr: 0.001, mu: 100, h: 5, lambda: 180, timeout: 0.05 };
const peers = { design: "pdhta", m: 2, k: 3, rho: 0.5, mttf: 0.01, mttr: 0.004, mu: 100, h: 4, timeout: 0.05 };

const rows: { label: string; params: Record<string, unknown> }[] = [
  { label: "DS+M+U, 3 servers (inside the assumptions)", params: servers },
  { label: "… with common-mode outages 1/11 of the time", params: { ...servers, outageMttf: 0.05, outageMttr: 0.005 } },
  { label: "… the same outages, given as one site (sites = 1)", params: { ...servers, sites: 1, siteMttf: 0.05, siteMttr: 0.005 } },
  { label: "… one server in each of 3 sites, each down 1/11 of the time", params: { ...servers, sites: 3, siteMttf: 0.05, siteMttr: 0.005 } },
  { label: "… with Weibull up times, shape 0.5", params: { ...servers, lifetime: "weibull", shape: 0.5 } },
  { label: "… with log-normal up times, σ = 1.5", params: { ...servers, lifetime: "lognormal", shape: 1.5 } },
  { label: "… with fixed repair times", params: { ...servers, repair: "fixed" } },
  { label: "… with 2 client retries, 2 s apart", params: { ...servers, retries: 2, backoff: "constant", timeout: 2 } },
  { label: "… with 2 client retries, 0.05 s apart", params: { ...servers, retries: 2, backoff: "constant", timeout: 0.05 } },
  { label: "DS+M+U, 2 servers at ρ = 0.9, h = 5 (inside)", params: loaded },
  { label: "… failover joins the next server's queue", params: { ...loaded, failover: "queued" } },
  { label: "P+DHT+A, k = 3, m = 2, ρ = 0.5 (inside)", params: peers },
  { label: "… with Weibull sessions, shape 0.5", params: { ...peers, lifetime: "weibull", shape: 0.5 } },
  { label: "… with common-mode outages of a node's replicas", params: { ...peers, outageMttf: 0.05, outageMttr: 0.005 } },
  { label: "… with 1 client retry per hop, 0.05 s later", params: { ...peers, retries: 1, backoff: "constant" } },
  { label: "… with 1 client retry per hop, 5 s later", params: { ...peers, retries: 1, backoff: "constant", timeout: 5 } },
  { label: "… failover joins the next replica's queue", params: { ...peers, failover: "queued" } },
];

const format = (x: number) => (x === 0 ? "0" : x.toExponential(2));

console.log(`| scenario | formula's unreliability | simulated unreliability (99% interval) | the formula is |`);
console.log(`|---|---|---|---|`);
for (const row of rows) {
  const r = evaluate("simulate", { ...row.params, events: EVENTS, seed: 1 }) as SimulationResult;
  const [lo, hi] = [1 - r.interval99[1], 1 - r.interval99[0]];
  const verdict = r.analytic.inside99 ? "right (inside)" : r.analytic.unreliability < lo ? "**optimistic**" : "**pessimistic**";
  console.log(`| ${row.label} | ${format(r.analytic.unreliability)} | ${format(r.unreliability)} (${format(lo)} – ${format(hi)}) | ${verdict} |`);
}
console.log(`\n${EVENTS} events a row, seed 1.`);
