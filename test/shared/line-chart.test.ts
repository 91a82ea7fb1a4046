/**
 * The catalog's line chart (shared/charts/): the SVG it writes is a well-formed standalone document,
 * its log axes tick at powers of ten, its text is escaped, points an axis cannot show never reach
 * the output as NaN, and the same spec gives the same bytes. And the charts of the figure and sweep
 * tools hold exactly the tools' numbers.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { type ChartSpec, chartLegend, evaluate, figureChart, lineChartSvg, sweepChart, ValidationError } from "../../shared/index";
import { logSpaced } from "../../shared/charts/tool-charts";
import { estimateTextWidth } from "../../shared/charts/text-width";

interface Node {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: Node[];
}

/** The document as a tree (fast-xml-parser's ordered form, flattened into name, attributes, text, children). */
function parse(svg: string): Node {
  expect(XMLValidator.validate(svg)).toBe(true);
  const ordered = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    preserveOrder: true,
  }).parse(svg) as Record<string, unknown>[];
  const convert = (raw: Record<string, unknown>): Node | undefined => {
    const name = Object.keys(raw).find((k) => k !== ":@");
    if (!name || name === "#text") return undefined;
    const children = (raw[name] as Record<string, unknown>[]).map(convert).filter((n): n is Node => n !== undefined);
    const text = (raw[name] as Record<string, unknown>[])
      .filter((c) => "#text" in c)
      .map((c) => String(c["#text"]))
      .join("");
    return { name, attributes: (raw[":@"] ?? {}) as Record<string, string>, text, children };
  };
  const roots = ordered.map(convert).filter((n): n is Node => n !== undefined);
  expect(roots).toHaveLength(1);
  return roots[0]!;
}

const all = (node: Node): Node[] => [node, ...node.children.flatMap(all)];
const byClass = (root: Node, cls: string) => all(root).filter((n) => n.attributes.class === cls);
const ticks = (root: Node, axis: "x" | "y") => byClass(root, "tick").filter((n) => n.attributes["data-axis"] === axis);

const along = (n: number, f: (t: number) => { x: number; y: number }) => Array.from({ length: n }, (_, i) => f(i / (n - 1)));

const logBoth: ChartSpec = {
  title: "unreliability against N",
  xLabel: "N (peers)",
  yLabel: "unreliability",
  xLog: true,
  yLog: true,
  series: [{ name: "a", points: along(30, (t) => ({ x: 10 ** (2 + 5 * t), y: 10 ** (-1 - 8 * t) })) }],
};

