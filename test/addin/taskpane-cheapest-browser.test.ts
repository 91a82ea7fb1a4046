/**
 * The cheapest-design panel in headless Chromium, served as taskpane.test.ts serves the pane: the
 * example price list in its table, an answer that follows each edit as evaluate("cheapest", …)
 * gives it, a bad cell's catalog error on that cell, an infeasible target's remedies, the frontier
 * chart with a point per configuration, and rows added and removed. One test, bounded in time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { type CheapestResult, dollars, evaluate, exampleServerTypes, lookupModel, serverTypeColumns, type ValidationError } from "../../shared/index";
import { remedyLines, startingNines } from "../../addin/taskpane/cheapest-panel";
import { openServedPane, type ServedPane } from "./browser";

let pane: ServedPane;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  // The narrowest task pane Excel opens: the price list and the frontier must scroll inside it, not widen the page.
  pane = await openServedPane("#ch-answer:not(:empty)", { defaultTimeoutMs: 10_000 });
  ({ page, pageErrors } = pane);
});

afterAll(async () => {
  await pane?.close();
});

// biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, what the planner reads
const text = (selector: string) => page.locator(selector).innerText();
const cell = (row: number, column: string) => `#ch-types-body tr:nth-child(${row + 1}) input[data-col="${column}"]`;
/** Every cell of the price list as the page holds it. */
const tableText = () =>
  page
    .locator("#ch-types-body tr")
    .evaluateAll((rows) =>
      rows.map((tr) =>
        Object.fromEntries([...tr.querySelectorAll("input[data-col]")].map((i) => [(i as HTMLInputElement).dataset.col, (i as HTMLInputElement).value])),
      ),
    );

const lambda = (lookupModel("dsmu").example.params as { lambda: number }).lambda;
const request = { nines: Number(startingNines), lambda, serverTypes: exampleServerTypes.map((t) => ({ ...t })), designs: ["dsmu", "dsdhta"] };

function distinctConfigurations(result: CheapestResult): number {
  return new Set(result.frontier.map((p) => `${p.design}|${p.serverType}|${p.servers}|${p.m ?? ""}`)).size;
}

