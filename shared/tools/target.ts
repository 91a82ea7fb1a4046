/**
 * A target success rate as the tools take it (plan, cheapest): a success rate such as 0.99999, or
 * a number of nines such as 5, one of the two. The unreliability it allows is 10^−nines, or
 * 1 − target (exact: Sterbenz, for targets from 0.5 up).
 */
import { z } from "zod";

const targetRule = "must be a success rate between 0 and 1 (0.99999 for five nines)";
const ninesRule = "must be a number of nines above 0 and at most 300 (5 for 99.999%)";

export const targetFields = {
  target: z.number({ error: targetRule }).gt(0, { error: targetRule }).lt(1, { error: targetRule }).optional(),
  nines: z.number({ error: ninesRule }).gt(0, { error: ninesRule }).lte(300, { error: ninesRule }).optional(),
};

/** The rule across the two, for a tool's superRefine. */
export function checkTarget(p: { target?: number | undefined; nines?: number | undefined }, ctx: z.RefinementCtx): void {
  if ((p.target === undefined) === (p.nines === undefined))
    ctx.addIssue({
      code: "custom",
      path: ["target"],
      message: "give either target (a success rate such as 0.99999) or nines (such as 5), not both or neither",
    });
}

/** The unreliability a valid target allows. */
export function targetUnreliability(p: { target?: number | undefined; nines?: number | undefined }): number {
  return p.nines !== undefined ? 10 ** -p.nines : 1 - p.target!;
}