describe("lineChartSvg", () => {
  it("writes a standalone SVG document: xmlns, size, viewBox, font and background on it, its title in it", () => {
    const svg = lineChartSvg(logBoth, { width: 500 });
    expect(svg.startsWith("<svg ")).toBe(true);
    const root = parse(svg);
    expect(root.name).toBe("svg");
    const { xmlns, width, height, viewBox } = root.attributes;
    expect(xmlns).toBe("http://www.w3.org/2000/svg");
    expect(width).toBe("500");
    expect(Number(height)).toBeGreaterThan(210);
    expect(viewBox).toBe(`0 0 500 ${height}`);
    expect(root.attributes["font-family"]).toContain("sans-serif");
    expect(root.children[0]).toMatchObject({ name: "title", text: logBoth.title });
    expect(root.children[1]).toMatchObject({ name: "rect", attributes: { width: "500", height, fill: "#fff" } });
    expect(byClass(root, "chart-title").map((n) => n.text)).toEqual([logBoth.title]);
    expect(byClass(root, "axis-label").map((n) => n.text)).toEqual(["N (peers)", "unreliability"]);
    // Every coordinate inside the picture.
    for (const n of all(root).filter((n) => n.name === "text" || n.name === "line")) {
      for (const key of ["x", "x1", "x2"]) if (n.attributes[key]) expect(Number(n.attributes[key])).toBeLessThanOrEqual(500);
      for (const key of ["y", "y1", "y2"]) if (n.attributes[key]) expect(Number(n.attributes[key])).toBeLessThanOrEqual(Number(height));
    }
  });

  it("puts a log axis's ticks at powers of ten, labelled as such, in order along the axis", () => {
    const root = parse(lineChartSvg(logBoth, { width: 500 }));
    for (const axis of ["x", "y"] as const) {
      const labels = ticks(root, axis);
      expect(labels.length, `${axis} ticks`).toBeGreaterThanOrEqual(3);
      for (const label of labels) {
        const exponent = Math.log10(Number(label.text));
        expect(Math.abs(exponent - Math.round(exponent)), `${axis} tick ${label.text}`).toBeLessThan(1e-12);
      }
      const at = labels.map((l) => Number(l.attributes[axis]));
      const values = labels.map((l) => Number(l.text));
      // x grows to the right with the value; y grows upwards (smaller SVG y) with it.
      for (let i = 1; i < at.length; i++) expect(axis === "x" ? at[i]! > at[i - 1]! : at[i]! < at[i - 1]!).toBe(values[i]! > values[i - 1]!);
    }
    // 1e-1 … 1e-9 rounded out to whole decades: the y axis starts at 1e-9 and ends at 0.1.
    expect(ticks(root, "y").map((l) => l.text)).toContain("1e-9");
  });

  it("escapes the text: markup in a title, a label or a series' name stays text, and characters XML cannot hold are left out", () => {
    const nasty = `<b>"R" & 'k'</b> </svg>`;
    const spec: ChartSpec = {
      title: nasty,
      xLabel: `x < 1 & y > 2`,
      yLabel: "nines\u0001",
      series: [
        { name: nasty, points: along(5, (t) => ({ x: t, y: t })) },
        { name: "plain", points: along(5, (t) => ({ x: t, y: 1 - t })) },
      ],
    };
    const svg = lineChartSvg(spec, { width: 400 });
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;b&gt;&quot;R&quot; &amp; &apos;k&apos;&lt;/b&gt;");
    expect(svg).not.toContain("\u0001");
    const root = parse(svg);
    const decoded = (s: string) =>
      s
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, "&");
    expect(decoded(byClass(root, "chart-title")[0]!.text)).toBe(nasty);
    expect(byClass(root, "series").map((n) => decoded(n.attributes["data-series"]!))).toEqual([nasty, "plain"]);
    expect(byClass(root, "legend-label").map((n) => decoded(n.text))).toEqual([nasty, "plain"]);
    expect(byClass(root, "axis-label").map((n) => decoded(n.text))).toEqual(["x < 1 & y > 2", "nines"]);
  });

  it("leaves out NaN, ±Infinity and, on a log axis, values ≤ 0: the line breaks there, the legend counts them, no NaN reaches the output", () => {
    const ys = [1e-3, Number.NaN, 1e-5, 0, 1e-7, Number.POSITIVE_INFINITY, 1e-9, -1, 1e-11];
    const spec: ChartSpec = {
      title: "gaps",
      xLabel: "x",
      yLabel: "unreliability",
      yLog: true,
      series: [
        { name: "broken", points: ys.map((y, i) => ({ x: i + 1, y })) },
        { name: "bad x", points: [Number.NEGATIVE_INFINITY, 2, Number.NaN, 4].map((x) => ({ x, y: 0.5 })) },
      ],
    };
    const svg = lineChartSvg(spec, { width: 400 });
    expect(svg).not.toMatch(/NaN|Infinity/);
    const root = parse(svg);
    // Five runs of one point for "broken", two for "bad x": a point shows, a gap breaks the line.
    const lines = byClass(root, "series");
    expect(lines.filter((l) => l.attributes["data-series"] === "broken")).toHaveLength(5);
    expect(lines.filter((l) => l.attributes["data-series"] === "bad x")).toHaveLength(2);
    expect(all(root).filter((n) => n.name === "circle")).toHaveLength(7);
    const legend = chartLegend(spec);
    expect(legend.note).toMatch(/^6 point\(s\) not shown/);
    expect(
      byClass(root, "legend-note")
        .map((n) => n.text)
        .join(" "),
    ).toBe(legend.note);
    // Every number in the document is a number.
    for (const n of all(root))
      for (const [key, v] of Object.entries(n.attributes)) if (/^(x|y|x1|x2|y1|y2|cx|cy|r)$/.test(key)) expect(Number.isFinite(Number(v))).toBe(true);
  });

  it("draws a valid chart from nothing, from one point and from values all equal", () => {
    const empty = parse(lineChartSvg({ title: "none", xLabel: "x", yLabel: "y", series: [{ name: "a", points: [] }] }, { width: 300 }));
    expect(all(empty).some((n) => n.text === "nothing to plot")).toBe(true);
    expect(parse(lineChartSvg({ title: "none", xLabel: "x", yLabel: "y", series: [] }, { width: 300 })).name).toBe("svg");
    const onlyBad = lineChartSvg({ title: "t", xLabel: "x", yLabel: "y", yLog: true, series: [{ name: "a", points: [{ x: 1, y: 0 }] }] }, { width: 300 });
    expect(onlyBad).toContain("nothing to plot");
    expect(onlyBad).toContain("1 point(s) not shown");
    for (const [log, y] of [
      [false, 7.5],
      [false, 0],
      [true, 1e-9],
      [false, 1e9],
    ] as const) {
      for (const points of [[{ x: 3, y }], along(6, (t) => ({ x: 10 * t, y }))]) {
        const svg = lineChartSvg({ title: "flat", xLabel: "x", yLabel: "y", yLog: log, xLog: log, series: [{ name: "a", points }] }, { width: 300 });
        expect(svg).not.toMatch(/NaN|Infinity/);
        const root = parse(svg);
        expect(ticks(root, "y").length, `y ticks at ${y}`).toBeGreaterThanOrEqual(1);
        expect(all(root).filter((n) => n.name === "circle")).toHaveLength(log ? points.filter((p) => p.x > 0).length : points.length);
      }
    }
  });

  it("draws values at the ends of what a double holds, subnormal ones included, on log axes (found in review: was a throw)", () => {
    // rserver with Rs = 0.9: the unreliability 0.1^n, computed directly, is subnormal from n = 308 on.
    const tiny = lineChartSvg(
      {
        title: "t",
        xLabel: "n",
        yLabel: "unreliability",
        yLog: true,
        series: [{ name: "a", points: along(9, (t) => ({ x: 315 + 8 * t, y: 0.1 ** (315 + 8 * t) })) }],
      },
      { width: 300 },
    );
    const huge = lineChartSvg(
      {
        title: "t",
        xLabel: "x",
        yLabel: "y",
        xLog: true,
        yLog: true,
        series: [{ name: "a", points: along(5, (t) => ({ x: 10 ** (300 + 8 * t), y: Number.MAX_VALUE * (0.5 + t / 2) })) }],
      },
      { width: 300 },
    );
    for (const svg of [tiny, huge]) {
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
      const root = parse(svg);
      expect(all(root).filter((n) => n.name === "circle").length).toBeGreaterThanOrEqual(5);
      expect(ticks(root, "y").length).toBeGreaterThanOrEqual(1);
    }
    // Every point of the subnormal sweep is on the chart.
    expect(all(parse(tiny)).filter((n) => n.name === "circle")).toHaveLength(9);
    expect(tiny).not.toContain("not shown");
  });

  it("gives the same bytes for the same spec, and estimates a label's width when measureText gives none", () => {
    const a = lineChartSvg(logBoth, { width: 640 });
    expect(lineChartSvg(structuredClone(logBoth), { width: 640 })).toBe(a);
    expect(lineChartSvg(logBoth, { width: 640, measureText: () => Number.NaN })).toBe(a);
    expect(lineChartSvg(logBoth, { width: 640, measureText: estimateTextWidth })).toBe(a);
    expect(estimateTextWidth("1e-9", 11)).toBeCloseTo((0.64 * 3 + 0.42) * 11, 12);
  });

  it("measures with measureText when given: wider labels push the plot right", () => {
    const asked: [string, number][] = [];
    const wide = (text: string, px: number) => {
      asked.push([text, px]);
      return text.length * px * 2;
    };
    const plotLeft = (svg: string) => Number(byClass(parse(svg), "axis")[0]!.attributes.x1);
    const measured = lineChartSvg(logBoth, { width: 640, measureText: wide });
    expect(asked).toContainEqual(["1e-9", 11]);
    expect(plotLeft(measured)).toBeGreaterThan(plotLeft(lineChartSvg(logBoth, { width: 640 })));
  });

  it("leaves the title and the legend to the page when not standalone, at the pane's height", () => {
    const spec: ChartSpec = { ...logBoth, series: [...logBoth.series, { name: "b", points: logBoth.series[0]!.points }] };
    const root = parse(lineChartSvg(spec, { width: 400, standalone: false }));
    expect(root.attributes.height).toBe("280");
    expect(root.children.map((n) => n.name)).not.toContain("title");
    expect(byClass(root, "chart-title")).toEqual([]);
    expect(byClass(root, "legend-label")).toEqual([]);
    expect(chartLegend(spec).entries.map((e) => e.name)).toEqual(["a", "b"]);
    expect(new Set(chartLegend(spec).entries.map((e) => e.color)).size).toBe(2);
    // One series, nothing left out: no legend, the title names it.
    expect(chartLegend(logBoth)).toEqual({ entries: [] });
  });

  it("names a category axis by its categories", () => {
    const spec: ChartSpec = {
      title: "by algorithm",
      xLabel: "algorithm",
      yLabel: "nines",
      xCategories: ["log2", "chord", "kademlia"],
      series: [{ name: "nines", points: [1, 2, 3].map((x) => ({ x, y: x * 2 })) }],
    };
    expect(ticks(parse(lineChartSvg(spec, { width: 400 })), "x").map((l) => l.text)).toEqual(["log2", "chord", "kademlia"]);
  });

  it("keeps to the height asked for, and the width within 160 to 4000", () => {
    expect(parse(lineChartSvg(logBoth, { width: 600, height: 450 })).attributes.height).toBe("450");
    expect(parse(lineChartSvg(logBoth, { width: 20 })).attributes.width).toBe("160");
    expect(parse(lineChartSvg(logBoth, { width: Number.NaN })).attributes.width).toBe("640");
    expect(lineChartSvg(logBoth, { width: 500, height: Number.NaN })).toBe(lineChartSvg(logBoth, { width: 500 }));
  });
});

