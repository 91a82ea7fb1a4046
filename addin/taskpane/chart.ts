/**
 * A line chart in SVG for the standalone planner (outside Excel there is no native chart), drawn
 * by hand: a few series over one numeric axis, linear or logarithmic on either axis.
 *
 * The chart is drawn at the width of its container, one SVG unit to a CSS pixel, so its text is as
 * large on screen as it is here (11 px tick labels) at any width; it is drawn again when the
 * container's width changes. Each axis takes the densest round ticks whose labels, measured in the
 * page, leave a gap between neighbours (chooseTicks): every decade of a short log axis, every 2nd,
 * 3rd, 5th, 10th… of a long one.
 */

export interface ChartSeries {
  name: string;
  points: { x: number; y: number }[];
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: ChartSeries[];
}

const svgNs = "http://www.w3.org/2000/svg";
const palette = ["#107c41", "#2b579a", "#b7472a", "#8764b8", "#c19c00", "#038387", "#e3008c", "#498205"];
/** Tick labels and axis titles, in CSS pixels. */
const tickFontPx = 11;
const axisFontPx = 12;
/** Least room between neighbouring tick labels: side by side on x, one above the other on y. */
const labelGap = { x: 8, y: 3 };
const tickLength = 5;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const clean = (v: number) => Number(v.toPrecision(12));

/** Round ticks `step` apart within [lo, hi]. */
function ticksEvery(lo: number, hi: number, step: number): number[] {
  const ticks: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i <= Math.floor(hi / step + 1e-9); i++) ticks.push(Math.abs(i * step) < step * 1e-9 ? 0 : clean(i * step));
  return ticks;
}

/** Linear tick sets from about five ticks to one, ever sparser: steps of 1, 2, 5 times a power of ten. */
function linearCandidates(lo: number, hi: number): number[][] {
  const raw = (hi - lo) / 5;
  const out: number[][] = [];
  for (let power = 10 ** Math.floor(Math.log10(raw)); out.length < 40; power *= 10) {
    for (const m of [1, 2, 5]) {
      const step = m * power;
      if (step < raw * (1 - 1e-9)) continue;
      const ticks = ticksEvery(lo, hi, step);
      out.push(ticks);
      if (ticks.length <= 1) return out;
    }
  }
  return out;
}

/** Log tick sets, `lo` and `hi` in decades: 1-2-5 within each decade on a short axis, then every 1st, 2nd, 3rd, 5th, 10th… decade. */
function logCandidates(lo: number, hi: number): number[][] {
  const out: number[][] = [];
  if (hi - lo <= 4) {
    const ticks: number[] = [];
    for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
      for (const m of [1, 2, 5]) {
        const v = m * 10 ** e;
        if (Math.log10(v) >= lo - 1e-9 && Math.log10(v) <= hi + 1e-9) ticks.push(clean(v));
      }
    }
    out.push(ticks);
  }
  for (const step of [1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 250, 500]) {
    const ticks = ticksEvery(lo, hi, step).map((e) => clean(10 ** e));
    out.push(ticks);
    if (ticks.length <= 1) break;
  }
  return out;
}

/** The tick sets an axis on [lo, hi] (in decades when `log`) may take, densest first. */
function tickCandidates(lo: number, hi: number, log: boolean): number[][] {
  return log ? logCandidates(lo, hi) : linearCandidates(lo, hi);
}

/** Labels for a set of ticks: decades as 0.01, 1000, 1e-25; linear ticks to the digits their step needs. */
function tickLabels(ticks: readonly number[], log: boolean): string[] {
  const exponent = (v: number, digits: number) =>
    v
      .toExponential(digits)
      .replace(/\.?0+e/, "e")
      .replace("e+", "e");
  if (log) return ticks.map((v) => (v >= 1e4 || v < 1e-3 ? exponent(v, 0) : String(v)));
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : Math.abs(ticks[0] ?? 1) || 1;
  return ticks.map((v) => {
    if (v === 0) return "0";
    const a = Math.abs(v);
    if (a >= 1e6 || a < 1e-3) return exponent(v, Math.min(6, Math.max(0, Math.floor(Math.log10(a)) - Math.floor(Math.log10(step)))));
    return String(Number(v.toFixed(Math.min(12, Math.max(0, -Math.floor(Math.log10(step)))))));
  });
}

/** The room an axis gives its labels. */
interface AxisRoom {
  /** Pixels along the axis. */
  length: number;
  /** Pixels a label takes along the axis: its width on x, its height on y. */
  extent(label: string): number;
  /** Pixels at least between neighbouring labels. */
  gap: number;
}

interface Ticks {
  values: number[];
  labels: string[];
}

