/**
 * The paper's figures as presets of the what-if panel: the figure tool's series drawn as they are,
 * until the planner changes the model, a parameter or an axis.
 */
import { catalog, evaluate, type FigureOutput, type FigureResult, figureChart, figureOutputs } from "../../shared/index";
import { drawChart } from "./chart";
import { byId, element } from "./dom";

/** The figure shown, while the planner has not changed anything since choosing it. */
let preset: FigureResult | undefined;

export function activePreset(): FigureResult | undefined {
  return preset;
}

/** Forget the figure; true when there was one (so the panel puts the model's own outputs back). */
export function clearPreset(): boolean {
  const had = preset !== undefined;
  preset = undefined;
  return had;
}

/** One button per figure the catalog's figure tool draws. */
export function setupPresets(): void {
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
  outputs.replaceChildren(...figureOutputs.map((o) => element("option", { value: o, textContent: o, selected: o === "nines" })));
  drawPreset();
}

/** Draw the figure chosen, showing the output picked. */
export function drawPreset(): void {
  if (!preset) return;
  const output = byId<HTMLSelectElement>("wi-output").value as FigureOutput;
  drawChart(byId("wi-chart"), figureChart(preset, output));
  byId("wi-error").textContent = "";
  byId("wi-status").textContent = `${preset.title}${preset.observation ? `: ${preset.observation}` : ""}.`;
}
