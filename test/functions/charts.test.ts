/** format=svg: the figure and sweep tools drawn by the catalog's chart module, by POST or by a URL. */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_QUERY_INDEX, queryObject } from "../../functions/http/query-object";
import { chartedTools, MAX_CHART_POINTS } from "../../functions/work/charts";
import type { LocalHost } from "../../server/functions-host";
import { evaluate, figureChart, lineChartSvg, sweepChart, type FigureResult, type SweepResult } from "../../shared/index";
import { call, expectProblem, postJson, queryOf, startTestHost } from "./client";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

const sweep = { model: "rdht", fixed: { Rp: 0.9, k: 5 }, over: [{ param: "m", from: 1, to: 10, steps: 10 }] };
/** The same sweep as a URL's query. */
const sweepQuery = "model=rdht&fixed.Rp=0.9&fixed.k=5&over.0.param=m&over.0.from=1&over.0.to=10&over.0.steps=10";

function expectSvg(reply: { status: number; headers: Headers; text: string }): void {
  expect(reply.status, reply.text.slice(0, 300)).toBe(200);
  expect(reply.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
  expect(XMLValidator.validate(reply.text)).toBe(true);
  const root = new XMLParser({ ignoreAttributes: false }).parse(reply.text).svg;
  expect(root["@_xmlns"]).toBe("http://www.w3.org/2000/svg");
  expect(reply.text).not.toMatch(/NaN|undefined/);
}

describe("format=svg", () => {
  it("draws a figure as the catalog's chart module does, unreliability on the y axis unless output= says otherwise", async () => {
    const reply = await postJson(host, "/api/figure?format=svg", { figure: 2 });
    expectSvg(reply);
    const figure = evaluate("figure", { figure: 2 }) as FigureResult;
    expect(reply.text).toBe(lineChartSvg(figureChart(figure, "unreliability"), { width: 640 }));
    const nines = await postJson(host, "/api/figure?format=svg&output=nines", { figure: 2 });
    expect(nines.text).toBe(lineChartSvg(figureChart(figure, "nines"), { width: 640 }));
  });

  it("draws a sweep, and Accept: image/svg+xml asks for it too", async () => {
    const reply = await postJson(host, "/api/sweep?format=svg", sweep);
    expectSvg(reply);
    expect(reply.text).toBe(lineChartSvg(sweepChart(evaluate("sweep", sweep) as SweepResult, "unreliability"), { width: 640 }));
    const accepted = await postJson(host, "/api/sweep", sweep, { accept: "image/svg+xml" });
    expect(accepted.text).toBe(reply.text);
  });

  it("refuses an output the result does not have, naming output and what there is", async () => {
    const reply = await postJson(host, "/api/sweep?format=svg&output=nine", sweep);
    expectProblem(reply, 400, ["output"]);
    expect(reply.json.detail).toBe('output must be one of the sweep\'s columns value, unreliability, nines, got "nine"');
    expectProblem(await postJson(host, "/api/figure?format=svg&output=rho", { figure: 3 }), 400, ["output"]);
  });

  it(`refuses a chart of more than ${MAX_CHART_POINTS} points with 422, pointing at csv`, async () => {
    const big = {
      model: "rdht",
      fixed: { Rp: 0.9 },
      over: [
        { param: "m", from: 1, to: 101, steps: 101 },
        { param: "k", from: 1, to: 100, steps: 100 },
      ],
    };
    const reply = await postJson(host, "/api/sweep?format=svg", big);
    expectProblem(reply, 422, ["format"]);
    expect(reply.json.detail).toBe(`a chart draws at most ${MAX_CHART_POINTS} points and this one has 10100; ask for fewer steps, or format=csv for the table`);
  });

  it("draws unreliabilities down to the subnormal, where a double ends (found in review: was a 500)", async () => {
    const reply = await call(host, "/api/sweep?model=rserver&fixed.Rs=0.9&over.0.param=n&over.0.from=315&over.0.to=323&over.0.steps=9&format=svg");
    expectSvg(reply);
    expect(reply.text).not.toContain("not shown");
  });

  it("is refused on the routes that draw nothing, and an <img>'s Accept header gets them JSON instead", async () => {
    expect(chartedTools).toEqual(["cheapest", "figure", "sweep"]);
    const model = await call(host, "/api/models/rdht?Rp=0.9&m=3&k=2&format=svg");
    expectProblem(model, 400, ["format"]);
    expect(model.json.detail).toBe('format must be one of json, text, csv here, got "svg"; format=svg draws a chart, for the figure and sweep tools');
    expectProblem(await postJson(host, "/api/plan?format=svg", {}), 400, ["format"]);
    const img = await call(host, "/api/models/rdht?Rp=0.9&m=3&k=2", { headers: { accept: "image/avif,image/webp,image/svg+xml,image/*,*/*;q=0.8" } });
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("a chart is a URL: GET with the body written as the query", () => {
  it("is listed so: the catalog and the route table give figure and sweep GET and POST, the other tools POST", async () => {
    const listed = (await call(host, "/api/models")).json.tools as { name: string; methods: string[] }[];
    for (const tool of listed) expect(tool.methods, tool.name).toEqual(chartedTools.includes(tool.name) ? ["GET", "POST"] : ["POST"]);
    const document = (await call(host, "/api/openapi.json")).json;
    expect(Object.keys(document.paths["/sweep"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(document.paths["/plan"])).toEqual(["post"]);
  });

  it("gives the same chart, and the same JSON, as the POST", async () => {
    const svg = await call(host, `/api/sweep?${sweepQuery}&format=svg`);
    expectSvg(svg);
    expect(svg.text).toBe((await postJson(host, "/api/sweep?format=svg", sweep)).text);
    expect((await call(host, `/api/sweep?${sweepQuery}`)).json).toEqual((await postJson(host, "/api/sweep", sweep)).json);
    expectSvg(await call(host, "/api/figure?figure=3&format=svg&output=nines"));
  });

  it("takes a list as JSON in one value", async () => {
    const listed = await call(host, `/api/sweep?model=rserver&fixed.Rs=0.9&over.0.param=n&over.0.values=${encodeURIComponent("[1,2,3]")}`);
    expect(listed.json).toEqual((await postJson(host, "/api/sweep", { model: "rserver", fixed: { Rs: 0.9 }, over: [{ param: "n", values: [1, 2, 3] }] })).json);
  });

  it("refuses what it refuses on POST, with the same paths", async () => {
    expectProblem(await call(host, `/api/sweep?${sweepQuery.replace("fixed.Rp=0.9", "fixed.Rp=2")}`), 400, ["fixed.Rp"]);
    expectProblem(
      await call(host, `/api/sweep?${queryOf({ model: "rdht", "over.0.param": "m", "over.0.from": 1, "over.0.to": 5, "over.0.steps": "many" })}`),
      400,
    );
  });

  it("refuses a name that would reach a prototype, a position in a non-list, a huge position, and a name given twice", async () => {
    expectProblem(await call(host, "/api/sweep?__proto__.polluted=1"), 400, ["__proto__.polluted"]);
    expectProblem(await call(host, "/api/sweep?over.constructor.x=1"), 400, ["over.constructor.x"]);
    expectProblem(await call(host, `/api/sweep?over.${MAX_QUERY_INDEX}.param=m`), 400, [`over.${MAX_QUERY_INDEX}.param`]);
    expectProblem(await call(host, "/api/sweep?model=rdht&model=rserver"), 400, ["model"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("queryObject", () => {
  it("builds the nested body from dotted names, reading JSON values as JSON and the rest as text", () => {
    expect(queryObject({ model: "rdht", "fixed.Rp": "0.9", "over.0.param": "m", "over.0.values": "[1,2]", "over.1.param": "k", flag: "true" })).toEqual({
      model: "rdht",
      fixed: { Rp: 0.9 },
      over: [{ param: "m", values: [1, 2] }, { param: "k" }],
      flag: true,
    });
    // Text that is not JSON stays text, for the tool's own rule to judge.
    expect(queryObject({ scale: "log", n: "1e999", s: '"quoted"' })).toEqual({ scale: "log", n: Infinity, s: "quoted" });
  });

  it("takes names that Object.prototype also has as plain names", () => {
    expect(queryObject({ "fixed.toString": "1", valueOf: "x" })).toEqual({ fixed: { toString: 1 }, valueOf: "x" });
  });

  it("refuses what cannot be one body: empty segments, a value that is also a container, a name after a list, nesting past 32", () => {
    expect(() => queryObject({ "a..b": "1" })).toThrow("a..b: a dotted name needs a name between each dot");
    expect(() => queryObject({ a: "1", "a.b": "2" })).toThrow("a.b is given twice, once as a value and once as the container of another");
    expect(() => queryObject({ "a.b": "2", a: "1" })).toThrow("a is given twice, once as a value and once as the container of another");
    expect(() => queryObject({ "a.0": "1", "a.x": "2" })).toThrow("a.x: x follows a list, so it must be a position (0, 1, …)");
    expect(() => queryObject({ [Array.from({ length: 40 }, () => "a").join(".")]: "1" })).toThrow(/nest deeper than 32 levels/);
    expect(() => queryObject({ a: JSON.stringify(JSON.parse(`${"[".repeat(40)}${"]".repeat(40)}`)) })).toThrow(/nest deeper than 32 levels/);
  });
});
