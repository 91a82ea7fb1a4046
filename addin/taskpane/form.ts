/**
 * The model picker and the parameter form: one field per catalog parameter, with its unit, rule,
 * default and inline error. Holds the model chosen; the other panels read it from here.
 */
import {
  describeParams,
  lookupModel,
  models,
  parseTextParams,
  validate,
  ValidationError,
  type AnyModel,
  type FieldError,
  type ParamInfo,
  unitSuffix,
} from "../../shared/index";
import { byId, element, fieldValue } from "./dom";

/** The model the form is for, and its parameters in positional order. */
export const form: { model: AnyModel; params: ParamInfo[] } = { model: models[0]!, params: [] };

/** The picker: the designs first, then every other catalog model. `onChoose` runs on a change. */
export function fillModelPicker(onChoose: (name: string) => void): void {
  const picker = byId<HTMLSelectElement>("model");
  const designs = models.filter((m) => m.group === "design");
  const others = models.filter((m) => m.group !== "design");
  const group = (label: string, list: readonly AnyModel[]) =>
    element("optgroup", { label }, ...list.map((m) => element("option", { value: m.name, textContent: m.title })));
  if (designs.length) picker.append(group("Designs", designs));
  picker.append(group("Models", others));
  picker.addEventListener("change", () => onChoose(picker.value));
}

function fieldFor(p: ParamInfo): HTMLElement {
  const id = `param-${p.name}`;
  const unit = p.unit !== "probability" ? unitSuffix(p.name, p.unit) : "";
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
  const fallback = p.default !== undefined ? ` Default ${p.default}.` : p.optional ? " Optional." : "";
  const help = element("small", { id: `help-${p.name}`, className: "help", textContent: `${p.description}: ${p.rule}.${fallback}` });
  const error = element("div", { id: `error-${p.name}`, className: "error" });
  error.setAttribute("role", "alert");
  return element("div", { className: "field" }, label, input, help, error);
}

function fillValues(values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    const input = document.getElementById(`param-${name}`) as HTMLInputElement | null;
    if (input) input.value = String(value);
  }
}

/**
 * Show the model's description and build its form, filled with `values` or else the catalog's
 * example (so the first result is meaningful). The summary and the formula are what a planner in
 * Excel can use; the catalog's source note is left to the help page.
 */
export function selectModel(name: string, values?: Record<string, unknown>): void {
  form.model = lookupModel(name);
  form.params = describeParams(form.model);
  byId<HTMLSelectElement>("model").value = name;
  byId("model-summary").textContent = form.model.summary;
  byId("model-formula").textContent = form.model.formula;
  byId<HTMLFormElement>("params").replaceChildren(...form.params.map(fieldFor));
  fillValues(values ?? form.model.example.params);
}

/** The form as the catalog sees it: empty fields left out (defaults apply), text turned into numbers by the catalog's rule. */
export function rawParams(): Record<string, unknown> {
  const text: Record<string, string> = {};
  for (const p of form.params) {
    const value = fieldValue(p.name) ?? "";
    if (value.trim() !== "") text[p.name] = value;
  }
  return parseTextParams(form.model, text);
}

/** The form's values with the named parameters left out: what a tool takes as `fixed`. */
export function rawParamsExcept(names: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rawParams()).filter(([k]) => !names.has(k)));
}

function showErrors(errors: FieldError[]): void {
  const general: string[] = [];
  for (const e of errors) {
    const name = e.path.split(".")[0];
    const field = document.getElementById(`error-${name}`);
    if (field && e.path) {
      field.textContent = field.textContent ? `${field.textContent}; ${e.message}` : e.message;
      document.getElementById(`param-${name}`)?.setAttribute("aria-invalid", "true");
    } else general.push(e.message);
  }
  byId("params-error").textContent = general.join("; ");
}

export function clearErrors(): void {
  for (const p of form.params) {
    byId(`error-${p.name}`).textContent = "";
    byId(`param-${p.name}`).removeAttribute("aria-invalid");
  }
  byId("params-error").textContent = "";
}

/** Show what is wrong with the form: field by field for a ValidationError, else the message. */
export function showFormError(error: unknown): void {
  if (error instanceof ValidationError) showErrors(error.errors);
  else byId("params-error").textContent = (error as Error).message;
}

/** The validated parameters (defaults filled in), or undefined after showing what is wrong. */
export function currentParams(): Record<string, unknown> | undefined {
  clearErrors();
  try {
    return validate(form.model.name, rawParams());
  } catch (error) {
    showFormError(error);
    return undefined;
  }
}

/** A tool's refusal as one line: its field messages, or its error's message. */
export function errorText(error: unknown): string {
  return error instanceof ValidationError ? error.errors.map((e) => e.message).join("; ") : (error as Error).message;
}
