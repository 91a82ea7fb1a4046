/**
 * The discrete-event engine: one chunk of a run, from a stationary start to a spent event budget.
 *
 * One engine covers both tracker designs. A pool of `groups` tracker nodes, each backed by
 * `replicas` units (a unit is a server or a peer) that fail and are repaired independently and each
 * run an M/M/1/h queue; lookups arrive as a Poisson process, and each visits `hops` distinct nodes
 * in series (hops = 1 for a server-based tracker: its one node is the list of n servers).
 *
 * At a node the client tries the replicas in its own order, as BEP 12's shuffled multitracker list
 * does: a random first replica, then the next ones cyclically. An attempt fails when the replica is
 * down (or its group is in a common-mode outage) or its queue is full; the client only learns so
 * after its timeout and then tries the next replica. After a full pass it may go through the list
 * again (`retries` times), with the timeouts of that pass (BEP 15 doubles them). A replica that fails while holding an accepted lookup loses
 * it, and the client moves on at the attempt's timeout.
 *
 * Load (the paper's eq. (4) assumption): the first attempt of every hop joins the chosen replica's
 * queue, so each unit is offered exactly an even share of the lookups. With `failoverJoinsQueue`
 * false (the paper's assumption) a later attempt only checks that its replica is up with room and
 * is answered after that replica's expected queueing time (j + 1)/µ, so the shares stay even; with
 * true (what real clients do), it joins the queue and adds load where replicas already struggle.
 *
 * Success of a hop: some attempt is answered. Success of a lookup: every hop succeeds.
 */
import type { Duration } from "./distributions";
import { EventQueue } from "./event-queue";
import { Random } from "./random";

export interface EngineConfig {
  /** Tracker nodes in the simulated pool: 1 for servers, a prime > 2·hops for a DHT sample. */
  groups: number;
  /** Units backing each node: n servers, or m peers. */
  replicas: number;
  /** Expected nodes visited per lookup; a fractional part is a chance of one more hop. */
  hopsMean: number;
  /** Poisson rate of lookups offered to the pool, per second. */
  lookupRate: number;
  /** Service rate µ of one unit, per second. */
  serviceRate: number;
  /** M/M/1/h capacity h of one unit. */
  capacity: number;
  lifetime: Duration;
  repair: Duration;
  /** Common-mode outages of a whole node (all its replicas at once), exponential up and down. */
  outage?: { mttf: number; mttr: number } | undefined;
  /** Seconds before the client gives up on an attempt, for the first pass and each retry pass. */
  timeouts: number[];
  /** Network round trip of one answered attempt, seconds. */
  rtt: number;
  retries: number;
  failoverJoinsQueue: boolean;
  /**
   * Seconds of uncounted lookups before counting starts, so that lookups delayed by timeouts (whose
   * later attempts load the queues) are in flight as in steady state. Cut short if it would cost
   * more than `events` events.
   */
  warmup: number;
  /** Counted events after which the lookups arriving are no longer counted; the counted ones then finish. */
  events: number;
  /** Batches kept for the confidence interval: between this and twice this many. */
  batches: number;
}

/** Everything a chunk measured, plain data so that it crosses a worker or an HTTP boundary. */
export interface ChunkResult {
  index: number;
  /** Events simulated after the warm-up. */
  events: number;
  warmupEvents: number;
  /** Simulated seconds of warm-up (less than asked when it was cut short by its event cap). */
  warmupTime: number;
  lookups: number;
  successes: number;
  latencySum: number;
  simulatedTime: number;
  unitFailures: number;
  outages: number;
  /** Hops answered on the client's 1st, 2nd, … attempt (retry passes continue the count). */
  servedByAttempt: number[];
  /** Consecutive batches of lookups by arrival order, each `batchSize` lookups (the last partial). */
  batchSize: number;
  batchLookups: number[];
  batchSuccesses: number[];
  batchLatency: number[];
}

const ARRIVAL = 0;
const FAIL = 1;
const REPAIR = 2;
const SERVICE = 3;
const ATTEMPT = 4;
const OUTAGE_START = 5;
const OUTAGE_END = 6;
const KIND_BITS = 3;
const KIND_MASK = (1 << KIND_BITS) - 1;
/** A queue slot held by a lookup that was waiting before the run began: served, never counted. */
const BACKGROUND = -1;

/**
 * A queue length drawn from the M/M/1/h stationary law p_j ∝ ρ^j, j = 0..h (a truncated geometric,
 * inverted in closed form), so that queues too start in steady state.
 */
