/**
 * A line chart in SVG for the standalone planner (outside Excel there is no native chart), drawn
 * by hand: a few series over one numeric axis, linear or logarithmic on either axis.
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
const size = { width: 360, height: 240, left: 52, right: 12, top: 28, bottom: 40 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** About five round tick values covering [lo, hi]: 1, 2 or 5 times a power of ten apart. */
export function niceTicks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return ticks;
}

function label(value: number): string {
  if (value === 0) return "0";
  const a = Math.abs(value);
  return a >= 1e4 || a < 1e-3 ? value.toExponential(0).replace("e+", "e") : String(Number(value.toPrecision(4)));
}

interface Scale {
  map(v: number): number;
  ticks: number[];
}

function scale(values: number[], log: boolean, from: number, to: number): Scale {
  const t = (v: number) => (log ? Math.log10(v) : v);
  let lo = Math.min(...values.map(t));
  let hi = Math.max(...values.map(t));
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const ticks = log ? Array.from({ length: Math.floor(hi) - Math.ceil(lo) + 1 }, (_, i) => 10 ** (Math.ceil(lo) + i)) : niceTicks(lo, hi);
  return { map: (v) => from + ((t(v) - lo) / (hi - lo)) * (to - from), ticks: ticks.length ? ticks : [log ? 10 ** lo : lo] };
}

/**
 * Draw the chart into `container` (replacing what was there). Points a log axis cannot show (≤ 0)
 * and non-finite values are left out and counted in the caption, not silently dropped.
 */
export function drawChart(container: HTMLElement, spec: ChartSpec): void {
  const keep = (p: { x: number; y: number }) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!spec.xLog || p.x > 0) && (!spec.yLog || p.y > 0);
  const series = spec.series.map((s) => ({ name: s.name, points: s.points.filter(keep) }));
  const dropped = spec.series.reduce((n, s) => n + s.points.length, 0) - series.reduce((n, s) => n + s.points.length, 0);
  const all = series.flatMap((s) => s.points);
  container.replaceChildren();
  const root = svg("svg", { viewBox: `0 0 ${size.width} ${size.height}`, role: "img", "aria-label": spec.title, class: "chart" });
  root.append(svg("text", { x: size.width / 2, y: 16, "text-anchor": "middle", class: "chart-title" }, spec.title));
  if (all.length === 0) {
    root.append(svg("text", { x: size.width / 2, y: size.height / 2, "text-anchor": "middle" }, "nothing to plot"));
    container.append(root);
    return;
  }
  const x = scale(
    all.map((p) => p.x),
    spec.xLog === true,
    size.left,
    size.width - size.right,
  );
  const y = scale(
    all.map((p) => p.y),
    spec.yLog === true,
    size.height - size.bottom,
    size.top,
  );
  const plotBottom = size.height - size.bottom;
  root.append(svg("line", { x1: size.left, y1: plotBottom, x2: size.width - size.right, y2: plotBottom, class: "axis" }));
  root.append(svg("line", { x1: size.left, y1: size.top, x2: size.left, y2: plotBottom, class: "axis" }));
  for (const t of x.ticks) {
    const px = x.map(t);
    root.append(svg("line", { x1: px, y1: plotBottom, x2: px, y2: plotBottom + 4, class: "axis" }));
    root.append(svg("text", { x: px, y: plotBottom + 14, "text-anchor": "middle", class: "tick" }, label(t)));
  }
  for (const t of y.ticks) {
    const py = y.map(t);
    root.append(svg("line", { x1: size.left, y1: py, x2: size.width - size.right, y2: py, class: "grid" }));
    root.append(svg("text", { x: size.left - 4, y: py + 3, "text-anchor": "end", class: "tick" }, label(t)));
  }
  root.append(svg("text", { x: (size.left + size.width - size.right) / 2, y: size.height - 6, "text-anchor": "middle", class: "axis-label" }, spec.xLabel));
  root.append(
    svg(
      "text",
      { x: 12, y: (size.top + plotBottom) / 2, "text-anchor": "middle", transform: `rotate(-90 12 ${(size.top + plotBottom) / 2})`, class: "axis-label" },
      spec.yLabel,
    ),
  );
  series.forEach((s, i) => {
    const color = palette[i % palette.length]!;
    const points = s.points.map((p) => `${x.map(p.x).toFixed(1)},${y.map(p.y).toFixed(1)}`).join(" ");
    const line = svg("polyline", { points, fill: "none", stroke: color, "stroke-width": 1.5, class: "series", "data-series": s.name });
    line.append(svg("title", {}, s.name));
    root.append(line);
    for (const p of s.points) {
      const dot = svg("circle", { cx: x.map(p.x).toFixed(1), cy: y.map(p.y).toFixed(1), r: 2, fill: color });
      dot.append(svg("title", {}, `${s.name}: ${spec.xLabel} = ${label(p.x)}, ${spec.yLabel} = ${p.y.toPrecision(6)}`));
      root.append(dot);
    }
  });
  container.append(root);
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
