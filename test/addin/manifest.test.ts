/**
 * manifest.xml checked offline, and functions.json in step with the catalog: what Excel would
 * refuse or silently mis-wire at sideload time, caught here.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { describeParams, models, type AnyModel } from "../../shared/index";
import { excelFunctions, namespace, outputArgument } from "../../addin/functions/signatures";
import { builtDir, builtFile, repoRoot } from "./built";

const manifestText = readFileSync(join(repoRoot, "manifest.xml"), "utf8");
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  isArray: (name) => ["Image", "Url", "String", "Set", "Runtime", "Host", "ExtensionPoint"].includes(name),
});
// biome-ignore lint/suspicious/noExplicitAny: the parsed XML is walked by the paths the tests assert, which are the types here
const manifest = parser.parse(manifestText).OfficeApp as any;
const workbookHost = manifest.VersionOverrides.Hosts.Host[0];
const resources = manifest.VersionOverrides.Resources;
type Resource = { "@id": string; "@DefaultValue": string };
const byId = (list: Resource[]) => new Map<string, string>(list.map((u) => [u["@id"], u["@DefaultValue"]]));
const urlById = byId(resources.Urls.Url);
const imageById = byId(resources.Images.Image);
const stringById = byId([...resources.ShortStrings.String, ...resources.LongStrings.String]);
type Location = { SourceLocation: { "@resid": string } };
const extension = (type: string, where: Record<string, unknown>) =>
  (where.ExtensionPoint as Record<string, unknown>[]).find((e) => e["@type"] === type) as {
    Page: Location;
    Script: Location;
    Metadata: Location;
    Namespace: { "@resid": string };
  };

describe("manifest.xml", () => {
  it("is well-formed XML with a TaskPaneApp root for workbooks", () => {
    expect(XMLValidator.validate(manifestText)).toBe(true);
    expect(manifest["@type"]).toBe("TaskPaneApp");
    expect(manifest.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(manifest.Hosts.Host.map((h: Record<string, string>) => h["@Name"])).toEqual(["Workbook"]);
  });

  it("requires SharedRuntime 1.1 and runs one long-lived runtime that every part uses", () => {
    expect(manifest.Requirements.Sets.Set).toContainEqual({ "@Name": "SharedRuntime", "@MinVersion": "1.1" });
    const runtimes = workbookHost.Runtimes.Runtime;
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0]["@lifetime"]).toBe("long");
    const runtimeId = runtimes[0]["@resid"];
    expect(runtimeId.length).toBeLessThanOrEqual(32);
    expect(urlById.has(runtimeId)).toBe(true);

    const functions = extension("CustomFunctions", workbookHost.AllFormFactors);
    expect(functions.Page.SourceLocation["@resid"]).toBe(runtimeId);
    expect(workbookHost.DesktopFormFactor.FunctionFile["@resid"]).toBe(runtimeId);
    const ribbon = (workbookHost.DesktopFormFactor.ExtensionPoint as Record<string, unknown>[]).find(
      (e) => e["@type"] === "PrimaryCommandSurface",
    ) as unknown as {
      OfficeTab: { Group: { Control: { Action: { "@type": string; SourceLocation: { "@resid": string }; TaskpaneId: string } } } };
    };
    const action = ribbon.OfficeTab.Group.Control.Action;
    expect(action["@type"]).toBe("ShowTaskpane");
    expect(action.SourceLocation["@resid"]).toBe(runtimeId);
    expect(urlById.get(runtimeId)).toBe(manifest.DefaultSettings.SourceLocation["@DefaultValue"]);
  });

  it("declares the custom functions under the TRACKER namespace with their script and metadata", () => {
    const functions = extension("CustomFunctions", workbookHost.AllFormFactors);
    expect(stringById.get(functions.Namespace["@resid"])).toBe(namespace);
    expect(urlById.get(functions.Script.SourceLocation["@resid"])).toMatch(/\/functions\.js$/);
    expect(urlById.get(functions.Metadata.SourceLocation["@resid"])).toMatch(/\/functions\.json$/);
  });

  it("refers only to resources it defines", () => {
    const referenced = [...manifestText.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!);
    expect(referenced.length).toBeGreaterThan(10);
    for (const id of referenced) expect(urlById.has(id) || imageById.has(id) || stringById.has(id), id).toBe(true);
  });

  it("names only files that the build produced", () => {
    const urls = [...manifestText.matchAll(/"(https:\/\/localhost:3000[^"]*)"/g)].map((m) => m[1]!);
    const files = urls.map((u) => new URL(u).pathname).filter((p) => p !== "/");
    expect(new Set(files)).toEqual(
      new Set([
        "/assets/icon-16.png",
        "/assets/icon-32.png",
        "/assets/icon-64.png",
        "/assets/icon-80.png",
        "/taskpane.html",
        "/functions.js",
        "/functions.json",
        "/help.html",
      ]),
    );
    for (const file of files) expect(existsSync(join(builtDir, file)), file).toBe(true);
    // The icons are real PNGs of the size their slot says.
    for (const [id, url] of imageById) {
      const png = readFileSync(join(builtDir, new URL(url).pathname));
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(png.readUInt32BE(16), id).toBe(Number(id.split(".")[1]));
    }
  });

  it("loads Office.js from Microsoft's CDN in the runtime page, before the add-in's scripts", () => {
    const page = builtFile("taskpane.html");
    const scripts = [...page.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "functions.js", "taskpane.js"]);
  });

  it("npm run manifest:prod writes the production manifest and site for a base URL, and refuses http", () => {
    const base = "https://planner.example.com/excel";
    execFileSync(process.execPath, ["--import", "tsx", "scripts/build-addin.ts", "--base-url", `${base}/`], { cwd: repoRoot, stdio: "pipe" });
    const prod = readFileSync(join(repoRoot, "dist/manifest.prod.xml"), "utf8");
    expect(prod).not.toContain("localhost");
    expect(prod).toContain(`${base}/functions.json`);
    expect(prod.replaceAll(base, "https://localhost:3000")).toBe(manifestText);
    const json = JSON.parse(readFileSync(join(repoRoot, "dist/addin-prod/functions.json"), "utf8"));
    expect(json.functions[0].helpUrl).toBe(`${base}/help.html#${json.functions[0].id}`);
    let failure = "";
    try {
      execFileSync(process.execPath, ["--import", "tsx", "scripts/build-addin.ts", "--base-url", "http://planner.example.com"], {
        cwd: repoRoot,
        stdio: "pipe",
      });
    } catch (error) {
      failure = String((error as { stderr: Buffer }).stderr);
    }
    expect(failure).toContain("--base-url must use https");
  });
});

describe("functions.json", () => {
  const json = JSON.parse(builtFile("functions.json")) as {
    functions: {
      id: string;
      name: string;
      helpUrl: string;
      description: string;
      parameters: { name: string; optional?: boolean; description: string; dimensionality: string }[];
      result: { dimensionality: string };
    }[];
  };

  it("has one function per catalog model, in catalog order, then PLAN and SWEEP, then tools with plain parameters", () => {
    const ids = json.functions.map((f) => f.id);
    expect(ids.slice(0, models.length + 2)).toEqual([...models.map((m) => m.name.toUpperCase()), "PLAN", "SWEEP"]);
    expect(ids).toEqual(excelFunctions().map((f) => f.id));
    for (const f of json.functions) {
      expect(f.name).toBe(f.id);
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#${f.id}`);
      expect(f.result.dimensionality).toBe("matrix");
    }
  });

  it("lists each model's parameters by the catalog's names, in its order, optional as the catalog says, then output", () => {
    for (const model of models as readonly AnyModel[]) {
      const entry = json.functions.find((f) => f.id === model.name.toUpperCase())!;
      const params = describeParams(model);
      expect(entry.parameters.map((p) => p.name)).toEqual([...params.map((p) => p.name), outputArgument]);
      expect(entry.parameters.map((p) => p.optional === true)).toEqual([...params.map((p) => p.optional), true]);
      expect(entry.description).toContain(model.summary);
      params.forEach((p, i) => {
        const help = entry.parameters[i]!.description;
        expect(help).toContain(p.rule);
        if (p.unit) expect(help).toContain(`(${p.unit})`);
        if (p.default !== undefined) expect(help).toContain(`default ${p.default}`);
        expect(entry.parameters[i]!.dimensionality).toBe("matrix");
      });
    }
  });

  it("matches the signatures the runtime uses for the tool functions", () => {
    for (const fn of excelFunctions().filter((f) => f.kind !== "model")) {
      const entry = json.functions.find((f) => f.id === fn.id)!;
      expect(entry.parameters.map((p) => [p.name, p.optional === true])).toEqual(fn.args.map((a) => [a.name, a.optional]));
    }
  });
});
