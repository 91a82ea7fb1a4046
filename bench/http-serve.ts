/**
 * A server process for bench/http.bench.ts, so the load generator never shares a core's time with
 * what it measures. `tsx bench/http-serve.ts host <port>` runs the local Functions host on the
 * built bundle; `… bare <port>` a bare node:http server answering a fixed JSON body of the same
 * size as an evaluate response (a POST once its body is read); `… inline <port>` the baseline of bench/load.ts, what the app did
 * before its worker pool: /api/health, and /api/simulate computed on the event loop. Prints
 * "ready <ms since the process started>" once listening.
 */
import { createServer, type ServerResponse } from "node:http";
import { evaluate } from "../shared/index";
import { startLocalHost } from "../server/functions-host";

const [kind, portText] = process.argv.slice(2);
const port = Number(portText ?? 0);

if (kind === "host") {
  await startLocalHost({ port, key: "" });
  // bench/load.ts asks, over the IPC channel, for the heap that survives a full collection: what a leak would grow.
  process.on("message", (message) => {
    if (message !== "memory after gc") return;
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    process.send?.({ heapUsed, rss });
  });
} else if (kind === "bare") {
  const body = JSON.stringify({
    model: "rdht",
    inputs: { Rp: 0.9, m: 3, k: 5 },
    value: 0.995009990004999,
    unreliability: 0.004990009995000997,
    nines: 2.3018985844829363,
    hopUnreliability: 0.0009999999999999994,
  });
  const answer = (res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(body);
  };
  // A POST's body is read to its end before the answer, as the host must: node:http's own cost of a body.
  await new Promise<void>((resolve) =>
    createServer((req, res) => {
      if (req.method === "GET" || req.method === "HEAD") return answer(res);
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => answer(res));
    }).listen(port, "127.0.0.1", resolve),
  );
} else if (kind === "inline") {
  await new Promise<void>((resolve) =>
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body =
          req.url === "/api/simulate" ? JSON.stringify(evaluate("simulate", JSON.parse(Buffer.concat(chunks).toString()))) : JSON.stringify({ status: "ok" });
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
        res.end(body);
      });
    }).listen(port, "127.0.0.1", resolve),
  );
} else {
  console.error("usage: tsx bench/http-serve.ts host|bare|inline <port>");
  process.exit(2);
}
console.log(`ready ${performance.now().toFixed(1)}`);
