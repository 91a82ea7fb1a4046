/**
 * Which estimator a run takes: crude Monte Carlo (every lookup played, engine.ts) or the rare-event
 * estimator of one tracker node (this folder), and for the latter which of its two forms.
 *
 * - `independent`: the node's replicas fail independently and share load evenly (no failure
 *   domain, the paper's load): conditional Monte Carlo, a product of per-replica factors
 *   (independent-units.ts). Any distribution of up and down periods.
 * - `biased`: failure domains (sites, common-mode outages) couple the replicas: balanced failure
 *   biasing on the Markov chain of the components (failure-biasing.ts), which needs exponential up
 *   and down periods, and an all-up state that is not itself rare.
 * - `frozen`: queued failover, where the lookups one queue turns away reach the next in bursts
 *   whose blocking has no closed form (a Poisson stand-in was 30% off against crude runs): the
 *   patterns of replicas down, weighed by their exact probabilities, each with its queues
 *   simulated frozen (frozen-patterns.ts). Independent replicas, at most MAX_FROZEN_REPLICAS.
 *
 * `auto` takes the rare-event estimator when the formula's unreliability is below
 * AUTO_IMPORTANCE_BELOW, where a crude run of a spreadsheet's budget would see no failure at all.
 */
import type { SimulationPlan } from "../plan";
import { availabilityOf } from "../../numerics";
import { type AttemptSchedule, attemptSchedule } from "./attempts";
import { failureDepth, type MarkovNode } from "./failure-biasing";
import { MAX_FROZEN_REPLICAS } from "./frozen-patterns";

export const simulationMethods = ["auto", "crude", "importance"] as const;
export type SimulationMethod = (typeof simulationMethods)[number];

/** `auto` chooses importance below this formula unreliability. */
export const AUTO_IMPORTANCE_BELOW = 1e-4;
/** The all-up state's probability below which regenerative cycles would be too long to finish. */
const MIN_ALL_UP = 1e-3;

/** A retry must come back this many settling times after its replica's last attempt to find the queue afresh. */
export const SETTLED = 10;
/** Blocking that can move the node's unreliability by less than this share is not worth refusing a run for. */
const NEGLIGIBLE_BLOCKING = 1e-3;

/**
 * The time an M/M/1/h queue takes to forget its state: 1/(µ(1 − √ρ)²), the relaxation time of the
 * birth-death chain (its spectral gap), and at most (h + 1)²/µ, a finite queue's diffusion time near ρ = 1.
 */
export function queueSettling(rho: number, mu: number, h: number): number {
  return Math.min(1 / (mu * (1 - Math.sqrt(rho)) ** 2), (h + 1) ** 2 / mu);
}

/** One tracker node as the rare-event estimator sees it, plain data. */
export interface RareNode {
  form: "independent" | "biased" | "frozen";
  replicas: number;
  schedule: AttemptSchedule;
  /** Each replica's load ρ and its M/M/1/h blocking B under the paper's even share: the design model's own. */
  rho: number;
  blocking: number;
  chain: MarkovNode;
  /** The fewest components whose failure leaves no replica available (failure-biasing.ts): how hard to bias. */
  depth: number;
}

export type RareChoice = { node: RareNode } | { unsupported: string };

