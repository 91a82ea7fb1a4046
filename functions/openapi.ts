/**
 * The OpenAPI 3.1 document, generated from the route table and the catalog's zod schemas (zod 4's
 * toJSONSchema writes JSON Schema 2020-12, OpenAPI 3.1's own dialect). Each route says what its
 * operations are (routes.ts); this file only puts that into OpenAPI's shape, adds the entry's
 * parameters as JSON Schema, and frames it. Nothing here names a model, a parameter or a kind of
 * route: add one to the catalog and it is documented.
 */
import { z } from "zod";
import type { CatalogEntry } from "../shared/index";
import { PRESET_PARAM, paramDocsRegistry } from "../shared/index";
import { RESERVED_QUERY } from "./http/request";
import { type ApiRoute, type Operation, paramsComponent, paramsRef, type Schema } from "./routes";
import { IMMUTABLE } from "./http/cache";

/**
 * An entry's parameters as JSON Schema. The words of each parameter (description, and the
 * catalog's rule, unit and effect as x- extensions) come from the catalog's paramDocsRegistry; the
 * type, range, choices and default are the schema's own. Shared definitions ($defs, which zod emits
 * only for recursion) move into components with their references rewritten, since inside the
 * OpenAPI document "#/$defs/…" would point at its root.
 */
function parameterSchema(entry: CatalogEntry, components: Record<string, Schema>): Schema {
  const schema = z.toJSONSchema(entry.params, { target: "draft-2020-12", io: "input", unrepresentable: "any", metadata: paramDocsRegistry }) as Schema;
  delete schema.$schema;
  const defs = schema.$defs as Record<string, Schema> | undefined;
  delete schema.$defs;
  const prefix = `${entry.name}_`;
  const rewrite = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(rewrite);
    else if (node !== null && typeof node === "object") {
      const record = node as Schema;
      if (typeof record.$ref === "string" && record.$ref.startsWith("#/$defs/")) record.$ref = `#/components/schemas/${prefix}${record.$ref.slice(8)}`;
      Object.values(record).forEach(rewrite);
    }
  };
  rewrite(schema);
  for (const [name, def] of Object.entries(defs ?? {})) {
    rewrite(def);
    components[`${prefix}${name}`] = def;
  }
  return schema;
}

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });

/** Headers a problem of that status always carries here: every 503 of this API says when to try again. */
const PROBLEM_HEADERS: Record<string, Schema> = {
  "503": { "Retry-After": { description: "seconds to wait before trying again", schema: { type: "integer", minimum: 1 } } },
};

const KEYED = { security: [{ functionKeyHeader: [] }, { functionKeyQuery: [] }], problem: "a function key is required (x-functions-key header or ?code=)" };

/** The list branch of a number-or-list parameter's schema (anyOf [number, array]), if it is one. */
function listBranch(schema: Schema): Schema | undefined {
  const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as Schema[]) : [];
  return branches.find((b) => b.type === "array");
}

/**
 * Each property of the entry's parameter schema as a query parameter. A list parameter is an
 * array exploded as repeated keys (form style, OpenAPI's default for the query): ?Rs=0.9&Rs=0.99;
 * one key is the single number.
 */
function queryParameters(params: Schema): Schema[] {
  const required = new Set((params.required as string[] | undefined) ?? []);
  return Object.entries((params.properties ?? {}) as Record<string, Schema>).map(([name, schema]) => {
    const description = typeof schema.description === "string" ? schema.description : name;
    const list = listBranch(schema);
    const { anyOf: _branches, ...words } = schema;
    return list
      ? {
          name,
          in: "query",
          required: required.has(name),
          description: `${description}. One value, or the key repeated once per member (?${name}=0.9&${name}=0.99); one value may also list them separated by commas`,
          style: "form",
          explode: true,
          schema: { ...words, ...list },
        }
      : { name, in: "query", required: required.has(name), description, schema };
  });
}

/** What a cached operation adds: the validator a client sends back, and the headers of its 200 and 304. */
const CACHED = {
  parameter: {
    name: "If-None-Match",
    in: "header",
    required: false,
    description: "the ETag of a copy the client holds; when it matches, the answer is 304 with no body",
    schema: { type: "string" },
  },
  headers: {
    ETag: { description: "a strong validator of the body's bytes", schema: { type: "string" } },
    "Cache-Control": { description: `${IMMUTABLE}: the same URL always gives the same bytes`, schema: { type: "string" } },
  },
} as const;

/** The components entry of an entry's parameters with a preset under them. */
function presetBodyComponent(entry: CatalogEntry): string {
  return `${entry.name}_preset_params`;
}

/**
 * The body of an entry's parameters over a preset: the same parameters, none of them required,
 * and `preset` naming one of the presets that fill the entry (the parameters given override it).
 */
