/**
 * The paper's Figures 2, 3 and 4 as the README shows them: SVG files drawn from the figure tool by
 * the catalog's one chart (the task pane's and the HTTP API's), with the label widths estimated so
 * the files are the same bytes on every machine. `npm run docs` writes them; a test fails when the
 * committed files differ from what the catalog draws now.
 */
import { evaluate, type FigureOutput, figureChart, lineChartSvg, standaloneChartWidth } from "../shared/index";

/**
 * Each figure with the output that shows its point (README, "The paper's observations"):
 * Figure 2 is a failure rate that jumps seven decades where the servers' load crosses 1, read on a
 * log axis of unreliability; Figures 3 and 4 are slopes in nines (per doubling of MTTF, per replica),
 * straight lines on a nines axis.
 */
export const readmeFigures: readonly { figure: 2 | 3 | 4; output: FigureOutput }[] = [
  { figure: 2, output: "unreliability" },
  { figure: 3, output: "nines" },
  { figure: 4, output: "nines" },
];

export const figuresDir = "docs/figures";

/** Each file (its path from the repository root) and its SVG text. */
export function renderFigureDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const { figure, output } of readmeFigures) {
    const chart = figureChart(evaluate("figure", { figure }), output);
    files.set(`${figuresDir}/figure-${figure}.svg`, `${lineChartSvg(chart, { width: standaloneChartWidth })}\n`);
  }
  return files;
}
