/**
 * The ticks of a chart's axis. An axis takes the densest round ticks whose labels leave a gap
 * between neighbours (chooseTicks): steps of 1, 2 or 5 times a power of ten on a linear axis;
 * 1-2-5 within each decade of a short log axis, then every 1st, 2nd, 3rd, 5th, 10th… decade of a
 * long one; every 1st, 2nd, 3rd, 5th… category of an axis of names.
 */

/** An axis: its span (in decades when `log`), and the names of its categories when its values are 1…n standing for them. */
export interface Axis {
  lo: number;
  hi: number;
  log: boolean;
  categories?: readonly string[];
}

/** The room an axis gives its labels. */
export interface AxisRoom {
  /** Pixels along the axis. */
  length: number;
  /** Pixels a label takes along the axis: its width on x, its height on y. */
  extent(label: string): number;
  /** Pixels at least between neighbouring labels. */
  gap: number;
}

export interface Ticks {
  values: number[];
  labels: string[];
}

/** Where a value sits along the axis, from 0 at `lo` to 1 at `hi`. */
export function axisFraction(axis: Axis, v: number): number {
  return ((axis.log ? Math.log10(v) : v) - axis.lo) / (axis.hi - axis.lo);
}

/**
 * The axis over these values (finite, and positive when `log`). A span too narrow to tell apart in
 * double precision (all values equal, say) is widened around its middle: half a decade each way on
 * a log axis, a tenth of the value (or 0.5 around 0) on a linear one.
 */
export function axisOver(values: readonly number[], log: boolean, categories?: readonly string[]): Axis {
  const t = (v: number) => (log ? Math.log10(v) : v);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, t(v));
    hi = Math.max(hi, t(v));
  }
  if (!(hi - lo > Math.max(Math.abs(lo), Math.abs(hi), log ? 1 : 0) * 1e-9 && hi - lo > 1e-200)) {
    const middle = (lo + hi) / 2;
    const half = log || Math.abs(middle) < 1e-190 ? 0.5 : Math.abs(middle) / 10;
    [lo, hi] = [middle - half, middle + half];
  }
  return { lo, hi, log, categories };
}

const clean = (v: number) => Number(v.toPrecision(12));

/** The least of 1, 2 and 5 times a power of ten that is at least `raw`. */
function roundStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return clean([1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw * (1 - 1e-9))!);
}

/**
 * The decades a double can reach: an unreliability computed directly can be subnormal (rserver with
 * Rs = 0.9 and n = 323 is 9.9e-324), and 10^-324 is 0, whose logarithm no axis can place.
 */
const LOWEST_DECADE = Math.log10(Number.MIN_VALUE);
const HIGHEST_DECADE = Math.log10(Number.MAX_VALUE);

/**
 * The axis widened to round values at both ends, so that no line runs along its frame: whole decades
 * on a log axis spanning one or more, multiples of a round step of about a twentieth of the span on
 * a linear one.
 */
export function roundedOut(axis: Axis): Axis {
  if (axis.categories) return axis;
  if (axis.log)
    return axis.hi - axis.lo >= 1
      ? { ...axis, lo: Math.max(Math.floor(axis.lo + 1e-9), LOWEST_DECADE), hi: Math.min(Math.ceil(axis.hi - 1e-9), HIGHEST_DECADE) }
      : axis;
  const step = roundStep((axis.hi - axis.lo) / 20);
  return { ...axis, lo: clean(Math.floor(axis.lo / step + 1e-9) * step), hi: clean(Math.ceil(axis.hi / step - 1e-9) * step) };
}

/** Round ticks `step` apart within [lo, hi]. */
function ticksEvery(lo: number, hi: number, step: number): number[] {
  const ticks: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i <= Math.floor(hi / step + 1e-9); i++) ticks.push(Math.abs(i * step) < step * 1e-9 ? 0 : clean(i * step));
  return ticks;
}

/** Ever sparser round steps: 1, 2, 3, 5, then 10, 20, 25, 50 times each power of ten. */
function* roundSteps(): Generator<number> {
  yield* [1, 2, 3, 5];
  for (let power = 10; Number.isFinite(power); power *= 10) for (const m of [1, 2, 2.5, 5]) yield m * power;
}

