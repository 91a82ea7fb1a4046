/** Every model through the HTTP API: GET and POST, JSON, text and CSV, against evaluate() itself. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHost } from "../../server/functions-host";
import { describeParams, designs, evaluate, models, validate } from "../../shared/index";
import { asSent, call, expectProblem, postJson, queryOf, startTestHost } from "./client";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

describe.each(models.map((model) => [model.name, model] as const))("model %s", (name, model) => {
  const params = model.example.params;
  const expected = asSent({ model: name, inputs: validate(name, params), ...(evaluate(name, params) as object) });

  it("GET with the example in the query string gives evaluate()'s result", async () => {
    const reply = await call(host, `/api/models/${name}?${queryOf(params)}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    expect(reply.json).toEqual(expected);
  });

  it("POST with the example as a JSON body gives the same", async () => {
    const reply = await postJson(host, `/api/models/${name}`, params);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(expected);
  });

  it("format=text and Accept: text/plain give the bare value", async () => {
    const byQuery = await call(host, `/api/models/${name}?${queryOf(params)}&format=text`);
    const byAccept = await call(host, `/api/models/${name}?${queryOf(params)}`, { headers: { accept: "text/plain" } });
    for (const reply of [byQuery, byAccept]) {
      expect(reply.status).toBe(200);
      expect(reply.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(Number(reply.text)).toBe((expected as { value: number }).value);
    }
  });

  it("format=csv gives one header row and one value row", async () => {
    const reply = await call(host, `/api/models/${name}?${queryOf(params)}&format=csv`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, row, rest] = reply.text.split("\r\n");
    expect(rest).toBe("");
    const columns = header!.split(",");
    expect(columns[0]).toBe("model");
    for (const p of describeParams(model))
      if ((expected as { inputs: Record<string, unknown> }).inputs[p.name] !== undefined) expect(columns).toContain(p.name);
    const cells = Object.fromEntries(columns.map((c, i) => [c, row!.split(",")[i]]));
    expect(Number(cells.value)).toBe((expected as { value: number }).value);
  });

  it("an unknown parameter is named with the ones there are", async () => {
    const reply = await call(host, `/api/models/${name}?${queryOf(params)}&bogus=1`);
    expectProblem(reply, 400, ["bogus"]);
    expect(reply.json.errors[0].message).toContain(describeParams(model)[0]!.name);
  });
});

describe("results at the edges", () => {
  it("a perfect system's nines are the string Infinity, with the note, in JSON, text and CSV", async () => {
    const json = await call(host, "/api/models/rserver?Rs=1&n=3");
    expect(json.json).toMatchObject({ value: 1, unreliability: 0, nines: "Infinity" });
    expect(json.json.notes[0]).toMatch(/unbounded/);
    expect((await call(host, "/api/models/rserver?Rs=1&n=3&format=text&output=nines")).text).toBe("Infinity");
    expect((await call(host, "/api/models/rserver?Rs=1&n=3&format=csv")).text).toBe("model,Rs,n,value,unreliability,nines\r\nrserver,1,3,1,0,Infinity\r\n");
  });

  it("output= picks another number for text", async () => {
    const reply = await call(host, "/api/models/rdht?Rp=0.9&m=3&k=5&format=text&output=nines");
    expect(Number(reply.text)).toBe((evaluate("rdht", { Rp: 0.9, m: 3, k: 5 }) as { nines: number }).nines);
  });

  it("the Accept header's preferences are weighed, and ?format wins over it", async () => {
    const csv = await call(host, "/api/models/rdht?Rp=0.9&m=3&k=5", { headers: { accept: "text/plain;q=0.5, text/csv" } });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const json = await call(host, "/api/models/rdht?Rp=0.9&m=3&k=5&format=json", { headers: { accept: "text/plain" } });
    expect(json.json.model).toBe("rdht");
  });

  it("query values are text: surrounding spaces and exponents are read as numbers", async () => {
    const reply = await call(host, "/api/models/rdht?Rp=%209e-1%20&m=3&k=5E0");
    expect(reply.json.inputs).toEqual({ Rp: 0.9, m: 3, k: 5 });
  });

  it("route names match case-insensitively, as in Azure", async () => {
    expect((await call(host, "/API/Models/RDHT?Rp=0.9&m=3&k=5")).json.model).toBe("rdht");
  });
});

describe("P_served on every design", () => {
  it.each(designs.map((model) => [model.name, model] as const))("%s takes pserved=include from the query string and from a JSON body", async (name, model) => {
    // A deep queue near full load, where a node's lifetime matters.
    const params = { ...model.example.params, h: 1e4, pserved: "include" };
    const expected = asSent({ model: name, inputs: validate(name, params), ...(evaluate(name, params) as object) });
    expect((expected as { Pserved: number }).Pserved).toBeLessThan(1);
    expect((await call(host, `/api/models/${name}?${queryOf(params)}`)).json).toEqual(expected);
    expect((await postJson(host, `/api/models/${name}`, params)).json).toEqual(expected);
    const bad = await call(host, `/api/models/${name}?${queryOf({ ...model.example.params, pserved: "always" })}`);
    expectProblem(bad, 400, ["pserved"]);
    expect(bad.json.errors[0].message).toBe('pserved must be one of ignore, include, got "always"');
  });
});

describe("catalog, health", () => {
  it("a list parameter: repeated query keys, one comma-separated value and a JSON array give evaluate()'s result", async () => {
    const expected = asSent({ model: "rserver", inputs: validate("rserver", { Rs: [0.9, 0.99, 0.999] }), ...evaluate("rserver", { Rs: [0.9, 0.99, 0.999] }) });
    for (const query of ["Rs=0.9&Rs=0.99&Rs=0.999", "Rs=0.9,0.99,0.999", "Rs=0.9&Rs=0.99,0.999&n=3"]) {
      const reply = await call(host, `/api/models/rserver?${query}`);
      expect(reply.status, query).toBe(200);
      expect({ ...(reply.json as object), inputs: (expected as { inputs: unknown }).inputs }).toEqual(expected);
    }
    const posted = await postJson(host, "/api/models/rserver", { Rs: [0.9, 0.99, 0.999] });
    expect(posted.json).toEqual(expected);
    const csv = await call(host, "/api/models/rdht?Rp=0.9&Rp=0.99&k=2&format=csv");
    expect(csv.status).toBe(200);
    const [header, row] = csv.text.split("\r\n");
    const cells = Object.fromEntries(header!.split(",").map((c, i) => [c, row!.split(",")[i]]));
    expect(Number(cells.value)).toBe(evaluate("rdht", { Rp: [0.9, 0.99], k: 2 }).value);
  });

  it("GET /api/models lists every model with parameters and outputs, and every tool", async () => {
    const reply = await call(host, "/api/models");
    expect(reply.status).toBe(200);
    expect(reply.json.models.map((m: { name: string }) => m.name)).toEqual(models.map((m) => m.name));
    for (const listed of reply.json.models) {
      const model = models.find((m) => m.name === listed.name)!;
      expect(listed.parameters.map((p: { name: string }) => p.name)).toEqual(describeParams(model).map((p) => p.name));
      expect(listed.outputs[0].name).toBe("value");
      expect(listed.href).toBe(`/api/models/${model.name}`);
    }
  });

  it("GET /api/models?format=csv gives one row per model parameter", async () => {
    const reply = await call(host, "/api/models?format=csv");
    const lines = reply.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("model,parameter,type,optional,default,min,max,unit,rule,description");
    expect(lines.length - 1).toBe(models.reduce((n, m) => n + describeParams(m).length, 0));
  });

  it("GET /api/health says ok with the counts", async () => {
    const reply = await call(host, "/api/health");
    expect(reply.json).toEqual({
      status: "ok",
      models: models.length,
      tools: expect.any(Number),
      pool: expect.objectContaining({ workers: expect.any(Number), busy: 0, queued: 0 }),
    });
  });
});
