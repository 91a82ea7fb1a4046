/**
 * Rare failures of replicas that share failure domains (sites, common-mode outages), by balanced
 * failure biasing on regenerative cycles (Shahabuddin 1994; the
 * survey of Heidelberger 1995, §4; Rubino & Tuffin 2009, ch. 6).
 *
 * The components are the node's R replicas and its failure domains, each an exponential up/down
 * process (the shared domains make the replicas' states dependent, so the node's failure no longer
 * factorises as in independent-units.ts). Their joint state is a Markov chain, and "everything up"
 * is a regeneration state. A cycle leaves it at the first failure and ends on its return.
 *
 * Change of measure, on the jumps only (holding times keep the original rates, so they add nothing
 * to the likelihood ratio):
 * - in the all-up state, each component fails first with probability 1/(components): balanced, so a
 *   rarely failing site is explored as often as a server;
 * - elsewhere, while the original chance of a useful failure (one that leaves one more replica
 *   unavailable) is below RARE_BELOW, a useful failure is made with probability p, shared equally among
 *   them, and every other jump (repairs, failures behind a replica already unavailable) with
 *   1 − p, in proportion to their rates: balanced failure biasing directed at the rare set, which
 *   wastes no effort on a server whose site is already down (the original law when useful
 *   failures are already likely);
 * - the likelihood ratio L multiplies P(jump)/P̃(jump) at every jump: exact.
 * Biasing stops for the rest of a cycle once the node has been entirely unavailable (the rare set
 * is reached; repairs then bring it back under the original law quickly), once L exceeds
 * WEIGHT_CAP, or after MAX_BIASED_JUMPS jumps. The law used may depend on the path so far without
 * biasing the estimate, so these caps keep every weight bounded and a cycle from drifting for ever
 * among the failures, at no cost in exactness.
 *
 * What a cycle accrues is weighed exactly along its path: ∫ φ(t) dt with φ from attempts.ts, the
 * lookup's failure probability given the states its attempts see. Lookups late in a cycle look into
 * the next one, which is drawn for them under the original law from the all-up state, apart from
 * the next cycle, so that cycles stay independent. The all-up stretch is worth φ₀ a second and lasts
 * 1/F₀ on average (F₀ the total failure rate): it enters at that mean.
 */
import type { Random } from "../random";
import { type AttemptSchedule, lookupFailure } from "./attempts";
import { CycleCollector, type CycleSums } from "./cycles";
import { integrateAlong, prepareOffsets, TimelineRecorder } from "./timeline";

/** A node's components as a Markov chain: replicas, then failure domains. Rates per second. */
export interface MarkovNode {
  replicas: number;
  failRates: Float64Array;
  repairRates: Float64Array;
  /** For each replica, the domains (component indices ≥ replicas) it is in. */
  domainsOf: number[][];
}

/**
 * The original chance of a useful failure below which a state is biased. Above it failures are not
 * rare there, and biasing them would only spread the weights (repairs made up to 1/(1 − p) times
 * less likely, cycle after cycle): such states keep the original law. Chosen by measurement: at
 * 0.5, three servers over three sites at compressed times (useful failures ~0.2 likely) had a
 * half-width of 36%, at 0.35 6%; at 0.1, a DHT node's 8 peers (0.3 likely) went from 3% to 29%.
 */
export const RARE_BELOW = 0.35;
/** The likelihood ratio past which a cycle goes on under the original law. */
export const WEIGHT_CAP = 1e3;
/** Biased jumps in one cycle, at most. */
export const MAX_BIASED_JUMPS = 1000;

/**
 * The fewest components whose failure leaves no replica available: the depth of the rare set,
 * which sets how hard to bias. Exact over subsets of the domains (at most 13 here).
 */
export function failureDepth(node: MarkovNode): number {
  const domains = node.failRates.length - node.replicas;
  let best = node.replicas;
  for (let subset = 1; subset < 1 << domains; subset++) {
    let chosen = 0;
    for (let d = 0; d < domains; d++) if (subset & (1 << d)) chosen++;
    let uncovered = 0;
    for (let u = 0; u < node.replicas; u++) if (!node.domainsOf[u]!.some((c) => subset & (1 << (c - node.replicas)))) uncovered++;
    best = Math.min(best, chosen + uncovered);
  }
  return best;
}

