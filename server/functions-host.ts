/**
 * A local stand-in for the Azure Functions host, for machines without Core Tools (`npm start`,
 * the tests, the benchmark). It loads the compiled app named by package.json "main" exactly as the
 * Node.js worker does (providing `@azure/functions-core`, see functions-core.ts), reads host.json's
 * routePrefix, and serves every `app.http` registration: route templates, methods, authLevel.
 * Each request becomes the library's own HttpRequest through the library's own InvocationModel
 * (getArguments → invokeFunction → getResponse), with pre/post-invocation hooks, so the handlers
 * run the code path they run in Azure.
 *
 * Keys are off by default, as with `func start`. When TRACKER_FUNCTIONS_KEY (or the `key` option)
 * holds a key, routes whose authLevel is not anonymous need it in the x-functions-key header or
 * the `code` query parameter. CORS: preflights are answered here, for the origins in
 * TRACKER_CORS_ORIGINS (comma-separated, "*" for any; default https://localhost:3000, the add-in's
 * dev server). In Azure, both are the platform's job (function keys, the app's CORS setting).
 */
import { randomUUID, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compareSpecificity, matchRoute, parseRouteTemplate, pathSegments, type RouteTemplate } from "../functions/routing";
import {
  installCoreModule,
  type CoreInvocationContext,
  type CoreRegistry,
  type FunctionCallback,
  type FunctionMetadata,
  type RpcHttpData,
} from "./functions-core";

export const KEY_ENV = "TRACKER_FUNCTIONS_KEY";
export const CORS_ENV = "TRACKER_CORS_ORIGINS";
export const DEFAULT_CORS_ORIGINS = ["https://localhost:3000"];
/** The Functions front end refuses requests above 100 MB; the app's own limit (1 MiB) is far below. */
export const HOST_MAX_BODY_BYTES = 100 * 1024 * 1024;

const HOST_VERSION = "local-1";
const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface LocalHostOptions {
  /** Port to listen on; 7071 by default (as `func start`), 0 for any free port. */
  port?: number;
  /** The function app's folder: host.json and package.json ("main") live there. The repository by default. */
  appPath?: string;
  /** A function key to require on non-anonymous routes; TRACKER_FUNCTIONS_KEY when left out; none when both are empty. */
  key?: string;
  /** Interface to bind; 127.0.0.1 by default, so the API is not exposed beyond this machine. */
  host?: string;
  /** Origins allowed by CORS; TRACKER_CORS_ORIGINS or https://localhost:3000 when left out. */
  corsOrigins?: string[];
}

/** An HTTP function as the app registered it. */
export interface HttpFunction {
  name: string;
  /** The route template as registered (without the prefix). */
  route: string;
  methods: string[];
  authLevel: "anonymous" | "function" | "admin";
}

export interface LocalHost {
  url: string;
  routePrefix: string;
  functions: HttpFunction[];
  close(): Promise<void>;
}

interface ServedFunction extends HttpFunction {
  template: RouteTemplate;
  triggerName: string;
  metadata: FunctionMetadata;
  callback: FunctionCallback;
}

interface LoadedApp {
  mainPath: string;
  registry: CoreRegistry;
  functions: ServedFunction[];
  appHookData: Record<string, unknown>;
}

let loaded: Promise<LoadedApp> | undefined;
let loadedMain: string | undefined;
let openHosts = 0;

