/**
 * The planner task pane. Inside Excel it also writes what-if sheets with live TRACKER formulas;
 * opened in a plain browser (no Office host, or Office.js unreachable) it is a standalone planner
 * with its own chart. Every field, unit, default, rule and message comes from the catalog.
 */
/// <reference types="office-js" />
import {
  catalog,
  describeParams,
  evaluate,
  lookup,
  lookupModel,
  models,
  parseTextParams,
  runModel,
  validate,
  ValidationError,
  type AnyModel,
  type Evaluation,
  type FieldError,
  type FigureResult,
  type ModelResult,
  type ParamInfo,
  type SweepResult,
} from "../../shared/index";
import { outputChoices } from "../functions/signatures";
import { drawChart, type ChartSeries } from "./chart";
import { figureLayout, whatIfLayout, type WhatIfLayout } from "./whatif";
import { insertWhatIfTable } from "./workbook";

const byId = <T extends HTMLElement = HTMLElement>(id: string) => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the task pane page lacks #${id}`);
  return found as T;
};

let model: AnyModel = models[0];
let params: ParamInfo[] = [];

// ---------- formatting ----------

/** A success rate as a percentage with as many digits as its nines need: 99.999%, 99.9996%. */
function percent(value: number, unreliability: number): string {
  if (unreliability === 0) return "100%";
  const digits = Math.min(12, Math.max(1, Math.floor(-Math.log10(unreliability)) - 1));
  return `${(value * 100).toFixed(digits).replace(/\.?0+$/, "")}%`;
}

function formatNumber(v: unknown): string {
  if (typeof v !== "number") return String(v);
  if (v === Infinity) return "unbounded";
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e7)) return v.toExponential(4);
  return String(Number(v.toPrecision(8)));
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

// ---------- the model and its form ----------

function fillModelPicker(): void {
  const picker = byId<HTMLSelectElement>("model");
  const designs = models.filter((m) => m.group === "design");
  const others = models.filter((m) => m.group !== "design");
  const group = (label: string, list: readonly AnyModel[]) =>
    element("optgroup", { label }, ...list.map((m) => element("option", { value: m.name, textContent: m.title })));
  if (designs.length) picker.append(group("Designs", designs));
  picker.append(group("Models", others));
  picker.addEventListener("change", () => selectModel(picker.value));
}

function fieldFor(p: ParamInfo): HTMLElement {
  const id = `param-${p.name}`;
  const unit = p.unit && p.unit !== "probability" ? ` (${p.unit})` : "";
  const label = element("label", { htmlFor: id }, element("code", { textContent: p.name }), unit);
  let input: HTMLInputElement | HTMLSelectElement;
  if (p.type === "choice") {
    input = element("select", { id, name: p.name });
    if (p.default === undefined) input.append(element("option", { value: "", textContent: "(leave out)" }));
    for (const v of p.values ?? []) input.append(element("option", { value: v, textContent: v, selected: v === p.default }));
  } else {
    input = element("input", { id, name: p.name, type: "text", inputMode: "decimal", autocomplete: "off" });
    if (p.default !== undefined) input.placeholder = String(p.default);
    else if (p.optional) input.placeholder = "optional";
  }
  input.setAttribute("aria-describedby", `help-${p.name} error-${p.name}`);
  input.addEventListener("input", recompute);
  const fallback = p.default !== undefined ? ` Default ${p.default}.` : p.optional ? " Optional." : "";
  const help = element("small", { id: `help-${p.name}`, className: "help", textContent: `${p.description}: ${p.rule}.${fallback}` });
  const error = element("div", { id: `error-${p.name}`, className: "error" });
  error.setAttribute("role", "alert");
  return element("div", { className: "field" }, label, input, help, error);
}

/** The form's example values: what the catalog suggests, so the first result is meaningful. */
function fillExample(): void {
  for (const [name, value] of Object.entries(model.example.params)) {
    const input = document.getElementById(`param-${name}`) as HTMLInputElement | null;
    if (input) input.value = String(value);
  }
}

