/**
 * The task pane in headless Chromium, served by startAddinServer, with Microsoft's CDN refused:
 * the standalone planner a browser gets outside Excel. Its numbers are held to the catalog.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeParams, designs, evaluate, lookupModel, validate, type AnyModel, type ParamInfo, type ValidationError } from "../../shared/index";
import { startAddinServer, type AddinServer } from "../../server/addin-server";
import { omittedMarker } from "../../addin/functions/cells";
import { functionId } from "../../addin/functions/signatures";
import { axisChoice } from "../../addin/taskpane/axes";
import { fieldMessage, listHint } from "../../addin/taskpane/fields";
import { ninesText, successRate, unreliabilityText } from "../../addin/taskpane/format";
import { launchChromium, overlappingLabels, tickLabels, type HeadlessChromium } from "./browser";
import { builtDir } from "./built";

let server: AddinServer;
let chrome: HeadlessChromium;
let page: Page;
let url: string;
const pageErrors: string[] = [];
const listed = [0.9, 0.99, 0.999];

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

describe("list parameters and the sites in the form", () => {
  const rserver = describeParams(lookupModel("rserver"));
  const tags = (name: string) => page.locator(`label[for="param-${name}"] .tag`).allTextContents();
  const options = (picker: string) =>
    page
      .locator(`${picker} option`)
      .evaluateAll((nodes) =>
        nodes.map((n) => ({ value: (n as HTMLOptionElement).value, disabled: (n as HTMLOptionElement).disabled, title: (n as HTMLOptionElement).title })),
      );
  /** The catalog's refusal of these parameters, each error as the field shows it. */
  const refusedAs = (model: string, params: Record<string, unknown>) => {
    try {
      validate(model, params);
    } catch (error) {
      return (error as ValidationError).errors.map((e) => ({ path: e.path, shown: fieldMessage(e, describeParams(lookupModel(model))) }));
    }
    throw new Error("the catalog took them");
  };

  it("says a list parameter takes one value or several, and marks a count that may be left out as optional", async () => {
    await chooseModel("rserver");
    expect(rserver.find((p) => p.name === "Rs")!.list).toBe(true);
    expect(await tags("Rs")).toEqual(["list"]);
    expect(await tags("n")).toEqual(["optional"]);
    expect(await text("#help-Rs")).toContain(`Type ${listHint}.`);
    expect(await text("#help-n")).toContain("Optional: leave it empty to leave it out.");
    // A list is typed with commas, which a phone's decimal keypad may lack.
    expect(await page.getAttribute("#param-Rs", "inputmode")).toBe("text");
    expect(await page.getAttribute("#param-n", "inputmode")).toBe("decimal");
    expect(await page.getAttribute("#param-n", "placeholder")).toBe("optional");
    expect(await page.getAttribute("#param-Rs", "aria-describedby")).toBe("help-Rs error-Rs members-Rs");
  });

  it("takes a list typed with commas, shows how it read it, and gives the catalog's result for it", async () => {
    await fill({ Rs: "0.9, 0.99, 0.999", n: "" });
    const expected = evaluate("rserver", { Rs: listed });
    expect(await text("#result-nines")).toBe(ninesText(expected.nines!));
    expect(await text("#result-unreliability")).toBe(unreliabilityText(expected.unreliability!));
    expect(await text("#members-Rs")).toBe("read as 3 values: 0.9 · 0.99 · 0.999");
    expect(await text("#error-Rs")).toBe("");
    // A decimal comma reads as two members, which the echo shows and the rule refuses.
    await fill({ Rs: "0,9" });
    expect(await text("#members-Rs")).toBe("read as 2 values: 0 · 9");
    expect(await page.locator("#members-Rs mark").allTextContents()).toEqual(["9"]);
    await fill({ Rs: "0.9, 0.99, 0.999" });
  });

  it("shows a bad member's error under the list, counted from 1, and marks that member", async () => {
    await fill({ Rs: "0.9, 2, 0.999, x" });
    const refused = refusedAs("rserver", { Rs: [0.9, 2, 0.999, "x"] });
    expect(refused.map((e) => e.path)).toEqual(["Rs.1", "Rs.3"]);
    expect(await text("#error-Rs")).toBe(refused.map((e) => e.shown).join("; "));
    expect(await text("#error-Rs")).toContain("value 2 of Rs must be a finite number from 0 to 1, got 2");
    expect(await page.locator("#members-Rs mark").allTextContents()).toEqual(["2", "x"]);
    expect(await page.getAttribute("#param-Rs", "aria-invalid")).toBe("true");
    expect(await text("#result")).toContain("fix the inputs");
    // A count that disagrees with the list is refused under the count.
    await fill({ Rs: "0.9, 0.99, 0.999", n: "2" });
    expect(await text("#error-n")).toBe(refusedAs("rserver", { Rs: listed, n: 2 })[0]!.shown);
    expect(await text("#error-Rs")).toBe("");
    expect(await page.locator("#members-Rs mark").count()).toBe(0);
    await fill({ n: "" });
    expect(await text("#error-n")).toBe("");
  });

  it("offers on an axis only what can be swept: not a count the list fixes, and says why", async () => {
    await fill({ Rs: "0.9", n: "3" });
    await page.selectOption("#wi-param1", "n");
    expect((await options("#wi-param1")).every((o) => !o.disabled)).toBe(true);
    // The form now holds a list of three: n can only be 3, so the first axis moves off it, saying why.
    await fill({ Rs: "0.9, 0.99, 0.999" });
    const why = axisChoice(lookupModel("rserver"), { Rs: listed, n: 3 }, "n")!.why;
    expect(await text("#wi-axis-note")).toBe(`n cannot be swept with these inputs (${why}); sweeping Rs instead.`);
    const first = await options("#wi-param1");
    const n = first.find((o) => o.value === "n")!;
    expect(n.disabled).toBe(true);
    expect(n.title).toBe(why);
    expect(n.title).toContain("must equal the number of Rs listed (3)");
    expect(first.find((o) => o.value === "Rs")!.disabled).toBe(false);
    // A wrong form says nothing about the axes: they stay as they were until it is fixed.
    await fill({ Rs: "0.9, 2, 0.999" });
    expect((await options("#wi-param1")).find((o) => o.value === "n")!.disabled).toBe(true);
    await fill({ Rs: "0.9, 0.99, 0.999" });
    expect(await page.inputValue("#wi-param1")).toBe("Rs");
    expect([await page.inputValue("#wi-from1"), await page.inputValue("#wi-to1")]).toEqual(["0.9", "0.9999"]);
    // Rs sweeps as one number; beside it, n can be the second axis: each point sets both.
    expect((await options("#wi-param2")).find((o) => o.value === "n")!.disabled).toBe(false);
    await page.selectOption("#wi-param2", "n");
    await page.fill("#wi-values2", "1, 2, 3");
    await page.fill("#wi-values1", "0.9, 0.99");
    await page.selectOption("#wi-output", "nines");
    await page.click("#wi-draw");
    expect(await text("#wi-error")).toBe("");
    expect(await page.locator("#wi-chart svg polyline").evaluateAll((n) => n.map((l) => l.getAttribute("data-series")))).toEqual(["n = 1", "n = 2", "n = 3"]);
    expect(await text("#wi-status")).toBe("6 points computed.");
    await page.selectOption("#wi-param2", "");
    await page.fill("#wi-values1", "");
  });

  it("builds a design's site parameters as optional fields, refuses one alone, and sweeps sites up to the servers", async () => {
    await chooseModel("dsmu");
    const names = describeParams(lookupModel("dsmu")).map((p) => p.name);
    for (const name of ["sites", "siteMttf", "siteMttr"]) {
      expect(names).toContain(name);
      expect(await tags(name), name).toEqual(["optional"]);
      expect(await page.inputValue(`#param-${name}`)).toBe("");
    }
    expect(await text('label[for="param-siteMttf"]')).toContain("siteMttf (h)");
    // Left out, no axis sweeps them: one alone is refused by the catalog.
    expect((await options("#wi-param1")).filter((o) => /^site/.test(o.value)).every((o) => o.disabled)).toBe(true);
    await fill({ sites: "3" });
    const alone = refusedAs("dsmu", { ...lookupModel("dsmu").example.params, sites: 3 });
    for (const e of alone) expect(await text(`#error-${e.path}`)).toContain(e.shown);
    await fill({ siteMttf: "8760", siteMttr: "4" });
    const placed = { ...lookupModel("dsmu").example.params, sites: 3, siteMttf: 8760, siteMttr: 4 };
    expect(await text("#result-nines")).toBe(ninesText(evaluate("dsmu", placed).nines!));
    expect((await options("#wi-param1")).find((o) => o.value === "sites")!.disabled).toBe(false);
    await page.selectOption("#wi-param1", "sites");
    // Three servers: a fourth site would be empty, so the range stops at 3.
    expect([await page.inputValue("#wi-from1"), await page.inputValue("#wi-to1"), await page.inputValue("#wi-steps1")]).toEqual(["1", "3", "3"]);
    await page.click("#wi-draw");
    expect(await text("#wi-status")).toBe("3 points computed.");
    expect((await page.locator("#wi-chart svg polyline").getAttribute("points"))!.trim().split(/\s+/)).toHaveLength(3);
    expect(pageErrors).toEqual([]);
  });
});

