/**
 * The API's routes, derived from the catalog in one loop: each model is GET|POST models/<name>,
 * each tool is POST <name>. A few fixed routes frame them (health, the OpenAPI document, the
 * catalog listing) and two fallbacks answer what matches nothing with problem+json instead of the
 * host's empty 404. app.ts registers this table; openapi.ts documents the very same table.
 */
import type { HttpHandler, HttpMethod, HttpRequest, HttpResponseInit } from "@azure/functions";
import type { CatalogEntry } from "../shared/index";
import { catalog, describeParams, models } from "../shared/index";
import { evaluateModel, guarded, health, listCatalog, runTool, unknownModel } from "./handlers";
import { HttpProblem } from "./http/problem";
import { RESERVED_QUERY } from "./http/request";
import { jsonResponse } from "./http/respond";
import { openApiDocument } from "./openapi";
import { matchRoute, parseRouteTemplate, pathSegments } from "./routing";

export type RouteKind = "health" | "openapi" | "catalog" | "model" | "tool" | "unknown-model" | "not-found";

export interface ApiRoute {
  /** The Azure function name: letters, digits, "-" and "_", unique in the app. */
  name: string;
  /** The route template under the host's routePrefix ("api"). */
  route: string;
  methods: HttpMethod[];
  /** "function" routes need a key in Azure (x-functions-key or ?code=); anonymous ones do not. */
  authLevel: "anonymous" | "function";
  kind: RouteKind;
  entry?: CatalogEntry;
  handler: HttpHandler;
}

const ALL_METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT"];
const FIXED_TOP_LEVEL = new Set(["health", "openapi.json", "models"]);

function checkNames(): void {
  for (const entry of catalog.values()) {
    if (!/^[a-z][a-z0-9_-]{0,100}$/i.test(entry.name)) throw new Error(`catalog entry "${entry.name}" cannot be a route or function name`);
    if (entry.kind === "tool" && FIXED_TOP_LEVEL.has(entry.name)) throw new Error(`tool "${entry.name}" collides with the fixed route /${entry.name}`);
  }
  for (const model of models) {
    const clash = describeParams(model).find((p) => (RESERVED_QUERY as readonly string[]).includes(p.name));
    if (clash) throw new Error(`model ${model.name}: parameter "${clash.name}" collides with the reserved query name`);
  }
}

let cachedRoutes: ApiRoute[] | undefined;

/** The route table. Built once; every entry of `catalog` (models and tools) appears in it. */
export function apiRoutes(): ApiRoute[] {
  if (cachedRoutes) return cachedRoutes;
  checkNames();
  const routes: ApiRoute[] = [
    { name: "health", route: "health", methods: ["GET"], authLevel: "anonymous", kind: "health", handler: async () => health() },
    { name: "openapi", route: "openapi.json", methods: ["GET"], authLevel: "anonymous", kind: "openapi", handler: async (request) => openApi(request) },
    { name: "models", route: "models", methods: ["GET"], authLevel: "anonymous", kind: "catalog", handler: async (request) => listCatalog(request) },
  ];
  for (const entry of catalog.values()) {
    routes.push(
      entry.kind === "model"
        ? {
            name: `model-${entry.name}`,
            route: `models/${entry.name}`,
            methods: ["GET", "POST"],
            authLevel: "function",
            kind: "model",
            entry,
            handler: (request) => evaluateModel(entry, request),
          }
        : {
            name: `tool-${entry.name}`,
            route: entry.name,
            methods: ["POST"],
            authLevel: "function",
            kind: "tool",
            entry,
            handler: (request) => runTool(entry, request),
          },
    );
  }
  routes.push(
    {
      name: "model-unknown",
      route: "models/{name}",
      methods: ["GET", "POST"],
      authLevel: "anonymous",
      kind: "unknown-model",
      handler: async (request) => unknownModel(request),
    },
    { name: "not-found", route: "{*path}", methods: ALL_METHODS, authLevel: "anonymous", kind: "not-found", handler: async (request) => notFound(request) },
  );
  for (const route of routes) route.handler = guarded(route.handler);
  cachedRoutes = routes;
  return routes;
}

const openApiCache = new Map<string, HttpResponseInit>();

function openApi(request: HttpRequest): HttpResponseInit {
  const path = new URL(request.url).pathname;
  const base = path.slice(0, path.length - "/openapi.json".length);
  let response = openApiCache.get(base);
  if (!response) {
    response = jsonResponse(openApiDocument(apiRoutes(), base));
    openApiCache.set(base, response);
  }
  return response;
}

/**
 * The catch-all: a path some route serves but not with this method is a 405 with Allow (what
 * ASP.NET routing would pick this route for, since method is part of matching), anything else a
 * 404 pointing at the documents that list the routes.
 */
function notFound(request: HttpRequest): HttpResponseInit {
  const segments = pathSegments(request.params.path ?? "").map(encodeURIComponent);
  const allowed = new Set<string>();
  for (const route of apiRoutes()) {
    if (route.kind === "not-found") continue;
    if (matchRoute(parseRouteTemplate(route.route), segments)) for (const m of route.methods) allowed.add(m);
  }
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
