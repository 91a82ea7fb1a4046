import { z } from "zod";
import { availabilityOf } from "../numerics";
import { real } from "../catalog/params";
import { reliabilityResult } from "../catalog/result";
import { defineModel } from "../catalog/types";

/**
 * Availability of a unit that fails and is repaired (the Pup of eq. 3), steady state or at time t.
 *
 *   A = MTTF / (MTTF + MTTR),   unavailability U = MTTR / (MTTF + MTTR)
 *   A(t) = µr/(λf + µr) + λf/(λf + µr)·e^{−(λf+µr)·t},  λf = 1/MTTF, µr = 1/MTTR, up at t = 0
 *   so U(t) = U · (−expm1(−t·(MTTF + MTTR)/(MTTF·MTTR))) and A(t) = A + U·e^{−t·(…)}
 *
 * A and U are each computed as their own quotient (numerics.availabilityOf): U from MTTR directly: 0.999999999 typed as a decimal is already 3e-8 off in its own
 * 1 − A, while MTTF = 1e9 h, MTTR = 1 h gives U = 1/(1e9 + 1) to the last digit.
 *
 * Example: MTTF = 999 h, MTTR = 1 h → A = 0.999, U = 1e-3, 3 nines.
 */
export const availability = defineModel({
  name: "availability",
  title: "Availability from MTTF and MTTR",
  group: "churn",
  summary: "Probability a repairable unit is up: steady state, or at time t after starting up.",
  formula: "A = MTTF / (MTTF + MTTR)",
  source: "standard reliability theory (paper §4.1, §5 repair)",
  params: z.strictObject({
    mttf: real({ description: "mean time to failure (for a peer: its mean session time)", unit: "h", min: 0, minExclusive: true, max: 1e15, effect: "raises" }),
    mttr: real({
      description: "mean time to repair (for a DHT: time until maintenance replaces a lost entry)",
      unit: "h",
      min: 0,
      max: 1e15,
      effect: "lowers",
    }),
    t: real({ description: "time since the unit started up; leave out for the steady state", unit: "h", min: 0, optional: true }),
  }),
  outputs: [],
  reliability: true,
  example: {
    params: { mttf: 999, mttr: 1 },
    comment: "a server down one hour in a thousand: 0.999",
    expected: { value: "0.999", unreliability: "1e-3", nines: "3" },
  },
  compute: ({ mttf, mttr, t }) => {
    const steady = availabilityOf(mttf, mttr);
    if (t === undefined || mttr === 0) return reliabilityResult(steady);
    if (t === 0) return reliabilityResult({ p: 1, q: 0 }, { notes: ["at t = 0 the unit has just started: it is up"] });
    // The rate λf + µr = (MTTF + MTTR)/(MTTF·MTTR) = 1/MTTR + 1/MTTF, written so it cannot overflow.
    const decay = -t * (1 / mttr + 1 / mttf);
    return reliabilityResult({ p: steady.p + steady.q * Math.exp(decay), q: steady.q * -Math.expm1(decay) });
  },
});
