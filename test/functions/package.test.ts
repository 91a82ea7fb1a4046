/**
 * dist/functions.zip as Azure gets it (scripts/package.ts): built from the already-built bundle,
 * unzipped into an empty folder, and served from there by the local host, the way the Functions host
 * loads a package: host.json and package.json at the root, "main" into the bundle, nothing else.
 * Also the command's refusal without --base-url, and the add-in site's assembly on a small build of
 * its own (build-addin writes only into dist/, where other test files build at the same time).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleAddinSite, functionsPackage, type FunctionsPackage } from "../../scripts/package";
import type { LocalHost } from "../../server/functions-host";
import { evaluate } from "../../shared/index";
import { call, postJson, startTestHost } from "./client";

const repoRoot = resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "tracker-package-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each central-directory entry's name and its DOS time and date fields, read from the zip's bytes. */
function centralDirectory(zip: Uint8Array): { name: string; time: number; date: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22; // no archive comment
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    entries.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
    });
    at += 46 + skip;
  }
  return entries;
}

describe("dist/functions.zip", () => {
  let built: FunctionsPackage;
  let appPath: string;
  let host: LocalHost;

  beforeAll(async () => {
    built = functionsPackage(repoRoot);
    appPath = join(scratch, "wwwroot");
    mkdirSync(appPath);
    for (const [name, bytes] of Object.entries(unzipSync(built.zip))) {
      mkdirSync(dirname(join(appPath, name)), { recursive: true });
      writeFileSync(join(appPath, name), bytes);
    }
    host = await startTestHost({ appPath });
  });
  afterAll(() => host?.close());

  it("holds host.json, the run-time package.json and every file of dist/functions/ but the source maps, and nothing else", () => {
    const names = built.files.map((f) => f.path);
    expect(names).toContain("host.json");
    expect(names).toContain("package.json");
    expect(names).toContain("dist/functions/main.cjs");
    const bundle = readdirSync(join(repoRoot, "dist/functions"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith(".map"))
      .map((entry) =>
        join(entry.parentPath, entry.name)
          .slice(repoRoot.length + 1)
          .replaceAll("\\", "/"),
      );
    expect(names).toEqual(["host.json", "package.json", ...bundle].sort());
    for (const name of names) {
      expect(name).not.toMatch(/\.map$|\.ts$|(^|\/)node_modules\/|^(server|scripts|test|shared|functions|addin)\//);
    }
    expect(centralDirectory(built.zip).map((e) => e.name)).toEqual(names);
    expect(readFileSync(join(appPath, "host.json"), "utf8")).toBe(readFileSync(join(repoRoot, "host.json"), "utf8"));
  });

  it("says in package.json what runs and nothing that would start a build: no dependencies, devDependencies or scripts", () => {
    const pkg = JSON.parse(readFileSync(join(appPath, "package.json"), "utf8"));
    const repoPkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
    expect(pkg).toMatchObject({ name: repoPkg.name, version: repoPkg.version, main: repoPkg.main, type: repoPkg.type });
    expect(pkg).not.toHaveProperty("dependencies");
    expect(pkg).not.toHaveProperty("devDependencies");
    expect(pkg).not.toHaveProperty("scripts");
  });

  it("is the same bytes every time, each entry stamped 1980-01-01 12:00", () => {
    expect(Buffer.from(functionsPackage(repoRoot).zip).equals(Buffer.from(built.zip))).toBe(true);
    for (const entry of centralDirectory(built.zip)) expect(entry, entry.name).toMatchObject({ date: (1 << 5) | 1, time: 12 << 11 });
  });

  it("is the app the host loads from the unzipped folder, not the repository's copy", () => {
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded).toContain(join(appPath, "dist/functions/main.cjs"));
    expect(loaded).not.toContain(join(repoRoot, "dist/functions/main.cjs"));
    expect(host.functions.length).toBeGreaterThan(3);
  });

  it("serves a model from the package: GET /api/models/rdht", async () => {
    const reply = await call(host, "/api/models/rdht?Rp=0.9&m=3&k=2");
    expect(reply.status, reply.text).toBe(200);
    // Two hops of three 90% peers: (1 − 0.1³)² = 0.998001.
    expect(reply.json.value).toBeCloseTo(0.998001, 15);
    expect(reply.json.unreliability).toBeCloseTo(1 - 0.998001, 15);
  });

  it("runs a tool from the package: POST /api/sweep", async () => {
    const body = { model: "rdht", fixed: { Rp: 0.9, m: 3 }, over: [{ param: "k", from: 1, to: 4, steps: 4 }] };
    const reply = await postJson(host, "/api/sweep", body);
    expect(reply.status, reply.text).toBe(200);
    const expected = evaluate("sweep", body) as unknown as { rows: unknown[][] };
    expect(reply.json.rows).toHaveLength(4);
    expect(reply.json.rows).toEqual(expected.rows);
  });
});

describe("npm run package", () => {
  function packageCommand(args: string[]): { status: number; stderr: string } {
    try {
      execFileSync(process.execPath, ["--import", "tsx", "scripts/package.ts", ...args], { cwd: repoRoot, stdio: "pipe" });
      return { status: 0, stderr: "" };
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      return { status: failure.status, stderr: String(failure.stderr) };
    }
  }

  it("refuses to run without --base-url, naming the option and its rule, before building anything", () => {
    const { status, stderr } = packageCommand([]);
    expect(status).not.toBe(0);
    expect(stderr).toContain("--base-url must be the absolute https URL");
    expect(stderr).toContain("missing");
  });

  it("refuses an http base URL", () => {
    const { status, stderr } = packageCommand(["--base-url", "http://planner.example.com/addin"]);
    expect(status).not.toBe(0);
    expect(stderr).toContain("Office loads add-ins over https only");
  });
});

describe("the add-in site", () => {
  const base = "https://planner.example.com/addin";
  const release = "0.1.0-0123456789";

  /** A production build in miniature: a release folder, help and an icon at the base, a manifest naming them. */
  function miniatureBuild(manifestUrls: string[]): { prodDir: string; manifest: string } {
    const dir = mkdtempSync(join(scratch, "addin-"));
    const prodDir = join(dir, "prod");
    for (const file of [`${release}/taskpane.html`, `${release}/functions.js`, "help.html", "assets/icon-32.png"]) {
      mkdirSync(dirname(join(prodDir, file)), { recursive: true });
      writeFileSync(join(prodDir, file), file);
    }
    const manifest = join(dir, "manifest.prod.xml");
    writeFileSync(
      manifest,
      `<OfficeApp>${manifestUrls.map((url) => `<Url DefaultValue="${url}"/>`).join("")}<AppDomain>https://planner.example.com</AppDomain></OfficeApp>`,
    );
    return { prodDir, manifest };
  }

  it("is the production build with its manifest inside as manifest.xml", () => {
    const { prodDir, manifest } = miniatureBuild([
      `${base}/${release}/taskpane.html`,
      `${base}/${release}/functions.js`,
      `${base}/help.html`,
      `${base}/assets/icon-32.png`,
    ]);
    const siteDir = join(dirname(prodDir), "site");
    const site = assembleAddinSite({ prodDir, manifest, siteDir, baseUrl: base });
    expect(site).toMatchObject({ files: 5, releases: [release] });
    expect(readFileSync(join(siteDir, "manifest.xml"), "utf8")).toBe(readFileSync(manifest, "utf8"));
    expect(readFileSync(join(siteDir, release, "functions.js"), "utf8")).toBe(`${release}/functions.js`);
  });

  it("from a real production build (build-addin into a temporary folder): every manifest URL under the base names a file of the site", () => {
    const dir = mkdtempSync(join(scratch, "real-"));
    const prodDir = join(dir, "prod");
    const manifest = join(dir, "manifest.prod.xml");
    execFileSync(process.execPath, ["--import", "tsx", "scripts/build-addin.ts", "--base-url", base, "--out-dir", prodDir, "--manifest-out", manifest], {
      cwd: repoRoot,
      stdio: "pipe",
    });
    const siteDir = join(dir, "site");
    const site = assembleAddinSite({ prodDir, manifest, siteDir, baseUrl: base });
    expect(site.releases).toHaveLength(1);
    expect(site.releases[0]).toMatch(/^\d+\.\d+\.\d+-[0-9a-f]{10}$/);
    const text = readFileSync(join(siteDir, "manifest.xml"), "utf8");
    const urls = [...text.matchAll(/"(https:\/\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls.filter((u) => u.startsWith(`${base}/`))) {
      const file = url.slice(base.length + 1).split(/[?#]/)[0]!;
      expect(readdirSync(dirname(join(siteDir, file))), url).toContain(file.split("/").at(-1));
    }
    for (const file of ["functions.js", "functions.json", "taskpane.html", "taskpane.js"])
      expect(readdirSync(join(siteDir, site.releases[0]!))).toContain(file);
  }, 120_000);

  it("refuses a manifest that names a file the site lacks, or a URL outside the base", () => {
    const missing = miniatureBuild([`${base}/${release}/functions.json`]);
    expect(() => assembleAddinSite({ ...missing, siteDir: join(scratch, "missing-site"), baseUrl: base })).toThrow(/functions\.json, which the build lacks/);
    const elsewhere = miniatureBuild(["https://other.example.com/help.html"]);
    expect(() => assembleAddinSite({ ...elsewhere, siteDir: join(scratch, "elsewhere-site"), baseUrl: base })).toThrow(
      /is not under https:\/\/planner\.example\.com\/addin\//,
    );
  });
});