describe("figureChart", () => {
  for (const figure of [2, 3, 4] as const) {
    it(`holds Figure ${figure}'s two series point for point, on the figure's own x scale`, () => {
      const result = evaluate("figure", { figure });
      for (const output of ["value", "unreliability", "nines"] as const) {
        const chart = figureChart(result, output);
        expect(chart.title).toBe(result.title);
        expect(chart.yLabel).toBe(output);
        expect(chart.xLog).toBe(figure !== 4);
        expect(chart.yLog).toBe(output === "unreliability");
        expect(chart.series.map((s) => s.name)).toEqual(["server-based (DS+M+U)", "DHT-based (P+DHT+A)"]);
        chart.series.forEach((s, i) => {
          const points = result.series[i]!.points;
          expect(s.points).toHaveLength(points.length);
          expect(s.points).toEqual(points.map((p) => ({ x: p.x, y: p[output] })));
        });
      }
    });
  }

  it("names the axis with its unit once: N (peers), replicas, MTTF/MTTR", () => {
    expect([2, 3, 4].map((figure) => figureChart(evaluate("figure", { figure }), "nines").xLabel)).toEqual(["N (peers)", "MTTF/MTTR", "replicas"]);
  });

  it("refuses an output a figure does not have, naming output and the ones it has", () => {
    const result = evaluate("figure", { figure: 2 });
    expect(() => figureChart(result, "rho" as never)).toThrow(ValidationError);
    expect(() => figureChart(result, "rho" as never)).toThrow('output must be one of value, unreliability, nines for a figure, got "rho"');
  });
});

