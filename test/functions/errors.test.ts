/** Each class of refusal, as RFC 9457 problem+json naming what was wrong. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHost } from "../../server/functions-host";
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from "../../functions/http/request";
import { models } from "../../shared/index";
import { call, expectProblem, postJson, startTestHost } from "./client";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

describe("400: bad parameters, each named with its rule", () => {
  it("text where a number belongs, a fraction where a whole number belongs, a missing parameter: all at once", async () => {
    const reply = await call(host, "/api/models/rdht?Rp=high&m=2.5");
    expectProblem(reply, 400, ["Rp", "m", "k"]);
    const byPath = Object.fromEntries(reply.json.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath.Rp).toBe('Rp must be a finite number from 0 to 1, or a list of 1 to 10000 of them, got "high"');
    expect(byPath.m).toMatch(/^m must be a whole number/);
    expect(byPath.k).toMatch(/^k is required/);
  });

  it("out of range, NaN, Infinity and numbers beyond a double", async () => {
    for (const value of ["1.5", "NaN", "Infinity", "-1e999", "1e400"]) {
      expectProblem(await call(host, `/api/models/rserver?Rs=${value}&n=3`), 400, ["Rs"]);
    }
  });

  it("unknown names that look like regular expressions are just names (found by the fuzz test: was a 500)", async () => {
    const withRules = models.find((m) => m.crossCheck)!;
    const reply = await call(host, `/api/models/${withRules.name}?${encodeURIComponent('<= r"9rb%(')}=1`);
    expectProblem(reply, 400);
    expect(reply.json.errors.map((e: { path: string }) => e.path)).toContain('<= r"9rb%(');
  });

  it("a parameter given twice", async () => {
    expectProblem(await call(host, "/api/models/rserver?Rs=0.9&n=3&n=4"), 400, ["n"]);
  });

  it("a list parameter's member out of range, by its position, and a count that disagrees with the list", async () => {
    expectProblem(await call(host, "/api/models/rserver?Rs=0.9&Rs=1.5"), 400, ["Rs.1"]);
    expectProblem(await call(host, "/api/models/rserver?Rs=0.9&Rs=0.8&n=3"), 400, ["n"]);
    expectProblem(await postJson(host, "/api/models/rdht", '{"Rp":[0.9,"high"],"k":2}'), 400, ["Rp.1"]);
  });

  it("an unknown format or output, or one given twice", async () => {
    expectProblem(await call(host, "/api/models/rserver?Rs=0.9&n=3&format=xml"), 400, ["format"]);
    expectProblem(await call(host, "/api/models/rserver?Rs=0.9&n=3&format=text&format=csv"), 400, ["format"]);
    expectProblem(await call(host, "/api/models/rserver?Rs=0.9&n=3&format=text&output=colour"), 400, ["output"]);
  });

  it("POST: a body that is not JSON, not an object, not UTF-8, or nested too deep", async () => {
    expectProblem(await postJson(host, "/api/models/rserver", '{"Rs": 0.9,'), 400, [""]);
    expectProblem(await postJson(host, "/api/models/rserver", "NaN"), 400, [""]);
    expectProblem(await postJson(host, "/api/models/rserver", [0.9, 3]), 400, [""]);
    expectProblem(await postJson(host, "/api/models/rserver", "   "), 400, [""]);
    const latin1 = await call(host, "/api/models/rserver", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expectProblem(latin1, 400, [""]);
    const deep = "[".repeat(MAX_JSON_DEPTH + 5) + "]".repeat(MAX_JSON_DEPTH + 5);
    expectProblem(await postJson(host, "/api/models/rserver", `{"Rs": ${deep}}`), 400, [""]);
  });

  it("POST: strings are not numbers in JSON (the query string is the place for text)", async () => {
    expectProblem(await postJson(host, "/api/models/rserver", { Rs: "0.9", n: 3 }), 400, ["Rs"]);
  });

  it("POST: model parameters in the query string are pointed to the body", async () => {
    expectProblem(await postJson(host, "/api/models/rserver?Rs=0.9", { n: 3 }), 400, ["Rs"]);
  });

  it("a tool's structured parameters are checked to the leaf", async () => {
    const reply = await postJson(host, "/api/sweep", { model: "rdht", fixed: { Rp: 0.9, m: 3 }, over: [{ param: "k", from: 1, to: "x", steps: 0 }] });
    expectProblem(reply, 400);
    expect(reply.json.errors.length).toBeGreaterThan(0);
  });
});

describe("404 and 405", () => {
  it("an unknown model lists the models there are", async () => {
    const reply = await call(host, "/api/models/rdth?Rp=0.9");
    expectProblem(reply, 404, ["name"]);
    for (const model of models) expect(reply.json.detail).toContain(model.name);
  });

  it("a tool asked for as a model is pointed to its route", async () => {
    const reply = await call(host, "/api/models/sweep");
    expectProblem(reply, 404, ["name"]);
    expect(reply.json.detail).toContain("POST /api/sweep");
  });

  it("a path no route serves, under and outside the prefix", async () => {
    expectProblem(await call(host, "/api/no/such/thing"), 404);
    expectProblem(await call(host, "/elsewhere"), 404);
  });

  it("a method the route does not serve is 405 with Allow", async () => {
    const del = await call(host, "/api/models/rdht", { method: "DELETE" });
    expectProblem(del, 405);
    expect(del.headers.get("allow")).toBe("GET, POST");
    const get = await call(host, "/api/plan");
    expectProblem(get, 405);
    expect(get.headers.get("allow")).toBe("POST");
  });
});

describe("413 and 415", () => {
  const oversize = JSON.stringify({ Rs: 0.9, n: 3, pad: "x".repeat(MAX_BODY_BYTES) });

  it("a body over 1 MiB, declared by Content-Length", async () => {
    expectProblem(await postJson(host, "/api/models/rserver", oversize), 413);
  });

  it("a body over 1 MiB sent chunked, without a length", async () => {
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(oversize));
        controller.close();
      },
    });
    const reply = await call(host, "/api/models/rserver", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expectProblem(reply, 413);
  });

  it("a simulation asking more work than one request may do: 413 naming events, while the library's own cap stays a 400", async () => {
    const tooMuch = await postJson(host, "/api/simulate", JSON.stringify({ design: "dsmu", events: 5_000_001 }));
    expectProblem(tooMuch, 413, ["events"]);
    expect(tooMuch.json.errors[0].message).toBe("events must be at most 5000000 in one HTTP request, got 5000001");
    expect(tooMuch.json.detail).toBe(
      "one request to simulate may ask for at most 5000000 events: run several requests with different seeds and combine them, or call the library, which allows 50000000",
    );
    expectProblem(await postJson(host, "/api/simulate", JSON.stringify({ design: "dsmu", events: 1e99 })), 413, ["events"]);
    const tooLittle = await postJson(host, "/api/simulate", JSON.stringify({ design: "dsmu", events: 10 }));
    expectProblem(tooLittle, 400);
    expect(new Set(tooLittle.json.errors.map((e: { path: string }) => e.path))).toEqual(new Set(["events"]));
  });

  it("a body that is not declared JSON: form data, plain text, or no type at all", async () => {
    const form = await call(host, "/api/models/rserver", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Rs=0.9&n=3",
    });
    expectProblem(form, 415);
    expect(form.json.detail).toContain("application/json");
    expectProblem(await call(host, "/api/sweep", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" }), 415);
    expectProblem(await call(host, "/api/models/rserver", { method: "POST", body: new Uint8Array([123, 125]) }), 415);
  });

  it("a bare POST without a body lists what is required, and +json types are JSON", async () => {
    expectProblem(await call(host, "/api/models/rserver", { method: "POST" }), 400, ["Rs"]);
    const vendor = await call(host, "/api/models/rserver", {
      method: "POST",
      headers: { "content-type": "application/vnd.tracker+json; charset=utf-8" },
      body: '{"Rs":0.9,"n":3}',
    });
    expect(vendor.status).toBe(200);
  });
});

describe("422: a text answer the result cannot give", () => {
  it("format=text on a table", async () => {
    const reply = await postJson(host, "/api/sweep?format=text", { model: "rdht", fixed: { Rp: 0.9, m: 3 }, over: [{ param: "k", values: [1, 2] }] });
    expectProblem(reply, 422, ["format"]);
  });
});
