/**
 * The what-if panel: one or two swept parameters and an output, drawn here as a chart (the sweep
 * tool) or, in Excel, inserted as a new sheet of live TRACKER formulas (whatif.ts lays it out,
 * workbook.ts writes it). In Excel this replaces the Data Table, which shows #CALC! with TRACKER
 * functions.
 */
import { evaluate, lookup, parseTextParams, type SweepResult, sweepChart } from "../../shared/index";
import { outputChoices } from "../functions/signatures";
import { drawChart } from "./chart";
import { byId, element, fieldValue } from "./dom";
import { currentParams, errorText, form, rawParamsExcept } from "./form";
import { activePreset, clearPreset, drawPreset } from "./presets";
import { figureLayout, whatIfLayout, type WhatIfLayout } from "./whatif";
import { insertWhatIfTable } from "./workbook";

/** The inputs of one swept axis: a parameter, from/to/steps/spacing, or a list of values. */
export function axisRow(n: 1 | 2): HTMLElement {
  const input = (name: string, label: string, size: number, mode: string) => [
    element("label", { htmlFor: `wi-${name}${n}`, textContent: label }),
    element("input", { id: `wi-${name}${n}`, type: "text", inputMode: mode, size } as Partial<HTMLInputElement>),
  ];
  const scale = element("select", { id: `wi-scale${n}` }, element("option", { textContent: "linear" }), element("option", { textContent: "log" }));
  scale.setAttribute("aria-label", `spacing of axis ${n}`);
  const values = element("input", { id: `wi-values${n}`, type: "text", placeholder: "1, 2, 5, 10" });
  return element(
    "div",
    { className: "axis" },
    element("label", { htmlFor: `wi-param${n}`, textContent: n === 1 ? "vary" : "and" }),
    element("select", { id: `wi-param${n}` }),
    ...input("from", "from", 7, "decimal"),
    ...input("to", "to", 7, "decimal"),
    ...input("steps", "steps", 4, "numeric"),
    scale,
    element("label", { htmlFor: `wi-values${n}`, textContent: "or the values" }),
    values,
  );
}

function axisInputs(n: 1 | 2) {
  return {
    param: byId<HTMLSelectElement>(`wi-param${n}`),
    from: byId<HTMLInputElement>(`wi-from${n}`),
    to: byId<HTMLInputElement>(`wi-to${n}`),
    steps: byId<HTMLInputElement>(`wi-steps${n}`),
    scale: byId<HTMLSelectElement>(`wi-scale${n}`),
    values: byId<HTMLInputElement>(`wi-values${n}`),
  };
}

/** A starting range for sweeping a parameter, from its metadata and its current value. */
export function suggestRange(n: 1 | 2): void {
  const inputs = axisInputs(n);
  const p = form.params.find((q) => q.name === inputs.param.value);
  inputs.values.value = "";
  if (!p) return;
  const current = Number(fieldValue(p.name) || p.default);
  let from: number,
    to: number,
    steps: number,
    scale = "linear";
  if (p.type === "choice") {
    inputs.values.value = (p.values ?? []).join(", ");
    [from, to, steps] = [NaN, NaN, NaN];
  } else if (p.type === "integer") {
    from = Math.max(p.min ?? 1, 1);
    to = Math.min(p.max ?? Infinity, from + 9);
    steps = to - from + 1;
  } else if (p.probability) {
    [from, to, steps] = [0.9, 0.9999, 20];
  } else if (Number.isFinite(current) && current > 0) {
    [from, to, steps, scale] = [current / 10, current * 10, 21, "log"];
    if (p.max !== undefined) to = Math.min(to, p.max);
  } else {
    [from, to, steps] = [p.min ?? 0, (p.min ?? 0) + 10, 11];
  }
  inputs.from.value = Number.isFinite(from) ? String(Number(from.toPrecision(6))) : "";
  inputs.to.value = Number.isFinite(to) ? String(Number(to.toPrecision(6))) : "";
  inputs.steps.value = Number.isFinite(steps) ? String(steps) : "";
  inputs.scale.value = scale;
}

/** The model's outputs to show, nines (or the value) first chosen. */
function fillOutputs(): void {
  const { model } = form;
  byId<HTMLSelectElement>("wi-output").replaceChildren(
    ...outputChoices(model).map((o) => element("option", { value: o, textContent: o, selected: o === (model.reliability ? "nines" : "value") })),
  );
}