function readJson(path: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(`${what} not found at ${path}`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${what} at ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function readRoutePrefix(appPath: string): string {
  const hostJson = readJson(resolve(appPath, "host.json"), "host.json");
  if (hostJson.version !== "2.0") throw new Error(`host.json must say "version": "2.0" (the Functions v4 host), got ${JSON.stringify(hostJson.version)}`);
  const http = (hostJson.extensions as { http?: { routePrefix?: unknown } } | undefined)?.http;
  const prefix = http?.routePrefix ?? "api";
  if (typeof prefix !== "string") throw new Error("host.json extensions.http.routePrefix must be text");
  return prefix;
}

function mainPathOf(appPath: string): string {
  const main = readJson(resolve(appPath, "package.json"), "package.json").main;
  if (typeof main !== "string" || main === "")
    throw new Error(`package.json in ${appPath} has no "main": it must name the compiled functions (run npm run build)`);
  return resolve(appPath, main);
}

/** Load the compiled app once per process, as a worker does, and collect its HTTP functions. */
function loadApp(mainPath: string, appPath: string): Promise<LoadedApp> {
  if (loaded) {
    if (loadedMain !== mainPath) throw new Error(`this process already serves ${loadedMain}; one app per process, as with the Functions worker`);
    return loaded;
  }
  loadedMain = mainPath;
  loaded = (async () => {
    const registry = installCoreModule(HOST_VERSION);
    try {
      createRequire(import.meta.url)(mainPath);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "MODULE_NOT_FOUND" && String((error as Error).message).includes(mainPath)) {
        throw new Error(`the compiled app ${mainPath} does not exist; run npm run build first`);
      }
      throw error;
    }
    const model = registry.programmingModel;
    if (!model) throw new Error(`${mainPath} registered no programming model: is it an @azure/functions v4 app?`);
    // The worker asks for capabilities once at startup; the library locks its setup() then.
    await model.getCapabilities({});
    const appHookData: Record<string, unknown> = {};
    await registry.runHooks("appStart", { hookData: appHookData, appHookData, functionAppDirectory: appPath });
    return { mainPath, registry, functions: httpFunctions(registry), appHookData };
  })();
  loaded.catch(() => {
    loaded = undefined;
    loadedMain = undefined;
  });
  return loaded;
}

function httpFunctions(registry: CoreRegistry): ServedFunction[] {
  const served: ServedFunction[] = [];
  for (const { metadata, callback } of registry.functions.values()) {
    const trigger = Object.entries(metadata.bindings).find(([, b]) => b.type?.toLowerCase() === "httptrigger");
    if (!trigger) continue;
    const [triggerName, binding] = trigger;
    const route = binding.route ?? metadata.name;
    served.push({
      name: metadata.name,
      route,
      methods: (binding.methods ?? ["GET", "POST"]).map((m) => m.toUpperCase()),
      authLevel: binding.authLevel ?? "anonymous",
      template: parseRouteTemplate(route),
      triggerName,
      metadata,
      callback,
    });
  }
  // Most specific first, so the first route that fits a request is the one ASP.NET would pick.
  return served.sort((a, b) => compareSpecificity(a.template, b.template));
}

function corsOriginsFrom(options: LocalHostOptions): string[] {
  if (options.corsOrigins) return options.corsOrigins;
  const fromEnv = process.env[CORS_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== "")
    return fromEnv
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  return DEFAULT_CORS_ORIGINS;
}

function keysMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function problemJson(res: ServerResponse, status: number, title: string, detail: string, extra: Record<string, string> = {}): void {
  const body = JSON.stringify({ type: "about:blank", title, status, detail, errors: [] });
  res.writeHead(status, { ...extra, "content-type": "application/problem+json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** The body, or undefined once it passed `limit` bytes (the caller answers 413). */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolveBody(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolveBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

export async function startLocalHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  const appPath = resolve(options.appPath ?? REPOSITORY_ROOT);
  const routePrefix = readRoutePrefix(appPath);
  const app = await loadApp(mainPathOf(appPath), appPath);
  const key = options.key ?? process.env[KEY_ENV] ?? "";
  const corsOrigins = corsOriginsFrom(options);
  const anyOrigin = corsOrigins.includes("*");
  const prefixSegments = pathSegments(routePrefix).map((s) => s.toLowerCase());
  const bindHost = options.host ?? "127.0.0.1";
  let baseUrl = "http://127.0.0.1";

  const allowedOrigin = (origin: string | undefined): string | undefined =>
    origin !== undefined && (anyOrigin || corsOrigins.includes(origin)) ? origin : undefined;

  /** The functions whose template fits the path (under the prefix), most specific first. */
  const routesFor = (segments: string[]): ServedFunction[] | undefined => {
    if (segments.length < prefixSegments.length) return undefined;
    for (let i = 0; i < prefixSegments.length; i++) if (segments[i]!.toLowerCase() !== prefixSegments[i]) return undefined;
    const rest = segments.slice(prefixSegments.length);
    return app.functions.filter((f) => matchRoute(f.template, rest) !== undefined);
  };

  async function invoke(fn: ServedFunction, http: RpcHttpData): Promise<RpcHttpData | undefined> {
    const { registry } = app;
    const invocationId = randomUUID();
    const coreContext: CoreInvocationContext = {
      invocationId,
      request: { invocationId, functionId: fn.name, inputData: [{ name: fn.triggerName, data: { http } }], triggerMetadata: {} },
      metadata: fn.metadata,
      log: (level, category, message) => registry.logSink(level, category, message),
    };
    const invocationModel = await registry.programmingModel!.getInvocationModel(coreContext);
    const { context, inputs: initialInputs } = await invocationModel.getArguments();
    const hookData: Record<string, unknown> = {};
    const pre = { hookData, appHookData: app.appHookData, invocationContext: context, functionCallback: fn.callback, inputs: initialInputs };
    if (registry.hooks.get("preInvocation")?.length) {
      coreContext.state = "preInvocationHooks";
      await registry.runHooks("preInvocation", pre);
    }
    coreContext.state = "invocation";
    const post: Record<string, unknown> = { hookData, appHookData: app.appHookData, invocationContext: context, inputs: pre.inputs, result: null, error: null };
    try {
      post.result = await invocationModel.invokeFunction(context, pre.inputs, pre.functionCallback);
    } catch (error) {
      post.error = error;
    }
    if (registry.hooks.get("postInvocation")?.length) {
      coreContext.state = "postInvocationHooks";
      await registry.runHooks("postInvocation", post);
    }
    coreContext.state = undefined;
    if (post.error) throw post.error;
    const response = await invocationModel.getResponse(context, post.result);
    return response.returnValue?.http ?? undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const origin = allowedOrigin(req.headers.origin);
    const cors: Record<string, string> = origin ? { "access-control-allow-origin": origin, vary: "Origin" } : {};

    let url: URL;
    try {
      url = new URL(req.url ?? "/", baseUrl);
    } catch {
      problemJson(res, 400, "Bad Request", "the request target is not a valid URL", cors);
      return;
    }
    const candidates = routesFor(pathSegments(url.pathname)) ?? [];

    if (method === "OPTIONS" && req.headers.origin !== undefined && req.headers["access-control-request-method"] !== undefined) {
      if (!origin) {
        problemJson(res, 403, "Forbidden", `origin ${req.headers.origin} is not allowed; list it in ${CORS_ENV}`);
        return;
      }
      // The methods of the route that serves this path (the most specific), not of the catch-alls behind it.
      const methods = candidates[0]?.methods.filter((m) => m !== "OPTIONS") ?? [];
      res.writeHead(204, {
        ...cors,
        "access-control-allow-methods": (methods.length ? methods : ["GET", "POST"]).join(", "),
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "content-type, x-functions-key",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }

    const fn = candidates.find((f) => f.methods.includes(method));
    if (!fn) {
      req.resume();
      if (candidates.length > 0)
        problemJson(res, 405, "Method Not Allowed", `${method} is not served at ${url.pathname}`, {
          ...cors,
          allow: [...new Set(candidates.flatMap((f) => f.methods))].join(", "),
        });
      else problemJson(res, 404, "Not Found", `no function serves ${url.pathname}`, cors);
      return;
    }

    if (key !== "" && fn.authLevel !== "anonymous" && !keysMatch(key, (req.headers["x-functions-key"] as string | undefined) ?? url.searchParams.get("code"))) {
      req.resume();
      problemJson(res, 401, "Unauthorized", "this route needs a function key: send it in the x-functions-key header or as ?code=", cors);
      return;
    }

    const carriesBody = method !== "GET" && method !== "HEAD";
    // A body the method does not carry is drained, so the connection can serve the next request.
    if (!carriesBody) req.resume();
    const body = carriesBody ? await readBody(req, HOST_MAX_BODY_BYTES) : undefined;
    if (carriesBody && body === undefined) {
      problemJson(res, 413, "Content Too Large", `the host accepts bodies up to ${HOST_MAX_BODY_BYTES} bytes`, { ...cors, connection: "close" });
      return;
    }

    const params = matchRoute(fn.template, pathSegments(url.pathname).slice(prefixSegments.length)) ?? {};
    const reply = await invoke(fn, { method, url: url.href, headers: flatHeaders(req), params, ...(body && { body: { bytes: body } }) });
    if (!reply) {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    const bytes = reply.body?.bytes ?? (reply.body?.string !== undefined ? Buffer.from(reply.body.string) : undefined);
    // Object.assign, not { ...reply.headers, ...cors, … }: on Node 20 a literal that opens with a
    // spread and then adds properties takes V8's slow path (0.87 µs against 0.19 µs a response, measured).
    res.writeHead(Number(reply.statusCode ?? 200), Object.assign({}, reply.headers, cors, { "content-length": bytes?.byteLength ?? 0 }));
    res.end(bytes);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      app.registry.logSink("error", "host", `request ${req.method} ${req.url} failed: ${(error as Error)?.stack ?? String(error)}`);
      if (res.headersSent) res.destroy();
      else problemJson(res, 500, "Internal Server Error", "the function failed on this request; see the host's log");
    });
  });
  // A client that stops sending mid-request is cut off instead of holding a socket forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 7071, bindHost, () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  openHosts++;
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  // Requests resolve against the address we listen on, not their Host header, which a client may forge.
  baseUrl = `http://${shownHost}:${address.port}`;

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    routePrefix,
    functions: app.functions.map(({ name, route, methods, authLevel }) => ({ name, route, methods, authLevel })),
    close() {
      closed ??= (async () => {
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        });
        openHosts--;
        if (openHosts === 0) await app.registry.runHooks("appTerminate", { hookData: app.appHookData, appHookData: app.appHookData });
      })();
      return closed;
    },
  };
}