describe("in Excel: inserting a what-if sheet from the form", () => {
  let excel: Page;

  /**
   * Office.js as the page sees it inside Excel, recording what the pane writes: every property set
   * and every call, with the path of the object it was made on. Any object answers any property,
   * so the recording does not restate the API the workbook tests check in detail.
   */
  function fakeOffice(): void {
    const log: { path: string; key: string; value: unknown }[] = [];
    const proxy = (path: string): unknown =>
      new Proxy(() => undefined, {
        get: (_, key) => {
          if (key === "then") return undefined;
          if (key === "__path") return path;
          if (key === "isNullObject") return true;
          if (key === "sync") return () => Promise.resolve();
          return proxy(`${path}.${String(key)}`);
        },
        set: (_, key, value) => {
          log.push({ path, key: String(key), value });
          return true;
        },
        apply: (_, __, args: unknown[]) => {
          const shown = args.map((a) => (typeof a === "function" ? (a as unknown as { __path: string }).__path : a));
          log.push({ path, key: "()", value: shown });
          return proxy(`${path}(${shown.map((a) => JSON.stringify(a)).join(",")})`);
        },
      });
    Object.assign(window, {
      excelLog: log,
      Office: { onReady: () => Promise.resolve({ host: "Excel" }), HostType: { Excel: "Excel" }, context: { requirements: { isSetSupported: () => true } } },
      Excel: { run: (batch: (context: unknown) => Promise<unknown>) => batch(proxy("context")), ConditionalFormatType: { custom: "Custom" } },
    });
  }

  beforeAll(async () => {
    excel = await chrome.context.newPage();
    excel.on("pageerror", (error) => pageErrors.push(error.message));
    await excel.addInitScript(fakeOffice);
    await excel.goto(url);
    await excel.waitForSelector("#result-value");
  });

  afterAll(async () => {
    await excel?.close();
  });

  it("writes the form's list as text into its one named cell, which every formula names", async () => {
    expect(await excel.locator("#mode").textContent()).toBe("in Excel");
    await excel.selectOption("#model", "rdht");
    for (const [name, value] of Object.entries({ Rp: "0.9, 0.99, 0.999", m: "", k: "5" })) await excel.fill(`#param-${name}`, value);
    // m is fixed by the list (three replicas), so the first axis left it; k is the one to sweep here.
    expect(await excel.locator('#wi-param1 option[value="m"]').isDisabled()).toBe(true);
    await excel.selectOption("#wi-param1", "k");
    await excel.fill("#wi-values1", "1, 2, 5, 10");
    await excel.click("#wi-insert");
    await excel.waitForFunction(() => document.querySelector("#wi-status")?.textContent?.startsWith("Inserted"));
    expect(await excel.locator("#wi-status").textContent()).toBe('Inserted sheet "What-if rdht" with 4 live TRACKER formulas and a chart.');
    const log = (await excel.evaluate(() => (window as unknown as { excelLog: unknown }).excelLog)) as { path: string; key: string; value: unknown }[];
    const formulas = log.filter((l) => l.key === "formulas").flatMap((l) => (l.value as unknown[][]).flat());
    expect(formulas).toContain("0.9, 0.99, 0.999");
    expect(formulas).toContain(`=TRACKER.${functionId("rdht")}(Rp,m,$F7,output)`);
    // Rp names the cell that holds the list, on the new sheet.
    const rp = log.find((l) => l.key === "()" && l.path.endsWith(".names.add") && (l.value as unknown[])[0] === "Rp")!;
    expect(String((rp.value as unknown[])[1])).toMatch(/getRange\("B7"\)$/);
    const inputs = log.find((l) => l.key === "formulas" && /getRange\("A6:D\d+"\)$/.test(l.path))!.value as unknown[][];
    expect(inputs[1]).toEqual(["Rp", "0.9, 0.99, 0.999", "probability", "required"]);
    expect(inputs[2]).toEqual(["m", omittedMarker, "", "left out"]);
    expect(pageErrors).toEqual([]);
  });
});
