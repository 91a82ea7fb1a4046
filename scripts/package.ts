/**
 * `npm run package -- --base-url https://host/path`: the two things a deploy uploads, built from this commit.
 *
 *  - dist/functions.zip: the Functions app as Azure runs it from a package (Flex Consumption's
 *    deployment, zip deploy, WEBSITE_RUN_FROM_PACKAGE): host.json and a run-time package.json at the
 *    root, and every file of the bundle's folder (dist/functions/) except source maps. The bundle
 *    carries its dependencies, so there is no node_modules and nothing to build on the server.
 *    Entries are sorted and stamped with one fixed time, so one commit gives one zip, byte for byte.
 *  - dist/addin-site/: the add-in's production site for that base URL (build-addin's production
 *    build, dist/addin-prod/, with its versioned release folder) and the production manifest inside
 *    it as manifest.xml, so the site and the manifest that names its URLs travel together.
 *
 * The base URL is required: the manifest and functions.json embed it, so there is no site without
 * it, and a zip alone would leave an older dist/addin-site/ looking current.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { zipSync, type Zippable } from "fflate";
import { checkBaseUrl } from "./base-url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const FUNCTIONS_ZIP = join(root, "dist/functions.zip");
const ADDIN_SITE = join(root, "dist/addin-site");
/** What build-addin's production build writes (scripts/build-addin.ts: it has no option for another folder). */
const ADDIN_PROD = join(root, "dist/addin-prod");
const PROD_MANIFEST = join(root, "dist/manifest.prod.xml");

/**
 * The time every entry carries. ZIP stores local date and time fields, and fflate reads them from a
 * Date's local fields, so the Date is built from local fields too: the same bytes in every time zone.
 * Noon, so that no zone's daylight-saving change can move it; 1980 is the first year ZIP can hold.
 */
const ENTRY_TIME = new Date(1980, 0, 1, 12, 0, 0);
/** Unix, regular file, rw-r--r--: what unzip gives the files on Linux, where Flex Consumption runs. */
const ENTRY_ATTRIBUTES = { os: 3, attrs: 0o100644 << 16 } as const;

export interface PackagedFile {
  /** The path inside the zip, with forward slashes. */
  path: string;
  bytes: Uint8Array;
}

export interface FunctionsPackage {
  zip: Uint8Array;
  /** The entries, in the zip's order, with their uncompressed sizes. */
  files: { path: string; size: number }[];
}

interface PackageJson {
  name?: string;
  version?: string;
  description?: string;
  type?: string;
  engines?: Record<string, string>;
  main?: string;
}

/**
 * The package.json the app runs with: what the Functions host reads ("main" names the entry; "type"
 * kept, so files load as they do in the repository's tests) and nothing for a build. No
 * dependencies, since the bundle holds them and the worker provides @azure/functions-core; no
 * devDependencies and no scripts, so that a remote build, were one ever switched on, would have
 * nothing to install and no `build` script to run against sources the package does not hold.
 */
