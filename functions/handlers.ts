/**
 * What each kind of route does with a request, and `handlerFor`, which gives a route of the table
 * its handler. Every handler only translates: parameters in, `runModel` / `run` from the catalog
 * (validation once, inside it), the result out in the asked format. No formula, parameter list,
 * range or cap is written here.
 */
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { AnyModel, AnyTool } from "../shared/index";
import {
  catalog,
  describeModel,
  describeParams,
  describePreset,
  getPreset,
  models,
  PRESET_PARAM,
  type Preset,
  parseTextParams,
  presets,
  runModel,
  tools,
  UnknownModelError,
  UnknownPresetError,
  withPreset,
} from "../shared/index";
import { ResponseMemo } from "./http/cache";
import { HttpProblem, responseForError } from "./http/problem";
import { queryObject } from "./http/query-object";
import {
  CHART_FORMATS,
  chooseFormat,
  chosenOutput,
  type Format,
  queryParams,
  queryPreset,
  readJsonBody,
  refuseQueryParams,
  TABLE_FORMATS,
} from "./http/request";
import { flattenScalars, formatResult, jsonResponse, toCsv } from "./http/respond";
import { chartedTools } from "./work/charts";
import type { WorkerPool } from "./work/pool";
import { openApiDocument } from "./openapi";
import { type ApiRoute, apiRoutes } from "./routes";
import { matchRoute, parseRouteTemplate, pathSegments, type RouteTemplate } from "./routing";

/** The handler app.ts registers for a route: its kind's handler, guarded. Tools compute on `pool`'s threads. */
export function handlerFor(route: ApiRoute, pool: WorkerPool): HttpHandler {
  return guarded(bareHandler(route, pool));
}

function bareHandler(route: ApiRoute, pool: WorkerPool): HttpHandler {
  switch (route.kind) {
    case "model": {
      const model = route.entry;
      const cached = new Set(route.operations.filter((o) => o.cached).map((o) => o.method.toUpperCase()));
      const lists = listParams(model);
      return (request) => serveModel(model, lists, request, cached.has(request.method));
    }
    case "tool": {
      const tool = route.entry;
      const formats = chartedTools.includes(tool.name) ? CHART_FORMATS : TABLE_FORMATS;
      return (request, context) => serveTool(tool, formats, request, context, pool);
    }
    case "health":
      return async () => serveHealth(pool);
    case "openapi":
      return async (request) => serveOpenApi(request);
    case "catalog":
      return async (request) => serveCatalog(request);
    case "presets":
      return async (request) => servePresets(request);
    case "preset":
      return async (request) => servePreset(request);
    case "unknown-model":
      return async (request) => serveUnknownModel(request);
    case "not-found":
      return async (request) => serveNotFound(request);
  }
}

/**
 * The last line of "nothing a client sends yields a 500": every handler runs inside this, so a
 * refusal becomes problem+json and an unexpected throw is logged and still answered in that form.
 */
function guarded(handler: HttpHandler): HttpHandler {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      const { response, unexpected } = responseForError(error, instancePath(request));
      if (unexpected) context.error(`unexpected failure on ${request.method} ${instancePath(request)}:`, error);
      return response;
    }
  };
}

function instancePath(request: HttpRequest): string {
  try {
    return new URL(request.url).pathname;
  } catch {
    return "";
  }
}

/**
 * The API's base path as the client reached it ("/api" under the default routePrefix), from the
 * request path and the route's own suffix, so links stay right under any routePrefix.
 */
function basePath(request: HttpRequest, routeSuffix: string): string {
  const path = instancePath(request).replace(/\/+$/, "");
  return path.toLowerCase().endsWith(`/${routeSuffix.toLowerCase()}`) ? path.slice(0, -(routeSuffix.length + 1)) : "";
}

