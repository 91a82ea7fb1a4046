/**
 * What each kind of route does with a request. Every handler only translates: parameters in,
 * `evaluate` from the catalog, the result out in the asked format. No formula, parameter list or
 * range is written here.
 */
import type { HttpHandler, HttpRequest, HttpResponseInit } from "@azure/functions";
import type { AnyModel, AnyTool, ModelResult } from "../shared/index";
import { catalog, describeModel, describeParams, evaluate, models, parseTextParams, tools, UnknownModelError, validate } from "../shared/index";
import { MAX_EVENTS } from "../shared/simulator/scenario";
import { HttpProblem, responseForError } from "./http/problem";
import { chooseFormat, chosenOutput, queryParams, readJsonBody, refuseQueryParams } from "./http/request";
import { flattenScalars, formatResult, jsonResponse, toCsv } from "./http/respond";

/**
 * The last line of "nothing a client sends yields a 500": every handler runs inside this, so a
 * refusal becomes problem+json and an unexpected throw is logged and still answered in that form.
 */
export function guarded(handler: HttpHandler): HttpHandler {
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
export function basePath(request: HttpRequest, routeSuffix: string): string {
  const path = instancePath(request).replace(/\/+$/, "");
  return path.toLowerCase().endsWith(`/${routeSuffix.toLowerCase()}`) ? path.slice(0, -(routeSuffix.length + 1)) : "";
}

/** evaluate() without its per-name result typing: the handlers serve every entry alike. */
const evaluateEntry: (name: string, params: unknown) => unknown = evaluate;

export async function evaluateModel(model: AnyModel, request: HttpRequest): Promise<HttpResponseInit> {
  const format = chooseFormat(request);
  const output = chosenOutput(request);
  let params: unknown;
  if (request.method === "POST") {
    refuseQueryParams(request);
    params = await readJsonBody(request);
  } else {
    params = parseTextParams(model, queryParams(request));
  }
  const inputs = validate(model.name, params);
  const result = evaluateEntry(model.name, inputs) as ModelResult;
  return formatResult({ model: model.name, inputs, ...result }, format, {
    output,
    row: () => flattenScalars({ model: model.name, ...inputs, ...result }),
  });
}

/**
 * Work one HTTP request may ask for, below the library's own caps: a function invocation should
 * answer in seconds, not minutes. 5e6 simulated events take 0.2–6 s here; more is a 413 that says
 * how to get it (several requests with different seeds, merged, or the library).
 */
export const REQUEST_WORK_CAPS: Readonly<Record<string, { param: string; max: number; advice: string }>> = {
  simulate: {
    param: "events",
    max: 5e6,
    advice: `run several requests with different seeds and combine them, or call the library, which allows ${MAX_EVENTS}`,
  },
};

function refuseExcessWork(tool: AnyTool, params: unknown): void {
  const cap = REQUEST_WORK_CAPS[tool.name];
  if (!cap || params === null || typeof params !== "object") return;
  const asked = (params as Record<string, unknown>)[cap.param];
  if (typeof asked === "number" && asked > cap.max)
    throw new HttpProblem(413, `one request to ${tool.name} may ask for at most ${cap.max} ${cap.param}: ${cap.advice}`, [
      { path: cap.param, message: `${cap.param} must be at most ${cap.max} in one HTTP request, got ${asked}` },
    ]);
}

export async function runTool(tool: AnyTool, request: HttpRequest): Promise<HttpResponseInit> {
  const format = chooseFormat(request);
  const output = chosenOutput(request);
  refuseQueryParams(request);
  const params = await readJsonBody(request);
  refuseExcessWork(tool, params);
  const computed = evaluateEntry(tool.name, params);
  const result = computed !== null && typeof computed === "object" && !Array.isArray(computed) ? (computed as Record<string, unknown>) : { value: computed };
  return formatResult(result, format, { output, row: () => flattenScalars(result) });
}

/** GET /api/models: every model as describeModel says it, and the tools, each with its link. */
export function listCatalog(request: HttpRequest): HttpResponseInit {
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
    tools: tools.map((tool: AnyTool) => ({ name: tool.name, title: tool.title, summary: tool.summary, href: `${base}/${tool.name}`, methods: ["POST"] })),
  });
}

/** /api/models/{name} when no model has that name: a 404 that lists what there is. */
export function unknownModel(request: HttpRequest): HttpResponseInit {
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

export function health(): HttpResponseInit {
  return jsonResponse({ status: "ok", models: models.length, tools: tools.length });
}
