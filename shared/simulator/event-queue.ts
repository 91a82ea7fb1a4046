/**
 * The future event list: a binary min-heap on time, kept in typed arrays so that a push or pop
 * allocates nothing. Each event carries two small integers: what happens (a code the engine packs)
 * and a stamp that lets the engine recognise an event made stale since it was scheduled.
 *
 * Equal times pop in the order of their codes, then of their stamps. That order belongs to the
 * events alone, not to the heap's layout (two events equal in all three are the same event, and
 * which of them goes first cannot matter), so a run repeats for its seed whatever structure holds
 * its events, and an event the engine keeps outside the heap can take its place among equal times
 * by its code. Equal times come from the model, not from chance: a timeout of 0, or the lookups of a
 * lost queue whose timeouts have already run out moving on at once.
 *
 * Written for V8: the slot after the last event holds +Infinity, so `firstTime()` needs no test for
 * an empty list, and a parent's right child is compared without a test that it exists; the earlier
 * child is picked by arithmetic on the comparison, not by a branch the processor would mispredict
 * half of the time.
 */
export class EventQueue {
  /** Times, codes and stamps of the heap's events; times[count] and beyond are +Infinity. */
  private times: Float64Array;
  private codes: Int32Array;
  private stamps: Int32Array;
  private count = 0;

  /**
   * Filled by pop(): the event just taken, its time in clock[0]. The time goes to a typed array
   * rather than to a field so that the engine reads it as a plain double, and can share the array
   * as its own clock.
   */
  readonly clock: Float64Array;
  code = 0;
  stamp = 0;

  /** `clock` is where pop() leaves the time (its first element); a new one by default. */
  constructor(initialCapacity = 64, clock = new Float64Array(1)) {
    const slots = Math.max(initialCapacity, 1) + 1;
    this.clock = clock;
    this.times = new Float64Array(slots).fill(Infinity);
    this.codes = new Int32Array(slots);
    this.stamps = new Int32Array(slots);
  }

  /** The time of the event pop() took last. */
  get time(): number {
    return this.clock[0]!;
  }

  get size(): number {
    return this.count;
  }

  /** The earliest event's time, +Infinity when the list is empty. */
  firstTime(): number {
    return this.times[0]!;
  }

  push(time: number, code: number, stamp = 0): void {
    if (this.count + 1 === this.times.length) this.grow();
    const times = this.times;
    const codes = this.codes;
    const stamps = this.stamps;
    let hole = this.count++;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && !follows(codes[parent]!, stamps[parent]!, code, stamp))) break;
      times[hole] = parentTime;
      codes[hole] = codes[parent]!;
      stamps[hole] = stamps[parent]!;
      hole = parent;
    }
    times[hole] = time;
    codes[hole] = code;
    stamps[hole] = stamp;
  }

  /** Take the earliest event into clock[0]/code/stamp; false when the list is empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const times = this.times;
    const codes = this.codes;
    const stamps = this.stamps;
    this.clock[0] = times[0]!;
    this.code = codes[0]!;
    this.stamp = stamps[0]!;
    const last = --this.count;
    const movingTime = times[last]!;
    const movingCode = codes[last]!;
    const movingStamp = stamps[last]!;
    times[last] = Infinity;
    if (last === 0) return true;
    let hole = 0;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= last) break;
      // The right child when it comes first (its time is +Infinity when there is none).
      const right = child + 1;
      const rightTime = times[right]!;
      const leftTime = times[child]!;
      if (rightTime === leftTime) child += +follows(codes[child]!, stamps[child]!, codes[right]!, stamps[right]!);
      else child += +(rightTime < leftTime);
      const childTime = times[child]!;
      if (childTime > movingTime || (childTime === movingTime && follows(codes[child]!, stamps[child]!, movingCode, movingStamp))) break;
      times[hole] = childTime;
      codes[hole] = codes[child]!;
      stamps[hole] = stamps[child]!;
      hole = child;
    }
    times[hole] = movingTime;
    codes[hole] = movingCode;
    stamps[hole] = movingStamp;
    return true;
  }

  private grow(): void {
    const slots = 2 * (this.times.length - 1) + 1;
    const times = new Float64Array(slots).fill(Infinity);
    const codes = new Int32Array(slots);
    const stamps = new Int32Array(slots);
    times.set(this.times);
    codes.set(this.codes);
    stamps.set(this.stamps);
    this.times = times;
    this.codes = codes;
    this.stamps = stamps;
  }
}

/** Of two events at the same time, whether (code, stamp) goes after (otherCode, otherStamp). */
function follows(code: number, stamp: number, otherCode: number, otherStamp: number): boolean {
  return code > otherCode || (code === otherCode && stamp > otherStamp);
}
