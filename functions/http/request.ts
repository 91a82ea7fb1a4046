/**
 * From an HttpRequest to the text or JSON parameters a catalog entry validates. Everything here
 * refuses politely: each limit or malformation becomes an HttpProblem naming what was wrong.
 */
import type { HttpRequest } from "@azure/functions";
import { PRESET_PARAM } from "../../shared/index";
import { badParameter, HttpProblem } from "./problem";

/** Bodies above this are refused with 413 before they are read or parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Deeper JSON is no parameter set of ours; refusing it keeps every later walk shallow. */
export const MAX_JSON_DEPTH = 32;

/**
 * Query names the API itself reads; never passed to a model. `code` is the function key that the
 * Functions host accepts in place of the x-functions-key header. `preset` names a preset whose
 * parameters the request's own override; it travels with them, so on POST it is a body field.
 */
export const RESERVED_QUERY = ["format", "output", "code", PRESET_PARAM] as const;
/** What a POST's query string may carry: the reserved names but the preset, which goes in the body with the parameters. */
const POST_QUERY = RESERVED_QUERY.filter((name) => name !== PRESET_PARAM);

export type Format = "json" | "text" | "csv" | "svg";
/** What every computing route answers; format=svg is for the routes that draw a chart (work/charts.ts). */
export const TABLE_FORMATS: readonly Format[] = ["json", "text", "csv"];
export const CHART_FORMATS: readonly Format[] = [...TABLE_FORMATS, "svg"];
const MEDIA_TYPES: Record<string, Format> = {
  "application/json": "json",
  "text/plain": "text",
  "text/csv": "csv",
  "image/svg+xml": "svg",
};

/**
 * The response format: `?format=` when given (a value the route does not serve is a 400),
 * otherwise the most preferred of the Accept header's types the route serves, otherwise JSON. So a
 * browser's <img>, which accepts image/svg+xml among others, gets JSON from a model, not a refusal.
 */
export function chooseFormat(request: HttpRequest, served: readonly Format[] = TABLE_FORMATS): Format {
  const asked = request.query.getAll("format");
  if (asked.length > 1) throw badParameter("format", "format is given more than once; give it once");
  if (asked.length === 1) {
    const format = asked[0]!.trim().toLowerCase();
    if ((served as readonly string[]).includes(format)) return format as Format;
    const why = format === "svg" ? "; format=svg draws a chart, for the figure and sweep tools" : "";
    throw badParameter("format", `format must be one of ${served.join(", ")} here, got ${JSON.stringify(asked[0]!.slice(0, 40))}${why}`);
  }
  const accept = request.headers.get("accept");
  return accept ? formatFromAccept(accept, served) : "json";
}

function formatFromAccept(accept: string, served: readonly Format[]): Format {
  let best: { format: Format; q: number } | undefined;
  for (const range of accept.split(",")) {
    const [type = "", ...params] = range.split(";").map((s) => s.trim().toLowerCase());
    const format = MEDIA_TYPES[type];
    if (!format || !served.includes(format)) continue;
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    if (!best || q > best.q) best = { format, q };
  }
  return best?.format ?? "json";
}

/** Which number of a result `?output=` names, and whether it was asked for or is the default. */
export interface OutputChoice {
  name: string;
  explicit: boolean;
}

/** The `?output=` a text response shows (or a chart's y axis): "value" unless asked. */
export function chosenOutput(request: HttpRequest): OutputChoice {
  const asked = request.query.getAll("output");
  if (asked.length > 1) throw badParameter("output", "output is given more than once; give it once");
  const name = asked[0]?.trim();
  return name ? { name, explicit: true } : { name: "value", explicit: false };
}

/**
 * The query string's parameters, as text. A list parameter (`lists`, e.g. rserver's Rs) may be
 * given several times, once per member, and comes out as the list of its texts. Any other name
 * given twice is refused rather than guessed at (the Functions host would join the values with a
 * comma, which no single number survives; a list's text takes commas, see parseTextParams).
 */
export function queryParams(request: HttpRequest): Record<string, string>;
export function queryParams(request: HttpRequest, lists: ReadonlySet<string>): Record<string, string | string[]>;
export function queryParams(request: HttpRequest, lists: ReadonlySet<string> = new Set()): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const repeated = new Set<string>();
  for (const [key, value] of request.query) {
    if ((RESERVED_QUERY as readonly string[]).includes(key)) continue;
    const before = Object.hasOwn(out, key) ? out[key]! : undefined;
    if (before === undefined) out[key] = value;
    else if (lists.has(key)) out[key] = [...(typeof before === "string" ? [before] : before), value];
    else {
      repeated.add(key);
      out[key] = value;
    }
  }
  if (repeated.size > 0) {
    throw new HttpProblem(
      400,
      `a parameter is given more than once: ${[...repeated].join(", ")}`,
      [...repeated].map((key) => ({ path: key, message: `${key} is given more than once; give it once` })),
    );
  }
  return out;
}

