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

// Kinds of events in the queue. Arrivals, kind 0, are kept out of it (see ChunkRun.times); the lowest
// kind ranks them first among events at the same time, as the queue ranks equal times by code.
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

/** A run's phases: warm-up or counting, the drain, stopped early. */
const RUNNING = 0;
const DRAINING = 1;
const STOPPED = 2;
/** Slots of `ChunkRun.times`: the clock, a time handed to a method (see there), the next arrival. */
const NOW = 0;
const AT = 1;
const NEXT_ARRIVAL = 2;

// A lookup's whole numbers, side by side in `ChunkRun.lookupInts` (SLOT_INTS per slot).
const ARRIVAL_INDEX = 0; // order of arrival among the counted lookups (its batch is this >> batchShift)
const COUNTED = 1; // 1 until its outcome is counted (0 throughout for an uncounted lookup)
const HOPS_LEFT = 2;
const HOP_NUMBER = 3;
const FIRST_GROUP = 4; // the DHT's first node, and the stride to the next ones
const STRIDE = 5;
const FIRST_REPLICA = 6; // the client's first replica at this hop, then the next ones in turn
const TRIES = 7; // attempts failed in this pass
const PASS = 8; // the pass through the replica list: 0, then each retry
const NEXT_FREE = 9; // the free list of slots
const SLOT_INTS = 10;
// A lookup's times, in `ChunkRun.lookupTimes` (SLOT_TIMES per slot).
const ARRIVED = 0;
const ATTEMPT_START = 1;
const SLOT_TIMES = 2;
// A unit's whole numbers, in `ChunkRun.unitInts` (UNIT_INTS per unit).
const DOWN = 0; // 1 while the unit is failed, plus its domains that are down: it answers at 0 only
const DOMAINS_DOWN = 1;
const QUEUE_LENGTH = 2;
const QUEUE_HEAD = 3;
const GENERATION = 4; // bumped when the queue is lost: the pending service event is stale
const UNIT_INTS = 5;
// A batch's totals, in `ChunkRun.batchTotals` (BATCH_TOTALS per batch).
const BATCH_LOOKUPS = 0;
const BATCH_SUCCESSES = 1;
const BATCH_LATENCY = 2;
const BATCH_START = 3; // arrival time of its first lookup
const BATCH_TOTALS = 4;

/** A placeholder for the declaration of `ChunkRun.random` (see there), replaced in the constructor. */
const NO_RANDOM = new Random(0);

/**
 * One chunk's run. A class rather than closures so that every chunk in a process shares the same
 * optimised methods: fresh closures per chunk send V8's optimised loop back to the interpreter
 * ("wrong call target") at the start of each chunk.
 *
 * Written for V8's optimising compiler, which is what makes it fast, and these rules are why:
 * - Methods take whole numbers only. A time is handed over in `times` (the clock in NOW, any other
 *   time in AT, set just before the call): a double argument or return value of a call that V8
 *   does not inline is boxed into a fresh heap number, once per event.
 * - Every field is initialised where it is declared, with a value of its kind (0 for a number, an
 *   empty typed array for an array), and only then set in the constructor. A field declared without
 *   one starts as undefined, and V8 then keeps it as "any value": numbers boxed, every read checked.
 *   Flags are 0 or 1, not booleans: V8 tested boolean fields for every kind of falsy value.
 * - A lookup's state, a unit's and a batch's are each one typed array, a record per slot: each
 *   distinct typed array an event touches costs V8 its own loads of its length and data pointer.
 * - The event loop is a method of its own (`simulate`), apart from the start and the result.
 */
class ChunkRun {
  private readonly random: Random = NO_RANDOM;
  /**
   * The clock (NOW), which the queue sets as it takes each event; a time handed to a method (AT);
   * and the time of the next arrival (NEXT_ARRIVAL), which is kept out of the queue: there is
   * always exactly one, and taking it without the heap spares about half the events a push and a
   * pop. It comes before the queue's first event when earlier or at the same time (its kind, 0, is
   * the lowest), the order the queue would give it.
   */
  private readonly times = new Float64Array(3);
  private readonly queue = new EventQueue(256, this.times);
  private readonly groups: number = 0;
  private readonly replicas: number = 0;
  private readonly capacity: number = 0;
  private readonly meanService: number = 0.5;
  private readonly meanInterarrival: number = 0.5;
  private readonly timeouts = new Float64Array(0);
  private readonly rtt: number = 0.5;
  private readonly retries: number = 0;
  /** 1 when a failover attempt joins its replica's queue, 0 for the paper's load. */
  private readonly failoverJoinsQueue: number = 0;
  private readonly wholeHops: number = 0;
  private readonly extraHopChance: number = 0.5;