/** The node of a plan for the rare-event estimator, or why it cannot take this run. */
export function rareNode(plan: SimulationPlan): RareChoice {
  const e = plan.engine;
  const R = e.replicas;
  // The failure domains of the first node (dsmu has one node; a DHT's nodes are alike and independent).
  const domains = e.outages.filter((d) => d.units.every((u) => u < R));
  const markov = e.lifetime.family === "exponential" && e.repair.family === "exponential";
  const coupled = domains.length > 0;
  const failRates = new Float64Array(R + domains.length);
  const repairRates = new Float64Array(R + domains.length);
  failRates.fill(1 / e.lifetime.mean, 0, R);
  repairRates.fill(1 / e.repair.mean, 0, R);
  domains.forEach((d, i) => {
    failRates[R + i] = 1 / d.mttf;
    repairRates[R + i] = 1 / d.mttr;
  });
  const domainsOf = Array.from({ length: R }, (_, u) => domains.flatMap((d, i) => (d.units.includes(u) ? [R + i] : [])));
  const chain: MarkovNode = { replicas: R, failRates, repairRates, domainsOf };
  const node: RareNode = {
    form: coupled ? "biased" : "independent",
    replicas: R,
    schedule: attemptSchedule(R, e.timeouts),
    rho: plan.analytic.rho as number,
    blocking: plan.analytic.blocking as number,
    chain,
    depth: failureDepth(chain),
  };
  if (e.failoverJoinsQueue) {
    if (domains.length > 0)
      return {
        unsupported:
          "with queued failover the patterns of replicas down are weighed by their exact probabilities, which failure domains (sites or common-mode outages) make dependent",
      };
    if (R > MAX_FROZEN_REPLICAS)
      return {
        unsupported: `with queued failover each pattern of replicas down is run on its own, for at most ${MAX_FROZEN_REPLICAS} replicas; this node has ${R}`,
      };
    return { node: { ...node, form: "frozen" } };
  }
  // Weighed (not frozen), a lookup takes a retried replica's queue afresh: right only if the retry comes back long
  // after the queue has forgotten the last attempt.
  if (e.timeouts.length > 1) {
    const revisit = R * Math.min(...e.timeouts);
    const settle = queueSettling(node.rho, e.serviceRate, e.capacity);
    // A retry after a block starts from a full queue, whose excess chance of being full again decays
    // from 1/B, not 1: it takes ln(1/B) settling times more to fade to the SETTLED level.
    const needed = settle * (SETTLED + Math.log(1 / Math.max(node.blocking, Number.MIN_VALUE)));
    // Unless blocking cannot matter: taking each replica's blocks as one shared event instead of
    // independent ones moves q by at most (1 + B/U)^R − 1 ≈ R·B/U, U a replica's unavailability.
    const down = availabilityOf(e.lifetime.mean, e.repair.mean).q;
    if (revisit < needed && (R * node.blocking) / down > NEGLIGIBLE_BLOCKING)
      return {
        unsupported: `with retries a replica is tried again ${revisit.toPrecision(3)} s after its last attempt, before its queue has forgotten a block (about ${needed.toPrecision(2)} s: ${SETTLED} + ln(1/B) settling times of ${settle.toPrecision(2)} s): the retry finds the queue the last attempt found, where the weighing takes it afresh; a longer timeout, or method crude, measures it`,
      };
  }
  if (!coupled) return { node };
  const why = "failure domains (sites or common-mode outages)";
  if (!markov)
    return {
      unsupported: `importance sampling with ${why} takes exponential lifetimes and repairs (the components must form a Markov chain); this run has ${e.lifetime.family} lifetimes and ${e.repair.family} repairs`,
    };
  let allUp = 1;
  for (let c = 0; c < failRates.length; c++) allUp *= availabilityOf(1 / failRates[c]!, 1 / repairRates[c]!).p;
  if (allUp < MIN_ALL_UP)
    return {
      unsupported: `importance sampling with ${why} regenerates when every replica and domain is up, which is the case only ${allUp.toPrecision(2)} of the time here (at least ${MIN_ALL_UP} is needed): failures are not rare`,
    };
  return { node };
}

/** The method a run takes: `auto` resolved by the formula's unreliability, and what the rare-event estimator can take. */
export function chooseMethod(
  asked: SimulationMethod,
  formulaUnreliability: number,
  choice: RareChoice,
): { method: "crude" | "importance"; note?: string; refused?: string } {
  if (asked === "crude") return { method: "crude" };
  if (asked === "importance") return "unsupported" in choice ? { method: "crude", refused: choice.unsupported } : { method: "importance" };
  if (!(formulaUnreliability < AUTO_IMPORTANCE_BELOW)) return { method: "crude" };
  if ("unsupported" in choice)
    return {
      method: "crude",
      note: `the formula's unreliability is ${formulaUnreliability.toPrecision(2)}, where crude runs see few failures or none; method auto chose crude because ${choice.unsupported}`,
    };
  return { method: "importance" };
}