function selectModel(name: string, values?: Record<string, unknown>): void {
  preset = undefined;
  model = lookupModel(name);
  params = describeParams(model);
  byId<HTMLSelectElement>("model").value = name;
  byId("model-summary").textContent = `${model.summary} (${model.source})`;
  byId("model-formula").textContent = model.formula;
  const form = byId<HTMLFormElement>("params");
  form.replaceChildren(...params.map(fieldFor));
  if (values) {
    for (const [key, value] of Object.entries(values)) {
      const input = document.getElementById(`param-${key}`) as HTMLInputElement | null;
      if (input) input.value = String(value);
    }
  } else fillExample();
  setupPlan();
  setupWhatIf();
  recompute();
}

/** The form as the catalog sees it: empty fields left out (defaults apply), text turned into numbers by the catalog's rule. */
function rawParams(): Record<string, unknown> {
  const text: Record<string, string> = {};
  for (const p of params) {
    const value = (document.getElementById(`param-${p.name}`) as HTMLInputElement).value;
    if (value.trim() !== "") text[p.name] = value;
  }
  return parseTextParams(model, text);
}

function showErrors(errors: FieldError[], generalId: string): void {
  const general: string[] = [];
  for (const e of errors) {
    const field = document.getElementById(`error-${e.path.split(".")[0]}`);
    if (field && e.path) {
      field.textContent = field.textContent ? `${field.textContent}; ${e.message}` : e.message;
      document.getElementById(`param-${e.path.split(".")[0]}`)?.setAttribute("aria-invalid", "true");
    } else general.push(e.message);
  }
  byId(generalId).textContent = general.join("; ");
}

function clearErrors(): void {
  for (const p of params) {
    byId(`error-${p.name}`).textContent = "";
    byId(`param-${p.name}`).removeAttribute("aria-invalid");
  }
  byId("params-error").textContent = "";
}

/** Show what is wrong with the form: field by field for a ValidationError, else the message. */
function showFormError(error: unknown): void {
  if (error instanceof ValidationError) showErrors(error.errors, "params-error");
  else byId("params-error").textContent = (error as Error).message;
}

/** The validated parameters (defaults filled in), or undefined after showing what is wrong. */
function currentParams(): Record<string, unknown> | undefined {
  clearErrors();
  try {
    return validate(model.name, rawParams());
  } catch (error) {
    showFormError(error);
    return undefined;
  }
}

function recompute(): void {
  const resultList = byId("result");
  const notes = byId("result-notes");
  resultList.replaceChildren();
  notes.replaceChildren();
  clearErrors();
  // One call validates the form and runs the model; its inputs (defaults filled in) feed the plan.
  let run: Evaluation<ModelResult>;
  try {
    run = runModel(model, rawParams());
  } catch (error) {
    showFormError(error);
    if (error instanceof ValidationError) {
      resultList.append(element("dt", { textContent: "—" }), element("dd", { textContent: "fix the inputs marked above" }));
    }
    updatePlan(undefined);
    return;
  }
  const { inputs: valid, result } = run;
  const row = (key: string, label: string, text: string) =>
    resultList.append(element("dt", { textContent: label }), element("dd", { id: `result-${key}`, textContent: text }));
  if (model.reliability) {
    row("value", "success rate", `${percent(result.value, result.unreliability!)} (${formatNumber(result.value)})`);
    row("unreliability", "unreliability", formatNumber(result.unreliability));
    row("nines", "nines", result.nines === Infinity ? "unbounded" : result.nines!.toFixed(2));
  } else {
    row("value", "value", formatNumber(result.value));
  }
  for (const out of model.outputs) {
    if (result[out.name] !== undefined) row(out.name, `${out.name}${out.unit ? ` (${out.unit})` : ""}`, formatNumber(result[out.name]));
  }
  for (const note of result.notes ?? []) notes.append(element("li", { textContent: note }));
  updatePlan(valid);
}

// ---------- capacity planning ----------

