import { nines, type Prob } from "../numerics";
import type { ModelResult } from "./types";

/**
 * The result of a reliability model: the success rate, its unreliability computed directly (never
 * as 1 − value), and the nines. A perfect or underflowing unreliability is said in a note, since
 * its nines are unbounded.
 */
export function reliabilityResult(r: Prob, details?: Record<string, unknown> & { notes?: string[] }): ModelResult {
  // One literal, and the details assigned only when there are some: spreading an object into the
  // result cost more than eq. (1)'s arithmetic.
  const result: ModelResult = { value: r.p, unreliability: r.q, nines: nines(r.q) };
  return noteUnbounded(details ? Object.assign(result, details) : result);
}

/**
 * The note of an unbounded nines, for a result written out as one object literal (the designs do,
 * because spreading details into a result costs them more than all of their arithmetic).
 */
export function noteUnbounded<R extends ModelResult & { notes?: string[] }>(result: R): R {
  if (result.unreliability === 0) {
    const note =
      result.value === 1
        ? "the unreliability is exactly 0: nines are unbounded"
        : "the unreliability is below the smallest representable number (1e-308): nines are unbounded";
    // No spread of an empty list: a sweep of perfect cells makes a million of these notes.
    result.notes = result.notes ? [...result.notes, note] : [note];
  }
  return result;
}
