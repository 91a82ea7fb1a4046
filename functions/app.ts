/**
 * The Azure Functions app (programming model v4): one `app.http` registration per row of the
 * route table (routes.ts, itself one loop over the catalog), with the handler handlers.ts gives
 * that row. The build bundles this file, the catalog and @azure/functions into
 * dist/functions/main.cjs (package.json "main"); the Functions worker, or the local host in server/
 * (which is not part of the app), provides `@azure/functions-core` when it loads the bundle.
 *
 * The tools compute on a pool of worker threads (work/pool.ts) whose script, worker.cjs, the build
 * puts beside main.cjs. Its settings are read here, at load, so a bad app setting stops the app
 * with a message naming it rather than failing the first simulation.
 */
import { join } from "node:path";
import { app } from "@azure/functions";
import { handlerFor } from "./handlers";
import { apiRoutes } from "./routes";
import { poolSettings, WorkerPool } from "./work/pool";

const pool = new WorkerPool(join(__dirname, "worker.cjs"), poolSettings());
app.hook.appStart(() => pool.warm());
app.hook.appTerminate(() => pool.close());

for (const route of apiRoutes()) {
  app.http(route.name, { route: route.route, methods: route.methods, authLevel: route.authLevel, handler: handlerFor(route, pool) });
}