/** The failure probability p the biasing makes: ½ for a shallow rare set, more for a deep one. */
export function biasFor(depth: number): number {
  return Math.min(0.9, Math.max(0.5, 1 - 1 / depth));
}

export interface BiasedRun {
  sums: CycleSums;
  work: number;
  failures: number;
  simulatedTime: number;
  /** Cycles that reached the rare set: every replica unavailable at once. */
  cyclesReachingFailure: number;
  /** A cycle was cut off by the budget before it returned (its partial path is left out). */
  cut: boolean;
}

/** Work an instant weighed costs, in events: one per 64 attempt factors, at least one. */
function instantCost(schedule: AttemptSchedule): number {
  return Math.max(1, Math.ceil((schedule.replicas * schedule.replicas * schedule.passes) / 64));
}

/** The caps on a cycle's biasing: tests lower them to see them act. */
export interface BiasLimits {
  weightCap: number;
  maxBiasedJumps: number;
}

export function biasedCycles(
  node: MarkovNode,
  schedule: AttemptSchedule,
  blocking: number,
  random: Random,
  budget: number,
  limits: BiasLimits = { weightCap: WEIGHT_CAP, maxBiasedJumps: MAX_BIASED_JUMPS },
  p = biasFor(failureDepth(node)),
): BiasedRun {
  const R = node.replicas;
  const components = node.failRates.length;
  const costs = (available: Uint8Array) => Float64Array.from(available, (x) => (x === 1 ? blocking : 1));
  const allAvailable = new Uint8Array(R).fill(1);
  const idleCosts = costs(allAvailable);
  const idle = lookupFailure(schedule, (_, u) => idleCosts[u]!);
  let totalFail = 0;
  for (let c = 0; c < components; c++) totalFail += node.failRates[c]!;
  const meanIdle = 1 / totalFail;
  const pieceCost = instantCost(schedule);

  const up = new Uint8Array(components);
  const domainsDown = new Uint8Array(R);
  const available = new Uint8Array(R);
  const path = new TimelineRecorder();
  let rows: Float64Array[] = [];
  let unavailableCount = 0;
  const record = (t: number) => {
    rows[path.push(t)] = costs(available);
  };
  /** Flip component c; keep each replica's availability and the count of unavailable replicas. */
  const flip = (c: number) => {
    const nowUp = up[c] === 1 ? 0 : 1;
    up[c] = nowUp;
    if (c < R) {
      const before = available[c]!;
      available[c] = nowUp === 1 && domainsDown[c] === 0 ? 1 : 0;
      unavailableCount += before - available[c]!;
      return;
    }
    for (let u = 0; u < R; u++) {
      if (!node.domainsOf[u]!.includes(c)) continue;
      domainsDown[u]! += nowUp === 1 ? -1 : 1;
      const before = available[u]!;
      available[u] = up[u] === 1 && domainsDown[u] === 0 ? 1 : 0;
      unavailableCount += before - available[u]!;
    }
  };

  /** The rate at which component c changes state now: it fails if up, is repaired if down. */
  const rateOf = (c: number) => (up[c] === 1 ? node.failRates[c]! : node.repairRates[c]!);
  /** Whether component c's failure now would leave one more replica unavailable. */
  const isUseful = (c: number) => (c < R ? available[c] === 1 : membersOf[c - R]!.some((u) => available[u] === 1));
  const membersOf = Array.from({ length: components - R }, (_, d) => Array.from({ length: R }, (_, u) => u).filter((u) => node.domainsOf[u]!.includes(R + d)));

  const collector = new CycleCollector();
  let work = 0;
  let failures = 0;
  let simulatedTime = 0;
  let reaching = 0;
  let cut = false;
  const value = (stateAt: Int32Array) => lookupFailure(schedule, (attempt, u) => rows[stateAt[attempt]!]![u]!);
  const prepared = prepareOffsets(schedule.offsets);

  cycles: while (work < budget) {
    up.fill(1);
    domainsDown.fill(0);
    available.fill(1);
    unavailableCount = 0;
    path.clear();
    rows = [];
    // Times from the first failure, so that an excursion of seconds after an all-up stretch of years keeps its digits.
    const idleTime = random.exponential(meanIdle);
    record(-idleTime);
    let t = 0;
    // The first failure, balanced over the components.
    const first = random.below(components);
    let weight = node.failRates[first]! / totalFail / (1 / components);
    flip(first);
    failures++;
    record(t);
    let down = 1;
    let biasing = true;
    let biasedJumps = 0;
    let capped = false;
    let reached = unavailableCount === R;
    while (down > 0) {
      // A cycle may overrun the budget by as much again to finish; past that it is cut off.
      if (++work > 2 * budget) {
        cut = true;
        break cycles;
      }
      // Useful failures: those that leave one more replica unavailable, the way to the rare set.
      let usefulRate = 0;
      let usefulCount = 0;
      let total = 0;
      for (let c = 0; c < components; c++) {
        const rate = rateOf(c);
        total += rate;
        if (up[c] === 1 && isUseful(c)) {
          usefulRate += rate;
          usefulCount++;
        }
      }
      t += random.exponential(1 / total);
      let chosen = -1;
      if (biasing && usefulCount > 0 && usefulRate / total < RARE_BELOW) {
        biasedJumps++;
        if (random.uniform() < p) {
          let k = random.below(usefulCount);
          for (let c = 0; c < components && chosen < 0; c++) if (up[c] === 1 && isUseful(c) && k-- === 0) chosen = c;
          weight *= node.failRates[chosen]! / total / (p / usefulCount);
        } else {
          chosen = pickByRate(random, components, rateOf, total - usefulRate, (c) => up[c] === 1 && isUseful(c));
          weight *= (total - usefulRate) / total / (1 - p);
        }
      } else {
        chosen = pickByRate(random, components, rateOf, total);
      }
      const failing = up[chosen] === 1;
      flip(chosen);
      if (failing) {
        failures++;
        down++;
      } else down--;
      record(t);
      if (unavailableCount === R) reached = true;
      if (biasing && (reached || weight > limits.weightCap || biasedJumps >= limits.maxBiasedJumps)) {
        if (weight > limits.weightCap) capped = true;
        biasing = false;
      }
    }
    const cycleEnd = t;
    // Lookups late in the cycle look into the next one: drawn for them, under the original law.
    while (t <= cycleEnd + schedule.window) {
      let total = 0;
      for (let c = 0; c < components; c++) total += rateOf(c);
      t += random.exponential(1 / total);
      if (t > cycleEnd + schedule.window) break;
      flip(pickByRate(random, components, rateOf, total));
      record(t);
      if (++work > 2 * budget) {
        cut = true;
        break cycles;
      }
    }
    const from = Math.max(-idleTime, -schedule.window);
    const { integral, pieces, cut: tooLong } = integrateAlong(path, from, cycleEnd, prepared, value, Math.floor((2 * budget - work) / pieceCost));
    if (tooLong) {
      cut = true;
      break;
    }
    // Every cycle begun within the budget is kept: dropping the one that overran it would favour short cycles.
    work += pieces * pieceCost;
    simulatedTime += idleTime + cycleEnd;
    if (reached) reaching++;
    // The all-up stretch no attempt sees past, [−idleTime, −window), enters at its mean 1/F₀.
    collector.add(idle * meanIdle + weight * (integral + idle * from), meanIdle + weight * cycleEnd, weight, capped);
  }
  return { sums: collector.sums(), work, failures, simulatedTime, cyclesReachingFailure: reaching, cut };
}

/**
 * A jump chosen in proportion to its rate, among the components `skip` leaves (all by default):
 * `sum` is their total rate. The last one takes what rounding leaves over.
 */
function pickByRate(random: Random, components: number, rateOf: (c: number) => number, sum: number, skip?: (c: number) => boolean): number {
  let x = random.uniform() * sum;
  let last = -1;
  for (let c = 0; c < components; c++) {
    if (skip?.(c)) continue;
    last = c;
    x -= rateOf(c);
    if (x < 0) return c;
  }
  return last;
}
