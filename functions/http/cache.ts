/**
 * A model GET is a pure function of its URL (and of the Accept header, when no format= is given):
 * the same query gives the same bytes until a release changes a model. So its 200 is cacheable
 * for good, by Excel's WEBSERVICE, Power Query, a browser or any CDN in front, and a client that
 * holds it can revalidate with If-None-Match and get a bodiless 304 instead of a recomputation.
 *
 * The ETag is strong (the bytes are identical, not merely equivalent): a hash of the content type
 * and the body, so a release that changes a number changes the tag.
 */
import * as crypto from "node:crypto";
import type { HttpRequest, HttpResponseInit } from "@azure/functions";

export const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * crypto.hash (Node 20.12 and later): the same digest in one native call, without a Hash object and
 * three calls into it per response (0.65 µs against 1.5 µs for a model's response, measured).
 * Older Node 20 releases, which package.json still accepts, take the Hash object.
 */
const oneShot = typeof crypto.hash === "function" ? crypto.hash : undefined;

export function entityTag(contentType: string, body: string): string {
  const digest = oneShot
    ? oneShot("sha256", `${contentType}\n${body}`, "base64url")
    : crypto.createHash("sha256").update(contentType).update("\n").update(body).digest("base64url");
  return `"${digest.slice(0, 32)}"`;
}

/**
 * If-None-Match's weak comparison (RFC 9110 §13.1.2): a listed tag matches with or without W/,
 * and `*` matches any current representation.
 */
export function noneMatch(header: string | null, tag: string): boolean {
  if (header === null) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === tag);
}

/** The response made cacheable for good, or 304 when the client already holds these bytes. */
export function cacheForever(request: HttpRequest, response: HttpResponseInit): HttpResponseInit {
  if ((response.status ?? 200) !== 200 || typeof response.body !== "string") return response;
  const headers = (response.headers ?? {}) as Record<string, string>;
  const tag = entityTag(headers["content-type"] ?? "", response.body);
  const validators = { etag: tag, "cache-control": IMMUTABLE, vary: "Accept" };
  if (noneMatch(request.headers.get("if-none-match"), tag)) return { status: 304, headers: validators };
  // Object.assign, not { ...headers, ...validators }: on Node 20 that literal takes V8's slow path
  // (2.1 µs against 0.2 µs, measured); the response's own headers are left as they were.
  return { ...response, headers: Object.assign({}, headers, validators) };
}
