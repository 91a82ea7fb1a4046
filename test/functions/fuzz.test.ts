/**
 * Malformed requests, generated (fast-check, seeded, bounded): whatever a client sends, the answer
 * is a 4xx problem+json (or a 200 when the input happens to be valid), never a 5xx, never a hang.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHost } from "../../server/functions-host";
import { MAX_BODY_BYTES } from "../../functions/http/request";
import { catalog, describeParams, models, type ParamInfo } from "../../shared/index";
import { expectProblem, type Reply, startTestHost } from "./client";

const SEED = 20261124;
const RUNS = 60;
const settings = { seed: SEED, numRuns: RUNS, endOnFailure: true };

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

async function send(path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(host.url + path, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  const json = /json/.test(response.headers.get("content-type") ?? "") && text !== "" ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, text, json };
}

/** The one rule for every answer: 200 with a body, or a 4xx that is problem+json. */
function expectHandled(reply: Reply): void {
  if (reply.status === 200) return;
  expect(reply.status, reply.text).toBeGreaterThanOrEqual(400);
  expect(reply.status, reply.text).toBeLessThan(500);
  expectProblem(reply, reply.status);
}

const modelArbitrary = fc.constantFrom(...models);
const entryNames = [...catalog.keys()];
const numberLike = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A text value that no parameter of this kind accepts. */
function invalidText(info: ParamInfo): fc.Arbitrary<string> {
  const words = fc.constantFrom("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "0x10", "1_000", "", " ", "1,5", "½", "null", "true", "[1]");
  if (info.type === "choice") return fc.oneof(words, fc.string()).filter((s) => !info.values!.includes(s));
  const outside: fc.Arbitrary<number>[] = [];
  if (info.min !== undefined)
    outside.push(
      fc.double({ max: info.min, noNaN: true, noDefaultInfinity: true }).filter((x) => x < info.min! || (info.minExclusive === true && x === info.min)),
    );
  if (info.max !== undefined) outside.push(fc.double({ min: info.max, noNaN: true, noDefaultInfinity: true }).filter((x) => x > info.max!));
  if (info.type === "integer")
    outside.push(fc.double({ min: info.min ?? -1e6, max: Math.min(info.max ?? 1e6, 1e6), noNaN: true }).filter((x) => !Number.isInteger(x)));
  return fc.oneof(
    words,
    fc.string().filter((s) => !numberLike.test(s.trim())),
    ...outside.map((a) => a.map((x) => String(x))),
  );
}

describe("query strings", () => {
  it("a model with one parameter given a value it cannot take: 400 naming that parameter", async () => {
    const malformed = modelArbitrary.chain((model) => {
      const infos = describeParams(model);
      return fc
        .integer({ min: 0, max: infos.length - 1 })
        .chain((index) =>
          invalidText(infos[index]!).map((bad) => ({ model, bad: infos[index]!.name, params: { ...model.example.params, [infos[index]!.name]: bad } })),
        );
    });
    await fc.assert(
      fc.asyncProperty(malformed, async ({ model, bad, params }) => {
        const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
        const reply = await send(`/api/models/${model.name}?${query}`);
        expectProblem(reply, 400);
        expect(reply.json.errors.map((e: { path: string }) => e.path)).toContain(bad);
      }),
      settings,
    );
  });

  it("arbitrary names and values, raw percent signs included: handled, never a 5xx", async () => {
    const rawPiece = fc.oneof(fc.string(), fc.constantFrom("%", "%zz", "%E0%A4%A", "&&", "==", "+", "%00", "\u{1F600}"));
    const query = fc.array(fc.tuple(rawPiece, rawPiece), { maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...entryNames, "nope"), query, fc.boolean(), async (name, pairs, encode) => {
        const text = pairs.map(([k, v]) => (encode ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`).replace(/[#\s]/g, "")).join("&");
        expectHandled(await send(`/api/models/${encodeURIComponent(name)}?${text}`));
      }),
      settings,
    );
  });
});

describe("a list parameter", () => {
  const listModels = models.filter((m) => describeParams(m).some((p) => p.list));
  it("any members as repeated query keys and as a JSON array: the same answer, a value or a 400 naming the member", async () => {
    const member = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double(), fc.constantFrom(1 - 2 ** -45, 1, 0, 5e-324));
    const arbitrary = fc
      .constantFrom(...listModels)
      .chain((model) =>
        fc.tuple(fc.constant(model), fc.constantFrom(...describeParams(model).filter((p) => p.list)), fc.array(member, { minLength: 1, maxLength: 30 })),
      );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([model, info, members]) => {
        // The example's count would disagree with the list: the list alone sizes the fleet.
        const body: Record<string, unknown> = { ...model.example.params, [info.name]: members };
        for (const p of describeParams(model)) if (p.optional && p.type === "integer" && !p.default) delete body[p.name];
        const query = new URLSearchParams(
          Object.entries(body).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, String(x)]) : [[k, String(v)]])),
        ).toString();
        const [got, posted] = [await send(`/api/models/${model.name}?${query}`), await post(`/api/models/${model.name}`, JSON.stringify(body))];
        expect(got.status, `${query} → ${JSON.stringify(got.json)}`).toBe(posted.status);
        if (members.every((x) => Number.isFinite(x) && x >= 0 && x <= 1)) {
          expect(got.status, `${query} → ${JSON.stringify(got.json)}`).toBe(200);
          expect(got.json.value).toBe(posted.json.value);
          expect(got.json.unreliability).toBe(posted.json.unreliability);
        } else {
          expectProblem(posted, 400);
          const bad = members.findIndex((x) => !(Number.isFinite(x) && x >= 0 && x <= 1));
          expect(posted.json.errors.map((e: { path: string }) => e.path)).toContain(`${info.name}.${bad}`);
        }
      }),
      settings,
    );
  });
});

describe("a charted tool's query (its body written as dotted names)", () => {
  it("arbitrary dotted names, positions and JSON-ish values: handled, never a 5xx", async () => {
    const segment = fc.oneof(
      fc.constantFrom("model", "fixed", "over", "param", "from", "to", "steps", "values", "figure", "__proto__", "0", "1", "999", "1000"),
      fc.string(),
    );
    const name = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("."));
    const value = fc.oneof(fc.string(), fc.json(), fc.constantFrom("rdht", "m", "[1,2,3]", "1e999", "{}", "[[[[[[]]]]]]", "null"));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("sweep", "figure"), fc.array(fc.tuple(name, value), { maxLength: 8 }), fc.boolean(), async (tool, pairs, svg) => {
        const query = new URLSearchParams([...pairs, ...(svg ? [["format", "svg"] as [string, string]] : [])]).toString();
        expectHandled(await send(`/api/${tool}?${query}`));
      }),
      settings,
    );
  });
});

const post = (path: string, body: BodyInit, contentType = "application/json") => send(path, { method: "POST", headers: { "content-type": contentType }, body });

describe("bodies", () => {
  const routes = fc.constantFrom(
    ...models.map((m) => `/api/models/${m.name}`),
    ...[...catalog.values()].filter((e) => e.kind === "tool").map((e) => `/api/${e.name}`),
  );

  it("any JSON value: handled, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(routes, fc.jsonValue({ maxDepth: 6 }), async (path, body) => {
        expectHandled(await post(path, JSON.stringify(body)));
      }),
      settings,
    );
  });

  it("a parameter of the wrong JSON type: 400 naming it", async () => {
    const wrong = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.double()), fc.object({ maxDepth: 2 }), fc.constantFrom("NaN", "Infinity"));
    const malformed = modelArbitrary
      .chain((model) =>
        fc
          .tuple(fc.constantFrom(...describeParams(model)), wrong)
          .map(([info, value]) => ({ model, info, body: { ...model.example.params, [info.name]: value } })),
      )
      .filter(({ info, body }) => !(info.type === "choice" && info.values!.includes(body[info.name] as string)))
      // A list of probabilities is the right type for a list parameter.
      .filter(({ info, body }) => {
        const v = body[info.name];
        return !(info.list && Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "number" && x >= 0 && x <= 1));
      });
    await fc.assert(
      fc.asyncProperty(malformed, async ({ model, info, body }) => {
        const reply = await post(`/api/models/${model.name}`, JSON.stringify(body));
        expectProblem(reply, 400);
        expect(reply.json.errors.map((e: { path: string }) => e.path.split(".")[0])).toContain(info.name);
      }),
      settings,
    );
  });

  it("numbers beyond a double (1e999 reads as Infinity): 400", async () => {
    await fc.assert(
      fc.asyncProperty(modelArbitrary, fc.integer({ min: 309, max: 100000 }), fc.boolean(), async (model, exponent, negative) => {
        const name = describeParams(model).find((p) => p.type !== "choice")!.name;
        const text = JSON.stringify({ ...model.example.params, [name]: 0 }).replace(`"${name}":0`, `"${name}":${negative ? "-" : ""}1e${exponent}`);
        expectProblem(await post(`/api/models/${model.name}`, text), 400, [name]);
      }),
      settings,
    );
  });

  it("deep nesting, up to hundreds of thousands of levels: 400, no stack overflow", async () => {
    await fc.assert(
      fc.asyncProperty(routes, fc.integer({ min: 33, max: 300_000 }), fc.constantFrom("[", '{"a":'), async (path, depth, opener) => {
        const closer = opener === "[" ? "]" : "}";
        const body = `${opener.repeat(depth)}1${closer.repeat(depth)}`;
        expectProblem(await post(path, body), body.length > MAX_BODY_BYTES ? 413 : 400);
      }),
      { ...settings, numRuns: 20 },
    );
  });

  it("over 1 MiB, by any amount: 413", async () => {
    await fc.assert(
      fc.asyncProperty(routes, fc.integer({ min: 1, max: 512 * 1024 }), async (path, extra) => {
        expectProblem(await post(path, `{"pad":"${"x".repeat(MAX_BODY_BYTES + extra)}"}`), 413);
      }),
      { ...settings, numRuns: 10 },
    );
  });

  it("arbitrary bytes declared as JSON (mostly not JSON, often not UTF-8): handled, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(routes, fc.uint8Array({ minLength: 1, maxLength: 256 }), async (path, bytes) => {
        expectHandled(await post(path, bytes));
      }),
      settings,
    );
  });

  it("any content type that is not JSON: 415", async () => {
    const mediaType = fc
      .tuple(fc.constantFrom("text", "application", "multipart", "image"), fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}$/))
      .map(([type, sub]) => `${type}/${sub}`)
      .filter((t) => t !== "application/json" && !t.endsWith("+json"));
    await fc.assert(
      fc.asyncProperty(routes, mediaType, async (path, type) => {
        expectProblem(await post(path, '{"Rs":0.9,"n":3}', type), 415);
      }),
      settings,
    );
  });
});
