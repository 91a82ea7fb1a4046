/**
 * The OpenAPI 3.1 document, generated from the route table and the catalog's zod schemas (zod 4's
 * toJSONSchema writes JSON Schema 2020-12, OpenAPI 3.1's own dialect). Nothing here names a model
 * or a parameter: add one to the catalog and it is documented.
 */
import { z } from "zod";
import type { AnyModel, CatalogEntry } from "../shared/index";
import { describeModel } from "../shared/index";
import { MAX_BODY_BYTES, RESERVED_QUERY } from "./http/request";
import type { ApiRoute } from "./routes";

type Schema = Record<string, unknown>;

/** ParamMeta keys that are not JSON Schema: kept as x- extensions when planners benefit, dropped when redundant. */
const EXTENSION_KEYS = ["rule", "unit", "effect", "effectUnless"];
const REDUNDANT_KEYS = ["optional", "min", "max", "minExclusive", "values", "probability"];

/**
 * The catalog's metadata rides along in zod's `.meta()`, which toJSONSchema merges into each
 * property; this turns it into valid OpenAPI (`type: "choice"` is the enum's string type).
 */
function openApiKeywords(ctx: { jsonSchema: Schema }): void {
  const schema = ctx.jsonSchema;
  if (schema.type === "choice") schema.type = "string";
  for (const key of EXTENSION_KEYS) {
    if (key in schema) {
      schema[`x-${key}`] = schema[key];
      delete schema[key];
    }
  }
  for (const key of REDUNDANT_KEYS) delete schema[key];
}

/**
 * An entry's parameters as JSON Schema. Shared definitions ($defs, which zod emits only for
 * recursion) move into components with their references rewritten, since inside the OpenAPI
 * document "#/$defs/…" would point at its root.
 */
