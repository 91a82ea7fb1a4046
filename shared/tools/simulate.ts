import { ValidationError } from "../catalog/errors";
import { defineTool } from "../catalog/types";
import { chooseMethod, rareNode } from "../simulator/rare/method";
import { runRareSerially } from "../simulator/rare/run";
import { runPlanSerially } from "../simulator/run";
import { planSimulation } from "../simulator/plan";
import { MAX_EVENTS, simulationParams } from "../simulator/scenario";

/**
 * The discrete-event simulator as a catalog tool: a design's lookups simulated event by event, the
 * success rate with 95% and 99% intervals and the mean latency, beside the design model's formula.
 * Runs its chunks one after another; shared/simulator/parallel.ts runs them on worker threads.
 */
export const simulateTool = defineTool({
  name: "simulate",
  title: "Simulate a tracker design",
  summary:
    "Discrete-event simulation of a server-based (dsmu, optionally spread over sites) or DHT (pdhta) tracker: success rate with confidence intervals and latency, beside the formula's value.",
  params: simulationParams,
  // 5e6 events take 0.2–6 s here: one interactive call answers in seconds, not minutes.
  work: { param: "events", max: MAX_EVENTS, perCall: 5e6, split: "run several requests with different seeds and combine them" },
  compute: (p) => {
    const plan = planSimulation(p);
    if (p.method === "crude") return runPlanSerially(plan);
    const choice = rareNode(plan);
    const chosen = chooseMethod(p.method, plan.analytic.unreliability!, choice);
    if (chosen.refused !== undefined)
      throw new ValidationError([{ path: "method", message: `method importance cannot take this run: ${chosen.refused}; use method crude` }]);
    if (chosen.method === "importance" && "node" in choice) return runRareSerially(plan, choice.node);
    const result = runPlanSerially(plan);
    if (chosen.note !== undefined) result.notes.push(chosen.note);
    return result;
  },
});
