/** A model GET is pure: a strong ETag, cached for good, 304 to a matching If-None-Match. POST and the tools stay uncached. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entityTag, IMMUTABLE, noneMatch } from "../../functions/http/cache";
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