export function parameterSchema(entry: CatalogEntry, components: Record<string, Schema>): Schema {
  const schema = z.toJSONSchema(entry.params, { target: "draft-2020-12", io: "input", unrepresentable: "any", override: openApiKeywords }) as Schema;
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

const NUMBER_OR_INFINITY: Schema = {
  oneOf: [{ type: "number" }, { type: "string", enum: ["Infinity"] }],
  description: 'a number, or the string "Infinity" when the unreliability is 0 (JSON has no Infinity)',
};

function modelResultSchema(model: AnyModel, paramsRef: string): Schema {
  const described = describeModel(model);
  const properties: Record<string, Schema> = {
    model: { type: "string", const: model.name },
    inputs: { $ref: paramsRef, description: "the parameters used, defaults filled in" },
  };
  for (const output of described.outputs) {
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

const FORMAT_PARAMETER = {
  name: "format",
  in: "query",
  required: false,
  description: "json (default), text (the bare number, for Excel's WEBSERVICE) or csv (for Power Query); the Accept header is used when this is absent",
  schema: { type: "string", enum: ["json", "text", "csv"] },
};
const OUTPUT_PARAMETER = {
  name: "output",
  in: "query",
  required: false,
  description: "with format=text: which number of the result to give (default value), e.g. nines",
  schema: { type: "string" },
};

const problemContent = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };
const problem = (description: string) => ({ description, content: problemContent });

function errorResponses(route: ApiRoute, post: boolean): Record<string, unknown> {
  return {
    "400": problem("a parameter or the request is invalid; `errors` names each parameter and its rule"),
    ...(route.authLevel === "function" && { "401": problem("a function key is required (x-functions-key header or ?code=)") }),
    ...(post && {
      "413": problem(`the body is larger than ${MAX_BODY_BYTES} bytes`),
      "415": problem("the body is not declared as JSON (Content-Type: application/json)"),
    }),
    "422": problem("format=text was asked for a result with no single value"),
  };
}

function successContent(schema: Schema): Record<string, unknown> {
  return {
    "application/json": { schema },
    "text/plain": { schema: { type: "string" }, example: "0.99501" },
    "text/csv": { schema: { type: "string" } },
  };
}

function security(route: ApiRoute): Array<Record<string, string[]>> {
  return route.authLevel === "function" ? [{ functionKeyHeader: [] }, { functionKeyQuery: [] }] : [];
}

/** The OpenAPI document for the routes, served under `base` ("/api"). Fallback routes are not part of the contract. */
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
    const path = `/${route.route}`;
    const operations: Record<string, unknown> = {};
    switch (route.kind) {
      case "health":
        operations.get = {
          operationId: route.name,
          summary: "Liveness: the app is loaded and how many models and tools it serves",
          security: security(route),
          responses: {
            "200": {
              description: "the app is up",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { status: { const: "ok" }, models: { type: "integer" }, tools: { type: "integer" } } },
                },
              },
            },
          },
        };
        break;
      case "openapi":
        operations.get = {
          operationId: route.name,
          summary: "This document",
          security: security(route),
          responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } } },
        };
        break;
      case "catalog":
        operations.get = {
          operationId: route.name,
          summary: "The catalog: every model with its parameters (type, range, unit, default) and outputs, and every tool",
          security: security(route),
          parameters: [
            { ...FORMAT_PARAMETER, description: "json (default) or csv (one row per model parameter)", schema: { type: "string", enum: ["json", "csv"] } },
          ],
          responses: {
            "200": {
              description: "the catalog",
              content: {
                "application/json": { schema: { type: "object", properties: { models: { type: "array" }, tools: { type: "array" } } } },
                "text/csv": { schema: { type: "string" } },
              },
            },
            "400": problem("an unknown format"),
          },
        };
        break;
      case "model": {
        const model = route.entry as AnyModel;
        const schemaName = `${model.name}_params`;
        const params = parameterSchema(model, components);
        components[schemaName] = params;
        const ref = `#/components/schemas/${schemaName}`;
        const required = new Set((params.required as string[] | undefined) ?? []);
        const properties = (params.properties ?? {}) as Record<string, Schema>;
        const result = modelResultSchema(model, ref);
        const description = `${model.summary}\n\nFormula: ${model.formula} (${model.source}). Example: ${JSON.stringify(model.example.params)}: ${model.example.comment}.`;
        operations.get = {
          operationId: `${route.name}-get`,
          summary: model.title,
          description,
          tags: ["models"],
          security: security(route),
          parameters: [
            ...Object.entries(properties).map(([name, schema]) => ({
              name,
              in: "query",
              required: required.has(name),
              description: typeof schema.description === "string" ? schema.description : name,
              schema,
            })),
            FORMAT_PARAMETER,
            OUTPUT_PARAMETER,
          ],
          responses: { "200": { description: "the result", content: successContent(result) }, ...errorResponses(route, false) },
        };
        operations.post = {
          operationId: `${route.name}-post`,
          summary: model.title,
          description,
          tags: ["models"],
          security: security(route),
          parameters: [FORMAT_PARAMETER, OUTPUT_PARAMETER],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: ref }, example: model.example.params } } },
          responses: { "200": { description: "the result", content: successContent(result) }, ...errorResponses(route, true) },
        };
        break;
      }
      case "tool": {
        const tool = route.entry!;
        const schemaName = `${tool.name}_params`;
        components[schemaName] = parameterSchema(tool, components);
        operations.post = {
          operationId: route.name,
          summary: tool.title,
          description: tool.summary,
          tags: ["tools"],
          security: security(route),
          parameters: [FORMAT_PARAMETER, OUTPUT_PARAMETER],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${schemaName}` } } } },
          responses: {
            "200": { description: "the result; format=csv gives a table result as CSV", content: successContent({ type: "object" }) },
            ...errorResponses(route, true),
          },
        };
        break;
      }
      case "unknown-model":
      case "not-found":
        continue;
    }
    paths[path] = operations;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tracker Reliability Planner API",
      version: "1",
      description:
        "The reliability models of P2P trackers (the probability a lookup succeeds) and the tools composed from them. " +
        `Query names ${RESERVED_QUERY.join(", ")} are the API's own; every other query name is a model parameter. ` +
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
