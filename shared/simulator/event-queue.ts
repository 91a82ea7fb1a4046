/**
 * The future event list: a binary min-heap on time, kept in typed arrays so that a push or pop
 * allocates nothing (the simulator's speed is mostly this heap's speed). Each event carries two
 * small integers: what happens (a code the engine packs) and a stamp that lets the engine
 * recognise an event made stale since it was scheduled.
 *
 * Equal times pop in an order fixed by the sequence of pushes and pops, so a run is repeatable;
 * with continuous random times, equal times do not occur in practice anyway.
 */
export class EventQueue {
  private times: Float64Array;
  private codes: Int32Array;
  private stamps: Int32Array;
  private count = 0;

  /** Filled by pop(): the event just taken. */
  time = 0;
  code = 0;
  stamp = 0;

  constructor(initialCapacity = 64) {
    this.times = new Float64Array(initialCapacity);
    this.codes = new Int32Array(initialCapacity);
    this.stamps = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  push(time: number, code: number, stamp = 0): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const codes = this.codes;
    const stamps = this.stamps;
    let hole = this.count++;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime <= time) break;
      times[hole] = parentTime;
      codes[hole] = codes[parent]!;
      stamps[hole] = stamps[parent]!;
      hole = parent;
    }
    times[hole] = time;
    codes[hole] = code;
    stamps[hole] = stamp;
  }

  /** Take the earliest event into time/code/stamp; false when the list is empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const times = this.times;
    const codes = this.codes;
    const stamps = this.stamps;
    this.time = times[0]!;
    this.code = codes[0]!;
    this.stamp = stamps[0]!;
    const last = --this.count;
    if (last === 0) return true;
    const movingTime = times[last]!;
    const movingCode = codes[last]!;
    const movingStamp = stamps[last]!;
    let hole = 0;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && times[right]! < times[child]!) child = right;
      if (times[child]! >= movingTime) break;
      times[hole] = times[child]!;
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
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const codes = new Int32Array(capacity);
    const stamps = new Int32Array(capacity);
    times.set(this.times);
    codes.set(this.codes);
    stamps.set(this.stamps);
    this.times = times;
    this.codes = codes;
    this.stamps = stamps;
  }
}
