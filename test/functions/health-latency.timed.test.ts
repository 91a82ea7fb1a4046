/**
 * The tools compute on worker threads, so the event loop keeps answering: /api/health stays quick
 * while simulations run. Default settings, as a deployment has them. A `.timed` file: vitest runs
 * it after every other test file, with nothing beside it (vitest.config.ts), so what it times is
 * this host and not a neighbour's work.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHost } from "../../server/functions-host";
import { call, postJson, startTestHost } from "./client";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

/** The largest simulation one request may ask for (about a quarter of a second of computing here). */
const largest = { design: "dsmu", events: 5e6, method: "crude" };

describe("health while two simulations run", () => {
  it("answers with p99 under 20 ms, and the simulations still answer 200", async () => {
    let running = true;
    // Two callers, each asking for three of the largest simulations in turn: two in flight all along.
    const caller = async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await postJson(host, "/api/simulate", largest)).status);
      return statuses;
    };
    const simulations = Promise.all([caller(), caller()]).finally(() => {
      running = false;
    });
    const latencies: number[] = [];
    let sawBusy = 0;
    while (running) {
      const started = performance.now();
      const reply = await call(host, "/api/health");
      latencies.push(performance.now() - started);
      expect(reply.status).toBe(200);
      if (reply.json.pool.busy > 0) sawBusy++;
    }
    expect((await simulations).flat()).toEqual([200, 200, 200, 200, 200, 200]);
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
    // Enough samples for a p99 to mean something, taken while the threads were computing.
    expect(latencies.length).toBeGreaterThan(200);
    expect(sawBusy / latencies.length).toBeGreaterThan(0.9);
    expect(p99, `p99 ${p99.toFixed(1)} ms over ${latencies.length} health checks`).toBeLessThan(20);
  });
});
