/**
 * Rare failures of independent replicas, by conditional Monte Carlo: the node's rare event is a
 * product of every replica's own, which is not rare.
 *
 * When a node's replicas fail and are repaired independently (no shared failure domain) and the
 * paper's even load keeps their queues independent too, a lookup's chance of failing at the node
 * factorises. The replica at position j of the client's order is tried at the offsets O_j of that
 * position (one per pass), so
 *
 *   q = E[φ] = Π_{j<R} G(O_j),   G(O) = E[Π_{o∈O} a(t + o)]   for one replica's stationary path,
 *
 * where a is 1 while the replica is down and its blocking probability B while it is up. Each G is
 * of the order of one replica's unavailability (1e-3, say), which a plain simulation of that one
 * replica measures to a few per cent in thousands of up-and-down cycles, in milliseconds, whatever
 * the distributions of its up and down periods (Weibull or log-normal sessions, fixed repairs). The
 * R factors come from separate stretches of one stream, so they are independent and their product
 * estimates q as well as each factor does its own (a ratio of cycle sums: consistent, with a bias of
 * order 1/cycles), with relative variance Π(1 + v_j) − 1 from the factors' own v_j. No change of
 * measure, so no likelihood ratio to go wrong: a 1e-12 node is twelve factors of 1e-1, or four of 1e-3.
 *
 * Each factor is a regenerative ratio: the start of an up period renews the replica. A cycle is one
 * up period U and the down period D after it; a lookup arriving late in the cycle looks into the
 * next up period, which is drawn afresh for it (the next cycle is drawn independently again), so
 * cycles stay independent. The long stretch of an up period that no attempt can see past is worth
 * B^|O| a second, and its expected length is the lifetime's mean: it enters as B^|O|·mttf.
 */
import type { Duration } from "../distributions";
import type { Random } from "../random";
import { CycleCollector, type CycleSums } from "./cycles";
import { integrateAlong, prepareOffsets, TimelineRecorder } from "./timeline";

export interface UnitFactorRun {
  sums: CycleSums;
  /** Transitions drawn and instants weighed: what the budget counts. */
  work: number;
  failures: number;
  simulatedTime: number;
  /** The budget ran out twice over inside one cycle, which is left out. */
  cut: boolean;
}

/**
 * One position's factor G(O): cycles of one replica until `budget` work is spent; a cycle that
 * would take more than the budget again is cut off, and the run says so.
 */
export function unitFactor(lifetime: Duration, repair: Duration, offsets: Float64Array, blocking: number, random: Random, budget: number): UnitFactorRun {
  const window = offsets.reduce((m, o) => Math.max(m, o), 0);
  const idle = offsets.reduce((p) => p * blocking, 1);
  const collector = new CycleCollector();
  const path = new TimelineRecorder();
  let work = 0;
  let failures = 0;
  let simulatedTime = 0;
  let cut = false;
  // State i of the path is up for even i, down for odd i.
  const value = (stateAt: Int32Array) => {
    let product = 1;
    for (let a = 0; a < stateAt.length; a++) product *= (stateAt[a]! & 1) === 0 ? blocking : 1;
    return product;
  };
  const prepared = prepareOffsets(offsets);
  cycles: while (work < budget) {
    const up = lifetime.sample(random);
    const down = repair.sample(random);
    // Times from the failure, so that a 1-µs repair after a 1e6-h up period keeps its digits.
    path.clear();
    path.push(-up);
    path.push(0);
    path.push(down);
    // The next up period (and more, while the attempts' window reaches past them), drawn for this cycle alone.
    let t = down;
    while (t <= down + window) {
      t += lifetime.sample(random);
      path.push(t);
      t += repair.sample(random);
      path.push(t);
      // Attempts spread over far more than a period (long timeouts, many retries) could draw for ever.
      work += 2;
      if (work > 2 * budget) {
        cut = true;
        break cycles;
      }
    }
    const from = Math.max(-up, -window);
    const { integral, pieces, cut: tooLong } = integrateAlong(path, from, down, prepared, value, 2 * budget - work);
    if (tooLong) {
      cut = true;
      break;
    }
    // Every cycle begun within the budget is kept: dropping the one that overran it would favour short cycles.
    work += 2 + pieces;
    failures++;
    simulatedTime += up + down;
    // E[U] = mttf exactly: the stretch no attempt sees past, [−up, −window), enters at its mean.
    collector.add(idle * lifetime.mean + integral + idle * from, lifetime.mean + down, 1, false);
  }
  return { sums: collector.sums(), work, failures, simulatedTime, cut };
}
