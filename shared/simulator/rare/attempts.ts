/**
 * A lookup at one tracker node, weighed instead of played: the probability that every attempt a
 * client makes there fails, given which replicas are available when each attempt is made.
 *
 * The client of engine.ts tries the node's R replicas from a random first one r, in turn, then
 * goes through the list again `retries` times. Every failed attempt costs exactly its pass's
 * timeout T_p, whether the replica was down or full, so the attempt (p, j) is made at the offset
 *
 *   o(p, j) = R·(T_0 + … + T_{p−1}) + j·T_p      after the lookup's arrival at t,
 *
 * at replica (r + j) mod R. It fails with probability a_u(t + o): 1 when the replica u (or one of
 * its failure domains) is down then, and its queue's blocking probability B_u when it is up. So
 *
 *   φ(t) = (1/R) Σ_r Π_{p,j} a_{(r+j) mod R}(t + o(p, j)),
 *
 * and the node's unreliability is the time average of φ over the failure-and-repair process.
 *
 * The queues are taken at their stationary law: they settle in about h/µ (a fraction of a second),
 * against up periods of hours, so at real time scales a queue is at its law whenever a lookup comes.
 * With the paper's load every replica is offered its even share whatever the others do, so B is
 * one number; attempts a timeout apart see independent queue states.
 */
/** The attempt schedule of a lookup at one node: the offsets of its attempts, pass by pass. */
export interface AttemptSchedule {
  replicas: number;
  passes: number;
  /** offsets[p·R + j]: seconds from arrival to the j-th attempt of pass p. */
  offsets: Float64Array;
  /** The latest offset: how far past its arrival a lookup's fate depends on the path. */
  window: number;
}

export function attemptSchedule(replicas: number, timeouts: readonly number[]): AttemptSchedule {
  const passes = timeouts.length;
  const offsets = new Float64Array(passes * replicas);
  let passStart = 0;
  for (let p = 0; p < passes; p++) {
    for (let j = 0; j < replicas; j++) offsets[p * replicas + j] = passStart + j * timeouts[p]!;
    passStart += replicas * timeouts[p]!;
  }
  return { replicas, passes, offsets, window: offsets[offsets.length - 1]! };
}

/**
 * φ at one instant, given the failure probability of each attempt: failsAt(p·R + j, u) is a_u in
 * the state the path is in at the offset of attempt (p, j). Averaged over the first replica.
 */
export function lookupFailure(schedule: AttemptSchedule, failsAt: (attempt: number, replica: number) => number): number {
  const { replicas, passes } = schedule;
  let sum = 0;
  for (let r = 0; r < replicas; r++) {
    let product = 1;
    for (let p = 0; p < passes && product > 0; p++)
      for (let j = 0; j < replicas; j++) {
        let u = r + j;
        if (u >= replicas) u -= replicas;
        product *= failsAt(p * replicas + j, u);
      }
    sum += product;
  }
  return sum / replicas;
}