function runtimePackageJson(pkg: PackageJson): string {
  if (typeof pkg.main !== "string" || pkg.main === "") throw new Error('package.json has no "main": it must name the compiled functions');
  const runtime: PackageJson & { private: true } = {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    private: true,
    type: pkg.type,
    engines: pkg.engines,
    main: pkg.main,
  };
  return `${JSON.stringify(runtime, null, 2)}\n`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/**
 * The files of the function app under `appRoot`, sorted by path: host.json, the run-time
 * package.json, and every file in the folder of package.json's "main" except source maps (the
 * bundle, its legal-comments file, any script it starts beside itself).
 */
function functionAppFiles(appDir: string = root): PackagedFile[] {
  const appRoot = resolve(appDir);
  const pkg = JSON.parse(readFileSync(join(appRoot, "package.json"), "utf8")) as PackageJson;
  const packageJson = runtimePackageJson(pkg);
  const main = resolve(appRoot, pkg.main!);
  const bundleDir = dirname(main);
  if (!bundleDir.startsWith(appRoot + sep)) throw new Error(`package.json "main" (${pkg.main}) must be a file in a folder of the app, not its root`);
  if (!existsSync(main)) throw new Error(`the compiled app ${relative(appRoot, main)} does not exist: run npm run build:functions first`);
  const bundle = filesUnder(bundleDir)
    .filter((file) => !file.endsWith(".map"))
    .map((file) => ({ path: relative(appRoot, file).split(sep).join("/"), bytes: new Uint8Array(readFileSync(file)) }));
  const files = [
    { path: "host.json", bytes: new Uint8Array(readFileSync(join(appRoot, "host.json"))) },
    { path: "package.json", bytes: new TextEncoder().encode(packageJson) },
    ...bundle,
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The run-from-package zip of the app under `appRoot` (the repository by default), in memory. */
export function functionsPackage(appRoot: string = root): FunctionsPackage {
  const files = functionAppFiles(appRoot);
  const entries: Zippable = {};
  for (const file of files) entries[file.path] = [file.bytes, { ...ENTRY_ATTRIBUTES, mtime: ENTRY_TIME }];
  return { zip: zipSync(entries, { level: 9 }), files: files.map((f) => ({ path: f.path, size: f.bytes.length })) };
}

export interface AddinSite {
  /** Files in the site, manifest.xml included. */
  files: number;
  bytes: number;
  /** The release folders (<version>-<content hash>) the manifest names. */
  releases: string[];
}

/**
 * The add-in's site in `siteDir`: a copy of the production build `prodDir` with its manifest as
 * manifest.xml. Every URL the manifest names must lie under `baseUrl` and be a file of the site,
 * so a build clobbered half-way (or one for another base URL) fails here rather than in Excel.
 */
export function assembleAddinSite(options: { prodDir: string; manifest: string; siteDir: string; baseUrl: string }): AddinSite {
  const { prodDir, manifest, siteDir, baseUrl } = options;
  if (!existsSync(prodDir) || !existsSync(manifest)) throw new Error(`no production build of the add-in at ${prodDir} and ${manifest}`);
  const manifestText = readFileSync(manifest, "utf8");
  const named = [...manifestText.matchAll(/"(https:\/\/[^"]*)"/g)].map((m) => m[1]!);
  if (named.length === 0) throw new Error(`${manifest} names no https URL: is it the production manifest?`);
  const problems: string[] = [];
  const releases = new Set<string>();
  for (const url of named) {
    if (!url.startsWith(`${baseUrl}/`)) {
      problems.push(`${url} is not under ${baseUrl}/`);
      continue;
    }
    const path = decodeURIComponent(new URL(url).pathname.slice(new URL(`${baseUrl}/`).pathname.length));
    if (!existsSync(join(prodDir, path)) || !statSync(join(prodDir, path)).isFile()) problems.push(`${url} names ${path}, which the build lacks`);
    else if (/^[^/]+-[0-9a-f]{10}\//.test(path)) releases.add(path.split("/")[0]!);
  }
  if (problems.length > 0) throw new Error(`the production manifest does not fit the site for ${baseUrl}:\n  ${problems.join("\n  ")}`);
  rmSync(siteDir, { recursive: true, force: true });
  mkdirSync(dirname(siteDir), { recursive: true });
  cpSync(prodDir, siteDir, { recursive: true });
  copyFileSync(manifest, join(siteDir, "manifest.xml"));
  const files = filesUnder(siteDir);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + statSync(file).size, 0), releases: [...releases].sort() };
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function runScript(script: string, args: string[] = []): void {
  execFileSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, stdio: "inherit" });
}

function main(): void {
  let baseUrl: string;
  try {
    const { values } = parseArgs({ options: { "base-url": { type: "string" } }, allowPositionals: false });
    baseUrl = checkBaseUrl(values["base-url"]);
  } catch (error) {
    console.error(`package: ${(error as Error).message}\nusage: npm run package -- --base-url https://planner.example.com/addin`);
    process.exit(2);
  }

  runScript("scripts/build-functions.ts");
  runScript("scripts/build-addin.ts", ["--base-url", baseUrl]);

  const { zip, files } = functionsPackage();
  mkdirSync(dirname(FUNCTIONS_ZIP), { recursive: true });
  writeFileSync(FUNCTIONS_ZIP, zip);
  const sha256 = createHash("sha256").update(zip).digest("hex");
  console.log(`package: ${relative(root, FUNCTIONS_ZIP)} (${kib(zip.length)}, ${files.length} files, sha256 ${sha256.slice(0, 16)}…)`);
  const width = Math.max(...files.map((f) => f.path.length));
  for (const file of files) console.log(`  ${file.path.padEnd(width)}  ${kib(file.size).padStart(10)}`);

  const site = assembleAddinSite({ prodDir: ADDIN_PROD, manifest: PROD_MANIFEST, siteDir: ADDIN_SITE, baseUrl });
  console.log(
    `package: ${relative(root, ADDIN_SITE)}/ for ${baseUrl} (${kib(site.bytes)}, ${site.files} files; release ${site.releases.join(", ")}; manifest.xml inside, also ${relative(root, PROD_MANIFEST)})`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`package: ${(error as Error).message}`);
    process.exit(1);
  }
}
