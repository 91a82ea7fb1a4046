/**
 * The API's routes as data, derived from the catalog in one loop: each model is GET|POST
 * models/<name>, each tool is POST <name>. A few fixed routes frame them (health, the OpenAPI
 * document, the catalog listing) and two fallbacks answer what matches nothing with problem+json
 * instead of the host's empty 404.
 *
 * Each route also carries what the OpenAPI document says of it: its operations (summary, the API's
 * own query parameters, where the entry's parameters travel, the 200 and the problems it may
 * answer). Three modules read this table and none of them is imported here: handlers.ts gives each
 * kind of route its handler, app.ts registers the pair, openapi.ts documents the table.
 */
import type { HttpMethod } from "@azure/functions";
import type { AnyModel, AnyTool, CatalogEntry } from "../shared/index";
import { catalog, describeModel, describeParams, models, PRESET_PARAM, presets, presetsFor } from "../shared/index";
import { CHART_FORMATS, MAX_BODY_BYTES, RESERVED_QUERY, TABLE_FORMATS } from "./http/request";
import { chartedTools, MAX_CHART_POINTS } from "./work/charts";

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect) or another OpenAPI object, as plain data. */
export type Schema = Record<string, unknown>;

/** A parameter of the API's own (format, output, preset; a route's path parameter), as an OpenAPI Parameter Object. */
interface QueryParameter {
  name: string;
  in: "query" | "path";
  required: boolean;
  description: string;
  schema: Schema;
}

/** One method of a route as the OpenAPI document states it. */
export interface Operation {
  method: "get" | "post";
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  /**
   * Where the catalog entry's parameters travel: each as a query parameter, or together as the
   * JSON request body (its schema is the entry's, `example` a body that works).
   */
  input?: { in: "query" } | { in: "body"; example?: unknown; presets?: readonly string[] };
  /** The API's own query parameters, listed after the entry's. */
  parameters?: QueryParameter[];
  /** The 200: its description and its content by media type. */
  success: { description: string; content: Record<string, Schema> };
  /**
   * Its 200 is a pure function of the request: served with a strong ETag and cached for good
   * (http/cache.ts), and 304 to a matching If-None-Match.
   */
  cached?: true;
  /** The problems (problem+json) it may answer, by status; a keyed route's 401 comes from its authLevel. */
  problems?: Record<string, string>;
}

interface RouteBase {
  /** The Azure function name: letters, digits, "-" and "_", unique in the app. */
  name: string;
  /** The route template under the host's routePrefix ("api"). */
  route: string;
  methods: HttpMethod[];
  /** "function" routes need a key in Azure (x-functions-key or ?code=); anonymous ones do not. */
  authLevel: "anonymous" | "function";
  /** What the OpenAPI document says of each method; none for the fallbacks, which are not part of the contract. */
  operations: readonly Operation[];
}

export type ApiRoute = RouteBase &
  (
    | { kind: "model"; entry: AnyModel }
    | { kind: "tool"; entry: AnyTool }
    | { kind: "health" | "openapi" | "catalog" | "presets" | "preset" | "unknown-model" | "not-found"; entry?: undefined }
  );

/** The components entry (and so the $ref) under which the OpenAPI document holds an entry's parameters. */
export function paramsComponent(entry: CatalogEntry): string {
  return `${entry.name}_params`;
}

/** The $ref under which the OpenAPI document holds an entry's parameters. */
export function paramsRef(entry: CatalogEntry): string {
  return `#/components/schemas/${paramsComponent(entry)}`;
}

const FORMAT_PARAMETER: QueryParameter = {
  name: "format",
  in: "query",
  required: false,
  description: "json (default), text (the bare number, for Excel's WEBSERVICE) or csv (for Power Query); the Accept header is used when this is absent",
  schema: { type: "string", enum: [...TABLE_FORMATS] },
};
/** The tools that draw their result: format=svg besides the table formats. */
const CHART_FORMAT_PARAMETER: QueryParameter = {
  ...FORMAT_PARAMETER,
  description: `${FORMAT_PARAMETER.description}; svg draws the result as a chart (the y axis is output=, else the unreliability, on a log axis), at most ${MAX_CHART_POINTS} points`,
  schema: { type: "string", enum: [...CHART_FORMATS] },
};
const OUTPUT_PARAMETER: QueryParameter = {
  name: "output",
  in: "query",
  required: false,
  description: "with format=text: which number of the result to give (default value), e.g. nines; with format=svg: what the chart's y axis shows",
  schema: { type: "string" },
};

