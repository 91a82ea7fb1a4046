/**
 * The simulator's method through the HTTP API: `method` is a catalog parameter like any other, so
 * the route takes it and the OpenAPI document lists it; the result says which method ran and how
 * far to trust it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHost } from "../../server/functions-host";
import { evaluate } from "../../shared/index";
import { call, expectProblem, postJson, startTestHost } from "./client";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

const planner = { design: "dsmu", n: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400, events: 100_000 };

describe("POST /api/simulate with method", () => {
  it("runs the rare-event method at a planner's time scales, with its method, effective sample size, relative half-width and trust", async () => {
    const reply = await postJson(host, "/api/simulate", { ...planner, method: "importance" });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toEqual(JSON.parse(JSON.stringify(evaluate("simulate", { ...planner, method: "importance" }))));
    expect(reply.json.method).toBe("importance");
    expect(reply.json.estimator).toMatch(/independent replicas/);
    expect(reply.json.effectiveSampleSize).toBeGreaterThan(30);
    expect(reply.json.relativeHalfWidth95).toBeLessThan(0.1);
    expect(reply.json.trusted).toBe(true);
    expect(reply.json.rareEvent.likelihoodRatioMean).toBe(1);
  });

  it("auto is the default and reports what it chose; crude says when it saw no failure", async () => {
    const auto = await postJson(host, "/api/simulate", planner);
    expect(auto.json.method).toBe("importance");
    const crude = await postJson(host, "/api/simulate", { ...planner, method: "crude" });
    expect(crude.json.method).toBe("crude");
    expect(crude.json.trusted).toBe(false);
    expect(crude.json.relativeHalfWidth95).toBeNull();
  });

  it("names method when it is wrong or cannot take the run", async () => {
    expectProblem(await postJson(host, "/api/simulate", { ...planner, method: "splitting" }), 400, ["method"]);
    const refused = await postJson(host, "/api/simulate", { ...planner, lifetime: "weibull", sites: 3, siteMttf: 8760, siteMttr: 4, method: "importance" });
    expectProblem(refused, 400, ["method"]);
    expect(JSON.stringify(refused.json)).toMatch(/exponential lifetimes and repairs/);
  });

  it("lists method, its choices and its default in the OpenAPI document, from the catalog", async () => {
    const reply = await call(host, "/api/openapi.json");
    const text = JSON.stringify(reply.json);
    expect(text).toMatch(/"method"/);
    expect(text).toMatch(/"enum":\["auto","crude","importance"\]/);
  });
});
