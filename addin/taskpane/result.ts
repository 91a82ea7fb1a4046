/**
 * The result: a line kept in sight at the top of the pane (success rate, unreliability, nines, or
 * the value of a model that gives no success rate) and, below the form, the model's details and
 * notes. Runs the model on every edit.
 */
import { runModel, ValidationError, withUnit, type Evaluation, type ModelResult } from "../../shared/index";
import { byId, element } from "./dom";
import { clearErrors, form, rawParams, showFormError } from "./form";
import { ninesText, numberText, successRate, unreliabilityText } from "./format";

function row(list: HTMLElement, key: string, label: string, text: string, title?: string): void {
  const value = element("dd", { id: `result-${key}`, textContent: text });
  if (title) value.title = title;
  list.append(element("div", {}, element("dt", { textContent: label }), value));
}

/**
 * Validate the form and run the model (one call); show the answer, or what to fix. Returns the
 * model's inputs (defaults filled in) for the plan, or undefined when the form is wrong.
 */
export function showResult(): Record<string, unknown> | undefined {
  const line = byId("result");
  const details = byId("result-details");
  const notes = byId("result-notes");
  line.replaceChildren();
  details.replaceChildren();
  notes.replaceChildren();
  clearErrors();
  const { model } = form;
  let run: Evaluation<ModelResult>;
  try {
    run = runModel(model, rawParams());
  } catch (error) {
    showFormError(error);
    const what = error instanceof ValidationError ? "fix the inputs marked below" : "the model could not run: see the message below the form";
    row(line, "status", "result", what);
    byId("result-bar").dataset.state = "error";
    return undefined;
  }
  byId("result-bar").dataset.state = "ok";
  const { inputs, result } = run;
  if (model.reliability) {
    // The exact value stays a hover away, as a cell would hold it.
    row(line, "value", "success rate", successRate(result.value, result.unreliability!), String(result.value));
    row(line, "unreliability", "unreliability", unreliabilityText(result.unreliability!), String(result.unreliability));
    row(line, "nines", "nines", ninesText(result.nines!));
  } else {
    row(line, "value", "value", numberText(result.value), String(result.value));
  }
  for (const out of model.outputs) {
    if (result[out.name] !== undefined) row(details, out.name, withUnit(out.name, out.unit), numberText(result[out.name]), String(result[out.name]));
  }
  byId("details").hidden = details.childElementCount === 0 && (result.notes ?? []).length === 0;
  for (const note of result.notes ?? []) notes.append(element("li", { textContent: note }));
  return inputs;
}
