/**
 * The pool's limits, on a host whose app settings make them easy to reach: one thread, one place in
 * the queue, and a 100 ms budget that the largest simulation (about 250 ms here) overruns.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POOL_SETTINGS, poolSettings } from "../../functions/work/pool";
import type { LocalHost } from "../../server/functions-host";
import { call, expectProblem, postJson, startTestHost } from "./client";

// Read when the app loads, in beforeAll; this file runs in a process of its own.
process.env.TRACKER_WORKERS = "1";
process.env.TRACKER_QUEUE = "1";
process.env.TRACKER_TIME_BUDGET_MS = "100";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

const largest = { design: "dsmu", events: 5e6, method: "crude" };

async function pool() {
  return (await call(host, "/api/health")).json.pool;
}

// biome-ignore lint/suspicious/noExplicitAny: the health document's pool, read field by field as the assertions need
type Pool = any;

/** The pool once `reached` holds of it, or as it is after 20 s (the assertion that follows then says what is wrong). */
async function poolWhen(reached: (pool: Pool) => boolean): Promise<Pool> {
  const deadline = Date.now() + 20_000;
  let now = await pool();
  while (!reached(now) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    now = await pool();
  }
  return now;
}

/** Until the pool's thread is loaded (at start, and after one was replaced): a fifth of a second idle, longer beside other test files. */
async function threadsReady(): Promise<void> {
  if ((await poolWhen((p) => p.threads >= 1)).threads < 1) throw new Error("the pool's thread did not load within 20 s");
}

/**
 * The pool at rest, to count exits from: its thread loaded, nothing computing, and no exit still to
 * come from a thread the test before stopped (a stopped thread counts as alive until it has exited,
 * a few milliseconds after its 504), so the count holds still across 50 ms.
 */
async function settled(): Promise<Pool> {
  await threadsReady();
  for (let i = 0; i < 400; i++) {
    const first = await pool();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const then = await pool();
    if (then.exited === first.exited && then.threads === 1 && then.busy === 0) return then;
  }
  throw new Error("the pool did not come to rest within 20 s");
}

describe("a pool with one thread and one place in the queue", () => {
  it("answers the request that finds both taken with 503 and Retry-After, at once", async () => {
    await threadsReady();
    const replies = await Promise.all([0, 1, 2].map(() => postJson(host, "/api/simulate", largest)));
    const full = replies.filter((r) => r.status === 503);
    expect(full).toHaveLength(1);
    expectProblem(full[0]!, 503, []);
    expect(full[0]!.json.detail).toMatch(/all 1 computing threads are busy and 1 requests already wait; try again in \d+ s/);
    expect(Number(full[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The other two ran out of the budget, the second on the thread that replaced the first's.
    const late = replies.filter((r) => r.status === 504);
    expect(late).toHaveLength(2);
    for (const reply of late) {
      expectProblem(reply, 504, [""]);
      expect(reply.json.detail).toMatch(/^simulate ran out of the 0.1 s one request may take \(it was still (computing|waiting for a computing thread)\)/);
    }
  });
});

describe("a request past its time budget", () => {
  it("gets 504 naming the budget, the setting and what to ask for instead", async () => {
    await threadsReady();
    const reply = await postJson(host, "/api/simulate", largest);
    expectProblem(reply, 504, [""]);
    expect(reply.json.detail).toBe(
      "simulate ran out of the 0.1 s one request may take (it was still computing); ask for fewer events, split the request, or try again when the service is less busy",
    );
    expect(reply.json.errors[0].message).toBe("the request must finish within 100 ms (app setting TRACKER_TIME_BUDGET_MS)");
  });

  it("does not leave the thread running: it exits, a new one takes its place, and the next request is answered", async () => {
    const before = await settled();
    expect(before).toMatchObject({ workers: 1, threads: 1, busy: 0, queued: 0 });
    expect((await postJson(host, "/api/simulate", largest)).status).toBe(504);
    // Right after the 504 nothing computes for that request any more.
    expect(await pool()).toMatchObject({ busy: 0, queued: 0 });
    // The thread that computed it exits: exactly one more exit than before, and never more threads than the pool has.
    const now = await poolWhen((p) => p.exited >= before.exited + 1 && p.threads >= 1);
    expect(now).toMatchObject({ exited: before.exited + 1, threads: 1, busy: 0 });
    const small = await postJson(host, "/api/simulate", { design: "dsmu", events: 1000, chunks: 1, method: "crude" });
    expect(small.status, small.text).toBe(200);
    expect(small.json.design).toBe("dsmu");
  });

  it("keeps a thread that is still loading when a request waiting for it runs out of time, so a tight budget recovers", async () => {
    const before = (await settled()).exited;
    // Two at once: the first overruns on the loaded thread; the second waits for its replacement to load.
    const replies = await Promise.all([0, 1].map(() => postJson(host, "/api/simulate", largest)));
    expect(replies.map((r) => r.status)).toEqual([504, 504]);
    // The stopped thread counts until it has exited, so "a thread is loaded" can be it: wait for its
    // exit and a loaded thread after it, or the request below races the replacement's loading.
    await poolWhen((p) => p.exited >= before + 1 && p.threads >= 1);
    expect((await postJson(host, "/api/simulate", { design: "dsmu", events: 1000, chunks: 1, method: "crude" })).status).toBe(200);
    // Only the thread that computed was stopped; the loading one lived on to answer.
    expect((await pool()).exited).toBe(before + 1);
  });
});

describe("the pool's app settings", () => {
  it("take whole numbers within their rules, and name the setting and the rule otherwise", () => {
    expect(poolSettings({ TRACKER_WORKERS: "3", TRACKER_QUEUE: "0", TRACKER_TIME_BUDGET_MS: "5000" })).toEqual({ workers: 3, queue: 0, budgetMs: 5000 });
    expect(poolSettings({}).workers).toBeGreaterThanOrEqual(1);
    expect(() => poolSettings({ TRACKER_WORKERS: "0" })).toThrow('app setting TRACKER_WORKERS must be a whole number from 1 to 64, got "0"');
    expect(() => poolSettings({ TRACKER_QUEUE: "lots" })).toThrow('app setting TRACKER_QUEUE must be a whole number from 0 to 10000, got "lots"');
    expect(() => poolSettings({ TRACKER_TIME_BUDGET_MS: "1.5" })).toThrow(/^app setting TRACKER_TIME_BUDGET_MS must be a whole number from 100 to 600000/);
    expect(Object.values(POOL_SETTINGS).map((s) => s.env)).toEqual(["TRACKER_WORKERS", "TRACKER_QUEUE", "TRACKER_TIME_BUDGET_MS"]);
  });
});