/** Linear tick sets from about five ticks to one, ever sparser: steps of 1, 2, 5 times a power of ten. */
function linearCandidates(lo: number, hi: number): number[][] {
  const raw = (hi - lo) / 5;
  const out: number[][] = [];
  for (let power = 10 ** Math.floor(Math.log10(raw)); out.length < 40; power *= 10) {
    for (const m of [1, 2, 5]) {
      const step = m * power;
      if (step < raw * (1 - 1e-9)) continue;
      const ticks = ticksEvery(lo, hi, step);
      out.push(ticks);
      if (ticks.length <= 1) return out;
    }
  }
  return out;
}

/** Log tick sets, `lo` and `hi` in decades: 1-2-5 within each decade on a short axis, then every 1st, 2nd, 3rd, 5th, 10th… decade. */
function logCandidates(lo: number, hi: number): number[][] {
  const out: number[][] = [];
  if (hi - lo <= 4) {
    const ticks: number[] = [];
    for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
      for (const m of [1, 2, 5]) {
        const v = m * 10 ** e;
        if (v > 0 && Number.isFinite(v) && Math.log10(v) >= lo - 1e-9 && Math.log10(v) <= hi + 1e-9) ticks.push(clean(v));
      }
    }
    out.push(ticks);
  }
  for (const step of roundSteps()) {
    // A decade past what a double holds is 0 or Infinity: not a tick.
    const ticks = ticksEvery(lo, hi, step)
      .map((e) => clean(10 ** e))
      .filter((v) => v > 0 && Number.isFinite(v));
    out.push(ticks);
    if (ticks.length <= 1) break;
  }
  return out;
}

/** Category tick sets: every category, then every 2nd, 3rd, 5th, 10th…, always from the first. */
function categoryCandidates(count: number): number[][] {
  const out: number[][] = [];
  for (const step of roundSteps()) {
    const ticks: number[] = [];
    for (let i = 1; i <= count; i += step) ticks.push(i);
    out.push(ticks);
    if (ticks.length <= 1) break;
  }
  return out;
}

/** The tick sets an axis may take, densest first. */
export function tickCandidates(axis: Axis): number[][] {
  if (axis.categories) return categoryCandidates(axis.categories.length);
  return axis.log ? logCandidates(axis.lo, axis.hi) : linearCandidates(axis.lo, axis.hi);
}

const exponent = (v: number, digits: number) =>
  v
    .toExponential(digits)
    .replace(/\.?0+e/, "e")
    .replace("e+", "e");

/** Labels for a set of ticks: decades as 0.01, 1000, 1e-25; linear ticks to the digits their step needs; categories by name. */
export function tickLabels(ticks: readonly number[], axis: Axis): string[] {
  if (axis.categories) return ticks.map((v) => axis.categories![v - 1] ?? "");
  if (axis.log) return ticks.map((v) => (v >= 1e4 || v < 1e-3 ? exponent(v, 0) : String(v)));
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : Math.abs(ticks[0] ?? 1) || 1;
  return ticks.map((v) => {
    if (v === 0) return "0";
    const a = Math.abs(v);
    if (a >= 1e6 || a < 1e-3) return exponent(v, Math.min(6, Math.max(0, Math.floor(Math.log10(a)) - Math.floor(Math.log10(step)))));
    return String(Number(v.toFixed(Math.min(12, Math.max(0, -Math.floor(Math.log10(step)))))));
  });
}

/**
 * The densest round ticks on the axis whose labels do not overlap: each pair of neighbours at least
 * (half of each one's extent) + gap apart along the axis. `candidates` are tickCandidates(axis),
 * passed in when the caller has them already.
 */
export function chooseTicks(axis: Axis, room: AxisRoom, candidates = tickCandidates(axis)): Ticks {
  const at = (v: number) => axisFraction(axis, v) * room.length;
  let last: Ticks | undefined;
  for (const values of candidates) {
    if (values.length === 0) continue;
    const labels = tickLabels(values, axis);
    const sizes = labels.map((l) => room.extent(l));
    const fits = values.every((v, i) => i === 0 || at(v) - at(values[i - 1]!) >= (sizes[i]! + sizes[i - 1]!) / 2 + room.gap);
    if (fits) return { values, labels };
    last = { values, labels };
  }
  // Even the sparsest set overlaps (a very short axis): one label, in the middle of that set.
  const one = last ? [last.values[Math.floor((last.values.length - 1) / 2)]!] : [axis.categories ? 1 : axis.log ? clean(10 ** axis.lo) : axis.lo];
  return { values: one, labels: tickLabels(one, axis) };
}
