/**
 * The task pane in headless Chromium, served by startAddinServer, with Microsoft's CDN refused:
 * the standalone planner a browser gets outside Excel. Its numbers are held to the catalog.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeParams, designs, evaluate, lookupModel, validate, type AnyModel, type ParamInfo, type ValidationError } from "../../shared/index";
import { startAddinServer, type AddinServer } from "../../server/addin-server";
import { ninesText, successRate, unreliabilityText } from "../../addin/taskpane/format";
import { launchChromium, overlappingLabels, tickLabels, type HeadlessChromium } from "./browser";
import { builtDir } from "./built";

let server: AddinServer;
let chrome: HeadlessChromium;
let page: Page;
let url: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startAddinServer({ httpsPort: 0, httpPort: 0, root: builtDir });
  chrome = await launchChromium();
  page = await chrome.context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  url = server.urls.find((u) => u.startsWith("http:"))!.replace("localhost", "127.0.0.1");
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

/**
 * A value for `param` that moves the nines `design` shows from its example's, found from the
 * parameter's own catalog entry: another of its choices, or its value (else its default) doubled,
 * halved or stepped by one, kept to a whole number where the rule asks; undefined when none does.
 */
function movingValue(design: AnyModel, param: ParamInfo): string | number | undefined {
  const example = design.example.params as Record<string, unknown>;
  const nines = (params: Record<string, unknown>) => ninesText((evaluate(design.name, params) as { nines: number }).nines);
  const before = nines(example);
  const current = example[param.name] ?? param.default;
  const tries: (string | number)[] =
    param.type === "choice"
      ? (param.values ?? []).filter((v) => v !== current)
      : (typeof current === "number" ? [current * 2, current / 2, current + 1, current - 1] : [1, 2, 0.5, 10]).map((v) =>
          param.type === "integer" ? Math.round(v) : v,
        );
  return tries.find((value) => {
    try {
      return nines({ ...example, [param.name]: value }) !== before;
    } catch {
      return false; // outside the parameter's rule
    }
  });
}

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
    expect(await text("#result-value")).toBe(successRate(expected.value, expected.unreliability!));
    expect(await text("#result-value")).toBe("1 − 1.0e-6");
    expect(await page.getAttribute("#result-value", "title")).toBe(String(expected.value));
    expect(await text("#result-unreliability")).toBe(unreliabilityText(expected.unreliability!));
    expect(Number(await text("#result-unreliability"))).toBeCloseTo(expected.unreliability!, 8);
    expect(await text("#result-nines")).toBe(ninesText(expected.nines!));
    await fill({ Rs: "0.9", n: "2" });
    expect(await text("#result-value")).toBe("99%");
    await fill({ Rs: "0.99", n: "3" });
  });

  it("writes a success rate that rounds to 100% as 1 − its unreliability, never 100% (1)", async () => {
    await chooseModel("pdhta");
    await fill({ m: "20" });
    const expected = evaluate("pdhta", { ...lookupModel("pdhta").example.params, m: 20 });
    const shown = await text("#result-value");
    expect(shown).toBe(successRate(expected.value, expected.unreliability!));
    expect(shown).toMatch(/^1 − \d\.\de-\d+$/);
    expect(await text("#result")).not.toContain("100%");
    expect(await text("#result-unreliability")).toMatch(/^\d\.\d\de-\d+$/);
  });

  it("describes a design by its summary and formula, without pointing at a README the planner lacks", async () => {
    for (const design of ["dsmu", "pdhta", "dsdhta", "sndhta"]) {
      await chooseModel(design);
      expect(await page.textContent("#model-summary")).toBe(lookupModel(design).summary);
      expect(await page.textContent("#model-formula")).toBe(lookupModel(design).formula);
      expect(await text("#model-summary")).not.toMatch(/README/i);
    }
  });

  it("says where a planner would look that the plan is Excel's Goal Seek and the what-if its Data Table", async () => {
    expect(await text("#plan .hint")).toContain("Goal Seek");
    expect(await text("#plan .hint")).toContain("TRACKER.PLAN");
    expect(await text("#whatif .hint")).toContain("Data Table");
    expect(await text("#whatif .hint")).toContain("TRACKER.SWEEP");
    await chooseModel("rserver");
    await fill({ Rs: "0.99", n: "3" });
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
    expect(await text("#result-nines")).toBe(ninesText(evaluate("rserver", { Rs: 0.99, n: 4 }).nines!));
  });

  it("answers the capacity question with the plan tool", async () => {
    await page.selectOption("#plan-find", "n");
    await page.fill("#plan-nines", "5");
    const plan = evaluate("plan", { model: "rserver", find: "n", fixed: { Rs: 0.99 }, nines: 5 });
    expect(await text("#plan-answer")).toBe(
      `n = ${plan.value} reaches ${successRate(plan.achieved!.value, plan.achieved!.unreliability)} (${ninesText(plan.achieved!.nines)} nines)`,
    );
    expect(await text("#plan-detail")).toBe(plan.message);
    expect(await text("#plan-detail")).toContain("1 − 1.0e-5 (5.00 nines)");
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
    // The axis names its quantity once: "replicas", not "replicas (replicas)".
    const axisTitles = await page.locator("#wi-chart svg text.axis-label").allTextContents();
    expect(axisTitles).toEqual([figure.x.name, "nines"]);
    expect(pageErrors).toEqual([]);
  });
});

