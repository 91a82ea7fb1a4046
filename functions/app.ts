/**
 * The Azure Functions app (programming model v4): one `app.http` registration per row of the
 * route table (routes.ts, itself one loop over the catalog), with the handler handlers.ts gives
 * that row. The build bundles this file, the catalog and @azure/functions into
 * dist/functions/main.cjs (package.json "main"); the Functions worker, or the local host in server/
 * (which is not part of the app), provides `@azure/functions-core` when it loads the bundle.
 */
import { app } from "@azure/functions";
import { handlerFor } from "./handlers";
import { apiRoutes } from "./routes";

for (const route of apiRoutes()) {
  app.http(route.name, { route: route.route, methods: route.methods, authLevel: route.authLevel, handler: handlerFor(route) });
}