function presetBodySchema(params: Schema, names: readonly string[]): Schema {
  const { required: _required, ...rest } = params;
  return {
    ...rest,
    description: `the parameters over a preset: "${PRESET_PARAM}" names it, the parameters given override its values, and the model's own rules still apply`,
    required: [PRESET_PARAM],
    properties: {
      [PRESET_PARAM]: { type: "string", enum: [...names], description: "a preset that fills this entry (GET /presets lists them with their sources)" },
      ...(params.properties as Schema),
    },
  };
}

/** The JSON body of an operation: the entry's parameters, or (where presets fill the entry) those or the same over a preset. */
function bodySchema(entry: CatalogEntry, presets: readonly string[] | undefined): Schema {
  return presets && presets.length > 0
    ? { anyOf: [{ $ref: paramsRef(entry) }, { $ref: `#/components/schemas/${presetBodyComponent(entry)}` }] }
    : { $ref: paramsRef(entry) };
}

/** One operation as OpenAPI writes it. `params` is the route's entry's parameter schema, when it has an entry. */
function operationObject(route: ApiRoute, operation: Operation, params: Schema | undefined): Schema {
  const { input } = operation;
  if (input && !(route.entry && params)) throw new Error(`route ${route.name}: ${operation.method} takes an entry's parameters, and the route has no entry`);
  const parameters = [
    ...(input?.in === "query" && params ? queryParameters(params) : []),
    ...(operation.parameters ?? []),
    ...(operation.cached ? [CACHED.parameter] : []),
  ];
  const keyed = route.authLevel === "function";
  const problems = { ...operation.problems, ...(keyed && { "401": KEYED.problem }) };
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description !== undefined && { description: operation.description }),
    ...(operation.tags && { tags: operation.tags }),
    security: keyed ? KEYED.security : [],
    ...(parameters.length > 0 && { parameters }),
    ...(input?.in === "body" &&
      route.entry && {
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: bodySchema(route.entry, input.presets),
              ...(input.example !== undefined && { example: input.example }),
            },
          },
        },
      }),
    responses: {
      "200": operation.cached ? { ...operation.success, headers: CACHED.headers } : operation.success,
      ...(operation.cached && { "304": { description: "the client's copy (If-None-Match) is current; no body", headers: CACHED.headers } }),
      ...Object.fromEntries(
        Object.entries(problems).map(([status, description]) => [
          status,
          { ...problem(description), ...(PROBLEM_HEADERS[status] && { headers: PROBLEM_HEADERS[status] }) },
        ]),
      ),
    },
  };
}

/** The OpenAPI document for the routes, served under `base` ("/api"). Routes with no operations (the fallbacks) are left out. */
export function openApiDocument(routes: readonly ApiRoute[], base: string): Schema {
  const components: Record<string, Schema> = {
    FieldError: {
      type: "object",
      required: ["path", "message"],
      properties: {
        path: { type: "string", description: 'the parameter at fault ("n", "over.0.from"); empty for the request as a whole' },
        message: { type: "string", description: "what is wrong and the rule, in a planner's words" },
      },
    },
    Problem: {
      type: "object",
      description: "RFC 9457 problem details",
      required: ["type", "title", "status", "detail", "errors"],
      properties: {
        type: { type: "string" },
        title: { type: "string" },
        status: { type: "integer" },
        detail: { type: "string" },
        instance: { type: "string" },
        errors: { type: "array", items: { $ref: "#/components/schemas/FieldError" } },
      },
    },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.operations.length === 0) continue;
    let params: Schema | undefined;
    if (route.entry) {
      params = parameterSchema(route.entry, components);
      components[paramsComponent(route.entry)] = params;
      const presets = route.operations.flatMap((operation) => (operation.input?.in === "body" ? (operation.input.presets ?? []) : []));
      if (presets.length > 0) components[presetBodyComponent(route.entry)] = presetBodySchema(params, [...new Set(presets)]);
    }
    paths[`/${route.route}`] = Object.fromEntries(route.operations.map((operation) => [operation.method, operationObject(route, operation, params)]));
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tracker Reliability Planner API",
      version: "1",
      description:
        "The reliability models of P2P trackers (the probability a lookup succeeds) and the tools composed from them. " +
        `Query names ${RESERVED_QUERY.join(", ")} are the API's own; every other query name is a model parameter. ` +
        `A preset (GET /presets) fills a model's parameters from a real system's published numbers: ?${PRESET_PARAM}= on a GET, "${PRESET_PARAM}" in a POST body; the parameters given override it. ` +
        'Non-finite numbers (the nines of a perfect system) are written as the string "Infinity".',
    },
    servers: [{ url: base || "/" }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        functionKeyHeader: { type: "apiKey", in: "header", name: "x-functions-key" },
        functionKeyQuery: { type: "apiKey", in: "query", name: "code" },
      },
    },
  };
}
