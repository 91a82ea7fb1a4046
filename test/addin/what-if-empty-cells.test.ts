/**
 * Issue 10 §2: Excel desktop passes 0 for an empty referenced cell where Excel on the web passes
 * null. No formula the add-in writes reads an empty cell: a parameter left out holds "default"
 * (omittedMarker). So every what-if and figure sheet, evaluated through the functions the built
 * functions.js registers (as Excel calls them) with empty cells as null and again as 0, shows the
 * same numbers, and they are the catalog's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { describeParams, evaluate, models, runModel, validate, ValidationError, type AnyModel, type ParamInfo } from "../../shared/index";
import { omittedMarker } from "../../addin/functions/cells";
import { outputChoices } from "../../addin/functions/signatures";
import { figureLayout, whatIfLayout, type WhatIfLayout, type WhatIfRequest } from "../../addin/taskpane/whatif";
import { emptyArguments, evaluateTable, registeredFunctions, sheetCells, type Shown } from "./what-if-sheet";

beforeAll(() => {
  registeredFunctions();
});

/** Whether a parameter's rule allows x. */
function allowed(p: ParamInfo, x: number): boolean {
  if (p.type === "integer" && !Number.isInteger(x)) return false;
  if (p.min !== undefined && (p.minExclusive ? x <= p.min : x < p.min)) return false;
  return p.max === undefined || x <= p.max;
}

/**
 * Two or three distinct values a planner sweeps a parameter over, as the task pane suggests a
 * range: a choice's first three values; a whole number from its value up (v, v + 1, 2v); a
 * probability toward 1 and away from it (v, 1 − (1 − v)/10, v/2); any other number around its value
 * (v/2, v, 2v); each within the parameter's rule.
 */
function sweptValues(p: ParamInfo, current: unknown): (number | string)[] {
  if (p.type === "choice") return (p.values ?? []).slice(0, 3);
  const given = typeof current === "number" ? current : typeof p.default === "number" ? p.default : undefined;
  const v = given ?? Math.max(p.min ?? 0, 1);
  const xs = p.type === "integer" ? [v, v + 1, 2 * v] : p.probability ? [v, 1 - (1 - v) / 10, v / 2] : v > 0 ? [v / 2, v, 2 * v] : [v, v + 1, v + 10];
  return [...new Set(xs.filter((x) => allowed(p, x)))];
}

/**
 * The sheets the task pane writes for a model: its example's parameters (validated, as the form
 * holds them) over each of them alone, and over each two in turn (the first and second, the third
 * and fourth, …), each axis taking two or three distinct values.
 */
function requests(model: AnyModel): WhatIfRequest[] {
  const params = validate(model.name, model.example.params);
  const info = new Map(describeParams(model).map((p) => [p.name, p]));
  const given = Object.entries(model.example.params);
  const axis = ([param, value]: [string, unknown]) => ({ param, values: sweptValues(info.get(param)!, value) });
  const request = (axes: ReturnType<typeof axis>[]) => ({ model: model.name, params, axes, output: "value" });
  const pairs = Array.from({ length: Math.floor(given.length / 2) }, (_, i) => request([axis(given[2 * i]!), axis(given[2 * i + 1]!)]));
  return [...given.map((g) => request([axis(g)])), ...pairs];
}

