/**
 * The Azure Functions app (programming model v4): one `app.http` registration per row of the
 * route table, which is itself one loop over the catalog. The build bundles this file, the catalog
 * and @azure/functions into dist/functions/main.cjs (package.json "main"); the Functions worker, or
 * the local host in functions/local/, provides `@azure/functions-core` when it loads the bundle.
 */
import { app } from "@azure/functions";
import { apiRoutes } from "./routes";

for (const route of apiRoutes()) {
  app.http(route.name, { route: route.route, methods: route.methods, authLevel: route.authLevel, handler: route.handler });
}
