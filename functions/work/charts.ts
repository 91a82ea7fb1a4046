/**
 * format=svg: the figure, sweep and cheapest tools' results drawn as a standalone SVG chart by the catalog's
 * one chart module (shared/charts/, the task pane's too), so a chart opens from a URL and embeds in
 * a wiki or a report. The y axis shows `output=` when given, else the unreliability, on a log axis:
 * where planners read (1e-3 and 1e-9 as far apart as the six nines between them).
 */
import type { ChartSpec, CheapestResult, FigureOutput, FigureResult, SweepResult } from "../../shared/index";
import { cheapestChart, figureChart, lineChartSvg, standaloneChartWidth, sweepChart } from "../../shared/index";
import { HttpProblem } from "../http/problem";
import type { OutputChoice } from "../http/request";

/** One dot a point: past this many, an SVG is megabytes that no reader can tell apart. */
export const MAX_CHART_POINTS = 10_000;

const charts: Record<string, (result: unknown, output: OutputChoice) => ChartSpec> = {
  // The frontier's cost against its nines: `output` has nothing to choose.
  cheapest: (result) => cheapestChart(result as CheapestResult),
  figure: (result, output) => figureChart(result as FigureResult, (output.explicit ? output.name : "unreliability") as FigureOutput),
  sweep: (result, output) => {
    const sweep = result as SweepResult;
    return sweepChart(sweep, output.explicit ? output.name : sweep.columns.includes("unreliability") ? "unreliability" : "value");
  },
};

/** The tools that answer format=svg. */
export const chartedTools: readonly string[] = Object.keys(charts);

/** The chart of a tool's result as SVG text; a refusal naming `format` when it would have too many points. */
export function chartSvg(tool: string, result: unknown, output: OutputChoice): string {
  const chart = charts[tool];
  // The route table offers svg only for the charted tools (chooseFormat refuses it elsewhere).
  if (!chart) throw new Error(`${tool} has no chart`);
  const spec = chart(result, output);
  const points = spec.series.reduce((n, s) => n + s.points.length, 0);
  if (points > MAX_CHART_POINTS)
    throw new HttpProblem(
      422,
      `a chart draws at most ${MAX_CHART_POINTS} points and this one has ${points}; ask for fewer steps, or format=csv for the table`,
      [{ path: "format", message: `format=svg needs at most ${MAX_CHART_POINTS} points, got ${points}` }],
    );
  return lineChartSvg(spec, { width: standaloneChartWidth });
}