/** Set the panel up for the model chosen: its parameters on the axes, a range for the first. */
export function setupWhatIf(): void {
  clearPreset();
  const options = () => form.params.map((p) => element("option", { value: p.name, textContent: p.name }));
  const first = axisInputs(1);
  const second = axisInputs(2);
  first.param.replaceChildren(...options());
  second.param.replaceChildren(element("option", { value: "", textContent: "(nothing else)" }), ...options());
  const sweepable = form.params.find((p) => p.type === "integer") ?? form.params[0];
  if (sweepable) first.param.value = sweepable.name;
  second.param.value = "";
  suggestRange(1);
  suggestRange(2);
  fillOutputs();
  byId("wi-error").textContent = "";
  byId("wi-status").textContent = "";
  byId("wi-chart").replaceChildren();
}

/** An axis as the sweep tool takes it: the listed values if any, else from/to/steps/scale. */
function axisRequest(n: 1 | 2): Record<string, unknown> | undefined {
  const inputs = axisInputs(n);
  const param = inputs.param.value;
  if (!param) return undefined;
  const sweep = lookup("sweep");
  if (inputs.values.value.trim()) {
    const values = inputs.values.value
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map((v, i) => parseTextParams(sweep, { [i]: v })[i]);
    return { param, values };
  }
  const numbers = parseTextParams(sweep, { from: inputs.from.value, to: inputs.to.value, steps: inputs.steps.value });
  return { param, ...numbers, scale: inputs.scale.value };
}

/** The form's what-if: the model's validated parameters, and the sweep over the chosen axes. */
function sweepForm(): { result: SweepResult; valid: Record<string, unknown> } | undefined {
  const error = byId("wi-error");
  error.textContent = "";
  const valid = currentParams();
  if (!valid) {
    error.textContent = "Fix the parameters above first.";
    return undefined;
  }
  const over = [axisRequest(1), axisRequest(2)].filter((a) => a !== undefined);
  const swept = new Set(over.map((a) => a.param as string));
  // An output beyond value, unreliability and nines is a column only when the sweep is asked for it.
  const output = byId<HTMLSelectElement>("wi-output").value;
  const outputs = form.model.outputs.some((o) => o.name === output) ? [output] : undefined;
  try {
    return { result: evaluate("sweep", { model: form.model.name, fixed: rawParamsExcept(swept), over, outputs }), valid };
  } catch (e) {
    error.textContent = errorText(e);
    return undefined;
  }
}

/** Draw the chart: the figure if one is chosen, else the planner's sweep. */
export function drawWhatIf(): void {
  if (activePreset()) {
    drawPreset();
    return;
  }
  const run = sweepForm();
  if (!run) return;
  const { result } = run;
  const first = axisInputs(1);
  try {
    // The spacing the planner chose for the first axis; a list of values is drawn on a linear one.
    const xLog = first.scale.value === "log" && !first.values.value.trim();
    drawChart(byId("wi-chart"), sweepChart(result, byId<HTMLSelectElement>("wi-output").value, { xLog }));
  } catch (e) {
    byId("wi-error").textContent = errorText(e);
    return;
  }
  byId("wi-status").textContent = `${result.cells} points computed.`;
}

/** Redraw a figure when another output is picked (a sweep waits for Draw chart). */
export function outputChanged(): void {
  if (activePreset()) drawPreset();
}

/** Any change to the model, its parameters or the axes leaves the preset for the planner's own what-if. */
export function leavePreset(): void {
  if (clearPreset()) fillOutputs();
}

function currentLayout(): WhatIfLayout | undefined {
  const output = byId<HTMLSelectElement>("wi-output").value;
  const preset = activePreset();
  if (preset) return figureLayout({ ...preset, output });
  const run = sweepForm();
  return run && whatIfLayout({ model: form.model.name, params: run.valid, axes: run.result.axes, output });
}

/** Write the what-if (or the figure) into a new sheet of live TRACKER formulas. */
export async function insertTable(): Promise<void> {
  const status = byId("wi-status");
  try {
    const layout = currentLayout();
    if (!layout) return;
    status.textContent = "Writing the sheet…";
    // workbook.ts may give the sheet another name than the layout's (one no sheet has yet).
    const { sheetName, formulaCount } = await insertWhatIfTable(layout);
    status.textContent = `Inserted sheet "${sheetName}" with ${formulaCount} live TRACKER formulas and a chart.`;
  } catch (error) {
    status.textContent = "";
    byId("wi-error").textContent = (error as Error).message;
  }
}
