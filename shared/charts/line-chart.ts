/**
 * A line chart as an SVG document: a few series over one numeric axis, linear or logarithmic on
 * either axis. The one drawing of a chart in the project: the task pane puts it in the page, the
 * docs write the README's figures with it, the HTTP API answers format=svg with it.
 *
 * Drawn one SVG unit to a CSS pixel, so its text is as large on screen as it is here (11 px tick
 * labels) at any width. Labels are measured with `measureText` when the caller can (the page
 * measures them in its own font), else estimated (text-width.ts), which makes the output the same
 * bytes for the same spec on any machine.
 */
import { element, svgNumber, textElement } from "./svg-markup";
import { estimateTextWidth } from "./text-width";
import { type Axis, axisFraction, axisOver, chooseTicks, roundedOut, tickCandidates, tickLabels } from "./ticks";

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  /** Names for an x axis of categories: the points' x values are 1…n, one for each name. */
  xCategories?: string[];
  series: ChartSeries[];
}

/** The width in pixels of `text` drawn at `fontPx` (bold when asked) in the chart's font. */
export type MeasureText = (text: string, fontPx: number, bold?: boolean) => number;

export interface ChartOptions {
  /** Pixels; from 160 to 4000. */
  width: number;
  /** Pixels in all (at most 4000), or more when the text needs it; left out, the plot is 0.7 of the width, from 210 to 340 px. */
  height?: number;
  /** Measures labels in the font they are drawn in; left out (or when it gives no width), they are estimated. */
  measureText?: MeasureText;
  /** Title and legend drawn inside the SVG (the default: a file that stands alone), or left to the page around it (false). */
  standalone?: boolean;
}

/** The legend of a chart: each series with its colour, and a note of the points not shown. */
export interface ChartLegend {
  /** Every series, when there are several or points were left out; else none (the title names the one series). */
  entries: { name: string; color: string }[];
  note?: string;
}

/**
 * The width of a chart that stands alone (the README's figures, the API's format=svg): wide enough
 * for two series' names on one legend row, narrow enough for a README's column; an SVG scales to
 * whatever embeds it.
 */
export const standaloneChartWidth = 640;

const chartPalette = ["#107c41", "#2b579a", "#b7472a", "#8764b8", "#c19c00", "#038387", "#e3008c", "#498205"];
/** The task pane's own font, then the usual sans-serif faces of each platform. */
export const chartFontFamily = "'Segoe UI', system-ui, -apple-system, Helvetica, Arial, sans-serif";

const colorOf = (i: number) => chartPalette[i % chartPalette.length]!;
const font = { tick: 11, axis: 12, title: 13, legend: 11 };
/** The box a line of text takes, in em: a common sans-serif font's ascent and descent, with a little to spare. */
const lineHeight = (px: number) => px * 1.25;
const ascent = (px: number) => px * 0.95;
/** Least room between neighbouring tick labels: side by side on x, one above the other on y. */
const labelGap = { x: 8, y: 3 };
const tickLength = 5;
/** Margin of a standalone chart around its title and legend. */
const pad = 8;
const ink = { text: "#222", muted: "#444", axis: "#444", grid: "#e5e5e5", note: "#555" };
/** A linear axis spans at most this either side of 0: beyond it the span itself overflows. */
const linearLimit = 1e300;

/** The points each series can show, in unbroken runs: a point an axis cannot show (not finite, ≤ 0 on a log axis) breaks its line. */
function plottable(spec: ChartSpec): { runs: ChartPoint[][][]; dropped: number } {
  const shows = (v: number, log: boolean | undefined) => Number.isFinite(v) && (log ? v > 0 : Math.abs(v) <= linearLimit);
  let dropped = 0;
  const runs = spec.series.map((s) => {
    const out: ChartPoint[][] = [];
    let run: ChartPoint[] = [];
    for (const p of s.points) {
      if (shows(p.x, spec.xLog && !spec.xCategories) && shows(p.y, spec.yLog)) run.push(p);
      else {
        dropped++;
        if (run.length) out.push(run);
        run = [];
      }
    }
    if (run.length) out.push(run);
    return out;
  });
  return { runs, dropped };
}

function legendOf(spec: ChartSpec, dropped: number): ChartLegend {
  const entries = spec.series.length > 1 || dropped > 0 ? spec.series.map((s, i) => ({ name: s.name, color: colorOf(i) })) : [];
  return dropped > 0 ? { entries, note: `${dropped} point(s) not shown (not a finite number, or not positive on a log axis)` } : { entries };
}

/** The legend of the chart `spec` draws; the page shows it beside a chart drawn with standalone: false. */
export function chartLegend(spec: ChartSpec): ChartLegend {
  return legendOf(spec, plottable(spec).dropped);
}

