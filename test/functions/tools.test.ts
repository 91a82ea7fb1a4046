/**
 * The tools over HTTP: POST /api/<tool> for every entry of `tools`, JSON equal to evaluate(), CSV
 * for tables. Tools added to the catalog later are covered by the generic checks at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartedTools } from "../../functions/work/charts";
import type { LocalHost } from "../../server/functions-host";
import { evaluate, tools } from "../../shared/index";
import { asSent, call, expectProblem, postJson, startTestHost } from "./client";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

const toolNames: string[] = tools.map((tool) => tool.name);
const sweepBody = { model: "rdht", fixed: { Rp: 0.9, m: 3 }, over: [{ param: "k", from: 1, to: 20, steps: 20 }] };

/** A valid request for each tool this suite knows; a tool not listed still gets the generic checks. */
const examples: Record<string, unknown> = {
  sweep: sweepBody,
  plan: { model: "rserver", find: "n", fixed: { Rs: 0.99 }, target: 0.99999 },
  sensitivity: { model: "rdht", params: { Rp: 0.9, m: 3, k: 5 } },
  figure: { figure: 2 },
};

describe.each(Object.entries(examples).filter(([name]) => toolNames.includes(name)))("tool %s", (name, body) => {
  it("POST gives evaluate()'s result as JSON", async () => {
    const reply = await postJson(host, `/api/${name}`, body);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toEqual(asSent(evaluate(name, body)));
  });
});

describe.runIf(toolNames.includes("sweep"))("sweep as CSV (Power Query)", () => {
  it("format=csv is the table: the columns, then one row per cell", async () => {
    const reply = await postJson(host, "/api/sweep?format=csv", sweepBody);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/csv/);
    const expected = evaluate("sweep", sweepBody) as unknown as { columns: string[]; rows: (number | null)[][] };
    const lines = reply.text.split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe(expected.columns.join(","));
    expect(lines.slice(1).map((line) => line.split(",").map(Number))).toEqual(expected.rows);
  });

  it("Accept: text/csv does the same", async () => {
    const reply = await postJson(host, "/api/sweep", sweepBody, { accept: "text/csv" });
    expect(reply.text.split("\r\n")[0]).toBe("k,value,unreliability,nines");
  });

  it("a sweep over the cap is refused with the cap in words", async () => {
    const reply = await postJson(host, "/api/sweep", {
      model: "rdht",
      fixed: { Rp: 0.9 },
      over: [
        { param: "k", from: 1, to: 2, steps: 1001 },
        { param: "m", from: 1, to: 1000, steps: 1000 },
      ],
    });
    expectProblem(reply, 400);
    expect(reply.json.detail).toMatch(/1,?000,?000|1e6|million/);
  });
});

describe.runIf(toolNames.includes("plan"))("plan", () => {
  it("format=text gives the planned value", async () => {
    const reply = await postJson(host, "/api/plan?format=text", examples.plan);
    expect(Number(reply.text)).toBe((evaluate("plan", examples.plan) as { value: number }).value);
  });

  it("an infeasible plan is 200 in JSON, and 422 with the reason when asked for text", async () => {
    const body = { model: "rserver", find: "n", fixed: { Rs: 0.9 }, nines: 5, max: 3 };
    const json = await postJson(host, "/api/plan", body);
    expect(json.json.feasible).toBe(false);
    const text = await postJson(host, "/api/plan?format=text", body);
    expectProblem(text, 422, ["format"]);
    expect(text.json.detail).toContain(json.json.message);
  });
});

describe.each(toolNames)("every tool: %s", (name) => {
  it("is served at POST /api/<name> and refuses an empty request with the fields it needs", async () => {
    const reply = await postJson(host, `/api/${name}`, {});
    if (reply.status !== 200) expectProblem(reply, 400);
  });

  it("is a GET route only when it draws a chart (figure, sweep, cheapest), and then refuses an empty query as it refuses an empty body", async () => {
    const reply = await call(host, `/api/${name}`);
    if (chartedTools.includes(name)) {
      expectProblem(reply, 400);
      expect(reply.json).toEqual((await postJson(host, `/api/${name}`, {})).json);
    } else {
      expectProblem(reply, 405);
      expect(reply.headers.get("allow")).toBe("POST");
    }
  });
});