/**
 * The densest round ticks on [lo, hi] (in decades when `log`) whose labels do not overlap: each
 * pair of neighbours at least (half of each one's extent) + gap apart along the axis. `candidates`
 * are tickCandidates(lo, hi, log), passed in when the caller has them already.
 */
function chooseTicks(lo: number, hi: number, log: boolean, room: AxisRoom, candidates = tickCandidates(lo, hi, log)): Ticks {
  const at = (v: number) => (((log ? Math.log10(v) : v) - lo) / (hi - lo)) * room.length;
  let last: Ticks | undefined;
  for (const values of candidates) {
    if (values.length === 0) continue;
    const labels = tickLabels(values, log);
    const sizes = labels.map((l) => room.extent(l));
    const fits = values.every((v, i) => i === 0 || at(v) - at(values[i - 1]!) >= (sizes[i]! + sizes[i - 1]!) / 2 + room.gap);
    if (fits) return { values, labels };
    last = { values, labels };
  }
  // Even the sparsest set overlaps (a very short axis): one label, in the middle of that set.
  const one = last ? [last.values[Math.floor((last.values.length - 1) / 2)]!] : [log ? clean(10 ** lo) : lo];
  return { values: one, labels: tickLabels(one, log) };
}

/** The span of the values on an axis, in decades when `log`; a single value gets a unit around it. */
function domain(values: number[], log: boolean): { lo: number; hi: number } {
  const t = (v: number) => (log ? Math.log10(v) : v);
  let lo = Math.min(...values.map(t));
  let hi = Math.max(...values.map(t));
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  return { lo, hi };
}

/** What the chart in a container was drawn from, to draw it again when the container's width changes. */
const drawn = new WeakMap<HTMLElement, { spec: ChartSpec; width: number; root: SVGSVGElement }>();
let resizes: ResizeObserver | undefined;

function redrawOnResize(container: HTMLElement): void {
  if (typeof ResizeObserver === "undefined") return;
  resizes ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const box = entry.target as HTMLElement;
      const last = drawn.get(box);
      if (last && box.contains(last.root) && Math.abs(box.clientWidth - last.width) >= 2) drawChart(box, last.spec);
    }
  });
  // Observed afresh after every draw: the observer reports only sizes that differ from the last one
  // it saw at a frame, so a width drawn and left again within one frame would otherwise go unseen.
  resizes.unobserve(container);
  resizes.observe(container);
}

const pointText = (v: number) => String(Number(v.toPrecision(6)));

/**
 * Draw the chart into `container` (replacing what was there). Points a log axis cannot show (≤ 0)
 * and non-finite values are left out and counted in the legend, not silently dropped.
 */