/** The names of a model's list parameters (Rs, Rp, R), which a query string may repeat: read once per route. */
function listParams(model: AnyModel): ReadonlySet<string> {
  return new Set(describeParams(model).flatMap((p) => (p.list ? [p.name] : [])));
}

/** A body's `preset` field, taken out of the parameters it travels with; a body without one is left as it is. */
function bodyPreset(body: unknown): { preset: string | undefined; params: unknown } {
  if (body === null || typeof body !== "object" || Array.isArray(body) || !Object.hasOwn(body, PRESET_PARAM)) return { preset: undefined, params: body };
  const { [PRESET_PARAM]: preset, ...params } = body as Record<string, unknown>;
  if (typeof preset !== "string") throw new UnknownPresetError(preset);
  return { preset, params };
}

/**
 * A request's parameters and its preset (`?preset=` on GET, the body's "preset" on POST), the
 * parameters given on top of the preset's. A preset of another entry is refused by withPreset.
 */
async function requestParams(request: HttpRequest, entry: string, fromQuery: () => unknown): Promise<{ preset: string | undefined; params: unknown }> {
  let given: { preset: string | undefined; params: unknown };
  if (request.method === "POST") {
    refuseQueryParams(request);
    given = bodyPreset(await readJsonBody(request));
  } else given = { preset: queryPreset(request), params: fromQuery() };
  const { preset, params } = given;
  return preset === undefined ? given : { preset, params: withPreset(preset, params as Record<string, unknown>, entry).params };
}

/**
 * GET|POST /api/models/<name>: the query string (as text) or the JSON body, over the preset when
 * one is named, validated by runModel. A model computes in microseconds (kofn over 1e4 members in
 * up to 0.1 s), so it runs here, not on the pool. `cached` is the route table's word that this method's answer is pure (the GET).
 */
async function serveModel(model: AnyModel, lists: ReadonlySet<string>, request: HttpRequest, cached: boolean): Promise<HttpResponseInit> {
  const key = cached ? ResponseMemo.keyOf(request) : undefined;
  const known = key !== undefined ? recentAnswers.answer(key, request) : undefined;
  if (known) return known;
  const format = chooseFormat(request);
  const output = chosenOutput(request);
  const { preset, params } = await requestParams(request, model.name, () => parseTextParams(model, queryParams(request, lists)));
  const { inputs, result } = runModel(model, params);
  // Named fields first, spreads after: on Node 20 a literal that opens with a spread and then adds
  // properties the spread did not bring takes V8's slow path (4.3 µs a response, 0.2 µs this way).
  const response = formatResult({ model: model.name, ...(preset !== undefined && { preset }), inputs, ...result }, format, {
    output,
    row: () => flattenScalars({ model: model.name, ...(preset !== undefined && { preset }), ...inputs, ...result }),
  });
  // The route table marks the GET: a pure function of its URL, cached for good and revalidated by ETag.
  return key !== undefined ? recentAnswers.answerAndKeep(key, request, response) : response;
}

/**
 * The model GETs answered lately, shared by every model route of this instance: a GET whose URL
 * and Accept were answered before is answered from here, the same bytes (http/cache.ts).
 */
const recentAnswers = new ResponseMemo();

/**
 * Work one HTTP request may ask for is the tool's own `work.perCall`, below the library's cap
 * (`work.max`): a function invocation should answer in seconds, not minutes. More is a 413 that
 * says how to get it. Checked on the body as sent, before validation, so that an absurd size
 * (1e99) is named as too much work rather than as out of range.
 */
function refuseExcessWork(tool: AnyTool, params: unknown): void {
  const work = tool.work;
  if (!work || params === null || typeof params !== "object") return;
  const asked = (params as Record<string, unknown>)[work.param];
  if (typeof asked === "number" && asked > work.perCall)
    throw new HttpProblem(
      413,
      `one request to ${tool.name} may ask for at most ${work.perCall} ${work.param}: ${work.split}, or call the library, which allows ${work.max}`,
      [{ path: work.param, message: `${work.param} must be at most ${work.perCall} in one HTTP request, got ${asked}` }],
    );
}

