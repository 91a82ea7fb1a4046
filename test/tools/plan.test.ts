import { describe, expect, it } from "vitest";
import { evaluate, ValidationError } from "../../shared/index";

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
      [{ model: "rserver", find: "n", fixed: { Rs: 1.5 }, nines: 2 }, "Rs", "Rs must be a finite number from 0 to 1, got 1.5"],
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