function setupPlan(): void {
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

function updatePlan(valid: Record<string, unknown> | undefined): void {
  if (byId("plan").hidden) return;
  const answer = byId("plan-answer");
  const detail = byId("plan-detail");
  if (!valid) {
    answer.textContent = "";
    detail.textContent = "Fix the parameters above to plan.";
    return;
  }
  const find = byId<HTMLSelectElement>("plan-find").value;
  const fixed = Object.fromEntries(Object.entries(rawParams()).filter(([k]) => k !== find));
  const ninesText = byId<HTMLInputElement>("plan-nines").value;
  try {
    const nines = parseTextParams(lookup("plan"), { nines: ninesText }).nines;
    const result = evaluate("plan", { model: model.name, find, fixed, nines });
    const reached = result.achieved && `${percent(result.achieved.value, result.achieved.unreliability)} (${result.achieved.nines.toFixed(2)} nines)`;
    // A success rate that is not monotone in the parameter is met in a window, which is the answer to show.
    const span = !result.monotone && result.interval;
    answer.textContent = !result.feasible
      ? "Not reachable"
      : span
        ? `${find} from ${formatNumber(span.from)} to ${formatNumber(span.to)} reaches the target; ${find} = ${formatNumber(result.value)} reaches ${reached}`
        : `${find} = ${formatNumber(result.value)} reaches ${reached}`;
    detail.textContent = result.message;
  } catch (error) {
    answer.textContent = "";
    detail.textContent = error instanceof ValidationError ? error.errors.map((e) => e.message).join("; ") : (error as Error).message;
  }
}

// ---------- what-if ----------

/** The inputs of one swept axis: a parameter, from/to/steps/spacing, or a list of values. */
function axisRow(n: 1 | 2): HTMLElement {
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
function suggestRange(n: 1 | 2): void {
  const inputs = axisInputs(n);
  const p = params.find((q) => q.name === inputs.param.value);
  inputs.values.value = "";
  if (!p) return;
  const current = Number((document.getElementById(`param-${p.name}`) as HTMLInputElement | null)?.value || p.default);
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

function setupWhatIf(): void {
  const options = () => params.map((p) => element("option", { value: p.name, textContent: p.name }));
  const first = axisInputs(1);
  const second = axisInputs(2);
  first.param.replaceChildren(...options());
  second.param.replaceChildren(element("option", { value: "", textContent: "(nothing else)" }), ...options());
  const sweepable = params.find((p) => p.type === "integer") ?? params[0];
  if (sweepable) first.param.value = sweepable.name;
  second.param.value = "";
  suggestRange(1);
  suggestRange(2);
  byId<HTMLSelectElement>("wi-output").replaceChildren(
    ...outputChoices(model).map((o) => element("option", { value: o, textContent: o, selected: o === (model.reliability ? "nines" : "value") })),
  );
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
  const fixed = Object.fromEntries(Object.entries(rawParams()).filter(([k]) => !swept.has(k)));
  try {
    return { result: evaluate("sweep", { model: model.name, fixed, over }), valid };
  } catch (e) {
    error.textContent = e instanceof ValidationError ? e.errors.map((x) => x.message).join("; ") : (e as Error).message;
    return undefined;
  }
}

function drawWhatIf(): void {
  if (preset) {
    drawPreset();
    return;
  }
  const run = sweepForm();
  if (!run) return;
  const { result } = run;
  const output = byId<HTMLSelectElement>("wi-output").value;
  const column = result.columns.indexOf(output);
  const rows = result.rows;
  const [axis1, axis2] = result.axes;
  const series: ChartSeries[] = [];
  if (!axis2) series.push({ name: output, points: rows.map((r) => ({ x: Number(r[0]), y: Number(r[column]) })) });
  else {
    for (const v of axis2.values) {
      series.push({
        name: `${axis2.param} = ${v}`,
        points: rows.filter((r) => r[1] === v).map((r) => ({ x: Number(r[0]), y: Number(r[column]) })),
      });
    }
  }
  const xNumeric = axis1!.values.every((v) => typeof v === "number");
  drawChart(byId("wi-chart"), {
    title: `${model.name}: ${output} vs ${axis1!.param}`,
    xLabel: axis1!.param,
    yLabel: output,
    xLog: axisInputs(1).scale.value === "log" && !axisInputs(1).values.value.trim(),
    yLog: output === "unreliability",
    series: xNumeric ? series : series.map((s) => ({ ...s, points: s.points.map((p, i) => ({ x: i + 1, y: p.y })) })),
  });
  byId("wi-status").textContent = `${result.cells} points computed.`;
}

function currentLayout(): WhatIfLayout | undefined {
  const output = byId<HTMLSelectElement>("wi-output").value;
  if (preset) return figureLayout({ ...preset, output });
  const run = sweepForm();
  return run && whatIfLayout({ model: model.name, params: run.valid, axes: run.result.axes, output });
}

async function insertTable(): Promise<void> {
  const status = byId("wi-status");
  try {
    const layout = currentLayout();
    if (!layout) return;
    status.textContent = "Writing the sheet…";
    const inserted = await insertWhatIfTable(layout);
    status.textContent = `Inserted sheet "${inserted.sheetName}" with ${inserted.formulaCount} live TRACKER formulas and a chart.`;
  } catch (error) {
    status.textContent = "";
    byId("wi-error").textContent = (error as Error).message;
  }
}

// ---------- presets: the paper's figures ----------

/** The figure shown, while the planner has not changed anything since choosing it. */
let preset: FigureResult | undefined;

function setupPresets(): void {
  if (!catalog.has("figure")) return;
  const box = byId("presets");
  box.hidden = false;
  box.append(element("span", { textContent: "The paper's figures:" }));
  for (const figure of [2, 3, 4]) {
    const button = element("button", { type: "button", id: `preset-${figure}`, textContent: `Figure ${figure}` });
    button.addEventListener("click", () => applyPreset(figure));
    box.append(button);
  }
}

function applyPreset(figure: number): void {
  try {
    preset = evaluate("figure", { figure });
  } catch (error) {
    byId("wi-error").textContent = (error as Error).message;
    return;
  }
  const outputs = byId<HTMLSelectElement>("wi-output");
  outputs.replaceChildren(...["value", "unreliability", "nines"].map((o) => element("option", { value: o, textContent: o, selected: o === "nines" })));
  drawPreset();
}

function drawPreset(): void {
  if (!preset) return;
  const output = byId<HTMLSelectElement>("wi-output").value as "value" | "unreliability" | "nines";
  const xs = preset.x.values;
  drawChart(byId("wi-chart"), {
    title: preset.title,
    xLabel: preset.x.unit ? `${preset.x.name} (${preset.x.unit})` : preset.x.name,
    yLabel: output,
    xLog: Math.min(...xs) > 0 && Math.max(...xs) / Math.min(...xs) >= 100,
    yLog: output === "unreliability",
    series: preset.series.map((s) => ({ name: s.label, points: s.points.map((p) => ({ x: p.x, y: p[output] })) })),
  });
  byId("wi-error").textContent = "";
  byId("wi-status").textContent = `${preset.title}${preset.observation ? `: ${preset.observation}` : ""}.`;
}

/** Any change to the model, its parameters or the axes leaves the preset for the planner's own what-if. */
function leavePreset(): void {
  if (!preset) return;
  preset = undefined;
  byId<HTMLSelectElement>("wi-output").replaceChildren(
    ...outputChoices(model).map((o) => element("option", { value: o, textContent: o, selected: o === (model.reliability ? "nines" : "value") })),
  );
}

// ---------- start ----------

function setMode(excel: boolean): void {
  byId("mode").textContent = excel ? "in Excel" : "standalone planner (outside Excel)";
  byId("wi-insert").hidden = !excel;
  document.body.dataset.mode = excel ? "excel" : "standalone";
}

function start(): void {
  byId("wi-axes").append(axisRow(1), axisRow(2));
  fillModelPicker();
  setupPresets();
  const first = models.find((m) => m.group === "design") ?? models[0];
  selectModel(first!.name);
  byId("plan-find").addEventListener("change", recompute);
  byId("plan-nines").addEventListener("input", recompute);
  byId("wi-param1").addEventListener("change", () => suggestRange(1));
  byId("wi-param2").addEventListener("change", () => suggestRange(2));
  byId("wi-axes").addEventListener("input", leavePreset);
  byId("wi-axes").addEventListener("change", leavePreset);
  byId("params").addEventListener("input", leavePreset);
  byId("wi-output").addEventListener("change", () => preset && drawPreset());
  byId("wi-draw").addEventListener("click", drawWhatIf);
  byId("wi-insert").addEventListener("click", () => void insertTable());
  setMode(false);
  // Office.js is absent when the CDN is unreachable, and reports no host in a plain browser.
  if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
    void Office.onReady().then((info) => setMode(info.host === Office.HostType.Excel));
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
