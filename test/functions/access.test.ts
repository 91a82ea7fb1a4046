/** Function keys (off by default, on when configured) and CORS for the add-in's origin. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CORS_ENV, KEY_ENV, startLocalHost, type LocalHost } from "../../server/functions-host";
import { call, expectProblem, postJson, startTestHost } from "./client";

const KEY = "test-key-9f3b";
const EVALUATE = "/api/models/rdht?Rp=0.9&m=3&k=5";

describe("keys off (the default, as with func start)", () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost();
  });
  afterAll(() => host.close());

  it("computing routes answer without a key", async () => {
    expect((await call(host, EVALUATE)).status).toBe(200);
    expect((await postJson(host, "/api/sweep", { model: "rdht", fixed: { Rp: 0.9, m: 3 }, over: [{ param: "k", values: [1] }] })).status).toBe(200);
  });
});

describe("keys on", () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ key: KEY });
  });
  afterAll(() => host.close());

  it("a computing route without a key, or with a wrong one, is 401", async () => {
    expectProblem(await call(host, EVALUATE), 401);
    expectProblem(await call(host, EVALUATE, { headers: { "x-functions-key": "nope" } }), 401);
    expectProblem(await call(host, `${EVALUATE}&code=${KEY}x`), 401);
    expectProblem(await postJson(host, "/api/plan", {}), 401);
  });

  it("the key is accepted in x-functions-key or as ?code=, and code is not taken for a parameter", async () => {
    expect((await call(host, EVALUATE, { headers: { "x-functions-key": KEY } })).json.value).toBeCloseTo(0.99501, 5);
    expect((await call(host, `${EVALUATE}&code=${KEY}`)).json.inputs).toEqual({ Rp: 0.9, m: 3, k: 5 });
  });

  it("health, the OpenAPI document and the catalog stay anonymous", async () => {
    for (const path of ["/api/health", "/api/openapi.json", "/api/models"]) expect((await call(host, path)).status).toBe(200);
  });

  it("each registered function's authLevel is what the host enforces", () => {
    const levels = Object.fromEntries(host.functions.map((f) => [f.name, f.authLevel]));
    expect(levels).toMatchObject({ health: "anonymous", openapi: "anonymous", "model-rdht": "function", "tool-sweep": "function" });
  });
});

describe(`keys from ${KEY_ENV}`, () => {
  const saved = process.env[KEY_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[KEY_ENV];
    else process.env[KEY_ENV] = saved;
  });

  it("a key in the environment turns enforcement on; an empty one leaves it off", async () => {
    process.env[KEY_ENV] = KEY;
    const guarded = await startLocalHost({ port: 0 });
    process.env[KEY_ENV] = "";
    const open = await startLocalHost({ port: 0 });
    try {
      expectProblem(await call(guarded, EVALUATE), 401);
      expect((await call(guarded, EVALUATE, { headers: { "x-functions-key": KEY } })).status).toBe(200);
      expect((await call(open, EVALUATE)).status).toBe(200);
    } finally {
      await Promise.all([guarded.close(), open.close()]);
    }
  });
});

describe("CORS", () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ key: KEY });
  });
  afterAll(() => host.close());

  const preflight = (origin: string, path = "/api/models/rdht") =>
    call(host, path, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, x-functions-key" },
    });

  it("a preflight from the add-in's origin is allowed, without a key, for the route's methods", async () => {
    const reply = await preflight("https://localhost:3000");
    expect(reply.status).toBe(204);
    expect(reply.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
    expect(reply.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(reply.headers.get("access-control-allow-headers")).toBe("content-type, x-functions-key");
  });

  it("a preflight from another origin is refused", async () => {
    const reply = await preflight("https://evil.example");
    expectProblem(reply, 403);
    expect(reply.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("actual responses carry the origin when allowed, errors included", async () => {
    const ok = await call(host, EVALUATE, { headers: { origin: "https://localhost:3000", "x-functions-key": KEY } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
    const unauthorized = await call(host, EVALUATE, { headers: { origin: "https://localhost:3000" } });
    expect(unauthorized.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
    const foreign = await call(host, EVALUATE, { headers: { origin: "https://evil.example", "x-functions-key": KEY } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });

  it(`origins come from the option or ${CORS_ENV}`, async () => {
    const saved = process.env[CORS_ENV];
    process.env[CORS_ENV] = "https://a.example, https://b.example";
    const fromEnv = await startLocalHost({ port: 0, key: "" });
    const any = await startLocalHost({ port: 0, key: "", corsOrigins: ["*"] });
    try {
      const b = await call(fromEnv, "/api/health", { method: "OPTIONS", headers: { origin: "https://b.example", "access-control-request-method": "GET" } });
      expect(b.headers.get("access-control-allow-origin")).toBe("https://b.example");
      expect(
        (await call(fromEnv, "/api/health", { method: "OPTIONS", headers: { origin: "https://localhost:3000", "access-control-request-method": "GET" } }))
          .status,
      ).toBe(403);
      const star = await call(any, "/api/health", { headers: { origin: "https://c.example" } });
      expect(star.headers.get("access-control-allow-origin")).toBe("https://c.example");
    } finally {
      if (saved === undefined) delete process.env[CORS_ENV];
      else process.env[CORS_ENV] = saved;
      await Promise.all([fromEnv.close(), any.close()]);
    }
  });
});
