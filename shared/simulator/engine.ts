/**
 * The discrete-event engine: one chunk of a run, from a stationary start to a spent event budget.
 *
 * One engine covers both tracker designs. A pool of `groups` tracker nodes, each backed by
 * `replicas` units (a unit is a server or a peer) that fail and are repaired independently and each
 * run an M/M/1/h queue; lookups arrive as a Poisson process, and each visits `hops` distinct nodes
 * in series (hops = 1 for a server-based tracker: its one node is the list of n servers).
 *
 * Units also share failure domains: a common-mode outage of a whole node (all its replicas), or of
 * a site (the servers placed in it). While any of a unit's domains is down the unit is too; the
 * domains fail and recover on their own, up and down times exponential.
 *
 * At a node the client tries the replicas in its own order, as BEP 12's shuffled multitracker list
 * does: a random first replica, then the next ones cyclically. An attempt fails when the replica is
 * down (or one of its failure domains is) or its queue is full; the client only learns so
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

/**
 * Units that one outage takes down together: a node's replicas (a common-mode outage), or the
 * servers of a site. Mean times in seconds, both exponential.
 */
export interface OutageDomain {
  mttf: number;
  mttr: number;
  units: number[];
}

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
  /** Failure domains, in a fixed order (each node's, then each site's): none for independent units. */
  outages: OutageDomain[];
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
  /**
   * Counted events after which the lookups arriving are no longer counted; the counted ones then
   * finish, within as many events again (a lookup may wait out timeouts far longer than the run).
   */
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
  /** Counted lookups that finished (those cut off by the drain's event cap are left out). */
  lookups: number;
  /**
   * Counted lookups still in flight when the run stopped early (the drain hit its event cap, or
   * more than MAX_LOOKUPS_IN_FLIGHT lookups were in flight): left out of every count.
   */
  unfinished: number;
  successes: number;
  latencySum: number;
  simulatedTime: number;
  unitFailures: number;
  /** Outages of failure domains (whole nodes or sites) that began while counting. */
  outages: number;
  /** Hops answered on the client's 1st, 2nd, … attempt (retry passes continue the count). */
  servedByAttempt: number[];
  /** Consecutive batches of lookups by arrival order, each `batchSize` lookups (the last partial). */
  batchSize: number;
  batchLookups: number[];
  batchSuccesses: number[];
  batchLatency: number[];
  /**
   * Simulated seconds each batch spans: from its first lookup's arrival to the next batch's (the
   * last batch to the last counted arrival), so that batch means can size batches by repair times.
   */
  batchSpan: number[];
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
 * Lookups in flight at once beyond which a run stops: far above any steady state worth simulating
 * (λ × the time a lookup takes), it bounds the memory of inputs whose lookups never finish.
 */
export const MAX_LOOKUPS_IN_FLIGHT = 1 << 20;

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

/**
 * One chunk's run. A class rather than closures so that every chunk in a process shares the same
 * optimised methods: fresh closures per chunk send V8's optimised loop back to the interpreter
 * ("wrong call target") at the start of each chunk. Methods that V8 may not inline take whole
 * numbers only and read the time from `clock`: a double argument would be boxed once per event.
 */
class ChunkRun {
  private readonly random: Random;
  private readonly queue = new EventQueue(256);
  private readonly clock = new Float64Array(1);
  private readonly groups: number;
  private readonly replicas: number;
  private readonly capacity: number;
  private readonly meanService: number;
  private readonly meanInterarrival: number;
  private readonly timeouts: number[];
  private readonly rtt: number;
  private readonly retries: number;
  private readonly failoverJoinsQueue: boolean;
  private readonly wholeHops: number;
  private readonly extraHopChance: number;

  // Units.
  private readonly up: Uint8Array;
  /** How many of a unit's failure domains are down: it answers only at 0. */
  private readonly domainsDown: Uint8Array;
  private readonly queueLength: Int32Array;
  private readonly queueHead: Int32Array;
  private readonly queueItems: Int32Array;
  private readonly generation: Int32Array;

