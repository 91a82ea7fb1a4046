/**
 * The tools compute on worker threads: what comes back is what the library computes, in every
 * format. (How quickly health answers meanwhile: health-latency.timed.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHost } from "../../server/functions-host";
import { evaluate } from "../../shared/index";
import { asSent, expectProblem, postJson, startTestHost } from "./client";

let host: LocalHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

describe("what crosses the thread boundary", () => {
  const sweep = { model: "rserver", fixed: { Rs: 0.9 }, over: [{ param: "n", values: [1, 2, 3] }] };

  it("a tool's answer is the library's, number for number", async () => {
    const reply = await postJson(host, "/api/sweep", sweep);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(asSent(evaluate("sweep", sweep)));
  });

  it("its formats and refusals come back as the thread wrote them", async () => {
    const csv = await postJson(host, "/api/sweep?format=csv", sweep);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.text.split("\r\n")[0]).toBe((evaluate("sweep", sweep) as { columns: string[] }).columns.join(","));
    expectProblem(await postJson(host, "/api/sweep", { ...sweep, model: "rserver", fixed: { Rs: 2 } }), 400, ["fixed.Rs"]);
    expectProblem(await postJson(host, "/api/sweep?format=text", sweep), 422, ["format"]);
  });
});