/** ?preset= on a model's GET: the presets that fill it, the query's own parameters on top. */
function presetParameter(entry: CatalogEntry): QueryParameter {
  const names = presetsFor(entry.name).map((preset) => preset.name);
  const which = names.length > 0 ? `: ${names.join(", ")}` : "; none fills this model yet, so any name is refused";
  return {
    name: PRESET_PARAM,
    in: "query",
    required: false,
    description: `a preset, a real system's published numbers for this model's parameters, which the query's own parameters override (GET /presets lists each with its sources)${which}`,
    schema: names.length > 0 ? { type: "string", enum: names } : { type: "string" },
  };
}

/** The names of the presets that fill an entry: a POST body may name one as "preset". */
function presetNames(entry: CatalogEntry): string[] {
  return presetsFor(entry.name).map((preset) => preset.name);
}

const JSON_ONLY: QueryParameter = { ...FORMAT_PARAMETER, description: "json, the only format here (the default)", schema: { type: "string", enum: ["json"] } };

const SOURCES: Schema = {
  type: "array",
  description: "where the number comes from: the source, its address and the fact in a few words",
  items: {
    type: "object",
    required: ["citation", "url", "fact"],
    properties: { citation: { type: "string" }, url: { type: "string" }, fact: { type: "string" } },
  },
};
const VALUE: Schema = { type: ["number", "string"] };

/** A value a preset gives, with its unit, its sources and its words: how it maps (a parameter) or a note (a fact). */
function sourcedValue(words: "mapping" | "note"): Schema {
  return {
    type: "object",
    required: ["name", "value", words, "sources"],
    properties: { name: { type: "string" }, value: VALUE, unit: { type: "string" }, [words]: { type: "string" }, sources: SOURCES },
  };
}

/** What GET /presets lists and GET /presets/{name} gives (describePreset, with the links). */
const PRESET_SCHEMA: Schema = {
  type: "object",
  required: ["name", "title", "entry", "summary", "values", "params", "asks", "keeps", "facts", "href", "run"],
  properties: {
    name: { type: "string" },
    title: { type: "string" },
    entry: { type: "string", description: "the catalog entry it fills: a model, or the simulate tool" },
    summary: { type: "string" },
    values: { type: "object", additionalProperties: VALUE, description: "the parameters it sets, by name: what a request naming the preset starts from" },
    params: {
      type: "array",
      description: "each parameter it sets, in the entry's order: its value, how the facts map onto it, its sources",
      items: sourcedValue("mapping"),
    },
    asks: {
      type: "array",
      description: "the parameters the planner must give (no source gives them and the entry has no default)",
      items: { type: "object", required: ["name", "what"], properties: { name: { type: "string" }, what: { type: "string" } } },
    },
    keeps: {
      type: "array",
      description: "every other parameter of the entry: the default it keeps (none when the entry derives it) and why",
      items: { type: "object", required: ["name", "why"], properties: { name: { type: "string" }, default: VALUE, why: { type: "string" } } },
    },
    facts: {
      type: "array",
      description: "what the sources say that the entry has no parameter for (a lookup's parallelism α)",
      items: sourcedValue("note"),
    },
    href: { type: "string" },
    run: {
      type: "object",
      description: "how to run it: the model's GET with ?preset=, or the tool's POST with the body's preset",
      required: ["method", "href"],
      properties: { method: { enum: ["GET", "POST"] }, href: { type: "string" }, body: { type: "object" } },
    },
  },
};

const NUMBER_OR_INFINITY: Schema = {
  oneOf: [{ type: "number" }, { type: "string", enum: ["Infinity"] }],
  description: 'a number, or the string "Infinity" when the unreliability is 0 (JSON has no Infinity)',
};

/** A computed result in the three formats a computing route serves. */
function resultContent(schema: Schema): Record<string, Schema> {
  return {
    "application/json": { schema },
    "text/plain": { schema: { type: "string" }, example: "0.99501" },
    "text/csv": { schema: { type: "string" } },
  };
}

/** What a computing route may refuse, besides a missing key. */
function inputProblems(post: boolean, tool?: AnyTool): Record<string, string> {
  const work = tool?.work;
  return {
    "400": "a parameter or the request is invalid; `errors` names each parameter and its rule",
    ...(post && {
      "413": `the body is larger than ${MAX_BODY_BYTES} bytes${work ? `, or it asks for more than ${work.perCall} ${work.param}, what one request may do (the library allows ${work.max})` : ""}`,
      "415": "the body is not declared as JSON (Content-Type: application/json)",
    }),
    "422": `format=text was asked for a result with no single value${tool && chartedTools.includes(tool.name) ? `, or format=svg for a chart of more than ${MAX_CHART_POINTS} points` : ""}`,
    ...(tool && {
      "503": "every computing thread is busy and the queue is full; Retry-After says when to try again",
      "504": "the request ran out of its time budget (app setting TRACKER_TIME_BUDGET_MS); its computation was stopped",
    }),
  };
}