  /** Units: their state (UNIT_INTS each), and their queues' ring buffers (`capacity` each). */
  private readonly unitInts = new Int32Array(0);
  private readonly queueItems = new Int32Array(0);

  // Lookups in flight, in a pool of reusable slots.
  private slots = 64;
  private lookupInts = new Int32Array(64 * SLOT_INTS);
  private lookupTimes = new Float64Array(64 * SLOT_TIMES);
  private freeSlot = 0;
  /** Lookups that arrived within the budget and have not finished: the run ends when none is left. */
  private countedInFlight = 0;

  // Measurements.
  private readonly servedByAttempt = new Float64Array(0);
  private readonly maxBatches: number = 0;
  /** Batches hold 2^batchShift lookups each: a lookup's batch is its arrival index >> batchShift. */
  private batchShift = 0;
  private readonly batchTotals = new Float64Array(0);
  /** Arrival time of the last counted lookup, and the sum of the counted successes' latencies. */
  private readonly sums = new Float64Array(2);
  private lookupsStarted = 0;
  private successes = 0;
  private unitFailures = 0;
  private outages = 0;
  private events = 0;

  // Three phases: warm-up (lookups arrive uncounted), counting, and drain: once the budget is spent
  // lookups keep arriving (so the load, and the state the last counted lookups see, stays
  // stationary) but are not counted, and the run ends when the counted ones are done.
  private warmingUp = 0;
  private arrivalsCounted = 0;
  /** RUNNING (warm-up and counting), DRAINING, or STOPPED (the lookups in flight overflowed). */
  private phase = RUNNING;
  private readonly warmup: number = 0.5;
  private readonly budget: number = 0;
  private warmupEvents = 0;
  private countingFrom = 0.5;
  private drainFrom = 0;

  private readonly config: EngineConfig;
  private readonly index: number = 0;

  constructor(config: EngineConfig, seed: number, index: number) {
    this.config = config;
    this.index = index;
    this.random = new Random(seed, index);
    this.groups = config.groups;
    this.replicas = config.replicas;
    this.capacity = config.capacity;
    this.meanService = 1 / config.serviceRate;
    this.meanInterarrival = 1 / config.lookupRate;
    this.timeouts = Float64Array.from(config.timeouts);
    this.rtt = config.rtt;
    this.retries = config.retries;
    this.failoverJoinsQueue = config.failoverJoinsQueue ? 1 : 0;
    this.wholeHops = Math.floor(config.hopsMean);
    this.extraHopChance = config.hopsMean - this.wholeHops;
    const units = config.groups * config.replicas;
    this.unitInts = new Int32Array(units * UNIT_INTS);
    for (let unit = 0; unit < units; unit++) this.unitInts[unit * UNIT_INTS + DOWN] = 1; // start() brings the up ones up
    this.queueItems = new Int32Array(units * config.capacity);
    for (let i = 0; i < this.slots; i++) this.lookupInts[i * SLOT_INTS + NEXT_FREE] = i + 1;
    this.servedByAttempt = new Float64Array(config.replicas * (config.retries + 1));
    this.maxBatches = 2 * config.batches;
    this.batchTotals = new Float64Array(this.maxBatches * BATCH_TOTALS);
    this.warmup = config.warmup;
    this.budget = config.events;
    this.countingFrom = 0;
    this.warmingUp = config.warmup > 0 ? 1 : 0;
    this.arrivalsCounted = 1 - this.warmingUp;
  }

  private growSlots(): void {
    const more = this.slots * 2;
    const ints = new Int32Array(more * SLOT_INTS);
    ints.set(this.lookupInts);
    const times = new Float64Array(more * SLOT_TIMES);
    times.set(this.lookupTimes);
    for (let i = this.slots; i < more; i++) ints[i * SLOT_INTS + NEXT_FREE] = i + 1;
    this.lookupInts = ints;
    this.lookupTimes = times;
    this.freeSlot = this.slots;
    this.slots = more;
  }

