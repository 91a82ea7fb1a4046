/**
 * The real-system picker in headless Chromium, served as taskpane.test.ts serves the pane: what a
 * choice fills, marks and cites, that an edit keeps it and another model clears it, and its numbers
 * held to the library's withPreset.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeParams, describePreset, evaluate, getPreset, lookupModel, presetsFor, validate, type ValidationError, withPreset } from "../../shared/index";
import { valueText } from "../../addin/taskpane/fields";
import { ninesText, successRate } from "../../addin/taskpane/format";
import { sourcesLine } from "../../addin/taskpane/system-presets";
import { openServedPane, type ServedPane } from "./browser";

let pane: ServedPane;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  // The narrowest task pane Excel opens: the picker's long titles must not widen the page.
  pane = await openServedPane("#result-value");
  ({ page, pageErrors } = pane);
});

afterAll(async () => {
  await pane?.close();
});

// biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, what the planner reads
const text = (selector: string) => page.locator(selector).innerText();
const tags = (name: string) => page.locator(`label[for="param-${name}"] .tag`).allTextContents();
/** Every field of the form by name, as it holds its value now. */
const formValues = () =>
  page
    .locator("#params input, #params select")
    .evaluateAll((nodes) => Object.fromEntries(nodes.map((n) => [(n as HTMLInputElement).name, (n as HTMLInputElement).value])));

describe("the real-system picker", () => {
  it("fills pdhta from Mainline DHT, marks what it set and what it asks, cites its sources, and follows an edit", async () => {
    await page.selectOption("#model", "pdhta");
    expect(await page.isVisible("#system-presets")).toBe(true);
    const listed = await page.locator("#system-preset option").evaluateAll((nodes) => nodes.map((n) => (n as HTMLOptionElement).value));
    expect(listed).toEqual(["", ...presetsFor("pdhta").map((p) => p.name)]);

    await page.selectOption("#system-preset", "mainline");
    const d = describePreset(getPreset("mainline"));
    // The preset's values, and every other field at the catalog's default: empty, or a choice's own default.
    const expected = Object.fromEntries(
      describeParams(lookupModel("pdhta")).map((p) => [
        p.name,
        d.values[p.name] !== undefined ? valueText(d.values[p.name]) : p.type === "choice" && p.default !== undefined ? String(p.default) : "",
      ]),
    );
    expect(await formValues()).toEqual(expected);
    expect(expected.N).toBe("");
    for (const p of d.params) expect(await tags(p.name), p.name).toContain("preset");
    for (const a of d.asks) {
      expect(await tags(a.name), a.name).toContain("yours to give");
      expect(await text(`#ask-${a.name}`)).toBe(`Give ${a.what}.`);
      expect(await page.getAttribute(`#param-${a.name}`, "aria-describedby")).toContain(`ask-${a.name}`);
    }
    expect(await tags("mu")).not.toContain("preset");
    expect(await text("#system-preset-summary")).toBe(d.summary);
    // Without N the catalog refuses the form, and says so under N.
    let refusal = "";
    try {
      validate("pdhta", withPreset("mainline", {}, "pdhta").params);
    } catch (error) {
      refusal = (error as ValidationError).errors.find((e) => e.path === "N")!.message;
    }
    expect(await text("#error-N")).toBe(refusal);

    // The sources: closed on one line until opened; one link per citation, with its fact.
    expect(await text("#system-preset-count")).toBe(sourcesLine(d));
    expect(await page.isVisible("#system-preset-notes")).toBe(false);
    await page.click("#system-preset-count");
    const cited = [...d.params, ...d.facts].flatMap((x) => x.sources);
    const links = await page
      .locator("#system-preset-notes a")
      .evaluateAll((nodes) => nodes.map((n) => ({ href: (n as HTMLAnchorElement).href, rel: (n as HTMLAnchorElement).rel })));
    expect(links.map((l) => l.href)).toEqual(cited.map((s) => new URL(s.url).href));
    expect(links.every((l) => l.rel.includes("noopener"))).toBe(true);
    const notes = await text("#system-preset-notes");
    for (const s of cited) expect(notes).toContain(s.fact);
    for (const p of d.params) expect(notes).toContain(p.mapping);
    for (const k of d.keeps) expect(notes).toContain(k.why);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // The planner gives N and lambda: the rest stays the preset's, and the answer is withPreset's.
    await page.fill("#param-N", "1000000");
    await page.fill("#param-lambda", "50");
    const run = withPreset("mainline", { N: 1e6, lambda: 50 }, "pdhta");
    const result = evaluate(run.entry, run.params) as { value: number; unreliability: number; nines: number };
    expect(await text("#result-nines")).toBe(ninesText(result.nines));
    expect(await text("#result-value")).toBe(successRate(result.value, result.unreliability));
    expect(await formValues()).toEqual({ ...expected, N: "1000000", lambda: "50" });
    expect(await page.inputValue("#system-preset")).toBe("mainline");
    expect(await page.isVisible("#ask-N")).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it("clears the choice on another model, and gives the model's example back on (none)", async () => {
    await page.selectOption("#model", "rdht");
    expect(await page.isHidden("#system-presets")).toBe(true);
    await page.selectOption("#model", "pdhta");
    expect(await page.inputValue("#system-preset")).toBe("");
    expect(await page.locator("#params .tag-preset, #params .tag-ask, #params .ask").count()).toBe(0);
    expect(await page.isHidden("#system-preset-sources")).toBe(true);
    expect(await text("#system-preset-summary")).toBe("");

    await page.selectOption("#system-preset", "ipfs");
    expect(await page.inputValue("#param-m")).toBe(valueText(getPreset("ipfs").params.m!.value));
    await page.selectOption("#system-preset", "");
    const example = lookupModel("pdhta").example.params as Record<string, unknown>;
    const values = await formValues();
    for (const [name, value] of Object.entries(example)) expect(values[name], name).toBe(valueText(value));
    expect(await page.locator("#params .tag-preset").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("runs a preset that asks nothing at once: IPFS's published estimate on rserver", async () => {
    await page.selectOption("#model", "rserver");
    const [preset] = presetsFor("rserver");
    await page.selectOption("#system-preset", preset!.name);
    const result = evaluate("rserver", withPreset(preset!.name, {}, "rserver").params);
    expect(await text("#result-value")).toBe(successRate(result.value, result.unreliability!));
    expect(await text("#system-preset-asks")).toBe("");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(pageErrors).toEqual([]);
  });
});
