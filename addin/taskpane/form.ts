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
import { fieldMessage, fieldTags, listHint, listPlaceholder, memberPath, valueText } from "./fields";

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
  const tags = fieldTags(p).map((t) => element("span", { className: `tag tag-${t}`, textContent: t }));
  const label = element("label", { htmlFor: id }, element("code", { textContent: p.name }), unit, ...tags);
  let input: HTMLInputElement | HTMLSelectElement;
  if (p.type === "choice") {
    input = element("select", { id, name: p.name });
    if (p.default === undefined) input.append(element("option", { value: "", textContent: "(leave out)" }));
    for (const v of p.values ?? []) input.append(element("option", { value: v, textContent: v, selected: v === p.default }));
  } else {
    // A decimal keypad has no comma on some phones, so a list field takes the full keyboard.
    input = element("input", { id, name: p.name, type: "text", inputMode: p.list ? "text" : "decimal", autocomplete: "off" });
    if (p.default !== undefined) input.placeholder = valueText(p.default);
    else if (p.list) input.placeholder = listPlaceholder(p);
    else if (p.optional) input.placeholder = "optional";
  }
  const fallback = p.default !== undefined ? ` Default ${p.default}.` : p.optional ? " Optional: leave it empty to leave it out." : "";
  const takes = p.list ? ` Type ${listHint}.` : "";
  const help = element("small", { id: `help-${p.name}`, className: "help", textContent: `${p.description}: ${p.rule}.${takes}${fallback}` });
  const error = element("div", { id: `error-${p.name}`, className: "error" });
  error.setAttribute("role", "alert");
  const parts: HTMLElement[] = [label, input, help];
  const described = [`help-${p.name}`, `error-${p.name}`];
  if (p.list) {
    // How the text was read, member by member: "0,9" typed for 0.9 shows as the two values 0 and 9.
    parts.push(element("div", { id: `members-${p.name}`, className: "members" }));
    described.push(`members-${p.name}`);
  }
  input.setAttribute("aria-describedby", described.join(" "));
  return element("div", { className: "field" }, ...parts, error);
}

function fillValues(values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    const input = document.getElementById(`param-${name}`) as HTMLInputElement | null;
    if (input) input.value = valueText(value);
  }
}

/** The most members a list field echoes; the rest are counted. */
const membersShown = 12;

/**
 * Under each list field, the members its text was read as, when there are two or more, those with
 * an error (`bad`: "Rs" → indices from 0) marked.
 */
function showMembers(bad: ReadonlyMap<string, ReadonlySet<number>>): void {
  for (const p of form.params) {
    if (!p.list) continue;
    const line = byId(`members-${p.name}`);
    const text = fieldValue(p.name) ?? "";
    const read = text.trim() === "" ? undefined : parseTextParams(form.model, { [p.name]: text })[p.name];
    if (!Array.isArray(read) || read.length < 2) {
      line.replaceChildren();
      continue;
    }
    const marked = bad.get(p.name) ?? new Set<number>();
    const shown = read.slice(0, membersShown).flatMap((v, i) => {
      const member = marked.has(i) ? element("mark", { textContent: String(v) }) : String(v);
      return i === 0 ? [member] : [" · ", member];
    });
    const more = read.length > membersShown ? [` · … ${read.length - membersShown} more`] : [];
    line.replaceChildren(`read as ${read.length} values: `, ...shown, ...more);
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
  const bad = new Map<string, Set<number>>();
  for (const e of errors) {
    const name = e.path.split(".")[0];
    const field = document.getElementById(`error-${name}`);
    if (field && e.path) {
      const message = fieldMessage(e, form.params);
      field.textContent = field.textContent ? `${field.textContent}; ${message}` : message;
      document.getElementById(`param-${name}`)?.setAttribute("aria-invalid", "true");
      const member = memberPath(e.path, form.params);
      if (member) bad.set(member.name, (bad.get(member.name) ?? new Set()).add(member.index));
    } else general.push(e.message);
  }
  byId("params-error").textContent = general.join("; ");
  showMembers(bad);
}

export function clearErrors(): void {
  for (const p of form.params) {
    byId(`error-${p.name}`).textContent = "";
    byId(`param-${p.name}`).removeAttribute("aria-invalid");
  }
  byId("params-error").textContent = "";
  showMembers(new Map());
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
