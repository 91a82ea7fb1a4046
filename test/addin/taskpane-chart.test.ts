/**
 * The task pane's SVG chart (addin/taskpane/chart.ts) in headless Chromium with the pane's own
 * stylesheet: at any width its tick labels are at least 11 px on screen and no two of them overlap,
 * for log axes spanning 1 to 30 decades and for linear axes with wide labels.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChartSpec } from "../../addin/taskpane/chart";
import { launchChromium, overlappingLabels, tickLabels, type HeadlessChromium } from "./browser";
import { repoRoot } from "./built";

let chrome: HeadlessChromium;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(repoRoot, "addin/taskpane/chart.ts")],
    bundle: true,
    format: "iife",
    globalName: "TrackerChart",
    target: "es2020",
    write: false,
  });
  const css = readFileSync(join(repoRoot, "addin/taskpane/taskpane.css"), "utf8");
  chrome = await launchChromium();
  page = await chrome.context.newPage();
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body><div id="box" class="chart-box"></div></body></html>`);
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
});

afterAll(async () => {
  await chrome?.close();
});

/** Draw `spec` into a box `width` px wide; every tick label's box and on-screen font size. */
async function draw(width: number, spec: ChartSpec) {
  await page.evaluate(
    ([w, s]) => {
      const box = document.getElementById("box")!;
      box.style.width = `${w}px`;
      (globalThis as unknown as { TrackerChart: typeof import("../../addin/taskpane/chart") }).TrackerChart.drawChart(box, s);
    },
    [width, spec] as const,
  );
  return tickLabels(page, "#box svg");
}

function expectReadable({ labels, frame }: Awaited<ReturnType<typeof draw>>): void {
  for (const l of labels) expect(l.fontPx, `font of ${l.axis} label ${l.text}`).toBeGreaterThanOrEqual(11);
  expect(overlappingLabels(labels)).toEqual([]);
  for (const l of labels) {
    expect(l.left, `${l.text} inside the chart`).toBeGreaterThanOrEqual(frame.left - 0.5);
    expect(l.right, `${l.text} inside the chart`).toBeLessThanOrEqual(frame.right + 0.5);
  }
}

const steps = 40;
const along = (f: (t: number) => { x: number; y: number }) => Array.from({ length: steps }, (_, i) => f(i / (steps - 1)));

/** y falls from 1 to 10^-decades on a log axis; x from 1 to 10^decades on a log axis. */
function logY(decades: number): ChartSpec {
  return {
    title: `unreliability over ${decades} decades`,
    xLabel: "m",
    yLabel: "unreliability",
    yLog: true,
    series: [{ name: "a", points: along((t) => ({ x: 1 + 19 * t, y: 10 ** (-decades * t) })) }],
  };
}

function logX(decades: number): ChartSpec {
  return {
    title: `over ${decades} decades of N`,
    xLabel: "N (peers)",
    yLabel: "nines",
    xLog: true,
    series: [{ name: "a", points: along((t) => ({ x: 10 ** (decades * t), y: 10 * t })) }],
  };
}

const widths = [300, 450, 240];
const decades = [1, 2, 5, 10, 20, 30];

describe("chart tick labels", () => {
  for (const width of widths) {
    for (const d of decades) {
      it(`a log y axis over ${d} decade(s) at ${width} px: ≥ 11 px, no two labels overlapping, at least two on each axis`, async () => {
        const drawn = await draw(width, logY(d));
        expectReadable(drawn);
        expect(drawn.labels.filter((l) => l.axis === "y").length).toBeGreaterThanOrEqual(2);
        expect(drawn.labels.filter((l) => l.axis === "x").length).toBeGreaterThanOrEqual(2);
      });

      it(`a log x axis over ${d} decade(s) at ${width} px: ≥ 11 px, no two labels overlapping, at least two on each axis`, async () => {
        const drawn = await draw(width, logX(d));
        expectReadable(drawn);
        expect(drawn.labels.filter((l) => l.axis === "x").length).toBeGreaterThanOrEqual(2);
        expect(drawn.labels.filter((l) => l.axis === "y").length).toBeGreaterThanOrEqual(2);
      });
    }

    it(`log axes over 30 decades both ways at ${width} px`, async () => {
      const spec: ChartSpec = {
        title: "both",
        xLabel: "x",
        yLabel: "y",
        xLog: true,
        yLog: true,
        series: [{ name: "a", points: along((t) => ({ x: 10 ** (30 * t - 10), y: 10 ** (-30 * t) })) }],
      };
      expectReadable(await draw(width, spec));
    });

    it(`linear axes with wide labels at ${width} px`, async () => {
      for (const [lo, hi] of [
        [0, 1],
        [0, 12_345_678],
        [0.999, 1],
        [25, 10_000_000],
        [-3, 250_000],
      ] as const) {
        const spec: ChartSpec = {
          title: "linear",
          xLabel: "x",
          yLabel: "y",
          series: [{ name: "a", points: along((t) => ({ x: lo + (hi - lo) * t, y: lo + (hi - lo) * t })) }],
        };
        const drawn = await draw(width, spec);
        expectReadable(drawn);
        expect(drawn.labels.filter((l) => l.axis === "x").length, `x labels for ${lo}..${hi}`).toBeGreaterThanOrEqual(2);
      }
    });
  }

  it("thins a long log axis to a round step of decades instead of labelling each one", async () => {
    const drawn = await draw(300, logY(25));
    const exponents = drawn.labels.filter((l) => l.axis === "y").map((l) => Math.round(Math.log10(Number(l.text))));
    expect(exponents.length).toBeLessThan(26);
    const gaps = new Set(exponents.slice(1).map((e, i) => Math.abs(e - exponents[i]!)));
    expect(gaps.size).toBe(1);
  });

  it("is drawn again at its new width when its box is resized", async () => {
    await draw(450, logY(10));
    await page.evaluate(() => {
      document.getElementById("box")!.style.width = "300px";
    });
    await page.waitForFunction(() => document.querySelector("#box svg")?.getAttribute("width") === "300");
  });
});
