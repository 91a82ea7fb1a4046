/**
 * The what-if panel: one or two swept parameters and an output, drawn here as a chart (the sweep
 * tool) or, in Excel, inserted as a new sheet of live TRACKER formulas (whatif.ts lays it out,
 * workbook.ts writes it). In Excel this replaces the Data Table, which shows #CALC! with TRACKER
 * functions. The axis pickers follow the form: what axes.ts finds cannot be swept with its values
 * is disabled with the catalog's reason, re-checked on every edit.
 */
import { evaluate, lookup, parseTextParams, type SweepResult, sweepChart, validate } from "../../shared/index";
import { outputChoices } from "../functions/signatures";
import { drawChart } from "./chart";
import { axisChoices, type AxisChoice, type AxisSuggestion, type OtherAxis } from "./axes";
import { byId, element } from "./dom";
import { currentParams, errorText, form, rawParams, rawParamsExcept } from "./form";
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

/** What each axis's range fields held when last filled in by suggestRange: while they still do, a change of the form suggests them again. */
const suggested: Record<1 | 2, string | undefined> = { 1: undefined, 2: undefined };

function rangeFields(n: 1 | 2): string {
  const { from, to, steps, scale, values } = axisInputs(n);
  return JSON.stringify([from.value, to.value, steps.value, scale.value, values.value]);
}

/** The other axis, when one is chosen: its parameter and the values its fields sweep (its own suggestion when they do not read as a sweep). */
function otherAxis(n: 1 | 2): OtherAxis | undefined {
  const m = n === 1 ? 2 : 1;
  const name = axisInputs(m).param.value;
  if (!name) return undefined;
  try {
    const request = axisRequest(m)!;
    const suggestion: AxisSuggestion | undefined = Array.isArray(request.values)
      ? { kind: "values", values: request.values as (number | string)[] }
      : [request.from, request.to, request.steps].every((x) => typeof x === "number" && Number.isFinite(x)) && Number.isInteger(request.steps)
        ? {
            kind: "range",
            from: request.from as number,
            to: request.to as number,
            steps: request.steps as number,
            scale: request.scale === "log" ? "log" : "linear",
          }
        : undefined;
    return { name, ...(suggestion && { suggestion }) };
  } catch {
    return { name };
  }
}

/** Axis n's candidates with the form as it stands (axes.ts decides which can work). */
function choicesFor(n: 1 | 2): AxisChoice[] {
  return axisChoices(form.model, rawParams(), otherAxis(n));
}

/** A starting range for sweeping the parameter axis n holds, from its metadata and the form's values. */
export function suggestRange(n: 1 | 2, choice?: AxisChoice): void {
  const inputs = axisInputs(n);
  const picked = choice ?? choicesFor(n).find((c) => c.name === inputs.param.value);
  inputs.values.value = "";
  if (!picked) {
    for (const field of [inputs.from, inputs.to, inputs.steps]) field.value = "";
    suggested[n] = rangeFields(n);
    return;
  }
  const s = picked.suggestion;
  inputs.from.value = s.kind === "range" ? String(s.from) : "";
  inputs.to.value = s.kind === "range" ? String(s.to) : "";
  inputs.steps.value = s.kind === "range" ? String(s.steps) : "";
  inputs.scale.value = s.kind === "range" ? s.scale : "linear";
  if (s.kind === "values") inputs.values.value = s.values.join(", ");
  suggested[n] = rangeFields(n);
}

/**
 * Mark on axis n's picker what cannot be swept with the form as it stands (disabled, the catalog's
 * reason as its title). A selection that can no longer work moves to the first that can (axis 2 to
 * nothing); when none can, it stays, and the note says why. Returns what the note should say.
 */
function markAxis(n: 1 | 2): string | undefined {
  const picker = axisInputs(n).param;
  const choices = choicesFor(n);
  const byName = new Map(choices.map((c) => [c.name, c]));
  for (const option of picker.options) {
    if (!option.value) continue;
    const c = byName.get(option.value);
    // The other axis's own parameter is no candidate here: the sweep refuses one parameter twice.
    const works = c?.works ?? false;
    option.disabled = !works;
    option.textContent = works ? option.value : `${option.value} (not with these inputs)`;
    option.title = c?.why ?? (c ? "" : `${option.value} is swept on the other axis`);
  }
  const current = byName.get(picker.value);
  const previous = suggested[n] === rangeFields(n);
  if (!picker.value || current?.works) {
    if (current && previous) suggestRange(n, current);
    return undefined;
  }
  const was = picker.value;
  const why = current?.why ?? `${was} is swept on the other axis`;
  const next = n === 1 ? choices.find((c) => c.works) : undefined;
  if (n === 2) picker.value = "";
  else if (next) picker.value = next.name;
  else return `Nothing can be swept with these inputs: ${why}.`;
  suggestRange(n, next);
  return `${was} cannot be swept with these inputs (${why}); ${n === 1 ? `sweeping ${next!.name} instead` : "the second axis is cleared"}.`;
}

/** Whether the note says that nothing can be swept (it goes once something can), rather than what moved (it stays until the planner picks an axis). */
let stuck = false;

/** Both pickers marked for the form as it stands; the note says what moved, or why nothing can be swept. */
export function refreshAxes(): void {
  // A form the catalog refuses says nothing about the axes: they stay as they were until it is fixed.
  try {
    validate(form.model.name, rawParams());
  } catch {
    return;
  }
  const notes = [markAxis(1), markAxis(2)];
  // Axis 2 may have moved: axis 1's candidates depend on it.
  if (notes.some((t) => t !== undefined)) notes.push(markAxis(1));
  const said = notes.filter((t) => t !== undefined);
  const note = byId("wi-axis-note");
  if (said.length > 0) note.textContent = said.join(" ");
  else if (stuck) note.textContent = "";
  stuck = said.some((t) => t.startsWith("Nothing"));
}

/** The planner picked another parameter for axis n: its starting range, and the other picker marked again. */
export function axisChanged(n: 1 | 2): void {
  byId("wi-axis-note").textContent = "";
  suggestRange(n);
  refreshAxes();
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
  second.param.value = "";
  // A count first (servers, replicas), as planners usually size them; else any that can be swept.
  const choices = choicesFor(1);
  const info = new Map(form.params.map((p) => [p.name, p]));
  const start = choices.find((c) => c.works && info.get(c.name)?.type === "integer") ?? choices.find((c) => c.works) ?? choices[0];
  if (start) first.param.value = start.name;
  suggestRange(1, start);
  suggestRange(2);
  byId("wi-axis-note").textContent = "";
  refreshAxes();
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
