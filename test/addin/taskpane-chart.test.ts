/**
 * The task pane's SVG chart (addin/taskpane/chart.ts) in headless Chromium with the pane's own
 * stylesheet: at any width its tick labels are at least 11 px on screen and no two of them overlap,
 * for log axes spanning every whole number of decades from 1 to 30 (and spans off the decades) and
 * for linear axes with wide labels. One page draws them all, each chart replacing the last.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChartSpec } from "../../shared/index";
import { launchChromium, overlappingLabels, pageScript, tickLabels, type HeadlessChromium } from "./browser";
import { repoRoot } from "./built";

let chrome: HeadlessChromium;
let page: Page;

beforeAll(async () => {
  const script = await pageScript(join(repoRoot, "addin/taskpane/chart.ts"), "TrackerChart");
  const css = readFileSync(join(repoRoot, "addin/taskpane/taskpane.css"), "utf8");
  chrome = await launchChromium();
  page = await chrome.context.newPage();
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body><div id="box" class="chart-box"></div></body></html>`);
  await page.addScriptTag({ content: script });
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

/**
 * y falls from 10^-from to 10^-(from + decades) on a log axis; x rises from 10^from to
 * 10^(from + decades) on a log axis. `from` 0 starts on a decade, as most plans do.
 */
function logY(decades: number, from = 0): ChartSpec {
  return {
    title: `unreliability over ${decades} decades`,
    xLabel: "m",
    yLabel: "unreliability",
    yLog: true,
    series: [{ name: "a", points: along((t) => ({ x: 1 + 19 * t, y: 10 ** (-from - decades * t) })) }],
  };
}

function logX(decades: number, from = 0): ChartSpec {
  return {
    title: `over ${decades} decades of N`,
    xLabel: "N (peers)",
    yLabel: "nines",
    xLog: true,
    series: [{ name: "a", points: along((t) => ({ x: 10 ** (from + decades * t), y: 10 * t })) }],
  };
}

interface Span {
  decades: number;
  /** Where the axis starts, in decades (see logY). */
  from: number;
  /** For the test's name. */
  span: string;
}
const span = (decades: number, from = 0): Span => ({ decades, from, span: `${decades} decade(s)${from ? ` from 10^${from}` : ""}` });
/** Every whole span from 1 to 30 decades, from a decade; then spans that neither start nor end on one. */
const wholeSpans = Array.from({ length: 30 }, (_, i) => span(i + 1));
const fractionalSpans = [1.5, 2.3, 4.7, 9.5, 17.25, 29.5].map((decades) => span(decades, 0.3));
const sampleSpans = [1, 2, 5, 10, 20, 30].map((decades) => span(decades));
/** The spans drawn at each width, all into the one page; 240 px, narrower than the pane gets, at a sample. */
const spanWidths: [number, readonly Span[]][] = [
  [300, [...wholeSpans, ...fractionalSpans]],
  [450, [...wholeSpans, ...fractionalSpans]],
  [240, sampleSpans],
];
const widths = spanWidths.map(([w]) => w);

describe("chart tick labels", () => {
  for (const [width, spans] of spanWidths) {
    for (const [axis, spec] of [
      ["y", logY],
      ["x", logX],
    ] as const) {
      it.each(spans.map((s) => [s.span, s] as const))(
        `a log ${axis} axis over %s at ${width} px: ≥ 11 px, no two labels overlapping, at least two on each axis`,
        async (_span, { decades, from }) => {
          const drawn = await draw(width, spec(decades, from));
          expectReadable(drawn);
          expect(drawn.labels.filter((l) => l.axis === "y").length).toBeGreaterThanOrEqual(2);
          expect(drawn.labels.filter((l) => l.axis === "x").length).toBeGreaterThanOrEqual(2);
        },
      );
    }
  }

  for (const width of widths) {
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
    const svgWidth = (w: number) =>
      page.waitForFunction((px) => document.querySelector("#box svg")?.getAttribute("width") === String(px), w, { timeout: 5000 });
    await draw(450, logY(10));
    await page.evaluate(() => {
      document.getElementById("box")!.style.width = "300px";
    });
    await svgWidth(300);
    // Drawn at 450 and put back to the 300 the observer last saw, within one frame: still redrawn.
    await page.evaluate((spec) => {
      const box = document.getElementById("box")!;
      const chart = (globalThis as unknown as { TrackerChart: typeof import("../../addin/taskpane/chart") }).TrackerChart;
      box.style.width = "450px";
      chart.drawChart(box, spec);
      box.style.width = "300px";
    }, logY(10));
    await svgWidth(300);
  });
});
