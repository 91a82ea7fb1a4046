/**
 * The add-in's pages on this machine: HTTPS on 3000 for Excel (which loads add-ins over https
 * only) and plain HTTP on 3001 for a browser, both from the built dist/addin/. Loopback only.
 *
 * The HTTPS certificate is the one office-addin-dev-certs made for this user if there is a valid
 * one (`npx office-addin-dev-certs install` trusts its authority, see addin/README.md); otherwise a
 * certificate generated into .certs/ (untrusted until the user trusts .certs/ca.crt). If neither
 * works the server says why and carries on with HTTP only: it never prompts and never calls sudo.
 */
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { homedir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export interface AddinServerOptions {
  /** HTTPS port for Excel; 0 picks a free one. Default 3000. */
  httpsPort?: number;
  /** Plain HTTP port for a browser; 0 picks a free one. Default 3001. */
  httpPort?: number;
  /** The folder served. Default dist/addin (what `npm run build:addin` writes). */
  root?: string;
}

export interface AddinServer {
  urls: string[];
  close(): Promise<void>;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const host = "127.0.0.1";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
};

interface Certificate {
  cert: Buffer;
  key: Buffer;
  from: string;
}

/** A certificate and key that exist and stay valid for at least another hour, or undefined. */
function usableCertificate(certPath: string, keyPath: string): Certificate | undefined {
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined;
  try {
    const cert = readFileSync(certPath);
    if (Date.parse(new X509Certificate(cert).validTo) < Date.now() + 3_600_000) return undefined;
    return { cert, key: readFileSync(keyPath), from: dirname(certPath) };
  } catch {
    return undefined;
  }
}

/** The development certificate: the user's trusted one, else one generated into .certs/. */
async function developmentCertificate(): Promise<Certificate> {
  const userDir = join(homedir(), ".office-addin-dev-certs");
  const trusted = usableCertificate(join(userDir, "localhost.crt"), join(userDir, "localhost.key"));
  if (trusted) return trusted;

  const dir = join(repoRoot, ".certs");
  const paths = { ca: join(dir, "ca.crt"), cert: join(dir, "localhost.crt"), key: join(dir, "localhost.key") };
  const existing = usableCertificate(paths.cert, paths.key);
  if (existing) return existing;
  // generateCertificates writes nothing when a CA file is already there, so an expired set goes first.
  for (const path of Object.values(paths)) rmSync(path, { force: true });
  const devCerts = (await import("office-addin-dev-certs")) as unknown as {
    generateCertificates(ca: string, cert: string, key: string, days: number, domains: string[]): Promise<void>;
  };
  await devCerts.generateCertificates(paths.ca, paths.cert, paths.key, 30, ["localhost", "127.0.0.1"]);
  const made = usableCertificate(paths.cert, paths.key);
  if (!made) throw new Error(`office-addin-dev-certs wrote no usable certificate into ${dir}`);
  return made;
}

/** The file a request path names inside root, or undefined when it names anything outside it. */
function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]!.split("#")[0]!);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const relative = decoded === "/" ? "taskpane.html" : decoded.replace(/^\/+/, "");
  const path = normalize(join(root, relative));
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  return path;
}

function handler(root: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      res.end(body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return send(405, "only GET and HEAD are served here\n");
    }
    const path = fileFor(root, req.url ?? "/");
    if (!path) return send(400, "that path is outside the add-in\n");
    let body: Buffer;
    try {
      if (!statSync(path).isFile()) return send(404, "not found\n");
      body = readFileSync(path);
    } catch {
      return send(404, "not found\n");
    }
    res.writeHead(200, {
      "content-type": contentTypes[extname(path)] ?? "application/octet-stream",
      "content-length": body.length,
      // Development pages change with every build; Office caches aggressively otherwise.
      "cache-control": "no-cache",
      // Excel on the web fetches functions.json from its own origin.
      "access-control-allow-origin": "*",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolveListen(typeof address === "object" && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}

/** Serve the built add-in over HTTPS (for Excel) and HTTP (for a browser). */
export async function startAddinServer(options: AddinServerOptions): Promise<AddinServer> {
  const root = resolve(options.root ?? join(repoRoot, "dist/addin"));
  if (!existsSync(join(root, "taskpane.html"))) {
    throw new Error(`the add-in is not built: ${join(root, "taskpane.html")} is missing; run npm run build:addin`);
  }
  const servers: Server[] = [];
  const urls: string[] = [];
  const serve = handler(root);

  let certificate: Certificate | undefined;
  try {
    certificate = await developmentCertificate();
  } catch (error) {
    console.warn(
      `Add-in: no HTTPS, the development certificate could not be made (${(error as Error).message.split("\n")[0]}). ` +
        "Serving plain HTTP only; Excel needs HTTPS, see addin/README.md.",
    );
  }
  /** Listen on the port, or say why not and carry on with the other server. */
  const start = async (server: Server, scheme: "https" | "http", port: number) => {
    try {
      const bound = await listen(server, port);
      servers.push(server);
      urls.push(`${scheme}://localhost:${bound}/taskpane.html`);
    } catch (error) {
      console.warn(`Add-in: ${scheme.toUpperCase()} not started on port ${port}: ${(error as Error).message}`);
    }
  };
  if (certificate) await start(createHttpsServer({ cert: certificate.cert, key: certificate.key }, serve), "https", options.httpsPort ?? 3000);
  await start(createHttpServer(serve), "http", options.httpPort ?? 3001);
  // Busy ports are reported above; the rest of `npm start` (the Functions app) carries on without the add-in.
  if (servers.length === 0) console.warn("Add-in: not served; free the ports above or pass others to startAddinServer.");
  return {
    urls,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}
