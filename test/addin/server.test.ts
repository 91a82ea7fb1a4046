/**
 * The add-in's development server: the built files over HTTP and HTTPS (a certificate for
 * localhost from office-addin-dev-certs), nothing outside dist/addin, no prompt, and a busy port
 * reported instead of stopping the other server.
 */
import { existsSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAddinServer, type AddinServer } from "../../server/addin-server";
import { builtDir, builtFile, repoRoot } from "./built";

let server: AddinServer;
let http: string;
let https: string;

beforeAll(async () => {
  server = await startAddinServer({ httpsPort: 0, httpPort: 0, root: builtDir });
  http = new URL(server.urls.find((u) => u.startsWith("http:"))!).origin.replace("localhost", "127.0.0.1");
  https = new URL(server.urls.find((u) => u.startsWith("https:"))!).origin;
});
afterAll(() => server?.close());

/** The status for a path sent as is (fetch would resolve the dots before sending). */
function rawStatus(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${http}${path}`, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.path = path;
    req.on("error", reject);
    req.end();
  });
}

describe("add-in server", () => {
  it("serves the built pages with their content types", async () => {
    const page = await fetch(`${http}/taskpane.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toBe(builtFile("taskpane.html"));
    const json = await fetch(`${http}/functions.json`);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await json.json()).toEqual(JSON.parse(builtFile("functions.json")));
    expect((await fetch(`${http}/`)).headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect((await fetch(`${http}/assets/icon-32.png`)).headers.get("content-type")).toBe("image/png");
  });

  it("serves nothing outside the add-in folder and only reads", async () => {
    expect((await fetch(`${http}/nothing-here.js`)).status).toBe(404);
    expect((await fetch(`${http}/..%2F..%2Fpackage.json`)).status).toBe(400);
    expect(await rawStatus("/../../package.json")).toBe(400);
    expect(await rawStatus("/assets/../../package.json")).toBe(400);
    expect((await fetch(`${http}/assets`)).status).toBe(404);
    const post = await fetch(`${http}/taskpane.html`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("serves HTTPS with a localhost certificate issued by the development authority", async () => {
    const authorities = [join(homedir(), ".office-addin-dev-certs/ca.crt"), join(repoRoot, ".certs/ca.crt")].filter(existsSync).map((p) => readFileSync(p));
    expect(authorities.length).toBeGreaterThan(0);
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(`${https}/functions.json`, { ca: authorities, servername: "localhost" }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end();
    });
    expect(JSON.parse(body)).toEqual(JSON.parse(builtFile("functions.json")));
  });

  it("reports a busy port and keeps serving on the other", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const busy = (blocker.address() as { port: number }).port;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const partial = await startAddinServer({ httpsPort: 0, httpPort: busy, root: builtDir });
      expect(partial.urls).toHaveLength(1);
      expect(partial.urls[0]).toMatch(/^https:\/\/localhost:\d+\/taskpane\.html$/);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`HTTP not started on port ${busy}`));
      await partial.close();
    } finally {
      warn.mockRestore();
      blocker.close();
    }
  });

  it("says to build first when the folder holds no add-in", async () => {
    await expect(startAddinServer({ httpPort: 0, httpsPort: 0, root: join(repoRoot, "test") })).rejects.toThrow("run npm run build:addin");
  });
});