  private release(slot: number): void {
    this.lookupInts[slot * SLOT_INTS + NEXT_FREE] = this.freeSlot;
    this.freeSlot = slot;
  }

  /**
   * Halve the number of batches by merging neighbours, when a counted lookup arrives past the last
   * one: a lookup's batch stays its arrival index >> batchShift, so lookups still in flight land in
   * the merged batch. Runs at most log2(lookups/batches) times a chunk.
   */
  private mergeBatches(): void {
    const half = this.config.batches;
    const totals = this.batchTotals;
    for (let b = 0; b < half; b++) {
      const to = b * BATCH_TOTALS;
      const first = 2 * b * BATCH_TOTALS;
      const second = first + BATCH_TOTALS;
      totals[to + BATCH_LOOKUPS] = totals[first + BATCH_LOOKUPS]! + totals[second + BATCH_LOOKUPS]!;
      totals[to + BATCH_SUCCESSES] = totals[first + BATCH_SUCCESSES]! + totals[second + BATCH_SUCCESSES]!;
      totals[to + BATCH_LATENCY] = totals[first + BATCH_LATENCY]! + totals[second + BATCH_LATENCY]!;
      totals[to + BATCH_START] = totals[first + BATCH_START]!;
    }
    totals.fill(0, half * BATCH_TOTALS);
    this.batchShift++;
  }

  /** Count a lookup's success, once, answered at times[AT]: it may go on afterwards as an uncounted ghost. */
  private recordSuccess(slot: number): void {
    const at = slot * SLOT_INTS;
    const ints = this.lookupInts;
    if (ints[at + COUNTED] === 0) return;
    ints[at + COUNTED] = 0;
    this.countedInFlight--;
    const latency = this.times[AT]! + this.rtt - this.lookupTimes[slot * SLOT_TIMES + ARRIVED]!;
    const batch = (ints[at + ARRIVAL_INDEX]! >> this.batchShift) * BATCH_TOTALS;
    const totals = this.batchTotals;
    totals[batch + BATCH_LOOKUPS]! += 1;
    this.successes++;
    this.sums[1]! += latency;
    totals[batch + BATCH_SUCCESSES]! += 1;
    totals[batch + BATCH_LATENCY]! += latency;
  }

  /** Count a lookup's failure, once. */
  private recordFailure(slot: number): void {
    const at = slot * SLOT_INTS;
    const ints = this.lookupInts;
    if (ints[at + COUNTED] === 0) return;
    ints[at + COUNTED] = 0;
    this.countedInFlight--;
    this.batchTotals[(ints[at + ARRIVAL_INDEX]! >> this.batchShift) * BATCH_TOTALS + BATCH_LOOKUPS]! += 1;
  }

  /** The lookup goes on to its next hop at times[AT]. */
  private nextHop(slot: number): void {
    const at = slot * SLOT_INTS;
    const ints = this.lookupInts;
    ints[at + HOP_NUMBER]! += 1;
    ints[at + FIRST_REPLICA] = this.replicas > 1 ? this.random.below(this.replicas) : 0;
    ints[at + TRIES] = 0;
    ints[at + PASS] = 0;
    this.queue.push(this.times[AT]!, ATTEMPT | (slot << KIND_BITS));
  }

  /** The unit the lookup's current attempt goes to. */
  private unitOf(slot: number): number {
    const at = slot * SLOT_INTS;
    const ints = this.lookupInts;
    let replica = ints[at + FIRST_REPLICA]! + ints[at + TRIES]!;
    if (replica >= this.replicas) replica -= this.replicas;
    if (this.groups === 1) return replica;
    return ((ints[at + FIRST_GROUP]! + ints[at + HOP_NUMBER]! * ints[at + STRIDE]!) % this.groups) * this.replicas + replica;
  }

  /** The unit starts serving the head of its queue, now. */
  private startService(unit: number): void {
    this.queue.push(this.times[NOW]! + this.random.exponential(this.meanService), SERVICE | (unit << KIND_BITS), this.unitInts[unit * UNIT_INTS + GENERATION]!);
  }

