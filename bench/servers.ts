/**
 * The benchmarks' servers, each in a process of its own (bench/http-serve.ts), so the load
 * generator never shares a core's time with what it measures.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export type ServerKind = "host" | "bare" | "inline";

export interface Server {
  child: ChildProcess;
  port: number;
  /** ms from the child's process start to listening, as the child measured it. */
  listeningAfter: number;
  /** performance.now() in this process when the child was spawned. */
  spawnedAt: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * `ipc`: a channel to the child, and `gc` exposed in it, for bench/load.ts's memory readings.
 * `checkout`: serve another checkout of this repository (its own bench/http-serve.ts, host and
 * built bundle), so that two versions can be measured side by side in one run.
 */
export async function startServer(kind: ServerKind, options: { ipc?: boolean; checkout?: string } = {}): Promise<Server> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const flags = options.ipc ? ["--expose-gc"] : [];
  const base = options.checkout ? resolve(options.checkout) : root;
  const child = spawn(process.execPath, [...flags, "--import", "tsx", resolve(base, "bench/http-serve.ts"), kind, String(port)], {
    cwd: base,
    stdio: options.ipc ? ["ignore", "pipe", "inherit", "ipc"] : ["ignore", "pipe", "inherit"],
    env: { ...process.env, TRACKER_FUNCTIONS_KEY: "" },
  });
  const listeningAfter = await new Promise<number>((resolveReady, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /ready ([\d.]+)/.exec(text);
      if (match) resolveReady(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code} before it was ready`)));
  });
  return { child, port, listeningAfter, spawnedAt };
}

/**
 * Bind a process, every thread of it, to one core (Linux's taskset), so that the server and the
 * load generator never take turns on a core nor migrate between them; false where it cannot be done.
 */
export function pinToCore(pid: number, core: number): boolean {
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(core), String(pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  await new Promise<void>((resolveExit) => {
    server.child.once("exit", () => resolveExit());
    server.child.kill("SIGTERM");
  });
}

let clockTicks: number | undefined;

/**
 * The CPU time the server's process has used so far (all its threads, user and system), in
 * seconds, from /proc; undefined where there is no /proc (not Linux). Divided by the requests
 * served, it is what a request costs the server, whatever else shares the machine's cores.
 */
export function cpuSeconds(server: Server): number | undefined {
  try {
    const stat = readFileSync(`/proc/${server.child.pid}/stat`, "utf8");
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}
