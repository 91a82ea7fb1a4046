/**
 * `npm run build:functions`: the Azure Functions app as one CommonJS file, dist/functions/main.cjs
 * (package.json "main"). Everything it imports (the catalog, zod, @azure/functions) is inside, so a
 * deployment zip needs no node_modules; only `@azure/functions-core` stays outside, because the
 * Functions worker (or server/functions-host.ts) provides it at run time. CommonJS because the
 * library `require`s that module, and the worker's require hook is what answers it. The entries are
 * functions/app.ts and the tools' thread script, so nothing of server/ (the local stand-in for
 * Azure) is in the bundle.
 */
import { build } from "esbuild";
import { statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const FUNCTIONS_BUNDLE = resolve(root, "dist/functions/main.cjs");

const result = await build({
  // main.cjs is the app; worker.cjs, the script of the threads the tools compute on (functions/work/).
  entryPoints: { main: resolve(root, "functions/app.ts"), worker: resolve(root, "functions/work/worker.ts") },
  outdir: dirname(FUNCTIONS_BUNDLE),
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["@azure/functions-core"],
  minify: true,
  sourcemap: "linked",
  legalComments: "linked",
  logLevel: "warning",
});
if (result.errors.length > 0) process.exit(1);

const kib = (path: string) => (statSync(path).size / 1024).toFixed(1);
const worker = resolve(dirname(FUNCTIONS_BUNDLE), "worker.cjs");
console.log(`functions: ${relative(root, FUNCTIONS_BUNDLE)} (${kib(FUNCTIONS_BUNDLE)} KiB), ${relative(root, worker)} (${kib(worker)} KiB)`);
