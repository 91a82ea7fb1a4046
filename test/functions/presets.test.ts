/**
 * Presets through the HTTP API: GET /api/presets and /api/presets/{name} give the library's
 * descriptions with their links, a model route runs one (`?preset=` on GET, "preset" in a POST
 * body) with the request's own parameters on top, and every wrong use is a problem+json naming
 * `preset` (or the route's `name`) and what is allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHost } from "../../server/functions-host";
import { catalog, describePreset, lookupModel, presets, runModel, validate, withPreset } from "../../shared/index";
import { asSent, call, expectProblem, postJson, queryOf, startTestHost } from "./client";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

const names = presets.map((p) => p.name);

/** What the planner gives where a preset asks: the model's own worked example. */
function asked(name: string): Record<string, unknown> {
  const preset = presets.find((p) => p.name === name)!;
  const entry = catalog.get(preset.entry)!;
  const example = entry.kind === "model" ? (entry.example.params as Record<string, unknown>) : {};
  return Object.fromEntries(Object.keys(preset.asks).map((param) => [param, example[param]]));
}

/** The model route's answer for a preset and overrides, as the library computes it. */
function expected(name: string, overrides: Record<string, unknown>) {
  const run = withPreset(name, overrides);
  const { inputs, result } = runModel(lookupModel(run.entry), run.params);
  return asSent({ model: run.entry, preset: name, inputs, ...result });
}

describe("GET /api/presets", () => {
  it("lists every preset as the library describes it, with its link and how to run it", async () => {
    const reply = await call(host, "/api/presets");
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    expect(reply.json.presets.map((p: { name: string }) => p.name)).toEqual(names);
    for (const [i, preset] of presets.entries()) {
      const listed = reply.json.presets[i];
      const { href, run, ...description } = listed;
      expect(description).toEqual(asSent(describePreset(preset)));
      expect(href).toBe(`/api/presets/${preset.name}`);
      expect(run).toEqual(
        catalog.get(preset.entry)!.kind === "model"
          ? { method: "GET", href: `/api/models/${preset.entry}?preset=${preset.name}` }
          : { method: "POST", href: `/api/${preset.entry}`, body: { preset: preset.name } },
      );
    }
  });

  it("gives every number with its source: BEP 5 for Mainline's K = 8", async () => {
    const reply = await call(host, "/api/presets");
    const mainline = reply.json.presets.find((p: { name: string }) => p.name === "mainline");
    const m = mainline.params.find((p: { name: string }) => p.name === "m");
    expect(m.value).toBe(8);
    expect(m.sources[0]).toMatchObject({ url: "https://www.bittorrent.org/beps/bep_0005.html", fact: expect.stringContaining("K = 8") });
    expect(mainline.keeps.find((k: { name: string }) => k.name === "sessionTime")).toMatchObject({
      default: 2,
      why: expect.stringContaining("no session time"),
    });
  });

  it("serves JSON only: format=csv is a 400 naming format", async () => {
    expectProblem(await call(host, "/api/presets?format=csv"), 400, ["format"]);
  });
});

describe("GET /api/presets/{name}", () => {
  it("gives the preset as the list does", async () => {
    const list = await call(host, "/api/presets");
    for (const name of ["ipfs", "ipfs-records"]) {
      const reply = await call(host, `/api/presets/${name}`);
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual(list.json.presets.find((p: { name: string }) => p.name === name));
    }
  });

  it("answers an unknown name with a 404 problem that names the presets", async () => {
    const reply = await call(host, "/api/presets/bittorrent");
    expectProblem(reply, 404, ["name"]);
    expect(reply.json.detail).toBe(`no preset is named "bittorrent"; the presets are ${names.join(", ")}`);
  });
});