  /** The lookup's current hop is answered at times[AT]. */
  private hopAnswered(slot: number): void {
    const at = slot * SLOT_INTS;
    const ints = this.lookupInts;
    if (ints[at + COUNTED] === 1) this.servedByAttempt[ints[at + PASS]! * this.replicas + ints[at + TRIES]!]! += 1;
    if (--ints[at + HOPS_LEFT]! === 0) {
      this.recordSuccess(slot);
      this.release(slot);
      return;
    }
    this.times[AT]! += this.rtt;
    this.nextHop(slot);
  }

  /** The lookup's current attempt has failed, as the client notices at times[AT]. */
  private attemptFailed(slot: number): void {
    const at = slot * SLOT_INTS;
    const ints = this.lookupInts;
    if (++ints[at + TRIES]! < this.replicas) {
      this.queue.push(this.times[AT]!, ATTEMPT | (slot << KIND_BITS));
    } else if (ints[at + PASS]! < this.retries) {
      ints[at + PASS]! += 1;
      ints[at + TRIES] = 0;
      this.queue.push(this.times[AT]!, ATTEMPT | (slot << KIND_BITS));
    } else {
      this.recordFailure(slot);
      // The paper's load ρ = λ·k/(N·µ) has every lookup visit all k nodes; under that assumption a
      // failed lookup still loads its remaining hops' first replicas, as an uncounted ghost.
      if (this.failoverJoinsQueue === 0 && --ints[at + HOPS_LEFT]! > 0) this.nextHop(slot);
      else this.release(slot);
    }
  }

  /** The lookup tries its current replica, now. */
  private attempt(slot: number): void {
    const times = this.times;
    const ints = this.lookupInts;
    const at = slot * SLOT_INTS;
    const unit = this.unitOf(slot);
    const u = unit * UNIT_INTS;
    const units = this.unitInts;
    const length = units[u + QUEUE_LENGTH]!;
    const capacity = this.capacity;
    if (units[u + DOWN] === 0 && length < capacity) {
      if (this.failoverJoinsQueue === 1 || (ints[at + TRIES] === 0 && ints[at + PASS] === 0)) {
        let tail = units[u + QUEUE_HEAD]! + length;
        if (tail >= capacity) tail -= capacity;
        this.queueItems[unit * capacity + tail] = slot;
        units[u + QUEUE_LENGTH] = length + 1;
        this.lookupTimes[slot * SLOT_TIMES + ATTEMPT_START] = times[NOW]!;
        if (length === 0) this.startService(unit);
      } else {
        times[AT] = times[NOW]! + (length + 1) * this.meanService;
        this.hopAnswered(slot);
      }
      return;
    }
    times[AT] = times[NOW]! + this.timeouts[ints[at + PASS]!]!;
    this.attemptFailed(slot);
  }

  /** A unit (or a domain it is in) goes down now: its queue is lost, each lookup in it moves on at its timeout. */
  private dropQueue(unit: number): void {
    const times = this.times;
    const now = times[NOW]!;
    const u = unit * UNIT_INTS;
    const units = this.unitInts;
    units[u + GENERATION]! += 1;
    const base = unit * this.capacity;
    for (let i = 0, n = units[u + QUEUE_LENGTH]!; i < n; i++) {
      const slot = this.queueItems[base + ((units[u + QUEUE_HEAD]! + i) % this.capacity)]!;
      if (slot === BACKGROUND) continue;
      const pass = this.lookupInts[slot * SLOT_INTS + PASS]!;
      times[AT] = Math.max(now, this.lookupTimes[slot * SLOT_TIMES + ATTEMPT_START]! + this.timeouts[pass]!);
      this.attemptFailed(slot);
    }
    units[u + QUEUE_LENGTH] = 0;
    units[u + QUEUE_HEAD] = 0;
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
    this.times[NOW] = 0;
    for (let unit = 0; unit < units; unit++) {
      if (random.uniform() < availability) {
        this.unitInts[unit * UNIT_INTS + DOWN] = 0;
        queue.push(config.lifetime.sampleResidual(random), FAIL | (unit << KIND_BITS));
        const length = stationaryQueueLength(random, unitLoad, config.capacity);
        for (let i = 0; i < length; i++) this.queueItems[unit * config.capacity + i] = BACKGROUND;
        this.unitInts[unit * UNIT_INTS + QUEUE_LENGTH] = length;
        if (length > 0) this.startService(unit);
      } else {
        queue.push(config.repair.sampleResidual(random), REPAIR | (unit << KIND_BITS));
      }
    }
    // Each domain down with probability MTTR/(MTTF + MTTR), in what remains of its exponential period.
    for (let index = 0; index < config.outages.length; index++) {
      const domain = config.outages[index]!;
      if (random.uniform() < domain.mttr / (domain.mttf + domain.mttr)) {
        this.domainGoesDown(domain);
        queue.push(random.exponential(domain.mttr), OUTAGE_END | (index << KIND_BITS));
      } else {
        queue.push(random.exponential(domain.mttf), OUTAGE_START | (index << KIND_BITS));
      }
    }
    this.times[NEXT_ARRIVAL] = random.exponential(this.meanInterarrival);
  }