describe("task pane at 320 × 700", () => {
  let narrow: Page;

  beforeAll(async () => {
    narrow = await chrome.context.newPage();
    narrow.on("pageerror", (error) => pageErrors.push(error.message));
    await narrow.setViewportSize({ width: 320, height: 700 });
    await narrow.goto(url);
    await narrow.waitForSelector("#result-value");
  });

  afterAll(async () => {
    await narrow?.close();
  });

  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, what the planner reads
  const shown = (selector: string) => narrow.locator(selector).innerText();

  const insideViewport = async (selector: string) => {
    const box = (await narrow.locator(selector).boundingBox())!;
    return box.x >= 0 && box.y >= 0 && box.x + box.width <= 320 && box.y + box.height <= 700;
  };

  // Every design the catalog lists, a design added later included. The parameter edited is the last
  // one in its form (the catalog's order, which the page keeps) that a value of its own moves the
  // nines with: pserved, last in every form today, moves nothing at the examples.
  for (const design of designs) {
    const params = describeParams(design);
    const edit = [...params]
      .reverse()
      .map((p) => ({ param: p, value: movingValue(design, p) }))
      .find((e): e is { param: ParamInfo; value: string | number } => e.value !== undefined);
    const named = edit ? `${edit.param.name} = ${edit.value}` : "a parameter";
    it(`keeps the result of ${design.name} in the first viewport while ${named}, far down the form, is edited`, async () => {
      expect(edit, `a parameter of ${design.name} whose value moves its nines`).toBeDefined();
      const { param, value } = edit!;
      await narrow.selectOption("#model", design.name);
      await narrow.evaluate(() => window.scrollTo(0, 0));
      expect(await insideViewport("#result")).toBe(true);
      const fields = await narrow.locator("#params input, #params select").evaluateAll((nodes) => nodes.map((n) => (n as HTMLInputElement).name));
      expect(fields).toEqual(params.map((p) => p.name));
      const before = await shown("#result-nines");
      const field = narrow.locator(`#param-${param.name}`);
      const start = (await field.boundingBox())!;
      expect(start.y, `${param.name} starts below the first screen`).toBeGreaterThanOrEqual(700);
      // The planner scrolls down to the field and edits it.
      await field.scrollIntoViewIfNeeded();
      if (param.type === "choice") await field.selectOption(String(value));
      else await field.fill(String(value));
      // The field was below the first screen: the page scrolled to it, and the answer came along.
      expect(await narrow.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      const box = (await field.boundingBox())!;
      expect(box.y + box.height > 0 && box.y < 700).toBe(true);
      expect(await insideViewport("#result")).toBe(true);
      const expected = evaluate(design.name, { ...design.example.params, [param.name]: value }) as { value: number; unreliability: number; nines: number };
      expect(await shown("#result-nines")).toBe(ninesText(expected.nines));
      expect(await shown("#result-nines")).not.toBe(before);
      expect(await shown("#result-value")).toBe(successRate(expected.value, expected.unreliability));
      // And at the very bottom of the page, under the chart.
      await narrow.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      expect(await insideViewport("#result")).toBe(true);
    });
  }

  it("draws the what-if preview and the paper's figures with readable, separate tick labels", async () => {
    await narrow.selectOption("#model", "pdhta");
    await narrow.selectOption("#wi-param1", "m");
    await narrow.selectOption("#wi-output", "unreliability");
    await narrow.click("#wi-draw");
    for (const figure of [null, 2, 3, 4]) {
      if (figure) {
        await narrow.click(`#preset-${figure}`);
        await narrow.selectOption("#wi-output", "unreliability");
      }
      const { labels } = await tickLabels(narrow, "#wi-chart svg");
      expect(labels.filter((l) => l.axis === "y").length, `y labels of ${figure ?? "the sweep"}`).toBeGreaterThanOrEqual(2);
      expect(overlappingLabels(labels), `labels of ${figure ?? "the sweep"}`).toEqual([]);
      for (const l of labels) expect(l.fontPx).toBeGreaterThanOrEqual(11);
    }
    expect(pageErrors).toEqual([]);
  });
});
