/**
 * The planner task pane. Inside Excel it also writes what-if sheets with live TRACKER formulas;
 * opened in a plain browser (no Office host, or Office.js unreachable) it is a standalone planner
 * with its own chart. Every field, unit, default, rule and message comes from the catalog.
 *
 * This is the entry esbuild bundles: it wires the panels, each in its own module —
 *   form.ts           the model picker and the parameter form
 *   result.ts         the result line kept in sight, and the model's details
 *   plan-panel.ts     capacity planning (the Goal Seek that works with TRACKER functions)
 *   what-if-panel.ts  sweeps: the chart here, a sheet of live formulas in Excel
 *   presets.ts        the paper's figures
 *   cheapest-panel.ts the cheapest design: a price list of server types, the catalog's cheapest tool, its frontier
 *   system-preset-panel.ts  real systems' numbers as the form's start (system-presets.ts: the pure part)
 *   axes.ts           which parameters an axis can sweep with the form as it stands, and their ranges
 *   chart.ts, format.ts, fields.ts, dom.ts: the SVG chart, numbers in a planner's terms, a
 *                     parameter's value as text (lists included), element helpers.
 */
/// <reference types="office-js" />
import { models } from "../../shared/index";
import { setupCheapest } from "./cheapest-panel";
import { byId } from "./dom";
import { fillModelPicker, selectModel } from "./form";
import { setupPlan, updatePlan } from "./plan-panel";
import { setupPresets } from "./presets";
import { showResult } from "./result";
import { setupSystemPresets, showSystemPresets } from "./system-preset-panel";
import { axisChanged, axisRow, drawWhatIf, insertTable, leavePreset, outputChanged, refreshAxes, setupWhatIf } from "./what-if-panel";

/** The result and the plan for the form as it stands. */
function recompute(): void {
  updatePlan(showResult());
}

function chooseModel(name: string): void {
  selectModel(name);
  showSystemPresets();
  setupPlan();
  setupWhatIf();
  recompute();
}

/** The form holds other values (an edit, or a real system's preset): the figure gives way, and everything follows. */
function formChanged(): void {
  leavePreset();
  recompute();
  refreshAxes();
}

function setMode(excel: boolean): void {
  byId("mode").textContent = excel ? "in Excel" : "standalone planner (outside Excel)";
  byId("wi-insert").hidden = !excel;
  document.body.dataset.mode = excel ? "excel" : "standalone";
}

function start(): void {
  byId("wi-axes").append(axisRow(1), axisRow(2));
  fillModelPicker(chooseModel);
  setupSystemPresets(formChanged);
  setupPresets();
  const first = models.find((m) => m.group === "design") ?? models[0];
  chooseModel(first!.name);
  // Every field of the form (inputs and selects alike) reports its edits as input events.
  byId("params").addEventListener("input", formChanged);
  byId("plan-find").addEventListener("change", recompute);
  byId("plan-nines").addEventListener("input", recompute);
  byId("wi-param1").addEventListener("change", () => axisChanged(1));
  byId("wi-param2").addEventListener("change", () => axisChanged(2));
  byId("wi-axes").addEventListener("input", leavePreset);
  byId("wi-axes").addEventListener("change", leavePreset);
  byId("wi-output").addEventListener("change", outputChanged);
  byId("wi-draw").addEventListener("click", drawWhatIf);
  byId("wi-insert").addEventListener("click", () => void insertTable());
  // The cheapest design stands apart from the model chosen above: its own inputs, answered as they are edited.
  setupCheapest();
  setMode(false);
  // Office.js is absent when the CDN is unreachable, and reports no host in a plain browser.
  if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
    void Office.onReady().then((info) => setMode(info.host === Office.HostType.Excel));
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