  // Lookups in flight, in a pool of reusable slots.
  private slots = 64;
  private arrival = new Float64Array(64);
  private attemptStart = new Float64Array(64);
  private arrivalIndex = new Int32Array(64);
  private counted = new Uint8Array(64);
  private hopsLeft = new Int32Array(64);
  private hopNumber = new Int32Array(64);
  private firstGroup = new Int32Array(64);
  private stride = new Int32Array(64);
  private firstReplica = new Int32Array(64);
  private tries = new Int32Array(64);
  private pass = new Int32Array(64);
  private nextFree = new Int32Array(64);
  private freeSlot = 0;
  /** Lookups that arrived within the budget and have not finished: the run ends when none is left. */
  private countedInFlight = 0;

  // Measurements.
  private readonly servedByAttempt: Float64Array;
  private readonly maxBatches: number;
  /** Batches hold 2^batchShift lookups each: a lookup's batch is its arrival index >> batchShift. */
  private batchShift = 0;
  private readonly batchLookups: Float64Array;
  private readonly batchSuccesses: Float64Array;
  private readonly batchLatency: Float64Array;
  /** Arrival time of each batch's first lookup. */
  private readonly batchStart: Float64Array;
  /** Arrival time of the last counted lookup. */
  private lastCountedArrival = 0;
  private lookupsStarted = 0;
  private successes = 0;
  private latencySum = 0;
  private unitFailures = 0;
  private outages = 0;
  private events = 0;

  // Three phases: warm-up (lookups arrive uncounted), counting, and drain: once the budget is spent
  // lookups keep arriving (so the load, and the state the last counted lookups see, stays
  // stationary) but are not counted, and the run ends when the counted ones are done.
  private warmingUp: boolean;
  private arrivalsCounted: boolean;
  private warmupEvents = 0;
  private countingFrom = 0;
  private drainFrom = 0;
  /** Set when more than MAX_LOOKUPS_IN_FLIGHT lookups were in flight: the run stops there. */
  private overflowed = false;

  constructor(
    private readonly config: EngineConfig,
    seed: number,
    private readonly index: number,
  ) {
    this.random = new Random(seed, index);
    this.groups = config.groups;
    this.replicas = config.replicas;
    this.capacity = config.capacity;
    this.meanService = 1 / config.serviceRate;
    this.meanInterarrival = 1 / config.lookupRate;
    this.timeouts = config.timeouts;
    this.rtt = config.rtt;
    this.retries = config.retries;
    this.failoverJoinsQueue = config.failoverJoinsQueue;
    this.wholeHops = Math.floor(config.hopsMean);
    this.extraHopChance = config.hopsMean - this.wholeHops;
    const units = config.groups * config.replicas;
    this.up = new Uint8Array(units);
    this.domainsDown = new Uint8Array(units);
    this.queueLength = new Int32Array(units);
    this.queueHead = new Int32Array(units);
    this.queueItems = new Int32Array(units * config.capacity);
    this.generation = new Int32Array(units);
    for (let i = 0; i < this.slots; i++) this.nextFree[i] = i + 1;
    this.servedByAttempt = new Float64Array(config.replicas * (config.retries + 1));
    this.maxBatches = 2 * config.batches;
    this.batchLookups = new Float64Array(this.maxBatches);
    this.batchSuccesses = new Float64Array(this.maxBatches);
    this.batchLatency = new Float64Array(this.maxBatches);
    this.batchStart = new Float64Array(this.maxBatches);
    this.warmingUp = config.warmup > 0;
    this.arrivalsCounted = !this.warmingUp;
  }