describe("the cheapest-design panel", () => {
  it("answers the example price list, follows lambda and mu, names a bad cell, shows remedies, charts the frontier", { timeout: 60_000 }, async () => {
    // The example price list, every cell, in the catalog's columns.
    const headers = await page.locator("#ch-types-head th code").allTextContents();
    expect(headers).toEqual([...serverTypeColumns]);
    expect(await tableText()).toEqual(exampleServerTypes.map((t) => Object.fromEntries(serverTypeColumns.map((c) => [c, String(t[c])]))));
    expect(await page.inputValue("#ch-lambda")).toBe(String(lambda));

    // The first answer is the catalog's for the same inputs, with its cost split.
    const first = evaluate("cheapest", request);
    expect(await text("#ch-answer")).toBe(first.message);
    const best = await text("#ch-best");
    expect(best).toContain(first.best!.serverType);
    expect(best).toContain(`${dollars(first.best!.costPerMonth.servers)} servers + ${dollars(first.best!.costPerMonth.bandwidth)} bandwidth`);
    expect(await page.locator("#ch-frontier tbody tr").count()).toBe(first.frontier.length);
    // The chart: an SVG with one point per distinct configuration of the frontier.
    expect(await page.locator("#ch-chart svg circle").count()).toBe(distinctConfigurations(first));
    expect(distinctConfigurations(first)).toBeGreaterThan(1);

    // A new lambda: the catalog's answer for it.
    await page.fill("#ch-lambda", "50000");
    const busier = evaluate("cheapest", { ...request, lambda: 50000 });
    expect(busier.message).not.toBe(first.message);
    expect(await text("#ch-answer")).toBe(busier.message);
    expect(await page.locator("#ch-chart svg circle").count()).toBe(distinctConfigurations(busier));

    // A type's mu: the catalog's answer for that price list.
    await page.fill(cell(0, "mu"), "5000");
    const types = exampleServerTypes.map((t, i) => (i === 0 ? { ...t, mu: 5000 } : { ...t }));
    const faster = evaluate("cheapest", { ...request, lambda: 50000, serverTypes: types });
    expect(faster.message).not.toBe(busier.message);
    expect(await text("#ch-answer")).toBe(faster.message);

    // A bad cell: the catalog's message naming it, on that cell; the answer gives way, no NaN anywhere.
    await page.fill(cell(1, "mu"), "0");
    let refusal = "";
    try {
      evaluate("cheapest", { ...request, lambda: 50000, serverTypes: types.map((t, i) => (i === 1 ? { ...t, mu: 0 } : t)) });
    } catch (error) {
      refusal = (error as ValidationError).errors[0]!.message;
    }
    expect(refusal).toMatch(/^serverTypes\.1\.mu must be /);
    expect(await text("#ch-error")).toBe(refusal);
    expect(await page.getAttribute(cell(1, "mu"), "aria-invalid")).toBe("true");
    expect(await page.getAttribute(cell(0, "mu"), "aria-invalid")).toBeNull();
    expect(await text("#ch-answer")).toBe("");
    await page.fill(cell(2, "h"), "lots");
    expect(await text("#ch-error")).toContain('serverTypes.2.h must be a whole number from 1 to 1e9, got "lots"');
    expect(await text("#cheapest")).not.toMatch(/NaN/);
    await page.fill(cell(1, "mu"), String(exampleServerTypes[1]!.mu));
    await page.fill(cell(2, "h"), String(exampleServerTypes[2]!.h));
    expect(await text("#ch-error")).toBe("");
    expect(await page.getAttribute(cell(1, "mu"), "aria-invalid")).toBeNull();
    expect(await text("#ch-answer")).toBe(faster.message);

    // Infeasible: no server type carries a billion lookups a second. The message, the closest, what alone would reach it.
    await page.fill("#ch-lambda", "1e9");
    const beyond = evaluate("cheapest", { ...request, lambda: 1e9, serverTypes: types });
    expect(beyond.feasible).toBe(false);
    expect(await text("#ch-answer")).toBe(beyond.message);
    expect(await text("#ch-best-title")).toContain("closest");
    expect(await page.locator("#ch-remedies li").allTextContents()).toEqual(remedyLines(beyond));
    expect(remedyLines(beyond).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // Rows: one added is refused until filled (each cell named), one removed leaves the rest.
    await page.fill("#ch-lambda", String(lambda));
    await page.click("#ch-add");
    expect(await page.locator("#ch-types-body tr").count()).toBe(exampleServerTypes.length + 1);
    expect(await page.locator("#ch-error li").allTextContents()).toEqual(
      serverTypeColumns.map((c) => expect.stringMatching(new RegExp(`^serverTypes\\.3\\.${c} must be `))),
    );
    await page.click("#ch-types-body tr:nth-child(4) button");
    await page.click("#ch-types-body tr:nth-child(1) button");
    expect((await tableText()).map((r) => r.name)).toEqual(exampleServerTypes.slice(1).map((t) => t.name));
    const withoutSmall = evaluate("cheapest", { ...request, serverTypes: exampleServerTypes.slice(1).map((t) => ({ ...t })) });
    expect(await text("#ch-answer")).toBe(withoutSmall.message);
    expect(await text("#ch-error")).toBe("");

    // A peer design ticked: it asks for the population, then shows what its peers carry.
    await page.check("#ch-design-pdhta");
    expect(await text("#ch-error")).toMatch(/^pdhta: give N/);
    expect(await page.getAttribute("#ch-N", "aria-invalid")).toBe("true");
    await page.fill("#ch-N", "1000000");
    const peers = evaluate("cheapest", {
      ...request,
      serverTypes: exampleServerTypes.slice(1).map((t) => ({ ...t })),
      designs: ["dsmu", "dsdhta", "pdhta"],
      N: 1e6,
    });
    expect(await page.locator("#ch-peers tbody tr").count()).toBe(peers.peers.length);
    expect(await page.getAttribute("#ch-peers tbody tr", "title")).toBe(peers.peers[0]!.message);
    expect(await text("#ch-answer")).toBe(peers.message);
    expect(pageErrors).toEqual([]);
  });
});