  private onArrival(): void {
    const now = this.times[NOW]!;
    const { random } = this;
    if (this.freeSlot === this.slots) {
      if (this.slots >= MAX_LOOKUPS_IN_FLIGHT) {
        this.phase = STOPPED;
        return;
      }
      this.growSlots();
    }
    const slot = this.freeSlot;
    const at = slot * SLOT_INTS;
    const ints = this.lookupInts;
    this.freeSlot = ints[at + NEXT_FREE]!;
    this.lookupTimes[slot * SLOT_TIMES + ARRIVED] = now;
    if (this.warmingUp === 1 && (now >= this.warmup || this.events >= this.budget)) {
      this.warmingUp = 0;
      this.arrivalsCounted = 1;
      this.warmupEvents = this.events;
      this.countingFrom = now;
      this.unitFailures = 0;
      this.outages = 0;
    }
    if (this.arrivalsCounted === 1) {
      ints[at + COUNTED] = 1;
      this.countedInFlight++;
      const index = this.lookupsStarted++;
      ints[at + ARRIVAL_INDEX] = index;
      if (index >> this.batchShift >= this.maxBatches) this.mergeBatches();
      // The first lookup of a batch: 2^batchShift divides its index.
      if ((index & ((1 << this.batchShift) - 1)) === 0) this.batchTotals[(index >> this.batchShift) * BATCH_TOTALS + BATCH_START] = now;
      this.sums[0] = now;
      if (this.events - this.warmupEvents + 1 >= this.budget) {
        this.arrivalsCounted = 0;
        this.phase = DRAINING;
        this.drainFrom = this.events + 1;
      }
    } else {
      ints[at + COUNTED] = 0;
    }
    ints[at + HOPS_LEFT] = this.wholeHops + (this.extraHopChance > 0 && random.uniform() < this.extraHopChance ? 1 : 0);
    if (this.groups > 1) {
      ints[at + HOP_NUMBER] = 0;
      ints[at + FIRST_GROUP] = random.below(this.groups);
      ints[at + STRIDE] = 1 + random.below(this.groups - 1);
    }
    ints[at + FIRST_REPLICA] = this.replicas > 1 ? random.below(this.replicas) : 0;
    ints[at + TRIES] = 0;
    ints[at + PASS] = 0;
    this.times[NEXT_ARRIVAL] = now + random.exponential(this.meanInterarrival);
    this.attempt(slot);
  }

  private onService(unit: number): void {
    const u = unit * UNIT_INTS;
    const units = this.unitInts;
    const head = units[u + QUEUE_HEAD]!;
    const slot = this.queueItems[unit * this.capacity + head]!;
    units[u + QUEUE_HEAD] = head + 1 === this.capacity ? 0 : head + 1;
    const remaining = --units[u + QUEUE_LENGTH]!;
    if (remaining > 0) this.startService(unit);
    if (slot === BACKGROUND) return;
    this.times[AT] = this.times[NOW]!;
    this.hopAnswered(slot);
  }

  private onFailure(unit: number): void {
    this.unitFailures++;
    this.unitInts[unit * UNIT_INTS + DOWN]! += 1;
    this.dropQueue(unit);
    this.queue.push(this.times[NOW]! + this.config.repair.sample(this.random), REPAIR | (unit << KIND_BITS));
  }

  private onRepair(unit: number): void {
    this.unitInts[unit * UNIT_INTS + DOWN]! -= 1;
    this.queue.push(this.times[NOW]! + this.config.lifetime.sample(this.random), FAIL | (unit << KIND_BITS));
  }