export function drawChart(container: HTMLElement, spec: ChartSpec): void {
  const keep = (p: { x: number; y: number }) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!spec.xLog || p.x > 0) && (!spec.yLog || p.y > 0);
  const series = spec.series.map((s) => ({ name: s.name, points: s.points.filter(keep) }));
  const dropped = spec.series.reduce((n, s) => n + s.points.length, 0) - series.reduce((n, s) => n + s.points.length, 0);
  const all = series.flatMap((s) => s.points);

  const width = Math.max(200, Math.round(container.clientWidth || 360));
  const height = Math.round(Math.min(340, Math.max(210, width * 0.7)));
  const caption = document.createElement("p");
  caption.className = "chart-title";
  caption.textContent = spec.title;
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": spec.title, class: "chart" });
  container.replaceChildren(caption, root);
  drawn.set(container, { spec, width, root });
  redrawOnResize(container);
  if (all.length === 0) {
    root.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", "font-size": axisFontPx }, "nothing to plot"));
    return;
  }

  // Labels are measured in the page, with the font they are drawn in.
  const probe = svg("text", { x: 0, y: 0, class: "tick", "font-size": tickFontPx }, "0");
  root.append(probe);
  const box = probe.getBBox();
  const lineHeight = box.height > 0 ? box.height : tickFontPx * 1.25;
  const ascent = box.height > 0 ? -box.y : tickFontPx * 0.95;
  const widths = new Map<string, number>();
  const labelWidth = (text: string) => {
    let w = widths.get(text);
    if (w === undefined) {
      probe.textContent = text;
      w = probe.getComputedTextLength() || text.length * tickFontPx * 0.62;
      widths.set(text, w);
    }
    return w;
  };
  const axisTitleHeight = axisFontPx * 1.25;

  const xs = domain(
    all.map((p) => p.x),
    spec.xLog === true,
  );
  const ys = domain(
    all.map((p) => p.y),
    spec.yLog === true,
  );
  const top = Math.ceil(lineHeight / 2) + 6;
  const xLabelTop = tickLength + Math.max(4, Math.ceil(lineHeight / 2) + 2);
  const plotBottom = height - Math.ceil(xLabelTop + lineHeight + 6 + axisTitleHeight + 4);
  const yTicks = chooseTicks(ys.lo, ys.hi, spec.yLog === true, { length: plotBottom - top, extent: () => lineHeight, gap: labelGap.y });
  const left = Math.ceil(4 + axisTitleHeight + 6 + Math.max(...yTicks.labels.map(labelWidth)) + 4 + tickLength);
  // Room on the right for half the widest label a tick at the right end could have.
  const xCandidates = tickCandidates(xs.lo, xs.hi, spec.xLog === true);
  const widest = Math.max(...xCandidates.flatMap((t) => tickLabels(t, spec.xLog === true)).map(labelWidth));
  const right = Math.max(10, Math.ceil(widest / 2) + 2);
  const xTicks = chooseTicks(xs.lo, xs.hi, spec.xLog === true, { length: width - right - left, extent: labelWidth, gap: labelGap.x }, xCandidates);
  probe.remove();

  const mapX = (v: number) => left + (((spec.xLog ? Math.log10(v) : v) - xs.lo) / (xs.hi - xs.lo)) * (width - right - left);
  const mapY = (v: number) => plotBottom - (((spec.yLog ? Math.log10(v) : v) - ys.lo) / (ys.hi - ys.lo)) * (plotBottom - top);

  root.append(svg("line", { x1: left, y1: plotBottom, x2: width - right, y2: plotBottom, class: "axis" }));
  root.append(svg("line", { x1: left, y1: top, x2: left, y2: plotBottom, class: "axis" }));
  xTicks.values.forEach((t, i) => {
    const px = mapX(t);
    root.append(svg("line", { x1: px, y1: plotBottom, x2: px, y2: plotBottom + tickLength, class: "axis" }));
    const y = plotBottom + xLabelTop + ascent;
    root.append(svg("text", { x: px, y, "text-anchor": "middle", class: "tick", "data-axis": "x", "font-size": tickFontPx }, xTicks.labels[i]!));
  });
  yTicks.values.forEach((t, i) => {
    const py = mapY(t);
    root.append(svg("line", { x1: left, y1: py, x2: width - right, y2: py, class: "grid" }));
    root.append(svg("line", { x1: left - tickLength, y1: py, x2: left, y2: py, class: "axis" }));
    const y = py - lineHeight / 2 + ascent;
    root.append(
      svg("text", { x: left - tickLength - 4, y, "text-anchor": "end", class: "tick", "data-axis": "y", "font-size": tickFontPx }, yTicks.labels[i]!),
    );
  });
  root.append(
    svg("text", { x: (left + width - right) / 2, y: height - 6, "text-anchor": "middle", class: "axis-label", "font-size": axisFontPx }, spec.xLabel),
  );
  const middle = (top + plotBottom) / 2;
  const titleX = 4 + axisFontPx;
  root.append(
    svg(
      "text",
      { x: titleX, y: middle, "text-anchor": "middle", transform: `rotate(-90 ${titleX} ${middle})`, class: "axis-label", "font-size": axisFontPx },
      spec.yLabel,
    ),
  );
  series.forEach((s, i) => {
    const color = palette[i % palette.length]!;
    const points = s.points.map((p) => `${mapX(p.x).toFixed(1)},${mapY(p.y).toFixed(1)}`).join(" ");
    const line = svg("polyline", { points, fill: "none", stroke: color, "stroke-width": 1.5, class: "series", "data-series": s.name });
    line.append(svg("title", {}, s.name));
    root.append(line);
    for (const p of s.points) {
      const dot = svg("circle", { cx: mapX(p.x).toFixed(1), cy: mapY(p.y).toFixed(1), r: 2, fill: color });
      dot.append(svg("title", {}, `${s.name}: ${spec.xLabel} = ${pointText(p.x)}, ${spec.yLabel} = ${p.y.toPrecision(6)}`));
      root.append(dot);
    }
  });
  if (series.length > 1 || dropped > 0) {
    const legend = document.createElement("ul");
    legend.className = "legend";
    series.forEach((s, i) => {
      const item = document.createElement("li");
      item.style.setProperty("--swatch", palette[i % palette.length]!);
      item.textContent = s.name;
      legend.append(item);
    });
    if (dropped > 0) {
      const note = document.createElement("li");
      note.className = "note";
      note.textContent = `${dropped} point(s) not shown (unbounded or not positive on a log axis)`;
      legend.append(note);
    }
    container.append(legend);
  }
}
