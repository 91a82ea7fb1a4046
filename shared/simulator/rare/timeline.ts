/**
 * The integral over time of a lookup's failure probability along one simulated path.
 *
 * The path is piecewise constant: state i holds on [times[i], times[i + 1]), the last state for
 * ever. A lookup arriving at t looks at the path at t + o for each of its attempts' offsets o, so
 * φ(t) is piecewise constant too, changing only where t + o crosses a change of the path. The
 * integral is then exact: a sum over those pieces of φ at the piece's midpoint (the midpoint, so
 * that rounding at a piece's ends cannot read a neighbouring state) times its length.
 */

export interface Timeline {
  /** Change times, increasing; times[0] is where the path starts. */
  times: Float64Array;
  /** States recorded: state i holds from times[i] (to times[i + 1], or for ever for the last). */
  count: number;
}

/** A timeline being recorded: change times appended in order into an array that doubles as it fills, reused cycle after cycle. */
export class TimelineRecorder implements Timeline {
  times = new Float64Array(64);
  count = 0;

  clear(): void {
    this.count = 0;
  }

  /** Append a change at t; returns its state's index. */
  push(t: number): number {
    if (this.count === this.times.length) {
      const wider = new Float64Array(this.times.length * 2);
      wider.set(this.times);
      this.times = wider;
    }
    this.times[this.count] = t;
    return this.count++;
  }
}

/** A lookup's attempt offsets, prepared once: the distinct ones in order, and which of them each attempt is at. */
export interface PreparedOffsets {
  offsets: Float64Array;
  distinct: Float64Array;
  slot: Int32Array;
}

export function prepareOffsets(offsets: Float64Array): PreparedOffsets {
  const distinct = Float64Array.from(new Set(offsets)).sort();
  return { offsets, distinct, slot: Int32Array.from(offsets, (o) => distinct.indexOf(o)) };
}

/**
 * ∫_from^to φ(t) dt, where φ(t) = value(s) and s[a] is the state the path is in at t + offsets[a].
 * Returns the integral and the pieces it took (the work, which the run's budget counts). The pieces
 * are counted before any is weighed: past `maxPieces` nothing is evaluated and the result is cut.
 */
export function integrateAlong(
  path: Timeline,
  from: number,
  to: number,
  prepared: PreparedOffsets,
  value: (stateAt: Int32Array) => number,
  maxPieces = Infinity,
): { integral: number; pieces: number; cut: boolean } {
  if (!(to > from)) return { integral: 0, pieces: 0, cut: false };
  const { times, count } = path;
  const { distinct, slot } = prepared;
  const breaks: number[] = [];
  for (const o of distinct)
    for (let i = 1; i < count; i++) {
      const t = times[i]! - o;
      if (t > from && t < to) breaks.push(t);
    }
  if (breaks.length + 1 > maxPieces) return { integral: 0, pieces: 0, cut: true };
  const cuts = Float64Array.from(breaks).sort();
  const attempts = slot.length;
  const stateAt = new Int32Array(attempts);
  const pointer = new Int32Array(distinct.length);
  let integral = 0;
  let pieces = 0;
  let start = from;
  for (let c = 0; c <= cuts.length; c++) {
    const end = c < cuts.length ? cuts[c]! : to;
    if (end > start) {
      const middle = start + (end - start) / 2;
      for (let d = 0; d < distinct.length; d++) {
        const at = middle + distinct[d]!;
        let i = pointer[d]!;
        while (i + 1 < count && times[i + 1]! <= at) i++;
        pointer[d] = i;
      }
      for (let a = 0; a < attempts; a++) stateAt[a] = pointer[slot[a]!]!;
      integral += value(stateAt) * (end - start);
      pieces++;
    }
    start = end;
  }
  return { integral, pieces, cut: false };
}
