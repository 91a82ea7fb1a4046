/**
 * The tests' side of the wire: a local host started on an ephemeral loopback port over the built
 * bundle (npm test builds first), and a fetch wrapper that reads the body once and checks the
 * invariants every answer must keep (a problem+json body for every 4xx/5xx, matching status).
 */
import { expect } from "vitest";
import { startLocalHost, type LocalHost, type LocalHostOptions } from "../../server/functions-host";

export async function startTestHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  return startLocalHost({ port: 0, host: "127.0.0.1", key: "", ...options });
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON when it is JSON (problem+json included), else undefined. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the fields they assert; a wrong path fails the assertion
  json: any;
}

export async function call(host: LocalHost, path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(host.url + path, init);
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  const json = /json/.test(type) && text !== "" ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, text, json };
}

export function postJson(host: LocalHost, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call(host, path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** An RFC 9457 answer with the given status, whose `errors` list names `paths` (when given). */
export function expectProblem(reply: Reply, status: number, paths?: string[]): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get("content-type")).toBe("application/problem+json");
  expect(reply.json).toMatchObject({ type: "about:blank", status, title: expect.any(String), detail: expect.any(String) });
  expect(Array.isArray(reply.json.errors)).toBe(true);
  for (const error of reply.json.errors) expect(error).toEqual({ path: expect.any(String), message: expect.any(String) });
  if (paths) expect(reply.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([...paths].sort());
}

/** The JSON a result turns into: non-finite numbers as their words, as the API documents. */
export function asSent(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)));
}

export function queryOf(params: Record<string, unknown>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}