function modelResultSchema(model: AnyModel): Schema {
  const properties: Record<string, Schema> = {
    model: { type: "string", const: model.name },
    [PRESET_PARAM]: { type: "string", description: "the preset the parameters started from, when the request named one" },
    inputs: { $ref: paramsRef(model), description: "the parameters used, defaults filled in" },
  };
  for (const output of describeModel(model).outputs) {
    properties[output.name] =
      output.name === "value"
        ? { type: "number", description: output.description }
        : output.name === "nines"
          ? { ...NUMBER_OR_INFINITY, description: output.description }
          : { description: output.description };
  }
  properties.notes = {
    type: "array",
    items: { type: "string" },
    description: "observations on this result (an unbounded nines, a regime the model does not cover)",
  };
  return { type: "object", required: ["model", "inputs", "value"], properties };
}

function modelRoute(model: AnyModel): ApiRoute {
  const name = `model-${model.name}`;
  const about = {
    summary: model.title,
    description: `${model.summary}\n\nFormula: ${model.formula} (${model.source}). Example: ${JSON.stringify(model.example.params)}: ${model.example.comment}.`,
    tags: ["models"],
    success: { description: "the result", content: resultContent(modelResultSchema(model)) },
  };
  return {
    name,
    route: `models/${model.name}`,
    methods: ["GET", "POST"],
    authLevel: "function",
    kind: "model",
    entry: model,
    operations: [
      {
        method: "get",
        operationId: `${name}-get`,
        ...about,
        input: { in: "query" },
        parameters: [presetParameter(model), FORMAT_PARAMETER, OUTPUT_PARAMETER],
        cached: true,
        problems: inputProblems(false),
      },
      {
        method: "post",
        operationId: `${name}-post`,
        ...about,
        input: { in: "body", example: model.example.params, presets: presetNames(model) },
        parameters: [FORMAT_PARAMETER, OUTPUT_PARAMETER],
        problems: inputProblems(true),
      },
    ],
  };
}

function toolRoute(tool: AnyTool): ApiRoute {
  const name = `tool-${tool.name}`;
  const charted = chartedTools.includes(tool.name);
  const about = {
    summary: tool.title,
    description: tool.summary,
    tags: ["tools"],
    parameters: [charted ? CHART_FORMAT_PARAMETER : FORMAT_PARAMETER, OUTPUT_PARAMETER],
    success: {
      description: `the result; format=csv gives a table result as CSV${charted ? ", format=svg a chart" : ""}`,
      content: {
        ...resultContent({ type: "object" }),
        ...(charted && { "image/svg+xml": { schema: { type: "string", description: "a standalone SVG document" } } }),
      },
    },
  };
  const post: Operation = {
    method: "post",
    operationId: name,
    ...about,
    input: { in: "body", presets: presetNames(tool) },
    problems: inputProblems(true, tool),
  };
  // A chart is worth a URL: the same body, written as the query.
  const get: Operation = {
    method: "get",
    operationId: `${name}-get`,
    ...about,
    description: `${tool.summary} The parameters are the POST body written as the query: each name a dotted path into it (over.0.param=m; a number indexes a list), each value JSON when it reads as JSON (0.9, [1,2,3]), else text.`,
    problems: inputProblems(false, tool),
  };
  return {
    name,
    route: tool.name,
    methods: charted ? ["GET", "POST"] : ["POST"],
    authLevel: "function",
    kind: "tool",
    entry: tool,
    operations: charted ? [get, post] : [post],
  };
}

