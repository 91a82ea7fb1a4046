/**
 * The task pane in headless Chromium, served by startAddinServer, with Microsoft's CDN refused:
 * the standalone planner a browser gets outside Excel. Its numbers are held to the catalog.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { evaluate, validate, type ValidationError } from "../../shared/index";
import { startAddinServer, type AddinServer } from "../../server/addin-server";
import { launchChromium, type HeadlessChromium } from "./browser";
import { builtDir } from "./built";

let server: AddinServer;
let chrome: HeadlessChromium;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startAddinServer({ httpsPort: 0, httpPort: 0, root: builtDir });
  chrome = await launchChromium();
  page = await chrome.context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const url = server.urls.find((u) => u.startsWith("http:"))!.replace("localhost", "127.0.0.1");
  await page.goto(url);
  await page.waitForSelector("#result-value");
});

afterAll(async () => {
  await chrome?.close();
  await server?.close();
});

async function chooseModel(name: string): Promise<void> {
  await page.selectOption("#model", name);
}

async function fill(values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await page.fill(`#param-${name}`, value);
}

// biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as rendered, what the planner reads
const text = (selector: string) => page.locator(selector).innerText();

describe("task pane outside Excel", () => {
  it("runs as the standalone planner when Office.js cannot load, without a page error", async () => {
    expect(await text("#mode")).toContain("standalone");
    expect(await page.locator("#wi-insert").isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it("offers the designs first, then every other catalog model", async () => {
    const groups = await page.locator("#model optgroup").evaluateAll((nodes) => nodes.map((n) => (n as HTMLOptGroupElement).label));
    expect(groups).toEqual(["Designs", "Models"]);
    const first = await page.locator("#model optgroup:first-child option").evaluateAll((nodes) => nodes.map((n) => (n as HTMLOptionElement).value));
    expect(first).toEqual(["dsmu", "pdhta", "dsdhta", "sndhta"]);
  });

  it("builds the form from the catalog and shows the catalog's success rate, unreliability and nines", async () => {
    await chooseModel("rserver");
    expect(await page.locator("#params input, #params select").evaluateAll((n) => n.map((e) => e.id))).toEqual(["param-Rs", "param-n"]);
    await fill({ Rs: "0.99", n: "3" });
    const expected = evaluate("rserver", { Rs: 0.99, n: 3 });
    expect(await text("#result-value")).toBe(`99.9999% (${Number(expected.value.toPrecision(8))})`);
    expect(Number(await text("#result-unreliability"))).toBeCloseTo(expected.unreliability!, 15);
    expect(await text("#result-nines")).toBe(expected.nines!.toFixed(2));
  });

  it("shows the catalog's rule inline next to a bad field, and clears it when fixed", async () => {
    await fill({ n: "2.5" });
    let message = "";
    try {
      validate("rserver", { Rs: 0.99, n: 2.5 });
    } catch (error) {
      message = (error as ValidationError).errors[0]!.message;
    }
    expect(message).toContain("n must be a whole number");
    expect(await text("#error-n")).toBe(message);
    expect(await page.getAttribute("#param-n", "aria-invalid")).toBe("true");
    expect(await text("#result")).toContain("fix the inputs");
    await fill({ n: "4" });
    expect(await text("#error-n")).toBe("");
    expect(await text("#result-nines")).toBe(evaluate("rserver", { Rs: 0.99, n: 4 }).nines!.toFixed(2));
  });

  it("answers the capacity question with the plan tool", async () => {
    await page.selectOption("#plan-find", "n");
    await page.fill("#plan-nines", "5");
    const plan = evaluate("plan", { model: "rserver", find: "n", fixed: { Rs: 0.99 }, nines: 5 });
    expect(await text("#plan-answer")).toBe(`n = ${plan.value} reaches 99.9999% (${plan.achieved!.nines.toFixed(2)} nines)`);
    expect(await text("#plan-detail")).toBe(plan.message);
  });

  it("draws a standalone what-if chart from the sweep tool, one series per second-axis value", async () => {
    await chooseModel("rdht");
    await fill({ Rp: "0.9", m: "3", k: "5" });
    await page.selectOption("#wi-param1", "k");
    await page.fill("#wi-from1", "1");
    await page.fill("#wi-to1", "20");
    await page.fill("#wi-steps1", "20");
    await page.selectOption("#wi-scale1", "linear");
    await page.selectOption("#wi-param2", "m");
    await page.fill("#wi-values2", "1, 2, 3");
    await page.selectOption("#wi-output", "nines");
    await page.click("#wi-draw");
    const lines = page.locator("#wi-chart svg polyline");
    expect(await lines.count()).toBe(3);
    expect(await lines.evaluateAll((n) => n.map((l) => l.getAttribute("data-series")))).toEqual(["m = 1", "m = 2", "m = 3"]);
    const points = await lines.first().getAttribute("points");
    expect(points!.trim().split(/\s+/)).toHaveLength(20);
    expect(await text("#wi-status")).toBe("60 points computed.");
    expect(await page.locator("#wi-chart .legend li").count()).toBe(3);
  });

  it("shows a sweep's error instead of a chart", async () => {
    await page.selectOption("#wi-param2", "");
    await page.fill("#wi-steps1", "0");
    await page.click("#wi-draw");
    expect(await text("#wi-error")).toContain("steps");
    await page.fill("#wi-steps1", "20");
  });

  it("draws the paper's Figure 4 from its preset", async () => {
    await page.click("#preset-4");
    const figure = evaluate("figure", { figure: 4 });
    const lines = page.locator("#wi-chart svg polyline");
    expect(await lines.evaluateAll((n) => n.map((l) => l.getAttribute("data-series")))).toEqual(figure.series.map((s) => s.label));
    expect((await lines.first().getAttribute("points"))!.trim().split(/\s+/)).toHaveLength(figure.series[0]!.points.length);
    expect(await text("#wi-status")).toContain(figure.title);
    expect(pageErrors).toEqual([]);
  });
});
