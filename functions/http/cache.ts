/**
 * A model GET is a pure function of its URL (and of the Accept header, when no format= is given):
 * the same query gives the same bytes until a release changes a model. So its 200 is cacheable
 * for good, by Excel's WEBSERVICE, Power Query, a browser or any CDN in front, and a client that
 * holds it can revalidate with If-None-Match and get a bodiless 304 instead of a recomputation.
 *
 * The ETag is strong (the bytes are identical, not merely equivalent): a hash of the content type
 * and the body, so a release that changes a number changes the tag.
 */
import { createHash } from "node:crypto";
import type { HttpRequest, HttpResponseInit } from "@azure/functions";

export const IMMUTABLE = "public, max-age=31536000, immutable";

export function entityTag(contentType: string, body: string): string {
  return `"${createHash("sha256").update(contentType).update("\n").update(body).digest("base64url").slice(0, 32)}"`;
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
  const headers = { ...(response.headers as Record<string, string>) };
  const tag = entityTag(headers["content-type"] ?? "", response.body);
  const validators = { etag: tag, "cache-control": IMMUTABLE, vary: "Accept" };
  if (noneMatch(request.headers.get("if-none-match"), tag)) return { status: 304, headers: validators };
  return { ...response, headers: { ...headers, ...validators } };
}
