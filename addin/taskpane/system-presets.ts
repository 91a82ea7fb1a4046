/**
 * Real systems as starting points of the form (shared/presets): which presets the model chosen
 * takes, what choosing one puts in the form, and how its sources read in the pane. Pure (no DOM), so
 * the panel (system-preset-panel.ts) and its tests share it. The paper's figures are presets.ts.
 */
import { describePreset, getPreset, type PresetDescription, presetsFor, withPreset, withUnit } from "../../shared/index";
import { valueText } from "./fields";

export interface SystemPresetChoice {
  name: string;
  title: string;
  summary: string;
}

/** The presets the model's form can take, in the library's order; none for most models. */
export function systemPresetChoices(model: string): SystemPresetChoice[] {
  return presetsFor(model).map((p) => ({ name: p.name, title: p.title, summary: p.summary }));
}

/** What choosing a preset gives the form: the values it sets (every other field stays empty, so the catalog's default applies) and its description. */
export function systemPresetFill(name: string, model: string): { values: Record<string, unknown>; description: PresetDescription } {
  // withPreset refuses a preset of another entry, so a stale choice never fills the wrong form.
  const { params } = withPreset(name, {}, model);
  return { values: params, description: describePreset(getPreset(name)) };
}

/** A parameter or a fact with its value, as the pane names it: "repairTime (h) = 0.25". */
export function settingText(name: string, value: number | string, unit?: string): string {
  const shown = unit === "probability" ? undefined : unit;
  return `${withUnit(name, shown)} = ${valueText(value)}`;
}

/** The kept parameters grouped by their reason, in the entry's order, each with its default when it has one. */
export function keptGroups(description: PresetDescription): { why: string; params: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const kept of description.keeps) {
    const shown = kept.default === undefined ? kept.name : settingText(kept.name, kept.default);
    groups.set(kept.why, [...(groups.get(kept.why) ?? []), shown]);
  }
  return [...groups].map(([why, params]) => ({ why, params }));
}

function counted(n: number, one: string, many = one): string[] {
  return n === 0 ? [] : [`${n} ${n === 1 ? one : many}`];
}

/** The one line a closed list of sources shows: what the preset sets, asks, keeps and notes. */
export function sourcesLine(description: PresetDescription): string {
  const parts = [
    ...counted(description.params.length, "value from its sources", "values from its sources"),
    ...counted(description.asks.length, "for you to give"),
    ...counted(description.keeps.length, "kept at the default"),
    ...counted(description.facts.length, "fact without a parameter", "facts without a parameter"),
  ];
  return parts.length > 0 ? parts.join(" · ") : "no numbers of its own";
}

/** What the planner must still fill, in a sentence; empty when the preset asks nothing. */
export function asksLine(description: PresetDescription): string {
  const names = description.asks.map((a) => a.name);
  return names.length === 0 ? "" : `Yours to give: ${names.join(", ")} (marked in the form).`;
}