/**
 * POST /api/<tool>: the JSON body, within the tool's per-request work, run once by run() on one of
 * the pool's threads (work/compute.ts), so the event loop stays free for every other request. The
 * tools that draw a chart also take GET, the body written as the query (http/query-object.ts), so
 * that a chart is a URL.
 */
async function serveTool(
  tool: AnyTool,
  formats: readonly Format[],
  request: HttpRequest,
  context: InvocationContext,
  pool: WorkerPool,
): Promise<HttpResponseInit> {
  const format = chooseFormat(request, formats);
  const output = chosenOutput(request);
  const { params } = await requestParams(request, tool.name, () => queryObject(queryParams(request)));
  refuseExcessWork(tool, params);
  const instance = instancePath(request);
  const { unexpected, ...response } = await pool.run({ tool: tool.name, params, format, output, instance });
  if (unexpected) context.error(`unexpected failure on ${request.method} ${instance}:`, unexpected);
  // A GET chart is a URL a cache could keep; the tools stay uncached, and the answer depends on Accept.
  return request.method === "GET" ? { ...response, headers: Object.assign({}, response.headers, { "cache-control": "no-store", vary: "Accept" }) } : response;
}

/** The methods the route table gives a tool: POST, and GET for those that draw a chart. */
function toolMethods(tool: AnyTool): readonly string[] {
  return apiRoutes().find((route) => route.kind === "tool" && route.entry === tool)?.methods ?? ["POST"];
}

/** GET /api/models: every model as describeModel says it, and the tools, each with its link. */
function serveCatalog(request: HttpRequest): HttpResponseInit {
  const base = basePath(request, "models");
  const format = chooseFormat(request);
  if (format === "csv") {
    const columns = ["model", "parameter", "type", "optional", "default", "min", "max", "unit", "rule", "description"];
    const rows = models.flatMap((model) =>
      describeParams(model).map((p) => [
        model.name,
        p.name,
        p.type,
        p.optional,
        p.default ?? "",
        p.min ?? "",
        p.max ?? "",
        p.unit ?? "",
        p.rule,
        p.description,
      ]),
    );
    return { status: 200, headers: { "content-type": "text/csv; charset=utf-8; header=present" }, body: toCsv({ columns, rows }, () => ({})) };
  }
  if (format === "text")
    throw new HttpProblem(400, "the catalog is a list, not one value; use format=json or format=csv", [
      { path: "format", message: 'format must be json or csv here, got "text"' },
    ]);
  return jsonResponse({
    models: models.map((model) => ({ ...describeModel(model), href: `${base}/models/${model.name}`, methods: ["GET", "POST"] })),
    tools: tools.map((tool: AnyTool) => ({
      name: tool.name,
      title: tool.title,
      summary: tool.summary,
      href: `${base}/${tool.name}`,
      methods: toolMethods(tool),
    })),
  });
}

/** Where a preset is run: its model's GET with ?preset=, or its tool's POST with "preset" in the body. */
function presetRun(base: string, preset: Preset): { method: "GET" | "POST"; href: string; body?: Record<string, string> } {
  const entry = catalog.get(preset.entry);
  if (entry?.kind === "model") return { method: "GET", href: `${base}/models/${entry.name}?${PRESET_PARAM}=${encodeURIComponent(preset.name)}` };
  return { method: "POST", href: `${base}/${preset.entry}`, body: { [PRESET_PARAM]: preset.name } };
}

/** A preset as the API lists it: the library's description, its link and how to run it. */
function presetEntry(base: string, preset: Preset) {
  return { ...describePreset(preset), href: `${base}/presets/${preset.name}`, run: presetRun(base, preset) };
}