  /** A domain's outage begins now: a unit whose first domain this is to go down loses its queue. */
  private domainGoesDown(domain: OutageDomain): void {
    const units = this.unitInts;
    for (const unit of domain.units) {
      units[unit * UNIT_INTS + DOWN]! += 1;
      if (++units[unit * UNIT_INTS + DOMAINS_DOWN]! === 1) this.dropQueue(unit);
    }
  }

  private onOutage(index: number, starts: boolean): void {
    const now = this.times[NOW]!;
    const domain = this.config.outages[index]!;
    if (starts) {
      this.outages++;
      this.domainGoesDown(domain);
      this.queue.push(now + this.random.exponential(domain.mttr), OUTAGE_END | (index << KIND_BITS));
    } else {
      const units = this.unitInts;
      for (const unit of domain.units) {
        units[unit * UNIT_INTS + DOWN]! -= 1;
        units[unit * UNIT_INTS + DOMAINS_DOWN]! -= 1;
      }
      this.queue.push(now + this.random.exponential(domain.mttf), OUTAGE_START | (index << KIND_BITS));
    }
  }

  run(): ChunkResult {
    this.start();
    this.simulate();
    return this.result();
  }

  /**
   * The event loop, alone in its method: V8 optimises it while the first chunk runs, and a later
   * chunk calls that code from its first event on. With the start and the result in the same
   * method, their code, not yet run when the loop was optimised, would throw it back to the
   * interpreter at the end of the first chunk and the start of the next (costly on a busy machine,
   * where the compiler's thread waits for a core: with both cores simulating, the first two chunks
   * of each worker ran at two thirds of the speed of the others).
   */
  private simulate(): void {
    const queue = this.queue;
    const times = this.times;
    const units = this.unitInts;
    // The drain is capped: with long timeouts (or a slow µ) and a fast λ, waiting for the last
    // counted lookup could take unboundedly many uncounted arrivals.
    const drainCap = this.budget;
    while (this.phase === RUNNING || (this.phase === DRAINING && this.countedInFlight > 0 && this.events - this.drainFrom < drainCap)) {
      const arrivesAt = times[NEXT_ARRIVAL]!;
      if (arrivesAt <= queue.firstTime()) {
        times[NOW] = arrivesAt;
        this.onArrival();
        this.events++;
        continue;
      }
      if (!queue.pop()) break;
      const code = queue.code;
      const target = code >>> KIND_BITS;
      switch (code & KIND_MASK) {
        case SERVICE:
          if (queue.stamp !== units[target * UNIT_INTS + GENERATION]) continue; // the unit went down since: not an event
          this.onService(target);
          break;
        case ATTEMPT:
          this.attempt(target);
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
  }

  private result(): ChunkResult {
    const times = this.times;
    const batchSize = 2 ** this.batchShift;
    const used = Math.ceil(this.lookupsStarted / batchSize);
    const lastCountedArrival = this.sums[0]!;
    const totals = this.batchTotals;
    const column = (field: number) => Array.from({ length: used }, (_, b) => totals[b * BATCH_TOTALS + field]!);
    const starts = column(BATCH_START);
    return {
      index: this.index,
      events: this.events - this.warmupEvents,
      warmupEvents: this.warmupEvents,
      warmupTime: this.countingFrom,
      lookups: this.lookupsStarted - this.countedInFlight,
      unfinished: this.countedInFlight,
      successes: this.successes,
      latencySum: this.sums[1]!,
      simulatedTime: times[NOW]! - this.countingFrom,
      unitFailures: this.unitFailures,
      outages: this.outages,
      servedByAttempt: Array.from(this.servedByAttempt),
      batchSize,
      batchLookups: column(BATCH_LOOKUPS),
      batchSuccesses: column(BATCH_SUCCESSES),
      batchLatency: column(BATCH_LATENCY),
      batchSpan: starts.map((start, b) => (b + 1 < used ? starts[b + 1]! : lastCountedArrival) - start),
    };
  }
}

/** Run one chunk: its own random stream (seed, index), a stationary start, its event budget. */
export function runChunk(config: EngineConfig, seed: number, index: number): ChunkResult {
  return new ChunkRun(config, seed, index).run();
}
