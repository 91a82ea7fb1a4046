/** The OpenAPI document: valid OpenAPI 3.1 (checked by a real validator) and in step with what the app registered. */
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHost } from "../../server/functions-host";
import { describeParams, models, presets, presetsFor, tools } from "../../shared/index";
import { call, startTestHost } from "./client";

let host: LocalHost;
// biome-ignore lint/suspicious/noExplicitAny: the document is checked against the OpenAPI schema validator, then walked
let document: any;
beforeAll(async () => {
  host = await startTestHost();
  const reply = await call(host, "/api/openapi.json");
  expect(reply.status).toBe(200);
  document = reply.json;
});
afterAll(() => host.close());

/** The routes that answer only what matches nothing else: registered, but not part of the contract. */
const FALLBACKS = new Set(["model-unknown", "not-found"]);

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  // The OpenAPI validator checks the document's structure but not what is inside a Schema Object
  // (it accepts `type: "choice"`), so each schema is also compiled as JSON Schema 2020-12.
  it("holds only valid JSON Schema 2020-12 schemas", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const schemas: unknown[] = Object.values(document.components.schemas);
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node !== null && typeof node === "object") {
        for (const [key, child] of Object.entries(node)) {
          if (key === "schema") schemas.push(child);
          else collect(child);
        }
      }
    };
    collect(document.paths);
    expect(schemas.length).toBeGreaterThan(models.length);
    for (const schema of schemas) {
      const withDefinitions = { ...(schema as object), $defs: document.components.schemas };
      const standalone = JSON.parse(JSON.stringify(withDefinitions).replaceAll('"#/components/schemas/', '"#/$defs/'));
      expect(() => ajv.compile(standalone), JSON.stringify(schema).slice(0, 200)).not.toThrow();
    }
  });

  it("documents exactly the routes and methods the app registered (fallbacks aside)", () => {
    const registered = host.functions
      .filter((f) => !FALLBACKS.has(f.name))
      .flatMap((f) => f.methods.map((m) => `${m} /${f.route}`))
      .sort();
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(registered);
    expect(document.servers).toEqual([{ url: `/${host.routePrefix}` }]);
  });

  it("has every model and tool of the catalog, with the catalog's parameters", () => {
    for (const model of models) {
      const get = document.paths[`/models/${model.name}`].get;
      const names = get.parameters.map((p: { name: string }) => p.name);
      expect(names).toEqual([...describeParams(model).map((p) => p.name), "preset", "format", "output", "If-None-Match"]);
      expect(get.parameters.at(-1).in).toBe("header");
      expect(Object.keys(get.responses["200"].headers)).toEqual(["ETag", "Cache-Control"]);
      expect(get.responses["304"].headers.ETag).toBeDefined();
      const post = document.paths[`/models/${model.name}`].post;
      expect(post.responses["304"]).toBeUndefined();
      expect(post.responses["503"]).toBeUndefined();
      for (const info of describeParams(model)) {
        const parameter = get.parameters.find((p: { name: string }) => p.name === info.name);
        expect(parameter.required).toBe(!info.optional);
        // A list parameter is an array of its members, given as repeated keys (form style, exploded).
        const member = info.list ? parameter.schema.items : parameter.schema;
        if (info.list) {
          expect(parameter.schema.type).toBe("array");
          expect([parameter.style, parameter.explode, parameter.schema.minItems, parameter.schema.maxItems]).toEqual(["form", true, 1, info.maxItems]);
          expect(parameter.description.startsWith(`${info.description}. One value, or the key repeated once per member (?${info.name}=`)).toBe(true);
        } else expect(parameter.description).toBe(info.description);
        expect(member.type).toBe(info.type === "choice" ? "string" : info.type);
        if (info.min !== undefined) expect(member.minimum ?? member.exclusiveMinimum).toBe(info.min);
        if (info.max !== undefined) expect(member.maximum).toBe(info.max);
        if (info.values) expect(member.enum).toEqual(info.values);
        expect(parameter.schema["x-rule"]).toBe(info.rule);
        // The catalog's words ride in as description and x- extensions (paramDocsRegistry); nothing else of its metadata does.
        expect(parameter.schema.description).toBe(info.description);
        expect(parameter.schema["x-unit"]).toBe(info.unit);
        expect(parameter.schema["x-effect"]).toBe(info.effect);
        expect(parameter.schema["x-effectUnless"]).toEqual(info.effectUnless);
        for (const key of ["rule", "unit", "effect", "effectUnless", "optional", "min", "max", "minExclusive", "values", "probability", "list"])
          expect(parameter.schema, `${model.name}.${info.name}`).not.toHaveProperty(key);
      }
    }
    for (const tool of tools) expect(document.paths[`/${tool.name}`].post.requestBody).toBeDefined();
  });

  it("offers the presets that fill a model on its GET (?preset=) and its POST body, and documents the presets routes", () => {
    for (const entry of [...models, ...tools]) {
      const fitting = presetsFor(entry.name).map((p) => p.name);
      const path = document.paths[entry.kind === "model" ? `/models/${entry.name}` : `/${entry.name}`];
      if (entry.kind === "model") {
        const preset = path.get.parameters.find((p: { name: string }) => p.name === "preset");
        expect(preset.in).toBe("query");
        expect(preset.schema.enum).toEqual(fitting.length > 0 ? fitting : undefined);
      }
      const body = path.post.requestBody.content["application/json"].schema;
      if (fitting.length === 0) expect(body.anyOf, entry.name).toBeUndefined();
      else {
        expect(body.anyOf[0].$ref).toBe(`#/components/schemas/${entry.name}_params`);
        const withPreset = document.components.schemas[`${entry.name}_preset_params`];
        expect(body.anyOf[1].$ref).toBe(`#/components/schemas/${entry.name}_preset_params`);
        expect(withPreset.required).toEqual(["preset"]);
        expect(withPreset.properties.preset.enum).toEqual(fitting);
      }
    }
    expect(document.paths["/presets"].get.security).toEqual([]);
    const one = document.paths["/presets/{name}"].get;
    expect(one.parameters[0]).toMatchObject({ name: "name", in: "path", required: true, schema: { enum: presets.map((p) => p.name) } });
    expect(one.responses["404"]).toBeDefined();
  });

  it("gives every tool the pool's 503, with its Retry-After header, and 504", () => {
    for (const tool of tools) {
      const responses = document.paths[`/${tool.name}`].post.responses;
      expect(responses["503"].headers["Retry-After"].schema).toEqual({ type: "integer", minimum: 1 });
      expect(responses["504"].description).toContain("TRACKER_TIME_BUDGET_MS");
    }
  });

  it("states each tool's per-request work cap with its 413", () => {
    const capped = tools.filter((tool) => tool.work);
    expect(capped.map((tool) => tool.name)).toContain("simulate");
    for (const tool of capped) {
      const description: string = document.paths[`/${tool.name}`].post.responses["413"].description;
      expect(description).toContain(`${tool.work!.perCall} ${tool.work!.param}`);
    }
  });

  it("asks for a key exactly where the function's authLevel does", () => {
    for (const f of host.functions.filter((fn) => !FALLBACKS.has(fn.name))) {
      for (const method of f.methods) {
        const security = document.paths[`/${f.route}`][method.toLowerCase()].security;
        expect(security.length > 0, `${method} /${f.route}`).toBe(f.authLevel !== "anonymous");
      }
    }
  });
});
