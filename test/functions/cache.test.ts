/** A model GET is pure: a strong ETag, cached for good, 304 to a matching If-None-Match. POST and the tools stay uncached. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpRequest } from "@azure/functions";
import { entityTag, IMMUTABLE, noneMatch, ResponseMemo } from "../../functions/http/cache";
import type { LocalHost } from "../../server/functions-host";
import { call, expectProblem, postJson, startTestHost } from "./client";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

const path = "/api/models/rdht?Rp=0.9&m=3&k=2";

describe("a model GET", () => {
  it("carries a strong ETag over its content type and bytes, and is cacheable for a year, immutable", async () => {
    const reply = await call(host, path);
    expect(reply.status).toBe(200);
    const tag = reply.headers.get("etag")!;
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(tag).toBe(entityTag(reply.headers.get("content-type")!, reply.text));
    expect(reply.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(reply.headers.get("vary")).toBe("Accept");
  });

  it("answers a matching If-None-Match with a bodiless 304 that keeps the validators", async () => {
    const tag = (await call(host, path)).headers.get("etag")!;
    for (const header of [tag, `W/${tag}`, `"other", ${tag}`, "*"]) {
      const reply = await call(host, path, { headers: { "if-none-match": header } });
      expect(reply.status, header).toBe(304);
      expect(reply.text).toBe("");
      expect(reply.headers.get("etag")).toBe(tag);
      expect(reply.headers.get("cache-control")).toBe(IMMUTABLE);
    }
  });

  it("recomputes for a tag that does not match, and each format and query has its own tag", async () => {
    const json = await call(host, path);
    expect((await call(host, path, { headers: { "if-none-match": '"stale"' } })).status).toBe(200);
    const text = await call(host, `${path}&format=text`);
    const other = await call(host, "/api/models/rdht?Rp=0.9&m=4&k=2");
    const tags = new Set([json, text, other].map((r) => r.headers.get("etag")));
    expect(tags.size).toBe(3);
    // Same query, same bytes, same tag: what lets a CDN or Power Query skip the work.
    expect((await call(host, path)).headers.get("etag")).toBe(json.headers.get("etag"));
  });

  it("asked again, is answered with the same bytes and validators, in the format its Accept chose", async () => {
    const csvPath = "/api/models/rdht?Rp=0.93&m=3&k=2";
    const first = await call(host, csvPath, { headers: { accept: "text/csv" } });
    const json = await call(host, csvPath);
    const again = await call(host, csvPath, { headers: { accept: "text/csv" } });
    expect(first.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(again.text).toBe(first.text);
    for (const name of ["etag", "cache-control", "vary", "content-type"]) expect(again.headers.get(name), name).toBe(first.headers.get(name));
    expect((await call(host, csvPath, { headers: { accept: "text/csv", "if-none-match": first.headers.get("etag")! } })).status).toBe(304);
  });

  it("is not cached when it is refused", async () => {
    const reply = await call(host, "/api/models/rdht?Rp=2&m=3&k=2");
    expectProblem(reply, 400, ["Rp"]);
    expect(reply.headers.get("etag")).toBeNull();
    expect(reply.headers.get("cache-control")).toBeNull();
  });
});

describe("POST and the tools", () => {
  it("stay uncached: no ETag, no Cache-Control, and If-None-Match changes nothing", async () => {
    const tag = (await call(host, path)).headers.get("etag")!;
    const post = await postJson(host, "/api/models/rdht", { Rp: 0.9, m: 3, k: 2 }, { "if-none-match": tag });
    expect(post.status).toBe(200);
    expect(post.headers.get("etag")).toBeNull();
    expect(post.headers.get("cache-control")).toBeNull();
    const tool = await postJson(host, "/api/sweep", { model: "rserver", fixed: { Rs: 0.9 }, over: [{ param: "n", values: [1, 2] }] });
    expect(tool.status).toBe(200);
    expect(tool.headers.get("etag")).toBeNull();
    expect(tool.headers.get("cache-control")).toBeNull();
  });

  it("a chart by GET (a URL a cache could keep) says no-store, and that it varies with Accept", async () => {
    const chart = await call(host, "/api/figure?figure=4&format=svg");
    expect(chart.status).toBe(200);
    expect(chart.headers.get("etag")).toBeNull();
    expect(chart.headers.get("cache-control")).toBe("no-store");
    expect(chart.headers.get("vary")).toBe("Accept");
  });
});

describe("If-None-Match, as RFC 9110 compares it", () => {
  it("matches a listed tag weakly, or *, and nothing else", () => {
    expect(noneMatch('"a"', '"a"')).toBe(true);
    expect(noneMatch('W/"a"', '"a"')).toBe(true);
    expect(noneMatch(' "b" ,  "a" ', '"a"')).toBe(true);
    expect(noneMatch("*", '"a"')).toBe(true);
    expect(noneMatch('"ab"', '"a"')).toBe(false);
    expect(noneMatch("a", '"a"')).toBe(false);
    expect(noneMatch(null, '"a"')).toBe(false);
  });
});

describe("the memo of recent GET answers", () => {
  const get = (url: string, headers: Record<string, string> = {}) => new HttpRequest({ url: new URL(url, "http://h/").href, method: "GET", headers });
  const ok = (body: string) => ({ status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body });

  it("keeps an answer the second time its URL is asked, then answers it with the bytes and validators it was given, a 304 to its tag, and a fresh headers object each time", () => {
    const memo = new ResponseMemo();
    const request = get("http://h/api/models/rdht?Rp=0.9");
    const key = ResponseMemo.keyOf(request);
    expect(memo.answer(key, request)).toBeUndefined();
    const first = memo.answerAndKeep(key, request, ok('{"value":1}'));
    // Kept the second time its key is seen: a stream of queries that never repeat keeps nothing.
    expect(memo.size).toBe(0);
    expect(memo.answer(key, request)).toBeUndefined();
    expect(memo.answerAndKeep(key, request, ok('{"value":1}'))).toEqual(first);
    expect(memo.size).toBe(1);
    const tag = (first.headers as Record<string, string>).etag!;
    expect(tag).toBe(entityTag("application/json; charset=utf-8", '{"value":1}'));
    const again = memo.answer(key, request)!;
    expect(again).toEqual(first);
    (again.headers as Record<string, string>).etag = "changed";
    expect((memo.answer(key, request)!.headers as Record<string, string>).etag).toBe(tag);
    expect(memo.answer(key, get("http://h/api/models/rdht?Rp=0.9", { "if-none-match": tag }))).toEqual({
      status: 304,
      headers: { etag: tag, "cache-control": IMMUTABLE, vary: "Accept" },
    });
    // The first request to carry the tag is answered 304 as well, before anything is kept.
    const fresh = get("http://h/api/models/rdht?Rp=0.8", { "if-none-match": tag });
    expect(memo.answerAndKeep(ResponseMemo.keyOf(fresh), fresh, ok('{"value":1}')).status).toBe(304);
  });

  it("keys by Accept as well as the URL, since Accept chooses the format when the query does not", () => {
    expect(ResponseMemo.keyOf(get("http://h/a", { accept: "text/csv" }))).not.toBe(ResponseMemo.keyOf(get("http://h/a")));
  });

  it("keeps only 200s with a text body, within its bounds, and lets the least recently used go first", () => {
    const memo = new ResponseMemo(2, 100, 40);
    // Each offered twice, since the first sighting only marks the key as seen.
    const keep = (url: string, response: Parameters<ResponseMemo["answerAndKeep"]>[2]) => {
      memo.answerAndKeep(url, get(url), response);
      memo.answerAndKeep(url, get(url), response);
    };
    keep("a", { status: 400, headers: {}, body: "refused" });
    keep("b", { status: 200, headers: {}, body: new Uint8Array(1) });
    keep("c", ok("x".repeat(41)));
    expect(memo.size).toBe(0);
    keep("d", ok("1"));
    keep("e", ok("2"));
    expect(memo.answer("d", get("d"))).toBeDefined(); // d is now the most recently used
    keep("f", ok("3"));
    expect(memo.size).toBe(2);
    expect(memo.answer("e", get("e"))).toBeUndefined();
    expect(memo.answer("d", get("d"))?.body).toBe("1");
    // 100 units in all: two bodies of 40 and one of 30 cannot all stay.
    const small = new ResponseMemo(10, 100, 40);
    for (const [url, length] of [
      ["g", 40],
      ["h", 40],
      ["i", 30],
    ] as const)
      for (let twice = 0; twice < 2; twice++) small.answerAndKeep(url, get(url), ok("y".repeat(length)));
    expect(small.size).toBe(2);
    expect(small.answer("g", get("g"))).toBeUndefined();
  });
});