/** What the catalog gives at a point: the output's value, or the ValidationError a cell shows as #VALUE!. */
function catalogAt(model: AnyModel, point: Record<string, unknown>, output: string): unknown {
  try {
    return runModel(model, point).result[output];
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
}

/** Both platforms' readings of the sheet with this output, checked equal, and the web's returned. */
function onBothPlatforms(layout: WhatIfLayout, output: string): Shown[][] {
  const edits = { [layout.outputAddress.replace(/\$/g, "")]: output };
  const web = evaluateTable(layout, null, edits);
  const desktop = evaluateTable(layout, 0, edits);
  expect(desktop).toEqual(web);
  return web;
}

function expectShown(shown: Shown, expected: unknown, where: string): void {
  if (typeof expected === "number" && Number.isFinite(expected)) expect(shown, where).toBe(expected);
  else expect(String(shown), where).toMatch(/^#(N\/A|VALUE!)/);
}

describe("empty cells: the same numbers on Windows, Mac and the web", () => {
  it("writes no formula that reads an empty cell, and holds the omitted marker where a parameter is left out", () => {
    const availability = whatIfLayout({
      model: "availability",
      params: { mttf: 720, mttr: 2 },
      axes: [{ param: "mttf", values: [100, 720] }],
      output: "value",
    });
    expect(emptyArguments(availability)).toEqual([]);
    const t = availability.names.find((n) => n.name === "t")!;
    expect(sheetCells(availability).get(t.address.replace(/\$/g, ""))).toBe(omittedMarker);
    // The issue's case: with t left out the desktop showed 1 (t = 0) where the steady state is 0.997.
    const [[web], [desktop]] = [evaluateTable(availability, null)[1]!, evaluateTable(availability, 0)[1]!];
    expect(desktop).toBe(web);
    expect(web).toBe(evaluate("availability", { mttf: 720, mttr: 2 }).value);
  });

  for (const model of models as readonly AnyModel[]) {
    it(`${model.name}: every what-if sheet and output gives identical results with empty cells as null and as 0, equal to the catalog`, () => {
      let numbers = 0;
      let cells = 0;
      for (const request of requests(model)) {
        const layout = whatIfLayout(request);
        const where = `${model.name} over ${request.axes.map((a) => `${a.param} = ${a.values.join(", ")}`).join("; ")}`;
        for (const a of request.axes) expect(a.values.length, where).toBeGreaterThanOrEqual(2);
        expect(emptyArguments(layout), where).toEqual([]);
        const fixed = Object.fromEntries(Object.entries(request.params).filter(([, v]) => v !== undefined));
        const [axis1, axis2] = request.axes;
        for (const output of outputChoices(model)) {
          const shown = onBothPlatforms(layout, output);
          shown.forEach((row, r) => {
            row.forEach((value, c) => {
              const point = { ...fixed, [axis1!.param]: axis1!.values[r], ...(axis2 && { [axis2.param]: axis2.values[c] }) };
              expectShown(value, catalogAt(model, point, output), `${model.name} ${output} at ${JSON.stringify(point)}`);
              cells++;
              if (typeof value === "number") numbers++;
            });
          });
        }
      }
      // The values swept are ones a planner takes: most cells are numbers, not errors.
      expect(numbers, model.name).toBeGreaterThan(cells / 2);
    });
  }

  it('a design over two axes with parameters left out (dsmu: arrivalRate and lookupsPerPeer hold "default")', () => {
    const request = {
      model: "dsmu",
      params: validate("dsmu", { lambda: 500 }),
      axes: [
        { param: "n", values: [1, 2, 3, 4, 5] },
        { param: "mttf", values: [100, 720, 5000] },
      ],
      output: "nines",
    };
    const layout = whatIfLayout(request);
    expect(emptyArguments(layout)).toEqual([]);
    const shown = onBothPlatforms(layout, "unreliability");
    const sweep = evaluate("sweep", { model: "dsmu", fixed: { lambda: 500 }, over: request.axes });
    const column = sweep.columns.indexOf("unreliability");
    expect(shown.flat()).toEqual(sweep.rows.map((row) => row[column]));
  });

  it.each([2, 3, 4])("Figure %i gives identical results with empty cells as null and as 0, equal to the figure tool", (figure) => {
    const result = evaluate("figure", { figure });
    const layout = figureLayout({ ...result, output: "nines" });
    expect(emptyArguments(layout)).toEqual([]);
    expect([...sheetCells(layout).values()].filter((v) => v === omittedMarker).length).toBeGreaterThan(0);
    for (const output of ["value", "unreliability", "nines"] as const) {
      const shown = onBothPlatforms(layout, output);
      shown.forEach((row, i) => {
        row.forEach((value, j) => {
          expectShown(value, result.series[j]!.points[i]![output], `Figure ${figure} ${output} ${result.series[j]!.label} at x = ${result.x.values[i]}`);
        });
      });
    }
  });
});
