/**
 * The cheapest design over HTTP: POST /api/cheapest gives evaluate()'s answer, format=csv the
 * frontier (for Power Query), format=svg its chart, and bad input a problem naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHost } from "../../server/functions-host";
import { evaluate, frontierColumns } from "../../shared/index";
import type { CheapestResult } from "../../shared/tools/cheapest";
import { asSent, call, expectProblem, postJson, startTestHost } from "./client";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

const body = {
  lambda: 2400,
  nines: 7,
  N: 1e5,
  sessionTime: 2,
  serverTypes: [
    { name: "small", mu: 500, h: 50, mttf: 720, mttr: 4, costPerMonth: 20 },
    { name: "large", mu: 8000, h: 200, mttf: 2160, mttr: 1, costPerMonth: 260 },
  ],
  fixed: { sites: 3, siteMttf: 8760, siteMttr: 4 },
};

describe("POST /api/cheapest", () => {
  it("answers as evaluate() does", async () => {
    const reply = await postJson(host, "/api/cheapest", body);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toEqual(asSent(evaluate("cheapest", body)));
    expect(reply.json.best.costPerMonth.total).toBeGreaterThan(0);
    expect(reply.json.peers).toHaveLength(2);
  });

  it("format=csv is the frontier: its header, then one row per level", async () => {
    const reply = await postJson(host, "/api/cheapest?format=csv", body);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = reply.text.split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe(frontierColumns.join(","));
    const expected = evaluate("cheapest", body) as CheapestResult;
    expect(lines).toHaveLength(expected.rows.length + 1);
    const cells = lines[1]!.split(",");
    expect(cells[frontierColumns.indexOf("design")]).toBe(expected.rows[0]![1]);
    // The first level has no level before it: its extra cost is an empty field.
    expect(cells.at(-1)).toBe("");
    expect(lines.slice(1).map((l) => Number(l.split(",")[frontierColumns.indexOf("costPerMonth")]))).toEqual(
      expected.frontier.map((p) => p.costPerMonth.total),
    );
  });

  it("format=svg draws the frontier's cost against its nines, from a GET URL too", async () => {
    const post = await postJson(host, "/api/cheapest?format=svg", body);
    expect(post.status).toBe(200);
    expect(post.text).toMatch(/^<svg[\s\S]*cost \(\$\/month\)[\s\S]*<\/svg>$/);
    const get = await call(host, "/api/cheapest?lambda=2400&nines=7&fixed.algorithm=kademlia&designs=%5B%22dsdhta%22%5D&format=svg");
    expect(get.status, get.text).toBe(200);
    expect(get.text).toContain("dsdhta");
  });

  it("takes a design's own parameter nested under its name in a query", async () => {
    const reply = await call(host, "/api/cheapest?lambda=50&nines=5&N=100000&sessionTime=1&designs=%5B%22sndhta%22%5D&fixed.sndhta.sessionTime=12");
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.peers[0].params).toMatchObject({ sessionTime: 12, peerSessionTime: 1 });
  });

  it("refuses bad input with a problem naming the field and the rule", async () => {
    const badType = await postJson(host, "/api/cheapest", { ...body, serverTypes: [{ ...body.serverTypes[0], h: 0.5 }] });
    expectProblem(badType, 400, ["serverTypes.0.h"]);
    expect(badType.json.errors[0].message).toContain("whole number");
    const misplaced = await postJson(host, "/api/cheapest", { ...body, fixed: { mu: 3000 } });
    expectProblem(misplaced, 400, ["fixed.mu"]);
    const capped = await postJson(host, "/api/cheapest", {
      lambda: 2400,
      nines: 5,
      maxServers: 10000,
      fixed: { algorithm: "kademlia" },
      serverTypes: Array.from({ length: 50 }, (_, i) => ({ ...body.serverTypes[0], name: `t${i}` })),
    });
    expectProblem(capped, 400, ["maxServers"]);
  });

  it("an infeasible target is a 200 that says what would make it feasible", async () => {
    const reply = await postJson(host, "/api/cheapest", { ...body, nines: 7, fixed: { sites: 1, siteMttf: 8760, siteMttr: 4 } });
    expect(reply.status).toBe(200);
    expect(reply.json.feasible).toBe(false);
    expect(reply.json.message).toMatch(/sites ≥ \d+/);
    expect(reply.json.remedies.map((r: { param: string }) => r.param)).toContain("sites");
  });
});