describe("a model run from a preset", () => {
  it("GET ?preset= reproduces IPFS's 1 − 0.9^20 ≈ 0.878 on rserver", async () => {
    const reply = await call(host, "/api/models/rserver?preset=ipfs-12h");
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(expected("ipfs-12h", {}));
    expect(reply.json.value.toFixed(3)).toBe("0.878");
    const text = await call(host, "/api/models/rserver?preset=ipfs-12h&format=text");
    expect(Number(text.text)).toBe(reply.json.value);
  });

  it("GET: the query's own parameters override the preset's", async () => {
    const overrides = { N: 1e6, lambda: 50, m: 16 };
    const reply = await call(host, `/api/models/pdhta?preset=mainline&${queryOf(overrides)}`);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(expected("mainline", overrides));
    expect(reply.json.inputs).toMatchObject({ m: 16, repairTime: 0.25, algorithm: "kademlia" });
    // A preset's GET is as pure as any model GET: cached by its URL.
    expect(reply.headers.get("etag")).toMatch(/^"/);
  });

  it('POST: "preset" in the body, the body\'s parameters on top', async () => {
    const overrides = { N: 1e4, lambda: 50 };
    const reply = await postJson(host, "/api/models/pdhta", { preset: "ipfs", ...overrides });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(expected("ipfs", overrides));
  });

  it("format=csv carries the preset's name in its row", async () => {
    const reply = await call(host, "/api/models/rserver?preset=ipfs-12h&format=csv");
    expect(reply.status).toBe(200);
    const [header, row] = reply.text.trim().split("\r\n");
    expect(header!.split(",").slice(0, 2)).toEqual(["model", "preset"]);
    expect(row!.split(",").slice(0, 2)).toEqual(["rserver", "ipfs-12h"]);
  });

  it("runs every model preset from its listed link once the planner gives what it asks", async () => {
    const list = await call(host, "/api/presets");
    for (const listed of list.json.presets.filter((p: { run: { method: string } }) => p.run.method === "GET")) {
      const reply = await call(host, `${listed.run.href}&${queryOf(asked(listed.name))}`);
      expect(reply.status, listed.name).toBe(200);
      expect(reply.json, listed.name).toEqual(expected(listed.name, asked(listed.name)));
    }
  });

  it("leaves the model's own rules in force: a design preset without the planner's N and lambda is a 400 naming them", async () => {
    expectProblem(await call(host, "/api/models/pdhta?preset=kad"), 400, ["N", "arrivalRate"]);
  });
});

describe("a tool run from a preset", () => {
  it("POST /api/simulate with \"preset\" runs the simulator on the preset's parameters, the body's on top", async () => {
    const body = { preset: "bittorrent-debian", events: 20_000, seed: 3 };
    const reply = await postJson(host, "/api/simulate", body);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.design).toBe("pdhta");
    expect(reply.json.departures).toContain("weibull lifetimes (shape 0.38)");
    expect(reply.json.seed).toBe(3);
    expect(validate("simulate", withPreset("bittorrent-debian", { events: 20_000, seed: 3 }).params)).toMatchObject({ lifetime: "weibull", shape: 0.38 });
  });

  it("keeps the per-request work cap over a preset", async () => {
    expectProblem(await postJson(host, "/api/simulate", { preset: "ipfs-records", events: 1e8 }), 413, ["events"]);
  });

  it("refuses a preset on a tool no preset fills", async () => {
    const reply = await postJson(host, "/api/sweep", { preset: "mainline", model: "pdhta", over: [] });
    expectProblem(reply, 400, ["preset"]);
    expect(reply.json.detail).toBe("preset mainline fills pdhta, not sweep: no preset fills sweep");
  });
});

describe("a wrong preset is a 400 naming preset", () => {
  it("an unknown name, on GET and POST, listing the presets", async () => {
    for (const reply of [await call(host, "/api/models/pdhta?preset=nope"), await postJson(host, "/api/models/pdhta", { preset: "nope" })]) {
      expectProblem(reply, 400, ["preset"]);
      expect(reply.json.detail).toBe(`preset must be one of ${names.join(", ")}, got "nope"`);
    }
  });

  it("a preset of another model, naming the ones that fit", async () => {
    const reply = await call(host, "/api/models/dsmu?preset=mainline&lambda=2400");
    expectProblem(reply, 400, ["preset"]);
    expect(reply.json.detail).toBe("preset mainline fills pdhta, not dsmu: the presets for dsmu are opentracker");
  });

  it("a preset that is not text in a body", async () => {
    const reply = await postJson(host, "/api/models/rserver", { preset: 3 });
    expectProblem(reply, 400, ["preset"]);
    expect(reply.json.detail).toMatch(/^preset must be one of mainline, .*, got 3$/);
  });

  it("given twice in a query", async () => {
    expectProblem(await call(host, "/api/models/rserver?preset=ipfs-12h&preset=ipfs-12h"), 400, ["preset"]);
  });

  it("in the query string of a POST, where it belongs in the body", async () => {
    const reply = await postJson(host, "/api/models/rserver?preset=ipfs-12h", { Rs: 0.9, n: 2 });
    expectProblem(reply, 400, ["preset"]);
    expect(reply.json.errors[0].message).toBe("preset was sent in the query string; put it in the JSON body");
  });
});
