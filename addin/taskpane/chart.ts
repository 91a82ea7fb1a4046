/**
 * The standalone planner's chart (outside Excel there is no native chart): the catalog's line chart
 * (lineChartSvg, the same drawing the README's figures and the HTTP API's SVG use) put into the page.
 *
 * The page's part: the chart is drawn at the width of its container, its labels measured in the
 * page's own font, and drawn again when the container's width changes. The title and the legend are
 * the page's text around the SVG, so they wrap with the pane.
 */
import { type ChartSpec, chartFontFamily, chartLegend, lineChartSvg } from "../../shared/index";
import { element } from "./dom";

let canvas: CanvasRenderingContext2D | null | undefined;

/** A label's width as the page draws it in the chart's font; NaN when the page cannot measure (the chart then estimates). */
function pageTextWidth(text: string, fontPx: number, bold = false): number {
  canvas ??= document.createElement("canvas").getContext("2d");
  if (!canvas) return Number.NaN;
  canvas.font = `${bold ? "bold " : ""}${fontPx}px ${chartFontFamily}`;
  return canvas.measureText(text).width;
}

/** What the chart in a container was drawn from, to draw it again when the container's width changes. */
const drawn = new WeakMap<HTMLElement, { spec: ChartSpec; width: number; root: Element }>();
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

/**
 * Draw the chart into `container` (replacing what was there): its title, the SVG, and the legend
 * when there are several series or points a log axis cannot show (those are counted, not silently
 * dropped).
 */
export function drawChart(container: HTMLElement, spec: ChartSpec): void {
  const width = Math.max(200, Math.round(container.clientWidth || 360));
  const svg = new DOMParser().parseFromString(lineChartSvg(spec, { width, measureText: pageTextWidth, standalone: false }), "image/svg+xml");
  const root = document.importNode(svg.documentElement, true);
  container.replaceChildren(element("p", { className: "chart-title", textContent: spec.title }), root);
  drawn.set(container, { spec, width, root });
  redrawOnResize(container);
  const { entries, note } = chartLegend(spec);
  if (entries.length === 0 && !note) return;
  const legend = element("ul", { className: "legend" });
  for (const { name, color } of entries) {
    const item = element("li", { textContent: name });
    item.style.setProperty("--swatch", color);
    legend.append(item);
  }
  if (note) legend.append(element("li", { className: "note", textContent: note }));
  container.append(legend);
}
