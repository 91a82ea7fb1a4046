/**
 * `npm start`: the product on this machine. The Azure Functions app (the compiled bundle, loaded
 * by the local host exactly as the Functions worker would load it) on http://localhost:7071, and
 * the Excel add-in's pages. `npm run build` has run before this (see package.json).
 */
import { startAddinServer } from "../server/addin-server";
import { startLocalHost } from "../server/functions-host";

const functions = await startLocalHost({ port: Number(process.env.PORT ?? 7071) });
const addin = await startAddinServer({});

console.log(`Functions:  ${functions.url}/api/models   (OpenAPI: ${functions.url}/api/openapi.json)`);
for (const url of addin.urls) console.log(`Add-in:     ${url}`);
console.log("Ctrl+C stops both.");

const stop = async () => {
  await Promise.allSettled([functions.close(), addin.close()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
