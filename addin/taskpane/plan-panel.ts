/**
 * Capacity planning: the value of one parameter that reaches a number of nines, by the catalog's
 * plan tool. In Excel this is the Goal Seek that works with TRACKER functions (Excel's own gives
 * wrong answers on them); TRACKER.PLAN does the same in a cell.
 */
import { catalog, evaluate, lookup, parseTextParams } from "../../shared/index";
import { byId, element } from "./dom";
import { errorText, form, rawParamsExcept } from "./form";
import { ninesText, numberText, successRate } from "./format";

/** Offer every numeric parameter of the model, the counts that raise the success rate first. */
export function setupPlan(): void {
  const { model, params } = form;
  const section = byId("plan");
  const find = byId<HTMLSelectElement>("plan-find");
  // Every number is plannable: those without a monotone effect (servers, supernodes) are searched for a window.
  const candidates = params.filter((p) => p.type !== "choice");
  section.hidden = !catalog.has("plan") || !model.reliability || candidates.length === 0;
  find.replaceChildren(...candidates.map((p) => element("option", { value: p.name, textContent: `${p.name}: ${p.description}` })));
  // Counts (servers, replicas) are what planners usually size first.
  const preferred = candidates.find((p) => p.type === "integer" && p.effect === "raises") ?? candidates[0];
  if (preferred) find.value = preferred.name;
}

/** Answer the plan for the form as it stands; `valid` is undefined while the form is wrong. */
export function updatePlan(valid: Record<string, unknown> | undefined): void {
  if (byId("plan").hidden) return;
  const answer = byId("plan-answer");
  const detail = byId("plan-detail");
  if (!valid) {
    answer.textContent = "";
    detail.textContent = "Fix the parameters above to plan.";
    return;
  }
  const find = byId<HTMLSelectElement>("plan-find").value;
  const fixed = rawParamsExcept(new Set([find]));
  const ninesInput = byId<HTMLInputElement>("plan-nines").value;
  try {
    const nines = parseTextParams(lookup("plan"), { nines: ninesInput }).nines;
    const result = evaluate("plan", { model: form.model.name, find, fixed, nines });
    const reached = result.achieved && `${successRate(result.achieved.value, result.achieved.unreliability)} (${ninesText(result.achieved.nines)} nines)`;
    // A success rate that is not monotone in the parameter is met in a window, which is the answer to show.
    const span = !result.monotone && result.interval;
    answer.textContent = !result.feasible
      ? "Not reachable"
      : span
        ? `${find} from ${numberText(span.from)} to ${numberText(span.to)} reaches the target; ${find} = ${numberText(result.value)} reaches ${reached}`
        : `${find} = ${numberText(result.value)} reaches ${reached}`;
    detail.textContent = result.message;
  } catch (error) {
    answer.textContent = "";
    detail.textContent = errorText(error);
  }
}
