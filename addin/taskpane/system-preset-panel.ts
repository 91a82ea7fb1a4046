/**
 * The real-system picker under the model picker: the presets of the model chosen. A choice rebuilds
 * the form with the preset's values (every other field at the catalog's default), tags the fields it
 * set and the ones the planner must still give, and lists its sources in a closed details block.
 * Editing a field afterwards keeps the rest; choosing another model clears the choice.
 */
import type { CitationDescription, PresetDescription } from "../../shared/index";
import { byId, element } from "./dom";
import { form, selectModel } from "./form";
import { asksLine, keptGroups, settingText, sourcesLine, systemPresetChoices, systemPresetFill } from "./system-presets";

/** Wire the picker once; `onFill` runs after a choice has refilled the form, as an edit of the form would. */
export function setupSystemPresets(onFill: () => void): void {
  const picker = byId<HTMLSelectElement>("system-preset");
  picker.addEventListener("change", () => {
    choose(picker.value);
    onFill();
  });
}

/** The picker for the model just chosen, nothing chosen; hidden when no preset fills that model. */
export function showSystemPresets(): void {
  const choices = systemPresetChoices(form.model.name);
  byId("system-presets").hidden = choices.length === 0;
  byId<HTMLSelectElement>("system-preset").replaceChildren(
    element("option", { value: "", textContent: "(none: the model's example)" }),
    ...choices.map((c) => element("option", { value: c.name, textContent: c.title, title: c.summary })),
  );
  showSources(undefined);
}

function choose(name: string): void {
  if (!name) {
    selectModel(form.model.name);
    showSources(undefined);
    return;
  }
  const { values, description } = systemPresetFill(name, form.model.name);
  selectModel(form.model.name, values);
  markFields(description);
  showSources(description);
}

/** A small mark after a field's name; the field, or undefined when the form has no such parameter. */
function tag(name: string, kind: string, text: string, title: string): HTMLElement | undefined {
  const field = document.getElementById(`param-${name}`)?.closest<HTMLElement>(".field");
  field?.querySelector("label")?.append(element("span", { className: `tag tag-${kind}`, textContent: text, title }));
  return field ?? undefined;
}

function markFields(description: PresetDescription): void {
  for (const p of description.params) tag(p.name, "preset", "preset", p.mapping);
  for (const ask of description.asks) {
    const field = tag(ask.name, "ask", "yours to give", ask.what);
    if (!field) continue;
    field.classList.add("asked");
    byId(`error-${ask.name}`).before(element("div", { id: `ask-${ask.name}`, className: "ask", textContent: `Give ${ask.what}.` }));
    const input = byId(`param-${ask.name}`);
    input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") ?? ""} ask-${ask.name}`.trim());
  }
}

function cites(sources: readonly CitationDescription[]): HTMLElement {
  const link = (s: CitationDescription) => element("a", { href: s.url, target: "_blank", rel: "noopener noreferrer", textContent: s.citation });
  return element("ul", { className: "cites" }, ...sources.map((s) => element("li", {}, link(s), `: ${s.fact}`)));
}

function item(head: string, text: string, sources?: readonly CitationDescription[]): HTMLElement {
  return element("li", {}, element("code", { textContent: head }), `: ${text}`, ...(sources ? [cites(sources)] : []));
}

function part(heading: string, items: HTMLElement[]): HTMLElement[] {
  return items.length === 0 ? [] : [element("p", { className: "preset-part", textContent: heading }), element("ul", {}, ...items)];
}

/** The preset's summary, what it asks, and its sources (closed until opened); all cleared without one. */
function showSources(d: PresetDescription | undefined): void {
  byId("system-preset-summary").textContent = d?.summary ?? "";
  byId("system-preset-asks").textContent = d ? asksLine(d) : "";
  const details = byId<HTMLDetailsElement>("system-preset-sources");
  details.hidden = !d;
  details.open = false;
  byId("system-preset-count").textContent = d ? sourcesLine(d) : "";
  const notes = byId("system-preset-notes");
  if (!d) {
    notes.replaceChildren();
    return;
  }
  notes.replaceChildren(
    ...part(
      "Set from the sources",
      d.params.map((p) => item(settingText(p.name, p.value, p.unit), p.mapping, p.sources)),
    ),
    ...part(
      "Yours to give",
      d.asks.map((a) => item(a.name, a.what)),
    ),
    ...part(
      "Kept at the default",
      keptGroups(d).map((g) => item(g.params.join(", "), g.why)),
    ),
    ...part(
      "Facts the model has no parameter for",
      d.facts.map((f) => item(settingText(f.name, f.value, f.unit), f.note, f.sources)),
    ),
  );
}