function stationaryQueueLength(random: Random, rho: number, h: number): number {
  if (rho === 0) return 0;
  if (Math.abs(rho - 1) < 1e-12) return random.below(h + 1);
  if (rho > 1) return h - stationaryQueueLength(random, 1 / rho, h);
  const logRho = Math.log(rho);
  const tail = -Math.expm1((h + 1) * logRho);
  const j = Math.floor(Math.log1p(-random.uniform() * tail) / logRho);
  return Math.min(Math.max(j, 0), h);
}

export function runChunk(config: EngineConfig, seed: number, index: number): ChunkResult {
  const random = new Random(seed, index);
  const queue = new EventQueue(256);
  const { groups, replicas, capacity, serviceRate, timeouts, rtt, retries, failoverJoinsQueue } = config;
  const units = groups * replicas;
  const meanService = 1 / serviceRate;
  const wholeHops = Math.floor(config.hopsMean);
  const extraHopChance = config.hopsMean - wholeHops;

  // Units.
  const up = new Uint8Array(units);
  const groupDown = new Uint8Array(groups);
  const queueLength = new Int32Array(units);
  const queueHead = new Int32Array(units);
  const queueItems = new Int32Array(units * capacity);
  const generation = new Int32Array(units);

  // Lookups in flight, in a pool of reusable slots.
  let slots = 64;
  let arrival = new Float64Array(slots);
  let attemptStart = new Float64Array(slots);
  let arrivalIndex = new Float64Array(slots);
  let counted = new Uint8Array(slots);
  let hopsLeft = new Int32Array(slots);
  let hopNumber = new Int32Array(slots);
  let firstGroup = new Int32Array(slots);
  let stride = new Int32Array(slots);
  let firstReplica = new Int32Array(slots);
  let tries = new Int32Array(slots);
  let pass = new Int32Array(slots);
  let nextFree = new Int32Array(slots);
  for (let i = 0; i < slots; i++) nextFree[i] = i + 1;
  let freeSlot = 0;
  /** Lookups that arrived within the budget and have not finished: the run ends when none is left. */
  let countedInFlight = 0;

  const growSlots = () => {
    const more = slots * 2;
    const widenF = (a: Float64Array) => {
      const b = new Float64Array(more);
      b.set(a);
      return b;
    };
    const widenI = (a: Int32Array) => {
      const b = new Int32Array(more);
      b.set(a);
      return b;
    };
    arrival = widenF(arrival);
    attemptStart = widenF(attemptStart);
    arrivalIndex = widenF(arrivalIndex);
    const wider = new Uint8Array(more);
    wider.set(counted);
    counted = wider;
    hopsLeft = widenI(hopsLeft);
    hopNumber = widenI(hopNumber);
    firstGroup = widenI(firstGroup);
    stride = widenI(stride);
    firstReplica = widenI(firstReplica);
    tries = widenI(tries);
    pass = widenI(pass);
    nextFree = widenI(nextFree);
    for (let i = slots; i < more; i++) nextFree[i] = i + 1;
    freeSlot = slots;
    slots = more;
  };

  // Measurements.
  const attemptsPerHop = replicas * (retries + 1);
  const servedByAttempt = new Array<number>(attemptsPerHop).fill(0);
  const maxBatches = 2 * config.batches;
  let batchSize = 1;
  const batchLookups = new Float64Array(maxBatches);
  const batchSuccesses = new Float64Array(maxBatches);
  const batchLatency = new Float64Array(maxBatches);
  let lookupsStarted = 0;
  let successes = 0;
  let latencySum = 0;
  let unitFailures = 0;
  let outages = 0;
  let events = 0;
  let now = 0;

  const release = (slot: number) => {
    nextFree[slot] = freeSlot;
    freeSlot = slot;
  };

  /** Count a lookup's outcome, once: it may go on afterwards as an uncounted ghost. */
  const record = (slot: number, success: boolean, latency: number) => {
    if (counted[slot] === 0) return;
    counted[slot] = 0;
    countedInFlight--;
    let batch = Math.floor(arrivalIndex[slot]! / batchSize);
    while (batch >= maxBatches) {
      // Halve the number of batches by merging neighbours; a lookup's batch stays floor(index/size).
      for (let b = 0; b < config.batches; b++) {
        batchLookups[b] = batchLookups[2 * b]! + batchLookups[2 * b + 1]!;
        batchSuccesses[b] = batchSuccesses[2 * b]! + batchSuccesses[2 * b + 1]!;
        batchLatency[b] = batchLatency[2 * b]! + batchLatency[2 * b + 1]!;
      }
      batchLookups.fill(0, config.batches);
      batchSuccesses.fill(0, config.batches);
      batchLatency.fill(0, config.batches);
      batchSize *= 2;
      batch = Math.floor(arrivalIndex[slot]! / batchSize);
    }
    batchLookups[batch]! += 1;
    if (success) {
      successes++;
      latencySum += latency;
      batchSuccesses[batch]! += 1;
      batchLatency[batch]! += latency;
    }
  };

  const nextHop = (slot: number, at: number) => {
    hopNumber[slot]! += 1;
    firstReplica[slot] = random.below(replicas);
    tries[slot] = 0;
    pass[slot] = 0;
    queue.push(at, ATTEMPT | (slot << KIND_BITS));
  };

  const unitOf = (slot: number) => {
    const group = (firstGroup[slot]! + hopNumber[slot]! * stride[slot]!) % groups;
    return group * replicas + ((firstReplica[slot]! + tries[slot]!) % replicas);
  };

  const startService = (unit: number, at: number) => {
    queue.push(at + random.exponential(meanService), SERVICE | (unit << KIND_BITS), generation[unit]!);
  };

  const hopAnswered = (slot: number, answeredAt: number) => {
    if (counted[slot] === 1) servedByAttempt[pass[slot]! * replicas + tries[slot]!]! += 1;
    if (--hopsLeft[slot]! === 0) {
      record(slot, true, answeredAt + rtt - arrival[slot]!);
      release(slot);
      return;
    }
    nextHop(slot, answeredAt + rtt);
  };

  const attemptFailed = (slot: number, noticedAt: number) => {
    if (++tries[slot]! < replicas) {
      queue.push(noticedAt, ATTEMPT | (slot << KIND_BITS));
    } else if (pass[slot]! < retries) {
      pass[slot]! += 1;
      tries[slot] = 0;
      queue.push(noticedAt, ATTEMPT | (slot << KIND_BITS));
    } else {
      record(slot, false, 0);
      // The paper's load ρ = λ·k/(N·µ) has every lookup visit all k nodes; under that assumption a
      // failed lookup still loads its remaining hops' first replicas, as an uncounted ghost.
      if (!failoverJoinsQueue && --hopsLeft[slot]! > 0) nextHop(slot, noticedAt);
      else release(slot);
    }
  };

  const attempt = (slot: number) => {
    const unit = unitOf(slot);
    const length = queueLength[unit]!;
    if (up[unit] === 1 && groupDown[(unit / replicas) | 0] === 0 && length < capacity) {
      if (failoverJoinsQueue || (tries[slot] === 0 && pass[slot] === 0)) {
        queueItems[unit * capacity + ((queueHead[unit]! + length) % capacity)] = slot;
        queueLength[unit] = length + 1;
        attemptStart[slot] = now;
        if (length === 0) startService(unit, now);
      } else {
        hopAnswered(slot, now + (length + 1) * meanService);
      }
      return;
    }
    attemptFailed(slot, now + timeouts[pass[slot]!]!);
  };

  /** A unit (or its whole group) goes down: its queue is lost, each lookup in it moves on at its timeout. */
  const dropQueue = (unit: number) => {
    generation[unit]! += 1;
    const base = unit * capacity;
    for (let i = 0, n = queueLength[unit]!; i < n; i++) {
      const slot = queueItems[base + ((queueHead[unit]! + i) % capacity)]!;
      if (slot !== BACKGROUND) attemptFailed(slot, Math.max(now, attemptStart[slot]! + timeouts[pass[slot]!]!));
    }
    queueLength[unit] = 0;
    queueHead[unit] = 0;
  };

  // A stationary start: each unit up with probability MTTF/(MTTF + MTTR) and partway through its
  // current period; each up unit's queue drawn from the M/M/1/h law at its even share of the load.
  const unitLoad = (config.lookupRate * config.hopsMean) / (units * serviceRate);
  const availability = config.lifetime.mean / (config.lifetime.mean + config.repair.mean);
  for (let unit = 0; unit < units; unit++) {
    if (random.uniform() < availability) {
      up[unit] = 1;
      queue.push(config.lifetime.sampleResidual(random), FAIL | (unit << KIND_BITS));
      const length = stationaryQueueLength(random, unitLoad, capacity);
      for (let i = 0; i < length; i++) queueItems[unit * capacity + i] = BACKGROUND;
      queueLength[unit] = length;
      if (length > 0) startService(unit, 0);
    } else {
      queue.push(config.repair.sampleResidual(random), REPAIR | (unit << KIND_BITS));
    }
  }
  const outage = config.outage;
  if (outage) {
    for (let group = 0; group < groups; group++) {
      if (random.uniform() < outage.mttr / (outage.mttf + outage.mttr)) {
        groupDown[group] = 1;
        for (let unit = group * replicas; unit < (group + 1) * replicas; unit++) dropQueue(unit);
        queue.push(random.exponential(outage.mttr), OUTAGE_END | (group << KIND_BITS));
      } else {
        queue.push(random.exponential(outage.mttf), OUTAGE_START | (group << KIND_BITS));
      }
    }
  }
  const meanInterarrival = 1 / config.lookupRate;
  queue.push(random.exponential(meanInterarrival), ARRIVAL);
  // Three phases: warm-up (lookups arrive uncounted), counting, and drain: once the budget is spent
  // lookups keep arriving (so the load, and the state the last counted lookups see, stays
  // stationary) but are not counted, and the run ends when the counted ones are done.
  let warmingUp = config.warmup > 0;
  let arrivalsCounted = !warmingUp;
  let warmupEvents = 0;
  let countingFrom = 0;

  while ((warmingUp || arrivalsCounted || countedInFlight > 0) && queue.pop()) {
    now = queue.time;
    const code = queue.code;
    const kind = code & KIND_MASK;
    const target = code >>> KIND_BITS;
    switch (kind) {
      case ARRIVAL: {
        if (freeSlot === slots) growSlots();
        const slot = freeSlot;
        freeSlot = nextFree[slot]!;
        arrival[slot] = now;
        if (warmingUp && (now >= config.warmup || events >= config.events)) {
          warmingUp = false;
          arrivalsCounted = true;
          warmupEvents = events;
          countingFrom = now;
          unitFailures = 0;
          outages = 0;
        }
        if (arrivalsCounted) {
          counted[slot] = 1;
          countedInFlight++;
          arrivalIndex[slot] = lookupsStarted++;
          if (events - warmupEvents + 1 >= config.events) arrivalsCounted = false;
        } else {
          counted[slot] = 0;
        }
        hopsLeft[slot] = wholeHops + (extraHopChance > 0 && random.uniform() < extraHopChance ? 1 : 0);
        hopNumber[slot] = 0;
        firstGroup[slot] = groups > 1 ? random.below(groups) : 0;
        stride[slot] = groups > 1 ? 1 + random.below(groups - 1) : 0;
        firstReplica[slot] = random.below(replicas);
        tries[slot] = 0;
        pass[slot] = 0;
        queue.push(now + random.exponential(meanInterarrival), ARRIVAL);
        attempt(slot);
        break;
      }
      case SERVICE: {
        if (queue.stamp !== generation[target]) continue; // the unit went down since: not an event
        const head = queueHead[target]!;
        const slot = queueItems[target * capacity + head]!;
        queueHead[target] = head + 1 === capacity ? 0 : head + 1;
        const remaining = --queueLength[target]!;
        if (remaining > 0) startService(target, now);
        if (slot !== BACKGROUND) hopAnswered(slot, now);
        break;
      }
      case ATTEMPT:
        attempt(target);
        break;
      case FAIL:
        unitFailures++;
        up[target] = 0;
        dropQueue(target);
        queue.push(now + config.repair.sample(random), REPAIR | (target << KIND_BITS));
        break;
      case REPAIR:
        up[target] = 1;
        queue.push(now + config.lifetime.sample(random), FAIL | (target << KIND_BITS));
        break;
      case OUTAGE_START:
        outages++;
        groupDown[target] = 1;
        for (let unit = target * replicas; unit < (target + 1) * replicas; unit++) dropQueue(unit);
        queue.push(now + random.exponential(outage!.mttr), OUTAGE_END | (target << KIND_BITS));
        break;
      case OUTAGE_END:
        groupDown[target] = 0;
        queue.push(now + random.exponential(outage!.mttf), OUTAGE_START | (target << KIND_BITS));
        break;
    }
    events++;
  }

  const used = Math.ceil(lookupsStarted / batchSize);
  return {
    index,
    events: events - warmupEvents,
    warmupEvents,
    warmupTime: countingFrom,
    lookups: lookupsStarted,
    successes,
    latencySum,
    simulatedTime: now - countingFrom,
    unitFailures,
    outages,
    servedByAttempt,
    batchSize,
    batchLookups: Array.from(batchLookups.subarray(0, used)),
    batchSuccesses: Array.from(batchSuccesses.subarray(0, used)),
    batchLatency: Array.from(batchLatency.subarray(0, used)),
  };
}