/** GET /api/presets: every preset with its values, sources, kept defaults and facts. */
function servePresets(request: HttpRequest): HttpResponseInit {
  chooseFormat(request, ["json"]);
  const base = basePath(request, "presets");
  return jsonResponse({ presets: presets.map((preset) => presetEntry(base, preset)) });
}

/** GET /api/presets/{name}: one preset, or a 404 that lists the names there are. */
function servePreset(request: HttpRequest): HttpResponseInit {
  chooseFormat(request, ["json"]);
  const name = request.params.name ?? "";
  let preset: Preset;
  try {
    preset = getPreset(name);
  } catch (error) {
    if (!(error instanceof UnknownPresetError)) throw error;
    const message = `no preset is named ${JSON.stringify(name.slice(0, 40))}; the presets are ${error.known.join(", ")}`;
    throw new HttpProblem(404, message, [{ path: "name", message }]);
  }
  return jsonResponse(presetEntry(basePath(request, `presets/${name}`), preset));
}

/** /api/models/{name} when no model has that name: a 404 that lists what there is. */
function serveUnknownModel(request: HttpRequest): HttpResponseInit {
  const name = request.params.name ?? "";
  const entry = catalog.get(name);
  if (entry?.kind === "tool") {
    const base = basePath(request, `models/${name}`);
    throw new HttpProblem(404, `"${name}" is a tool, not a model: POST ${base}/${name}`, [
      { path: "name", message: `${name} is a tool; POST ${base}/${name}` },
    ]);
  }
  throw new UnknownModelError(
    name.slice(0, 80),
    models.map((m) => m.name),
  );
}

/** Liveness, and the computing pool's state: what an operator looks at first when tools slow down. */
function serveHealth(pool: WorkerPool): HttpResponseInit {
  return jsonResponse({ status: "ok", models: models.length, tools: tools.length, pool: pool.stats() }, 200, { "cache-control": "no-store" });
}

const openApiCache = new Map<string, HttpResponseInit>();

/** GET /api/openapi.json: the document of the route table, built once per base path. */
function serveOpenApi(request: HttpRequest): HttpResponseInit {
  const path = new URL(request.url).pathname;
  const base = path.slice(0, path.length - "/openapi.json".length);
  let response = openApiCache.get(base);
  if (!response) {
    response = jsonResponse(openApiDocument(apiRoutes(), base));
    openApiCache.set(base, response);
  }
  return response;
}

let parsedTemplates: ReadonlyArray<{ template: RouteTemplate; methods: readonly string[] }> | undefined;

/** The template and methods of every route but the catch-all, parsed on the first miss and kept. */
function servedTemplates() {
  parsedTemplates ??= apiRoutes()
    .filter((route) => route.kind !== "not-found")
    .map((route) => ({ template: parseRouteTemplate(route.route), methods: route.methods }));
  return parsedTemplates;
}

/**
 * The catch-all: a path some route serves but not with this method is a 405 with Allow (what
 * ASP.NET routing would pick this route for, since method is part of matching), anything else a
 * 404 pointing at the documents that list the routes.
 */
function serveNotFound(request: HttpRequest): HttpResponseInit {
  const segments = pathSegments(request.params.path ?? "").map(encodeURIComponent);
  const allowed = new Set<string>();
  for (const { template, methods } of servedTemplates()) if (matchRoute(template, segments)) for (const m of methods) allowed.add(m);
  if (allowed.size > 0) {
    const allow = [...allowed].join(", ");
    throw new HttpProblem(405, `${request.method} is not served here; this route accepts ${allow}`, [{ path: "", message: `method must be ${allow}` }], {
      allow,
    });
  }
  const requested = pathSegments(new URL(request.url).pathname);
  const base = requested
    .slice(0, Math.max(0, requested.length - segments.length))
    .map((s) => `/${s}`)
    .join("");
  const where = `/${requested.join("/")}`;
  throw new HttpProblem(404, `no route at ${where.slice(0, 200)}; GET ${base}/models lists the models and GET ${base}/openapi.json documents every route`);
}
