/**
 * The figure and sweep tools' results as charts: what the task pane draws, the README shows and
 * the HTTP API answers with format=svg, built once here. Unreliability goes on a log axis, where
 * 1e-3 and 1e-9 are as far apart as the six nines between them.
 */
import { describeParams, withUnit } from "../catalog/describe";
import { asTyped, ValidationError } from "../catalog/errors";
import { modelByName } from "../tools/common";
import type { CheapestResult } from "../tools/cheapest";
import type { FigureResult } from "../tools/figure";
import { axisPoints, type SweepResult } from "../tools/sweep";
import type { ChartSeries, ChartSpec } from "./line-chart";

/** What a figure can show of each point. */
export const figureOutputs = ["value", "unreliability", "nines"] as const;
export type FigureOutput = (typeof figureOutputs)[number];

/** The paper's figure as the figure tool returned it: both designs over the figure's own axis, on its own scale. */
export function figureChart(result: FigureResult, output: FigureOutput): ChartSpec {
  if (!(figureOutputs as readonly string[]).includes(output))
    throw new ValidationError([{ path: "output", message: `output must be one of ${figureOutputs.join(", ")} for a figure, got ${asTyped(output)}` }]);
  return {
    title: result.title,
    xLabel: withUnit(result.x.name, result.x.unit),
    yLabel: output,
    xLog: result.parameters.axis.scale === "log",
    yLog: output === "unreliability",
    series: result.series.map((s) => ({ name: s.label, points: s.points.map((p) => ({ x: p.x, y: p[output] })) })),
  };
}

export interface SweepChartOptions {
  /** The x axis on a log scale; left out, it is when the first axis's values are log-spaced (a range with scale "log"). */
  xLog?: boolean;
  /** The y axis on a log scale; left out, it is for unreliability. */
  yLog?: boolean;
  /** Left out: "<model>: <output> vs <first parameter>". */
  title?: string;
}

/** Whether the values run from the first to the last as a range with scale "log" spaces them (three at least, so not also evenly). */
export function logSpaced(values: readonly (number | string)[]): boolean {
  if (values.length < 3 || !values.every((v) => typeof v === "number" && v > 0)) return false;
  const numbers = values as readonly number[];
  const [first, last] = [numbers[0]!, numbers.at(-1)!];
  if (first === last) return false;
  return axisPoints(first, last, numbers.length, "log").every((v, i) => Math.abs(numbers[i]! - v) <= 1e-9 * v);
}

/**
 * One output of a sweep over its first axis: one series, or one for each value of the second axis.
 * A first axis of choices ("kademlia", "chord") is drawn at 1…n, named on the axis. The rows run
 * over the second axis within the first, as the sweep computes them; a cell without the output
 * (a derived output the cell does not have) is not drawn.
 */
export function sweepChart(result: SweepResult, output: string, options: SweepChartOptions = {}): ChartSpec {
  const model = modelByName(result.model);
  const axes = result.axes.length;
  const outputs = result.columns.slice(axes);
  // The last column of that name: an output may share its name with a swept parameter (pdhta's k).
  const column = result.columns.lastIndexOf(output);
  if (column < axes) {
    const ask = model.outputs.some((o) => o.name === output) ? `; ${output} is an output of ${model.name}: name it in the sweep's outputs` : "";
    throw new ValidationError([{ path: "output", message: `output must be one of the sweep's columns ${outputs.join(", ")}, got ${asTyped(output)}${ask}` }]);
  }
  const [first, second] = result.axes as [SweepResult["axes"][number], SweepResult["axes"][number] | undefined];
  const numeric = first.values.every((v) => typeof v === "number");
  const ys = result.data[column]!;
  const groups = second?.values.length ?? 1;
  const series: ChartSeries[] = (second?.values ?? [output]).map((v) => ({ name: second ? `${second.param} = ${v}` : String(v), points: [] }));
  for (let row = 0; row < result.cells; row++) {
    const i = Math.floor(row / groups);
    series[row % groups]!.points.push({ x: numeric ? (first.values[i] as number) : i + 1, y: Number(ys[row]) });
  }
  const paramUnit = describeParams(model).find((p) => p.name === first.param)?.unit;
  const outputUnit = model.outputs.find((o) => o.name === output)?.unit;
  return {
    title: options.title ?? `${result.model}: ${output} vs ${first.param}`,
    xLabel: withUnit(first.param, paramUnit),
    yLabel: withUnit(output, outputUnit),
    xLog: numeric && (options.xLog ?? logSpaced(first.values)),
    yLog: options.yLog ?? output === "unreliability",
    ...(numeric ? {} : { xCategories: first.values.map(String) }),
    series,
  };
}

/**
 * The cheapest tool's frontier as a chart: each point the cheapest configuration that reaches a
 * level, at the nines it achieves (x) and its monthly cost (y), one series per design that appears,
 * so a step shows where a design or a server type takes over.
 */
export function cheapestChart(result: CheapestResult): ChartSpec {
  const byDesign = new Map<string, ChartSeries>();
  for (const p of result.frontier) {
    const series = byDesign.get(p.design) ?? { name: p.design, points: [] };
    byDesign.set(p.design, series);
    // Two levels met by one configuration are one point.
    if (!series.points.some((q) => q.x === p.nines && q.y === p.costPerMonth.total)) series.points.push({ x: p.nines, y: p.costPerMonth.total });
  }
  return {
    title: `cheapest: cost against nines (target ${Number(result.targetNines.toFixed(2))} nines)`,
    xLabel: "nines reached",
    yLabel: "cost ($/month)",
    series: [...byDesign.values()],
  };
}