/** A measurer that falls back to the estimate, and asks each label once. */
function measurer(given: MeasureText | undefined): MeasureText {
  const widths = new Map<string, number>();
  return (text, fontPx, bold = false) => {
    const key = `${fontPx}${bold ? "b" : ""}\u0000${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      const measured = given?.(text, fontPx, bold);
      width = measured !== undefined && Number.isFinite(measured) && (measured > 0 || text === "") ? measured : estimateTextWidth(text, fontPx, bold);
      widths.set(key, width);
    }
    return width;
  };
}

/** Words into lines that fit (a word that does not fit alone gets a line of its own). */
function wrap(text: string, fits: (line: string) => boolean): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const longer = line ? `${line} ${word}` : word;
    if (line && !fits(longer)) {
      lines.push(line);
      line = word;
    } else line = longer;
  }
  if (line) lines.push(line);
  return lines;
}

const within = (v: number, lo: number, hi: number, fallback: number) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback);

/** A legend's line: a series' swatch and name (with its colour), or a line of the note (without). */
interface LegendItem {
  x: number;
  name: string;
  color?: string;
}
/** A swatch's line, and where its name starts. */
const swatch = { line: 14, text: 18 };

/** A legend laid out in rows across `width`: each entry a swatch and its name, the note on rows of its own. */
function legendRows(legend: ChartLegend, width: number, measure: MeasureText): LegendItem[][] {
  const spacing = 14;
  const rows: LegendItem[][] = [];
  let row: LegendItem[] = [];
  let x = 0;
  for (const entry of legend.entries) {
    const w = swatch.text + measure(entry.name, font.legend);
    if (row.length && x + w > width) {
      rows.push(row);
      [row, x] = [[], 0];
    }
    row.push({ x, name: entry.name, color: entry.color });
    x += w + spacing;
  }
  if (row.length) rows.push(row);
  if (legend.note) for (const line of wrap(legend.note, (l) => measure(l, font.legend) <= width)) rows.push([{ x: 0, name: line }]);
  return rows;
}

/**
 * The chart as an SVG document (its root element, xmlns and size on it, fonts as attributes, no
 * stylesheet), the same text for the same spec and options. Points an axis cannot show are left
 * out, break their line, and are counted in the legend; with nothing left to show it says so.
 */
export function lineChartSvg(spec: ChartSpec, options: ChartOptions): string {
  const standalone = options.standalone ?? true;
  const width = Math.round(within(options.width, 160, 4000, 640));
  const measure = measurer(options.measureText);
  const { runs, dropped } = plottable(spec);
  const legend = legendOf(spec, dropped);
  const all = runs.flat(2);

  // Bands from the top: the title, the plot with its axes, the legend.
  const inner = width - 2 * pad;
  const titleLines = standalone ? wrap(spec.title, (l) => measure(l, font.title, true) <= inner) : [];
  const header = standalone ? pad + titleLines.length * lineHeight(font.title) + 4 : 0;
  const rows = standalone ? legendRows(legend, inner, measure) : [];
  const footer = standalone ? (rows.length ? 4 + rows.length * lineHeight(font.legend) : 0) + pad : 0;
  const asked = options.height !== undefined && Number.isFinite(options.height) ? Math.min(4000, Math.round(options.height)) : undefined;
  const plotHeight = asked === undefined ? Math.round(Math.min(340, Math.max(210, width * 0.7))) : Math.max(120, asked - Math.ceil(header + footer));
  const height = Math.ceil(header + plotHeight + footer);

  const parts: string[] = [];
  if (standalone) parts.push(textElement("title", {}, spec.title));
  parts.push(element("rect", { width, height, fill: "#fff", class: "background" }));
  titleLines.forEach((line, i) => {
    const y = pad + i * lineHeight(font.title) + ascent(font.title);
    parts.push(textElement("text", { x: pad, y, "font-size": font.title, "font-weight": "bold", fill: ink.text, class: "chart-title" }, line));
  });
  if (all.length === 0) {
    const y = header + plotHeight / 2;
    parts.push(textElement("text", { x: width / 2, y, "text-anchor": "middle", "font-size": font.axis, fill: ink.muted }, "nothing to plot"));
  } else parts.push(...plot(spec, runs, all, { top: header, width, height: plotHeight }, measure));
  rows.forEach((row, r) => {
    const middle = header + plotHeight + 4 + r * lineHeight(font.legend) + lineHeight(font.legend) / 2;
    const baseline = middle - lineHeight(font.legend) / 2 + ascent(font.legend);
    for (const item of row) {
      const x = pad + item.x;
      if (item.color) {
        parts.push(element("line", { x1: x, y1: middle, x2: x + swatch.line, y2: middle, stroke: item.color, "stroke-width": 2 }));
        parts.push(textElement("text", { x: x + swatch.text, y: baseline, "font-size": font.legend, fill: ink.text, class: "legend-label" }, item.name));
      } else parts.push(textElement("text", { x, y: baseline, "font-size": font.legend, fill: ink.note, class: "legend-note" }, item.name));
    }
  });

  const root = {
    xmlns: "http://www.w3.org/2000/svg",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": spec.title,
    class: "chart",
    "font-family": chartFontFamily,
  };
  return element("svg", root, "\n", ...parts.map((p) => `${p}\n`));
}

/** The band of the chart the plot takes: its top edge, width and height in pixels. */
interface Band {
  top: number;
  width: number;
  height: number;
}

/** The axes, ticks, grid, axis titles and series within `band`. */
function plot(spec: ChartSpec, runs: ChartPoint[][][], all: ChartPoint[], band: Band, measure: MeasureText): string[] {
  const tickHeight = lineHeight(font.tick);
  const tickAscent = ascent(font.tick);
  const tickWidth = (label: string) => measure(label, font.tick);
  const axisTitleHeight = lineHeight(font.axis);
  const xAxis: Axis = axisOver(
    all.map((p) => p.x),
    spec.xLog === true && !spec.xCategories,
    spec.xCategories,
  );
  // The x axis spans what was swept, end to end; the y axis is rounded out to round values.
  const yAxis: Axis = roundedOut(
    axisOver(
      all.map((p) => p.y),
      spec.yLog === true,
    ),
  );

  const top = band.top + Math.ceil(tickHeight / 2) + 6;
  const xLabelTop = tickLength + Math.max(4, Math.ceil(tickHeight / 2) + 2);
  const bottom = band.top + band.height - Math.ceil(xLabelTop + tickHeight + 6 + axisTitleHeight + 4);
  const yTicks = chooseTicks(yAxis, { length: bottom - top, extent: () => tickHeight, gap: labelGap.y });
  const left = Math.ceil(4 + axisTitleHeight + 6 + Math.max(...yTicks.labels.map(tickWidth)) + 4 + tickLength);
  // Room on the right for half the widest label a tick at the right end could have.
  const xCandidates = tickCandidates(xAxis);
  const widest = Math.max(0, ...xCandidates.flatMap((t) => tickLabels(t, xAxis)).map(tickWidth));
  const right = band.width - Math.max(10, Math.ceil(widest / 2) + 2);
  const xTicks = chooseTicks(xAxis, { length: right - left, extent: tickWidth, gap: labelGap.x }, xCandidates);

  const mapX = (v: number) => left + axisFraction(xAxis, v) * (right - left);
  const mapY = (v: number) => bottom - axisFraction(yAxis, v) * (bottom - top);
  const tick = { "font-size": font.tick, fill: ink.muted, class: "tick" };
  const axisLine = { stroke: ink.axis, class: "axis" };

  const out: string[] = [];
  out.push(element("line", { x1: left, y1: bottom, x2: right, y2: bottom, ...axisLine }));
  out.push(element("line", { x1: left, y1: top, x2: left, y2: bottom, ...axisLine }));
  xTicks.values.forEach((t, i) => {
    const px = mapX(t);
    out.push(element("line", { x1: px, y1: bottom, x2: px, y2: bottom + tickLength, ...axisLine }));
    const y = bottom + xLabelTop + tickAscent;
    out.push(textElement("text", { x: px, y, "text-anchor": "middle", ...tick, "data-axis": "x" }, xTicks.labels[i]!));
  });
  yTicks.values.forEach((t, i) => {
    const py = mapY(t);
    out.push(element("line", { x1: left, y1: py, x2: right, y2: py, stroke: ink.grid, class: "grid" }));
    out.push(element("line", { x1: left - tickLength, y1: py, x2: left, y2: py, ...axisLine }));
    const y = py - tickHeight / 2 + tickAscent;
    out.push(textElement("text", { x: left - tickLength - 4, y, "text-anchor": "end", ...tick, "data-axis": "y" }, yTicks.labels[i]!));
  });
  const axisTitle = { "text-anchor": "middle", "font-size": font.axis, fill: ink.muted, class: "axis-label" };
  out.push(textElement("text", { x: (left + right) / 2, y: band.top + band.height - 6, ...axisTitle }, spec.xLabel));
  const middle = (top + bottom) / 2;
  const titleX = 4 + font.axis;
  out.push(textElement("text", { x: titleX, y: middle, ...axisTitle, transform: `rotate(-90 ${svgNumber(titleX)} ${svgNumber(middle)})` }, spec.yLabel));

  const xText = (x: number) => spec.xCategories?.[x - 1] ?? String(Number(x.toPrecision(6)));
  spec.series.forEach((s, i) => {
    const color = colorOf(i);
    for (const run of runs[i]!) {
      const points = run.map((p) => `${svgNumber(mapX(p.x))},${svgNumber(mapY(p.y))}`).join(" ");
      const line = { points, fill: "none", stroke: color, "stroke-width": 1.5, class: "series", "data-series": s.name };
      out.push(element("polyline", line, textElement("title", {}, s.name)));
    }
    for (const p of runs[i]!.flat()) {
      const tip = `${s.name}: ${spec.xLabel} = ${xText(p.x)}, ${spec.yLabel} = ${p.y.toPrecision(6)}`;
      out.push(element("circle", { cx: mapX(p.x), cy: mapY(p.y), r: 2, fill: color }, textElement("title", {}, tip)));
    }
  });
  return out;
}
