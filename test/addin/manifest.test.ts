/**
 * manifest.xml checked offline, and functions.json in step with the catalog: what Excel would
 * refuse or silently mis-wire at sideload time, caught here.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { describeParams, models, type AnyModel } from "../../shared/index";
import { excelFunctions, functionId, namespace, outputArgument } from "../../addin/functions/signatures";
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
    const { prod, version } = buildProduction(`${base}/`);
    expect(prod).not.toContain("localhost");
    expect(XMLValidator.validate(prod)).toBe(true);
    // Only the release folder and the domain (an origin, without the base's path) differ from
    // manifest.xml: every other URL moved to the base.
    expect(
      prod
        .replaceAll(`${base}/${version}/`, `${base}/`)
        .replace("<AppDomain>https://planner.example.com</AppDomain>", `<AppDomain>${base}</AppDomain>`)
        .replaceAll(base, "https://localhost:3000"),
    ).toBe(manifestText);
    const json = JSON.parse(readFileSync(join(repoRoot, "dist/addin-prod", version, "functions.json"), "utf8"));
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

  it("versions the production URLs of functions.json, functions.js and the task pane, which Office caches for up to 24 hours", () => {
    // "Troubleshoot custom functions": changes to functions.json and functions.js may take up to 24
    // hours to reach users. A release folder named for the version and the content is a URL no cache holds.
    const base = "https://planner.example.com/excel";
    const { prod, version } = buildProduction(base);
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(version).toMatch(new RegExp(`^${pkg.version.replaceAll(".", "\\.")}-[0-9a-f]{10}$`));

    const parsed = parser.parse(prod).OfficeApp;
    const host = parsed.VersionOverrides.Hosts.Host[0];
    const urls = byId(parsed.VersionOverrides.Resources.Urls.Url);
    const functions = extension("CustomFunctions", host.AllFormFactors);
    const runtime = host.Runtimes.Runtime[0]["@resid"];
    const release = `${base}/${version}`;
    expect(urls.get(functions.Script.SourceLocation["@resid"])).toBe(`${release}/functions.js`);
    expect(urls.get(functions.Metadata.SourceLocation["@resid"])).toBe(`${release}/functions.json`);
    expect(urls.get(runtime)).toBe(`${release}/taskpane.html`);
    expect(urls.get(functions.Page.SourceLocation["@resid"])).toBe(`${release}/taskpane.html`);
    expect(parsed.DefaultSettings.SourceLocation["@DefaultValue"]).toBe(`${release}/taskpane.html`);
    // Help and icons keep their place; the domain is the base's.
    expect(urls.get("Help.Url")).toBe(`${base}/help.html`);
    expect(parsed.AppDomains.AppDomain).toBe("https://planner.example.com");

    // Every URL the production manifest names is a file of the production site.
    const site = join(repoRoot, "dist/addin-prod");
    const named = [...prod.matchAll(/"(https:\/\/planner\.example\.com\/excel\/[^"]*)"/g)].map((m) => m[1]!.slice(base.length + 1));
    expect(named.length).toBeGreaterThan(8);
    for (const file of named) expect(existsSync(join(site, file)), file).toBe(true);
    // The page loads taskpane.css, functions.js, taskpane.js and its icon by relative paths: all in the release folder.
    for (const file of ["taskpane.css", "taskpane.js", "assets/icon-32.png"]) expect(existsSync(join(site, version, file)), file).toBe(true);
    expect(existsSync(join(site, "functions.js"))).toBe(false);

    // The hash is of the release's contents, so a rebuild of the same code is the same release.
    const hash = createHash("sha256");
    for (const file of ["taskpane.html", "taskpane.css", "taskpane.js", "functions.js", "functions.json"]) {
      hash
        .update(`${file}\0`)
        .update(readFileSync(join(site, version, file)))
        .update("\0");
    }
    expect(version.endsWith(hash.digest("hex").slice(0, 10))).toBe(true);
    expect(buildProduction(base).version).toBe(version);
    // Another address is other content (functions.json's help links), so another release.
    expect(buildProduction("https://other.example.com").version).not.toBe(version);
  });
});

/** `npm run manifest:prod -- --base-url <base>`: the production manifest and the release folder it names. */
function buildProduction(base: string): { prod: string; version: string } {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build-addin.ts", "--base-url", base], { cwd: repoRoot, stdio: "pipe" });
  const prod = readFileSync(join(repoRoot, "dist/manifest.prod.xml"), "utf8");
  const version = /\/([^/"]+)\/functions\.js"/.exec(prod)?.[1];
  if (!version) throw new Error("the production manifest names no functions.js");
  return { prod, version };
}

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
    expect(ids.slice(0, models.length + 2)).toEqual([...models.map((m) => functionId(m.name)), "PLAN", "SWEEP"]);
    expect(ids).toEqual(excelFunctions().map((f) => f.id));
    for (const f of json.functions) {
      expect(f.name).toBe(f.id);
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#${f.id}`);
      expect(f.result.dimensionality).toBe("matrix");
    }
  });

  it("lists each model's parameters by the catalog's names, in its order, optional as the catalog says, then output", () => {
    for (const model of models as readonly AnyModel[]) {
      const entry = json.functions.find((f) => f.id === functionId(model.name))!;
      const params = describeParams(model);
      expect(entry.parameters.map((p) => p.name)).toEqual([...params.map((p) => p.name), outputArgument]);
      // Excel takes no required argument after an optional one: a parameter the catalog lets go is
      // optional in Excel only when every one after it is (rdht's m, which k follows, is not).
      expect(entry.parameters.map((p) => p.optional === true)).toEqual([...params.map((_, i) => params.slice(i).every((q) => q.optional)), true]);
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

describe("help.html, where each function's help link points", () => {
  const help = builtFile("help.html");

  it("says Excel's Data Table and Goal Seek fail with custom functions, and what to use instead", () => {
    const whatIf = help.slice(help.indexOf('<h2 id="what-if">'), help.indexOf("<section"));
    expect(whatIf).toContain("Data Table");
    expect(whatIf).toContain("#CALC!");
    expect(whatIf).toContain("issue 5940");
    expect(whatIf).toContain("Goal Seek");
    expect(whatIf).toContain("issue 4745");
    expect(whatIf).toContain("Insert what-if table");
    expect(whatIf).toContain("TRACKER.SWEEP");
    expect(whatIf).toMatch(/TRACKER\.PLAN<\/code><\/a>, the Goal Seek that works/);
    // PLAN's own help, in Excel and on the page, names it so too.
    const plan = JSON.parse(builtFile("functions.json")).functions.find((f: { id: string }) => f.id === "PLAN");
    expect(plan.description).toContain("The Goal Seek that works");
  });

  it('says how to leave a parameter out ("default"), what an empty cell gives on each platform, and how errors read', () => {
    expect(help).toContain('<code>"default"</code>');
    expect(help).toMatch(/desktop Excel passes 0/);
    expect(help).toMatch(/Excel on the web passes nothing \(null\)/);
    expect(help).toMatch(/read as 0/);
    expect(help).toContain("<code>#N/A</code> where the number asked for does not exist");
  });

  it("gives the catalog name of a function whose Excel name differs (R_S is rs)", () => {
    const rs = help.slice(help.indexOf('<section id="R_S">'));
    expect(rs).toMatch(/^<section id="R_S">\n<h2>TRACKER\.R_S<\/h2>\n<p>Catalog and HTTP API name: <code>rs<\/code>/);
  });
});