  private growSlots(): void {
    const more = this.slots * 2;
    const widen = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(more);
      b.set(a);
      return b;
    };
    this.arrival = widen(this.arrival);
    this.attemptStart = widen(this.attemptStart);
    this.arrivalIndex = widen(this.arrivalIndex);
    this.counted = widen(this.counted);
    this.hopsLeft = widen(this.hopsLeft);
    this.hopNumber = widen(this.hopNumber);
    this.firstGroup = widen(this.firstGroup);
    this.stride = widen(this.stride);
    this.firstReplica = widen(this.firstReplica);
    this.tries = widen(this.tries);
    this.pass = widen(this.pass);
    this.nextFree = widen(this.nextFree);
    for (let i = this.slots; i < more; i++) this.nextFree[i] = i + 1;
    this.freeSlot = this.slots;
    this.slots = more;
  }

  private release(slot: number): void {
    this.nextFree[slot] = this.freeSlot;
    this.freeSlot = slot;
  }

  /**
   * Halve the number of batches by merging neighbours, when a counted lookup arrives past the last
   * one: a lookup's batch stays its arrival index >> batchShift, so lookups still in flight land in
   * the merged batch. Runs at most log2(lookups/batches) times a chunk.
   */
  private mergeBatches(): void {
    const half = this.config.batches;
    for (const totals of [this.batchLookups, this.batchSuccesses, this.batchLatency]) {
      for (let b = 0; b < half; b++) totals[b] = totals[2 * b]! + totals[2 * b + 1]!;
      totals.fill(0, half);
    }
    for (let b = 0; b < half; b++) this.batchStart[b] = this.batchStart[2 * b]!;
    this.batchStart.fill(0, half);
    this.batchShift++;
  }

  /** Count a lookup's outcome, once: it may go on afterwards as an uncounted ghost. */
  private record(slot: number, success: boolean, latency: number): void {
    if (this.counted[slot] === 0) return;
    this.counted[slot] = 0;
    this.countedInFlight--;
    const batch = this.arrivalIndex[slot]! >> this.batchShift;
    this.batchLookups[batch]! += 1;
    if (success) {
      this.successes++;
      this.latencySum += latency;
      this.batchSuccesses[batch]! += 1;
      this.batchLatency[batch]! += latency;
    }
  }

  private nextHop(slot: number, at: number): void {
    this.hopNumber[slot]! += 1;
    this.firstReplica[slot] = this.replicas > 1 ? this.random.below(this.replicas) : 0;
    this.tries[slot] = 0;
    this.pass[slot] = 0;
    this.queue.push(at, ATTEMPT | (slot << KIND_BITS));
  }

  private unitOf(slot: number): number {
    let replica = this.firstReplica[slot]! + this.tries[slot]!;
    if (replica >= this.replicas) replica -= this.replicas;
    if (this.groups === 1) return replica;
    return ((this.firstGroup[slot]! + this.hopNumber[slot]! * this.stride[slot]!) % this.groups) * this.replicas + replica;
  }

  private startService(unit: number, at: number): void {
    this.queue.push(at + this.random.exponential(this.meanService), SERVICE | (unit << KIND_BITS), this.generation[unit]!);
  }

  private hopAnswered(slot: number, answeredAt: number): void {
    if (this.counted[slot] === 1) this.servedByAttempt[this.pass[slot]! * this.replicas + this.tries[slot]!]! += 1;
    if (--this.hopsLeft[slot]! === 0) {
      this.record(slot, true, answeredAt + this.rtt - this.arrival[slot]!);
      this.release(slot);
      return;
    }
    this.nextHop(slot, answeredAt + this.rtt);
  }

  private attemptFailed(slot: number, noticedAt: number): void {
    if (++this.tries[slot]! < this.replicas) {
      this.queue.push(noticedAt, ATTEMPT | (slot << KIND_BITS));
    } else if (this.pass[slot]! < this.retries) {
      this.pass[slot]! += 1;
      this.tries[slot] = 0;
      this.queue.push(noticedAt, ATTEMPT | (slot << KIND_BITS));
    } else {
      this.record(slot, false, 0);
      // The paper's load ρ = λ·k/(N·µ) has every lookup visit all k nodes; under that assumption a
      // failed lookup still loads its remaining hops' first replicas, as an uncounted ghost.
      if (!this.failoverJoinsQueue && --this.hopsLeft[slot]! > 0) this.nextHop(slot, noticedAt);
      else this.release(slot);
    }
  }

  private attempt(slot: number, now: number): void {
    const unit = this.unitOf(slot);
    const length = this.queueLength[unit]!;
    const capacity = this.capacity;
    if (this.up[unit] === 1 && length < capacity && this.domainsDown[unit] === 0) {
      if (this.failoverJoinsQueue || (this.tries[slot] === 0 && this.pass[slot] === 0)) {
        let tail = this.queueHead[unit]! + length;
        if (tail >= capacity) tail -= capacity;
        this.queueItems[unit * capacity + tail] = slot;
        this.queueLength[unit] = length + 1;
        this.attemptStart[slot] = now;
        if (length === 0) this.startService(unit, now);
      } else {
        this.hopAnswered(slot, now + (length + 1) * this.meanService);
      }
      return;
    }
    this.attemptFailed(slot, now + this.timeouts[this.pass[slot]!]!);
  }

  /** A unit (or a domain it is in) goes down: its queue is lost, each lookup in it moves on at its timeout. */
  private dropQueue(unit: number, now: number): void {
    this.generation[unit]! += 1;
    const base = unit * this.capacity;
    for (let i = 0, n = this.queueLength[unit]!; i < n; i++) {
      const slot = this.queueItems[base + ((this.queueHead[unit]! + i) % this.capacity)]!;
      if (slot !== BACKGROUND) this.attemptFailed(slot, Math.max(now, this.attemptStart[slot]! + this.timeouts[this.pass[slot]!]!));
    }
    this.queueLength[unit] = 0;
    this.queueHead[unit] = 0;
  }

  /**
   * A stationary start: each unit up with probability MTTF/(MTTF + MTTR) and partway through its
   * current period; each up unit's queue drawn from the M/M/1/h law at its even share of the load.
   */
  private start(): void {
    const { config, random, queue } = this;
    const units = config.groups * config.replicas;
    const unitLoad = (config.lookupRate * config.hopsMean) / (units * config.serviceRate);
    const availability = config.lifetime.mean / (config.lifetime.mean + config.repair.mean);
    for (let unit = 0; unit < units; unit++) {
      if (random.uniform() < availability) {
        this.up[unit] = 1;
        queue.push(config.lifetime.sampleResidual(random), FAIL | (unit << KIND_BITS));
        const length = stationaryQueueLength(random, unitLoad, config.capacity);
        for (let i = 0; i < length; i++) this.queueItems[unit * config.capacity + i] = BACKGROUND;
        this.queueLength[unit] = length;
        if (length > 0) this.startService(unit, 0);
      } else {
        queue.push(config.repair.sampleResidual(random), REPAIR | (unit << KIND_BITS));
      }
    }
    // Each domain down with probability MTTR/(MTTF + MTTR), in what remains of its exponential period.
    for (let index = 0; index < config.outages.length; index++) {
      const domain = config.outages[index]!;
      if (random.uniform() < domain.mttr / (domain.mttf + domain.mttr)) {
        this.domainGoesDown(domain, 0);
        queue.push(random.exponential(domain.mttr), OUTAGE_END | (index << KIND_BITS));
      } else {
        queue.push(random.exponential(domain.mttf), OUTAGE_START | (index << KIND_BITS));
      }
    }
    queue.push(random.exponential(this.meanInterarrival), ARRIVAL);
  }

  private onArrival(): void {
    const now = this.clock[0]!;
    const { random } = this;
    if (this.freeSlot === this.slots) {
      if (this.slots >= MAX_LOOKUPS_IN_FLIGHT) {
        this.overflowed = true;
        return;
      }
      this.growSlots();
    }
    const slot = this.freeSlot;
    this.freeSlot = this.nextFree[slot]!;
    this.arrival[slot] = now;
    if (this.warmingUp && (now >= this.config.warmup || this.events >= this.config.events)) {
      this.warmingUp = false;
      this.arrivalsCounted = true;
      this.warmupEvents = this.events;
      this.countingFrom = now;
      this.unitFailures = 0;
      this.outages = 0;
    }
    if (this.arrivalsCounted) {
      this.counted[slot] = 1;
      this.countedInFlight++;
      const index = this.lookupsStarted++;
      this.arrivalIndex[slot] = index;
      if (index >> this.batchShift >= this.maxBatches) this.mergeBatches();
      // The first lookup of a batch: 2^batchShift divides its index.
      if ((index & ((1 << this.batchShift) - 1)) === 0) this.batchStart[index >> this.batchShift] = now;
      this.lastCountedArrival = now;
      if (this.events - this.warmupEvents + 1 >= this.config.events) {
        this.arrivalsCounted = false;
        this.drainFrom = this.events + 1;
      }
    } else {
      this.counted[slot] = 0;
    }
    this.hopsLeft[slot] = this.wholeHops + (this.extraHopChance > 0 && random.uniform() < this.extraHopChance ? 1 : 0);
    if (this.groups > 1) {
      this.hopNumber[slot] = 0;
      this.firstGroup[slot] = random.below(this.groups);
      this.stride[slot] = 1 + random.below(this.groups - 1);
    }
    this.firstReplica[slot] = this.replicas > 1 ? random.below(this.replicas) : 0;
    this.tries[slot] = 0;
    this.pass[slot] = 0;
    this.queue.push(now + random.exponential(this.meanInterarrival), ARRIVAL);
    this.attempt(slot, now);
  }

  private onService(unit: number): void {
    const now = this.clock[0]!;
    const head = this.queueHead[unit]!;
    const slot = this.queueItems[unit * this.capacity + head]!;
    this.queueHead[unit] = head + 1 === this.capacity ? 0 : head + 1;
    const remaining = --this.queueLength[unit]!;
    if (remaining > 0) this.startService(unit, now);
    if (slot !== BACKGROUND) this.hopAnswered(slot, now);
  }

  private onFailure(unit: number): void {
    const now = this.clock[0]!;
    this.unitFailures++;
    this.up[unit] = 0;
    this.dropQueue(unit, now);
    this.queue.push(now + this.config.repair.sample(this.random), REPAIR | (unit << KIND_BITS));
  }

  private onRepair(unit: number): void {
    this.up[unit] = 1;
    this.queue.push(this.clock[0]! + this.config.lifetime.sample(this.random), FAIL | (unit << KIND_BITS));
  }

  /** A domain's outage begins: a unit whose first domain this is to go down loses its queue. */
  private domainGoesDown(domain: OutageDomain, now: number): void {
    for (const unit of domain.units) if (++this.domainsDown[unit]! === 1) this.dropQueue(unit, now);
  }

  private onOutage(index: number, starts: boolean): void {
    const now = this.clock[0]!;
    const domain = this.config.outages[index]!;
    if (starts) {
      this.outages++;
      this.domainGoesDown(domain, now);
      this.queue.push(now + this.random.exponential(domain.mttr), OUTAGE_END | (index << KIND_BITS));
    } else {
      for (const unit of domain.units) this.domainsDown[unit]! -= 1;
      this.queue.push(now + this.random.exponential(domain.mttf), OUTAGE_START | (index << KIND_BITS));
    }
  }

  run(): ChunkResult {
    this.start();
    const queue = this.queue;
    // The drain is capped: with long timeouts (or a slow µ) and a fast λ, waiting for the last
    // counted lookup could take unboundedly many uncounted arrivals.
    const drainCap = this.config.events;
    while (
      !this.overflowed &&
      (this.warmingUp || this.arrivalsCounted || (this.countedInFlight > 0 && this.events - this.drainFrom < drainCap)) &&
      queue.pop()
    ) {
      const code = queue.code;
      const target = code >>> KIND_BITS;
      this.clock[0] = queue.time;
      switch (code & KIND_MASK) {
        case ARRIVAL:
          this.onArrival();
          break;
        case SERVICE:
          if (queue.stamp !== this.generation[target]) continue; // the unit went down since: not an event
          this.onService(target);
          break;
        case ATTEMPT:
          this.attempt(target, this.clock[0]!);
          break;
        case FAIL:
          this.onFailure(target);
          break;
        case REPAIR:
          this.onRepair(target);
          break;
        case OUTAGE_START:
          this.onOutage(target, true);
          break;
        case OUTAGE_END:
          this.onOutage(target, false);
          break;
      }
      this.events++;
    }
    const batchSize = 2 ** this.batchShift;
    const used = Math.ceil(this.lookupsStarted / batchSize);
    return {
      index: this.index,
      events: this.events - this.warmupEvents,
      warmupEvents: this.warmupEvents,
      warmupTime: this.countingFrom,
      lookups: this.lookupsStarted - this.countedInFlight,
      unfinished: this.countedInFlight,
      successes: this.successes,
      latencySum: this.latencySum,
      simulatedTime: this.clock[0]! - this.countingFrom,
      unitFailures: this.unitFailures,
      outages: this.outages,
      servedByAttempt: Array.from(this.servedByAttempt),
      batchSize,
      batchLookups: Array.from(this.batchLookups.subarray(0, used)),
      batchSuccesses: Array.from(this.batchSuccesses.subarray(0, used)),
      batchLatency: Array.from(this.batchLatency.subarray(0, used)),
      batchSpan: Array.from({ length: used }, (_, b) => (b + 1 < used ? this.batchStart[b + 1]! : this.lastCountedArrival) - this.batchStart[b]!),
    };
  }
}

/** Run one chunk: its own random stream (seed, index), a stationary start, its event budget. */
export function runChunk(config: EngineConfig, seed: number, index: number): ChunkResult {
  return new ChunkRun(config, seed, index).run();
}
