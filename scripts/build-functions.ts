/**
 * `npm run build:functions`: the Azure Functions app as one CommonJS file, dist/functions/main.cjs
 * (package.json "main"). Everything it imports (the catalog, zod, @azure/functions) is inside, so a
 * deployment zip needs no node_modules; only `@azure/functions-core` stays outside, because the
 * Functions worker (or server/functions-host.ts) provides it at run time. CommonJS because the
 * library `require`s that module, and the worker's require hook is what answers it. The entry is
 * functions/app.ts alone, so nothing of server/ (the local stand-in for Azure) is in the bundle.
 */
import { build } from "esbuild";
import { statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const FUNCTIONS_BUNDLE = resolve(root, "dist/functions/main.cjs");

const result = await build({
  entryPoints: [resolve(root, "functions/app.ts")],
  outfile: FUNCTIONS_BUNDLE,
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

const kib = (statSync(FUNCTIONS_BUNDLE).size / 1024).toFixed(1);
console.log(`functions: ${relative(root, FUNCTIONS_BUNDLE)} (${kib} KiB)`);
