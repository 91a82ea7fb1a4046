import { describe, expect, it, vi } from "vitest";
import { catalog, describeParams, evaluate, validate, ValidationError, type AnyModel } from "../../shared/index";
import { MAX_PLAN_EVALUATIONS, plan, type PlanResult } from "../../shared/tools/plan";

const unreliability = (model: string, params: object) => evaluate(model as "rserver", params).unreliability!;

describe("plan", () => {
  it("finds the smallest count that meets a target, and the one below it does not", () => {
    const answer = evaluate("plan", { model: "rserver", find: "n", fixed: { Rs: 0.99 }, nines: 9 });
    expect(answer.feasible).toBe(true);
    expect(answer.value).toBe(5);
    expect(unreliability("rserver", { Rs: 0.99, n: 5 })).toBeLessThanOrEqual(1e-9);
    expect(unreliability("rserver", { Rs: 0.99, n: 4 })).toBeGreaterThan(1e-9);
    expect(answer.message).toContain("n = 5 is the smallest");
  });

  it("sizes a loaded server tracker: more servers both replicate and share the load", () => {
    const answer = evaluate("plan", { model: "dsmu", find: "n", fixed: { lambda: 20000 }, target: 0.99999 });
    expect(answer.feasible).toBe(true);
    const n = answer.value!;
    expect(unreliability("dsmu", { lambda: 20000, n })).toBeLessThanOrEqual(answer.targetUnreliability);
    expect(unreliability("dsmu", { lambda: 20000, n: n - 1 })).toBeGreaterThan(answer.targetUnreliability);
  });

  it("finds the largest load a design carries at a target, to 1e-12 relative", () => {
    const answer = evaluate("plan", { model: "dsmu", find: "lambda", fixed: { n: 3 }, nines: 7 });
    const lambda = answer.value!;
    expect(unreliability("dsmu", { n: 3, lambda })).toBeLessThanOrEqual(1e-7);
    expect(unreliability("dsmu", { n: 3, lambda: lambda * (1 + 1e-9) })).toBeGreaterThan(1e-7);
  });

  it("finds the session time (MTTF) a DHT needs", () => {
    const answer = evaluate("plan", { model: "pdhta", find: "sessionTime", fixed: { N: 1e5, lambda: 50 }, nines: 12 });
    const T = answer.value!;
    expect(unreliability("pdhta", { N: 1e5, lambda: 50, sessionTime: T })).toBeLessThanOrEqual(1e-12);
    expect(unreliability("pdhta", { N: 1e5, lambda: 50, sessionTime: T * (1 - 1e-9) })).toBeGreaterThan(1e-12);
  });

  it("says clearly when nothing in range reaches the target", () => {
    const dead = evaluate("plan", { model: "rdht", find: "m", fixed: { Rp: 0, k: 5 }, nines: 5 });
    expect(dead.feasible).toBe(false);
    expect(dead.value).toBeUndefined();
    expect(dead.message).toMatch(/^no m up to 1e9 reaches/);
    expect(dead.best!.unreliability).toBe(1);

    // Servers that are up 99% of the time cannot give 3 nines one at a time, whatever their speed.
    const slow = evaluate("plan", { model: "rs", find: "mu", fixed: { Ps: 0.99, lambda: 10, n: 1, h: 10 }, nines: 3 });
    expect(slow.feasible).toBe(false);
    expect(slow.best!.unreliability).toBeGreaterThan(1e-3);

    const overloaded = evaluate("plan", { model: "rs", find: "lambda", fixed: { Ps: 0.9, mu: 10, n: 1, h: 10 }, nines: 2 });
    expect(overloaded.feasible).toBe(false);
    expect(overloaded.message).toMatch(/^even lambda = 0 misses/);
  });

  it("states the target rule as one sentence, not as a value of target", () => {
    try {
      evaluate("plan", { model: "rserver", find: "n", fixed: { Rs: 0.9 }, target: 0.9, nines: 2 });
      throw new Error("no error");
    } catch (error) {
      expect((error as ValidationError).errors).toEqual([
        { path: "target", message: "give either target (a success rate such as 0.99999) or nines (such as 5), not both or neither" },
      ]);
    }
  });

  it("honours a search range given by the planner", () => {
    const answer = evaluate("plan", { model: "rserver", find: "n", fixed: { Rs: 0.9 }, nines: 20, max: 10 });
    expect(answer.feasible).toBe(false);
    expect(answer.best!.at).toBe(10);
  });

  it("refuses requests it cannot answer, naming the field", () => {
    const cases: [object, string, string][] = [
      [{ model: "rserver", find: "n", fixed: { Rs: 0.9 } }, "target", "give either target"],
      [{ model: "rserver", find: "n", fixed: { Rs: 0.9 }, target: 0.9, nines: 2 }, "target", "not both or neither"],
      [{ model: "rserver", find: "n", fixed: { Rs: 0.9 }, target: 1 }, "target", "between 0 and 1"],
      [{ model: "rserver", find: "x", fixed: { Rs: 0.9 }, nines: 2 }, "find", "must name a parameter of rserver"],
      [{ model: "pdhta", find: "algorithm", fixed: { N: 10 }, nines: 2 }, "find", "no monotone effect"],
      [{ model: "rserver", find: "n", fixed: { Rs: 0.9, n: 2 }, nines: 2 }, "fixed.n", "leave it out of fixed"],
      [{ model: "blocking", find: "h", fixed: { rho: 0.5 }, nines: 2 }, "model", "does not give a success rate"],
      [{ model: "rserver", find: "n", fixed: { Rs: 1.5 }, nines: 2 }, "Rs", "Rs must be a finite number from 0 to 1, or a list of 1 to 10000 of them, got 1.5"],
    ];
    for (const [request, path, message] of cases) {
      try {
        evaluate("plan", request);
        throw new Error(`no error for ${JSON.stringify(request)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        const errors = (error as ValidationError).errors;
        expect(errors.map((e) => e.path)).toContain(path);
        expect(errors.map((e) => e.message).join(" | ")).toContain(message);
      }
    }
  });
});

type Plan = PlanResult;
const planOf = (request: object) => evaluate("plan", request) as unknown as Plan;
const withoutKey = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

/** Whole numbers from a to b. */
const wholes = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** n log-spaced values over [a, b]. */
const logGrid = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a * (b / a) ** (i / (n - 1)));

/**
 * The guarantees of a real-valued answer, checked against the model itself: each window's ends
 * meet the target and the values just beyond them miss (unless they are the range's ends), and on
 * a dense grid over the range a value meets exactly when it lies in one of the windows.
 */
function expectWindowsOfReal(answer: Plan, model: string, fixed: Record<string, unknown>) {
  const t = answer.targetUnreliability;
  const q = (x: number) => unreliability(model, { ...fixed, [answer.find]: x });
  const windows = answer.windows ?? [answer.interval!];
  for (const w of windows) {
    expect(q(w.from)).toBeLessThanOrEqual(t);
    expect(q(w.to)).toBeLessThanOrEqual(t);
    if (w.from > answer.range.from) expect(q(w.from * (1 - 1e-9))).toBeGreaterThan(t);
    if (w.to < answer.range.to) expect(q(w.to * (1 + 1e-9))).toBeGreaterThan(t);
  }
  const nearAnEnd = (x: number) => windows.some((w) => Math.abs(x - w.from) <= 1e-9 * w.from || Math.abs(x - w.to) <= 1e-9 * w.to);
  for (const x of logGrid(answer.range.from, answer.range.to, 600).filter((x) => !nearAnEnd(x))) {
    const inside = windows.some((w) => x >= w.from && x <= w.to);
    expect(q(x) <= t, `${answer.find} = ${x}`).toBe(inside);
  }
}

describe("plan within the rules across fields", () => {
  it("sizes m only up to servers (m ≤ servers), where the static bound 1e9 would be refused", () => {
    const fixed = { servers: 20, lambda: 10000 };
    const answer = planOf({ model: "dsdhta", find: "m", fixed, nines: 6 });
    expect(answer.feasible).toBe(true);
    expect(answer.range).toEqual({ from: 1, to: 20 });
    const m = answer.value!;
    expect(unreliability("dsdhta", { ...fixed, m })).toBeLessThanOrEqual(1e-6);
    if (m > 1) expect(unreliability("dsdhta", { ...fixed, m: m - 1 })).toBeGreaterThan(1e-6);
    expect(answer.interval).toEqual({ from: m, to: 20 });
  });

  it("names the bound the rule sets when nothing below it reaches the target", () => {
    // Fifty times more lookups than 20 servers answer: no replication can hide the blocking.
    const answer = planOf({ model: "dsdhta", find: "m", fixed: { servers: 20, lambda: 1e6 }, nines: 6 });
    expect(answer.feasible).toBe(false);
    expect(answer.best!.at).toBe(20);
    expect(answer.message).toMatch(/^no m up to servers = 20 reaches/);
    expect(answer.message).toContain("m can be at most servers = 20");
    expect(answer.message).toContain("cannot exceed servers");
    expect(() => evaluate("dsdhta", { servers: 20, lambda: 1e6, m: 21 })).toThrow(ValidationError);
  });

  it("sizes servers only from m up (servers ≥ m), the other way round", () => {
    const fixed = { m: 5, lambda: 10000 };
    const answer = planOf({ model: "dsdhta", find: "servers", fixed, nines: 6 });
    expect(answer.feasible).toBe(true);
    expect(answer.range.from).toBe(5);
    const servers = answer.value!;
    expect(unreliability("dsdhta", { ...fixed, servers })).toBeLessThanOrEqual(1e-6);
    expect(servers).toBeGreaterThan(5);
    expect(unreliability("dsdhta", { ...fixed, servers: servers - 1 })).toBeGreaterThan(1e-6);
    // One hop: more servers only share the load, so every count above the answer meets it too.
    expect(answer.monotone).toBe(true);
    expect(answer.interval).toEqual({ from: servers, to: 1e9 });
    for (const more of [servers + 1, 2 * servers, 1e4, 1e9]) expect(unreliability("dsdhta", { ...fixed, servers: more })).toBeLessThanOrEqual(1e-6);
  });

  it("moves a real bound to the rule's edge: supernodeFraction × N ≥ 1", () => {
    // One replica a hop, so the floor is the rule on the fraction itself, not m ≤ supernodes.
    const answer = planOf({ model: "sndhta", find: "supernodeFraction", fixed: { N: 1e5, lambda: 50, m: 1 }, nines: 6 });
    const edge = answer.range.from;
    expect(edge * 1e5).toBeGreaterThanOrEqual(1);
    expect(edge).toBeLessThan(1e-5 * (1 + 1e-9));
    try {
      evaluate("sndhta", { N: 1e5, lambda: 50, m: 1, supernodeFraction: edge * (1 - 1e-9) });
      throw new Error("no error below the edge");
    } catch (error) {
      expect((error as ValidationError).errors.map((e) => e.path)).toEqual(["supernodeFraction"]);
    }
  });
});

describe("plan of a parameter without a declared effect", () => {
  it("gives the window of servers a multi-hop DHT needs, checked by brute force", () => {
    // log2 routing: more servers share the load but every lookup crosses log2(S) of them.
    const fixed = { m: 3, lambda: 10000, algorithm: "log2" };
    const q = (servers: number) => unreliability("dsdhta", { ...fixed, servers });
    const counts = wholes(3, 1000);
    const least = Math.min(...counts.map(q));
    const answer = planOf({ model: "dsdhta", find: "servers", fixed, nines: -Math.log10(least * 1.15) });
    const t = answer.targetUnreliability;
    expect(answer.feasible).toBe(true);
    expect(answer.monotone).toBe(false);
    const { from, to } = answer.interval!;
    expect(from).toBeGreaterThan(3);
    expect(to).toBeLessThan(1000);
    expect(counts.filter((S) => q(S) <= t)).toEqual(wholes(from, to));
    expect(q(from - 1)).toBeGreaterThan(t);
    expect(q(to + 1)).toBeGreaterThan(t);
    for (const S of [2000, 1e4, 1e6, 1e9]) expect(q(S)).toBeGreaterThan(t);
    expect(answer.value).toBe(from);
    expect(answer.windows).toBeUndefined();
    expect(answer.achieved!.unreliability).toBe(q(from));
    expect(answer.message).toContain(`servers from ${from} to ${to} reach`);
    expect(answer.message).toContain("not monotone in servers");
  });

  it("gives the most supernodes that keep the target when fewer hops are what matters", () => {
    const fixed = { lambda: 50 };
    const answer = planOf({ model: "sndhta", find: "supernodes", fixed, nines: 6 });
    expect(answer.feasible).toBe(true);
    expect(answer.interval!.from).toBe(answer.range.from);
    expect(answer.value).toBe(answer.interval!.to);
    expect(answer.value).toBeLessThan(answer.range.to);
    // The floor is m ≤ supernodes: four supernodes for four replicas a hop.
    expect(answer.range.from).toBeCloseTo(4, 9);
    expect(answer.message).toMatch(/^supernodes from 4 to \d+ keeps a success rate/);
    expect(answer.message).toContain("is the largest that does");
    expectWindowsOfReal(answer, "sndhta", fixed);
  });

  it("finds every window of supernodes a heavily loaded DHT meets the target in, and says when there are several", () => {
    const fixed = { lambda: 5000 };
    const answer = planOf({ model: "sndhta", find: "supernodes", fixed, nines: 6 });
    expect(answer.feasible).toBe(true);
    expectWindowsOfReal(answer, "sndhta", fixed);
    // The load needs hundreds of supernodes; the path length caps how many help.
    const windows = answer.windows ?? [answer.interval!];
    const main = windows[windows.length - 1]!;
    expect(main.from).toBeGreaterThan(100);
    expect(main.to).toBeLessThan(answer.range.to);
    expect(answer.value).toBe(windows[0]!.from);
    if (windows.length > 1) {
      expect(answer.monotone).toBe(false);
      expect(answer.message).toMatch(/^the success rate is not monotone in supernodes/);
    }
  });

  it("plans supernodeFraction over its valid range", () => {
    const fixed = { N: 1e5, lambda: 5000 };
    const answer = planOf({ model: "sndhta", find: "supernodeFraction", fixed, nines: 6 });
    expect(answer.feasible).toBe(true);
    expect(answer.monotone).toBe(false);
    expectWindowsOfReal(answer, "sndhta", fixed);
    const windows = answer.windows ?? [answer.interval!];
    // The same DHT as 500 supernodes and up: the fraction's main window starts near 0.5%.
    expect(windows[windows.length - 1]!.from).toBeGreaterThan(1e-3);
  });

  it("keeps refusing choices, and names every number as plannable", () => {
    try {
      evaluate("plan", { model: "dsdhta", find: "algorithm", fixed: { lambda: 10 }, nines: 2 });
      throw new Error("no error");
    } catch (error) {
      const [e] = (error as ValidationError).errors;
      expect(e!.path).toBe("find");
      expect(e!.message).toMatch(/^find: algorithm has no monotone effect on the success rate to solve for; choose one of servers, m, /);
    }
  });
});

describe("plan of an infeasible target", () => {
  it("names each lever that alone reaches it, with find at its best, and each checks out", () => {
    const fixed = { m: 3, lambda: 10000, algorithm: "log2" };
    const answer = planOf({ model: "dsdhta", find: "servers", fixed, nines: 9 });
    expect(answer.feasible).toBe(false);
    expect(answer.message).toContain("servers must be at least m = 3");
    const t = answer.targetUnreliability;
    const at = answer.best!.at;
    expect(answer.best!.unreliability).toBeGreaterThan(t);
    expect(unreliability("dsdhta", { ...fixed, servers: at })).toBe(answer.best!.unreliability);
    expect(answer.remedies!.length).toBeGreaterThan(0);
    for (const r of answer.remedies!) {
      const params = { ...withoutKey(fixed, r.param), servers: at };
      expect(unreliability("dsdhta", { ...params, [r.param]: r.value }), r.param).toBeLessThanOrEqual(t);
      expect(r.achieved.unreliability).toBe(unreliability("dsdhta", { ...params, [r.param]: r.value }));
      // Just short of it misses: one less of a count, or 1e-9 less (more, for a lever that lowers) of a real.
      const step = describeParams(catalog.get("dsdhta") as AnyModel).find((p) => p.name === r.param)!.type === "integer" ? 1 : 1e-9 * r.value;
      const short = r.effect === "raises" ? r.value - step : r.value + step;
      expect(unreliability("dsdhta", { ...params, [r.param]: short }), r.param).toBeGreaterThan(t);
      expect(answer.message).toContain(`${r.param} ${r.effect === "raises" ? "≥" : "≤"} `);
    }
    expect(answer.remedies!.map((r) => r.param)).toContain("m");
    expect(answer.message).toContain(`With servers = ${at}, any one of these alone reaches it`);
  });

  it("says which levers do not, and when none does", () => {
    const fixed = { Ps: 0.99, lambda: 10, n: 1, h: 10 };
    const three = planOf({ model: "rs", find: "mu", fixed, nines: 3 });
    expect(three.remedies!.map((r) => r.param)).toEqual(["Ps"]);
    const Ps = three.remedies![0]!.value;
    expect(unreliability("rs", { ...fixed, mu: 1e12, Ps })).toBeLessThanOrEqual(1e-3);
    expect(three.message).toContain("lambda, n, h alone do not");

    // 300 nines: at µ = 1e12 even a perfect server, no load, or unbounded servers or queues fall short.
    const all = planOf({ model: "rs", find: "mu", fixed, nines: 300 });
    expect(all.remedies).toEqual([]);
    expect(all.message).toContain("none of the levers alone reaches it (Ps, lambda, n, h tried)");
    for (const extreme of [{ Ps: 1 }, { lambda: 0 }, { n: 1e9 }, { h: 1e9 }])
      expect(unreliability("rs", { ...fixed, mu: 1e12, ...extreme })).toBeGreaterThan(1e-300);
  });
});

describe("plan's work cap", () => {
  const heavy = [
    { model: "dsdhta", find: "servers", fixed: { m: 3, lambda: 10000, algorithm: "log2" }, nines: 9 },
    { model: "dsdhta", find: "m", fixed: { servers: 20, lambda: 1e6 }, nines: 6 },
    { model: "sndhta", find: "supernodes", fixed: { lambda: 5000 }, nines: 6 },
    { model: "sndhta", find: "supernodeFraction", fixed: { N: 1e5, lambda: 5000 }, nines: 12 },
  ];

  it("counts every model run, refused or computed, remedies included, and stays under MAX_PLAN_EVALUATIONS", () => {
    for (const request of heavy) {
      const model = catalog.get(request.model) as AnyModel;
      // Every value plan tries passes the per-field checks, so each meets the rules across fields once.
      const rules = vi.spyOn(model, "crossCheck");
      const computed = vi.spyOn(model, "compute");
      try {
        const answer = planOf(request);
        const refused = rules.mock.results.filter((r) => (r.value as unknown[]).length > 0).length;
        expect(rules).toHaveBeenCalledTimes(answer.evaluations);
        expect(computed.mock.calls.length + refused).toBe(answer.evaluations);
        expect(answer.evaluations).toBeLessThanOrEqual(MAX_PLAN_EVALUATIONS);
      } finally {
        rules.mockRestore();
        computed.mockRestore();
      }
    }
  });

  it("stops the remedies at the cap and names the levers it left untried", () => {
    const request = { ...heavy[0]!, fixed: { ...heavy[0]!.fixed } };
    const full = planOf(request);
    const capped = plan(validate("plan", request) as never, { maxEvaluations: full.evaluations - 1 });
    expect(capped.evaluations).toBeLessThanOrEqual(full.evaluations - 1);
    expect(capped.feasible).toBe(false);
    expect(capped.message).toMatch(/the work cap left \w+(, \w+)* untried/);
    expect(full.message).not.toContain("untried");
    expect(full.remedies).toEqual(expect.arrayContaining(capped.remedies!));
    // A cap below what the search itself needs is refused outright.
    expect(() => plan(validate("plan", request) as never, { maxEvaluations: 10 })).toThrow(/cap of 10 model evaluations/);
  });
});