describe("sweepChart", () => {
  it("draws one series of the output over a one-axis sweep, log x when the axis was log-spaced", () => {
    const result = evaluate("sweep", { model: "rdht", fixed: { Rp: 0.9, m: 3 }, over: [{ param: "k", from: 1, to: 1000, steps: 7, scale: "log" }] });
    const chart = sweepChart(result, "unreliability");
    expect(chart).toMatchObject({ title: "rdht: unreliability vs k", xLabel: "k (hops)", yLabel: "unreliability", xLog: true, yLog: true });
    expect(chart.series).toHaveLength(1);
    expect(chart.series[0]!.name).toBe("unreliability");
    expect(chart.series[0]!.points).toEqual(result.rows.map((r) => ({ x: r[0], y: r[2] })));
    expect(chart.series[0]!.points[3]).toEqual({ x: 10 ** 1.5, y: evaluate("rdht", { Rp: 0.9, m: 3, k: 10 ** 1.5 }).unreliability });
    expect(sweepChart(result, "unreliability", { xLog: false }).xLog).toBe(false);
    const linear = evaluate("sweep", { model: "rdht", fixed: { Rp: 0.9, m: 3 }, over: [{ param: "k", from: 1, to: 1000, steps: 7 }] });
    expect(sweepChart(linear, "nines")).toMatchObject({ xLog: false, yLog: false });
  });

  it("draws one series for each value of the second axis, each over the first", () => {
    const result = evaluate("sweep", {
      model: "rdht",
      fixed: { Rp: 0.9 },
      over: [
        { param: "k", from: 1, to: 20, steps: 20 },
        { param: "m", values: [1, 2, 3] },
      ],
    });
    const chart = sweepChart(result, "nines");
    expect(chart.series.map((s) => s.name)).toEqual(["m = 1", "m = 2", "m = 3"]);
    for (const [j, m] of [1, 2, 3].entries()) {
      const points = chart.series[j]!.points;
      expect(points).toHaveLength(20);
      expect(points.map((p) => p.x)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(points[4]).toEqual({ x: 5, y: evaluate("rdht", { Rp: 0.9, m, k: 5 }).nines });
    }
  });

  it("plots a first axis of choices at 1…n, named on the axis", () => {
    const algorithms = ["log2", "chord", "kademlia"];
    const result = evaluate("sweep", { model: "pathlength", fixed: { N: 1e6 }, over: [{ param: "algorithm", values: algorithms }] });
    const chart = sweepChart(result, "value");
    expect(chart.xCategories).toEqual(algorithms);
    expect(chart.xLog).toBe(false);
    expect(chart.series[0]!.points).toEqual(algorithms.map((algorithm, i) => ({ x: i + 1, y: evaluate("pathlength", { N: 1e6, algorithm }).value })));
  });

  it("draws an output the sweep was asked for, by its last column when a parameter shares its name", () => {
    const result = evaluate("sweep", {
      model: "pdhta",
      fixed: { N: 1e5, lambda: 50 },
      over: [{ param: "k", values: [5, 10, 20] }],
      outputs: ["k", "rho"],
    });
    expect(sweepChart(result, "k").series[0]!.points).toEqual(result.rows.map((r) => ({ x: r[0], y: r[4] })));
    expect(sweepChart(result, "rho").series[0]!.points.map((p) => p.y)).toEqual(result.rows.map((r) => r[5]));
  });

  it("refuses an output that is not a column, naming output and the columns there are", () => {
    const result = evaluate("sweep", { model: "rdht", fixed: { Rp: 0.9, m: 3 }, over: [{ param: "k", values: [1, 2] }] });
    const message = (output: string) => {
      try {
        sweepChart(result, output);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).errors[0]!.path).toBe("output");
        return (error as Error).message;
      }
      throw new Error(`sweepChart accepted ${output}`);
    };
    expect(message("nine")).toBe(`output must be one of the sweep's columns value, unreliability, nines, got "nine"`);
    // A swept parameter is a column, but not an output.
    expect(message("k")).toContain(`got "k"`);
    expect(message("hopUnreliability")).toContain("hopUnreliability is an output of rdht: name it in the sweep's outputs");
  });

  it("takes log spacing from the values themselves", () => {
    expect(logSpaced([1, 10, 100, 1000])).toBe(true);
    expect(logSpaced([2, 4, 8])).toBe(true);
    expect(logSpaced([1, 2, 3])).toBe(false);
    expect(logSpaced([1, 100])).toBe(false);
    expect(logSpaced([0, 1, 10])).toBe(false);
    expect(logSpaced(["a", "b", "c"])).toBe(false);
  });
});