const FIXED_ROUTES: readonly ApiRoute[] = [
  {
    name: "health",
    route: "health",
    methods: ["GET"],
    authLevel: "anonymous",
    kind: "health",
    operations: [
      {
        method: "get",
        operationId: "health",
        summary: "Liveness: the app is loaded, how many models and tools it serves, and the state of the threads the tools compute on",
        success: {
          description: "the app is up",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  status: { const: "ok" },
                  models: { type: "integer" },
                  tools: { type: "integer" },
                  pool: {
                    type: "object",
                    description:
                      "the tools' computing threads: how many there may be, are alive and are busy; requests waiting and how many may; each request's time budget",
                    properties: {
                      workers: { type: "integer" },
                      threads: { type: "integer" },
                      busy: { type: "integer" },
                      queued: { type: "integer" },
                      queue: { type: "integer" },
                      budgetMs: { type: "integer" },
                      exited: { type: "integer", description: "threads that have exited since the app started (stopped past a budget, lost, or closed)" },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ],
  },
  {
    name: "openapi",
    route: "openapi.json",
    methods: ["GET"],
    authLevel: "anonymous",
    kind: "openapi",
    operations: [
      {
        method: "get",
        operationId: "openapi",
        summary: "This document",
        success: { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } },
      },
    ],
  },
  {
    name: "models",
    route: "models",
    methods: ["GET"],
    authLevel: "anonymous",
    kind: "catalog",
    operations: [
      {
        method: "get",
        operationId: "models",
        summary: "The catalog: every model with its parameters (type, range, unit, default) and outputs, and every tool",
        parameters: [
          { ...FORMAT_PARAMETER, description: "json (default) or csv (one row per model parameter)", schema: { type: "string", enum: ["json", "csv"] } },
        ],
        success: {
          description: "the catalog",
          content: {
            "application/json": { schema: { type: "object", properties: { models: { type: "array" }, tools: { type: "array" } } } },
            "text/csv": { schema: { type: "string" } },
          },
        },
        problems: { "400": "an unknown format" },
      },
    ],
  },
  {
    name: "presets",
    route: "presets",
    methods: ["GET"],
    authLevel: "anonymous",
    kind: "presets",
    operations: [
      {
        method: "get",
        operationId: "presets",
        summary: "Real systems as presets: each with the parameters it sets, the source of every number, the defaults it keeps and why",
        tags: ["presets"],
        parameters: [JSON_ONLY],
        success: {
          description: "every preset",
          content: {
            "application/json": { schema: { type: "object", required: ["presets"], properties: { presets: { type: "array", items: PRESET_SCHEMA } } } },
          },
        },
        problems: { "400": "a format other than json" },
      },
    ],
  },
  {
    name: "preset",
    route: "presets/{name}",
    methods: ["GET"],
    authLevel: "anonymous",
    kind: "preset",
    operations: [
      {
        method: "get",
        operationId: "preset",
        summary: "One preset: the parameters it sets with their sources, the defaults it keeps and why, the facts no parameter takes",
        tags: ["presets"],
        parameters: [
          {
            name: "name",
            in: "path",
            required: true,
            description: "the preset's name",
            schema: { type: "string", enum: presets.map((preset) => preset.name) },
          },
          JSON_ONLY,
        ],
        success: { description: "the preset", content: { "application/json": { schema: PRESET_SCHEMA } } },
        problems: { "400": "a format other than json", "404": "no preset has that name; the problem lists the names there are" },
      },
    ],
  },
];

const ALL_METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT"];

const FALLBACK_ROUTES: readonly ApiRoute[] = [
  { name: "model-unknown", route: "models/{name}", methods: ["GET", "POST"], authLevel: "anonymous", kind: "unknown-model", operations: [] },
  { name: "not-found", route: "{*path}", methods: ALL_METHODS, authLevel: "anonymous", kind: "not-found", operations: [] },
];

function checkNames(): void {
  const fixed = new Set(FIXED_ROUTES.map((route) => route.route));
  for (const entry of catalog.values()) {
    if (!/^[a-z][a-z0-9_-]{0,100}$/i.test(entry.name)) throw new Error(`catalog entry "${entry.name}" cannot be a route or function name`);
    if (entry.kind === "tool" && fixed.has(entry.name)) throw new Error(`tool "${entry.name}" collides with the fixed route /${entry.name}`);
  }
  for (const model of models) {
    const clash = describeParams(model).find((p) => (RESERVED_QUERY as readonly string[]).includes(p.name));
    if (clash) throw new Error(`model ${model.name}: parameter "${clash.name}" collides with the reserved query name`);
  }
  // A body names its preset as "preset", beside the parameters: no entry may have a parameter of that name.
  for (const entry of catalog.values()) {
    const shape = (entry.params as { shape?: Record<string, unknown> }).shape;
    if (shape && Object.hasOwn(shape, PRESET_PARAM)) throw new Error(`${entry.name}: parameter "${PRESET_PARAM}" collides with the body's preset field`);
  }
}

let cachedRoutes: readonly ApiRoute[] | undefined;

/** The route table. Built once; every entry of `catalog` (models and tools) appears in it. */
export function apiRoutes(): readonly ApiRoute[] {
  if (cachedRoutes) return cachedRoutes;
  checkNames();
  cachedRoutes = [
    ...FIXED_ROUTES,
    ...[...catalog.values()].map((entry) => (entry.kind === "model" ? modelRoute(entry) : toolRoute(entry))),
    ...FALLBACK_ROUTES,
  ];
  return cachedRoutes;
}