/** On POST the parameters (and the preset) travel in the body; one in the query is a mistake worth naming. */
export function refuseQueryParams(request: HttpRequest): void {
  const stray = [...Object.keys(queryParams(request)), ...(request.query.has(PRESET_PARAM) ? [PRESET_PARAM] : [])];
  if (stray.length > 0) {
    throw new HttpProblem(
      400,
      `on POST the parameters and the preset go in the JSON body; the query string carries only ${POST_QUERY.join(", ")}`,
      stray.map((key) => ({ path: key, message: `${key} was sent in the query string; put it in the JSON body` })),
    );
  }
}

/** The `?preset=` of a GET, if any: the name as sent (the catalog says whether it is one), given once. */
export function queryPreset(request: HttpRequest): string | undefined {
  const asked = request.query.getAll(PRESET_PARAM);
  if (asked.length > 1) throw badParameter(PRESET_PARAM, `${PRESET_PARAM} is given more than once; give it once`);
  return asked[0];
}

function isJsonMediaType(contentType: string): boolean {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * The JSON body: 415 unless it is declared JSON, 413 above MAX_BODY_BYTES (by the declared length
 * first, then by the bytes read), 400 for text that is not UTF-8 or not JSON or nested too deep.
 * An empty body without a content type reads as `{}`, so a bare POST lists what is required.
 */
export async function readJsonBody(request: HttpRequest): Promise<unknown> {
  const contentType = request.headers.get("content-type");
  const declaredLength = request.headers.get("content-length");
  if (declaredLength !== null && Number(declaredLength) > MAX_BODY_BYTES) throw tooLarge();
  if (contentType === null && declaredLength !== null && Number(declaredLength) === 0) return {};
  if (contentType !== null && !isJsonMediaType(contentType)) throw notJson(contentType);
  const bytes = await bodyBytes(request);
  if (contentType === null) {
    if (bytes.byteLength === 0) return {};
    throw notJson(undefined);
  }
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    throw badParameter("", "the body is not valid UTF-8 text");
  }
  if (text.trim() === "") throw badParameter("", "the body is empty; send a JSON object of parameters");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badParameter("", `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (depthExceeds(body, MAX_JSON_DEPTH)) {
    throw badParameter("", `the body nests deeper than ${MAX_JSON_DEPTH} levels; no parameter here needs that`);
  }
  return body;
}

/**
 * The body's bytes, read from the library's own stream (HttpRequest.body, undici's Request body)
 * with a reader, refused with 413 as soon as they pass MAX_BODY_BYTES. arrayBuffer() reads the same
 * stream through undici's consumeBody (a brand check, a deferred promise, its own reader, then a
 * copy into a new ArrayBuffer): for a model's 25-byte body that costs 21 µs where this costs 10
 * (Node 20, 15 interleaved rounds, CPU time). No body (a bodiless POST) is no bytes.
 */
async function bodyBytes(request: HttpRequest): Promise<Uint8Array> {
  const stream = request.body;
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  let first: Uint8Array | undefined;
  let more: Uint8Array[] | undefined;
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // undici's body streams carry bytes; anything else is a host fault, not the client's.
    if (!(value instanceof Uint8Array)) throw new TypeError("the request body stream gave a chunk that is not bytes");
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (first === undefined) first = value;
    else if (more === undefined) more = [first, value];
    else more.push(value);
  }
  return more ? Buffer.concat(more, size) : (first ?? new Uint8Array(0));
}

/** Invalid bytes throw. One decoder serves every request: a decode() without `stream` starts afresh and leaves no state, even when it throws. */
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

function tooLarge(): HttpProblem {
  return new HttpProblem(413, `the body is larger than ${MAX_BODY_BYTES} bytes (1 MiB); send fewer values or split the request`);
}

function notJson(contentType: string | undefined): HttpProblem {
  const got = contentType === undefined ? "no Content-Type" : `Content-Type ${JSON.stringify(contentType.slice(0, 60))}`;
  return new HttpProblem(415, `the body must be JSON sent with Content-Type: application/json (got ${got})`, [], {
    "accept-post": "application/json",
  });
}

/** Iterative, so a hostile nesting cannot overflow the stack while we look at it. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}
