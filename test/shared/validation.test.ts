/**
 * Bad input: for every model and every parameter, generated from describeParams so that
 * new models are covered as they join the catalog. Each problem must come back as a ValidationError
 * entry that names the parameter, states the rule in a planner's words and shows what was given;
 * every problem at once; never a NaN, a crash or a silent default.
 */
import { describe, expect, it } from "vitest";
import {
  describeParams,
  evaluate,
  lookup,
  models,
  parseTextParams,
  UnknownModelError,
  ValidationError,
  type AnyModel,
  type FieldError,
  type ParamInfo,
} from "../../shared/index";
import { evaluateModel } from "./fixtures";

/** The errors evaluate() reports for these parameters; fails the test if it does not throw ValidationError. */
function errorsFor(model: string, params: unknown): FieldError[] {
  try {
    evaluate(model, params);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const errors = (error as ValidationError).errors;
    expect((error as ValidationError).message).toBe(errors.map((e) => e.message).join("; "));
    return errors;
  }
  throw new Error(`${model} accepted ${JSON.stringify(params)}`);
}

/** How the error messages show a value a planner gave. */
function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Values of the wrong kind for a parameter: text, yes/no, nothing, and the non-finite numbers. */
function wrongKinds(p: ParamInfo): unknown[] {
  if (p.type === "choice") return [3, true, null, "not-an-option", ""];
  // A list parameter takes [1]; an empty list is its wrong kind of list.
  return ["three", "", true, null, NaN, Infinity, -Infinity, p.list ? [] : [1], { value: 1 }];
}

/** Numbers just and well outside the range, and fractions where a whole number is required. */
function outOfRange(p: ParamInfo): number[] {
  if (p.type === "choice") return [];
  const bad: number[] = [];
  if (p.min !== undefined) {
    if (p.minExclusive) bad.push(p.min);
    bad.push(p.min === 0 ? -Number.MIN_VALUE : p.min - Math.abs(p.min) * Number.EPSILON * 2, p.min - 1);
  }
  if (p.max !== undefined) bad.push(p.max * (1 + Number.EPSILON), p.max * 2 + 1);
  if (p.type === "integer") bad.push((p.min ?? 0) + 0.5, 2.5);
  return bad.filter(
    (x) =>
      (p.type === "integer" && !Number.isInteger(x)) ||
      (p.min !== undefined && (p.minExclusive ? x <= p.min : x < p.min)) ||
      (p.max !== undefined && x > p.max),
  );
}

/** The message for a given bad value: names the parameter, states its rule, shows the value. */
function expectRuleMessage(errors: FieldError[], p: ParamInfo, given: unknown): void {
  const forParam = errors.filter((e) => e.path === p.name);
  expect(forParam, `${p.name} = ${shown(given)} gave ${JSON.stringify(errors)}`).toHaveLength(1);
  const message = forParam[0]!.message;
  expect(message.startsWith(`${p.name} must be ${p.rule}`), message).toBe(true);
  if (typeof given === "number" || typeof given === "boolean" || typeof given === "string" || given === null) {
    expect(message.endsWith(`got ${shown(given)}`), message).toBe(true);
  }
}

describe.each(models.map((m) => [m.name, m] as const))("%s refuses bad input", (name, model: AnyModel) => {
  const params = describeParams(model);
  const example = model.example.params;

  it("accepts its own example", () => {
    expect(() => evaluate(name, example)).not.toThrow();
  });

  it("states every parameter's rule in words", () => {
    for (const p of params) {
      expect(p.rule.length).toBeGreaterThan(0);
      if (p.type === "integer") expect(p.rule).toMatch(/^a whole number/);
      if (p.type === "number") expect(p.rule).toMatch(/^a finite number/);
      if (p.type === "choice") expect(p.rule).toBe(`one of ${p.values!.join(", ")}`);
    }
  });

  const required = params.filter((p) => !p.optional);
  if (required.length > 0) {
    it.each(required.map((p) => [p.name, p] as const))("reports %s missing, with its rule", (param, p) => {
      const { [param]: _left, ...rest } = { ...defaultsFilled(model), ...example };
      const errors = errorsFor(name, rest);
      expect(errors).toEqual([{ path: param, message: `${param} is required; it must be ${p.rule}` }]);
    });
  }

  it.each(params.map((p) => [p.name, p] as const))("reports a wrong kind of value for %s", (param, p) => {
    for (const bad of wrongKinds(p)) expectRuleMessage(errorsFor(name, { ...example, [param]: bad }), p, bad);
  });

  const ranged = params.filter((p) => outOfRange(p).length > 0);
  if (ranged.length > 0) {
    it.each(ranged.map((p) => [p.name, p] as const))("reports %s out of range or not whole", (param, p) => {
      for (const bad of outOfRange(p)) expectRuleMessage(errorsFor(name, { ...example, [param]: bad }), p, bad);
    });
  }

  it("reports an unknown parameter by name, with the parameters there are", () => {
    const errors = errorsFor(name, { ...example, colour: "blue" });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe("colour");
    expect(errors[0]!.message).toBe(`colour is not a parameter here; the parameters are ${params.map((p) => p.name).join(", ")}`);
  });

  it("reports every problem at once", () => {
    const broken = Object.fromEntries(params.map((p) => [p.name, p.type === "choice" ? 0 : "bad"]));
    const errors = errorsFor(name, { ...broken, typo: 1 });
    expect(errors.map((e) => e.path).sort()).toEqual([...params.map((p) => p.name), "typo"].sort());
  });

  it("refuses parameters that are not an object of named values", () => {
    for (const bad of [null, 5, "Rs=0.9", [0.9, 3]]) {
      const errors = errorsFor(name, bad);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toBe(
        `the parameters must be an object of named values, got ${bad === null ? "null" : Array.isArray(bad) ? `a list of ${bad.length}` : shown(bad)}`,
      );
    }
  });
});

/** Every parameter at its default where it has one, so "missing" tests remove one thing only. */
function defaultsFilled(model: AnyModel): Record<string, number | string> {
  return Object.fromEntries(describeParams(model).flatMap((p) => (p.default !== undefined ? [[p.name, p.default]] : [])));
}

describe("unknown models", () => {
  it("are refused with the names the catalog holds", () => {
    for (const name of ["rserverr", "", "RSERVER", "__proto__", "constructor"]) {
      expect(() => evaluate(name, {})).toThrow(UnknownModelError);
      try {
        evaluate(name, {});
      } catch (error) {
        expect((error as UnknownModelError).model).toBe(name);
        expect((error as Error).message).toContain(`unknown model "${name}"`);
        for (const m of models) expect((error as Error).message).toContain(m.name);
      }
    }
  });
});

describe("several bad fields", () => {
  it("give one error each, in a planner's words", () => {
    const errors = errorsFor("rdht", { Rp: 1.5, m: 2.5, k: -1 });
    expect(errors.map((e) => e.path)).toEqual(["Rp", "m", "k"]);
    expect(errors.map((e) => e.message)).toEqual([
      "Rp must be a finite number from 0 to 1, or a list of 1 to 10000 of them, got 1.5",
      "m must be a whole number from 1 to 1e9, got 2.5",
      "k must be a finite number from 0 to 1e6, got -1",
    ]);
  });

  it("report a value that breaks two rules of one field once", () => {
    expect(errorsFor("rserver", { Rs: 0.9, n: -2.5 })).toEqual([{ path: "n", message: "n must be a whole number from 1 to 1e9, got -2.5" }]);
  });
});

describe("a list parameter (one reliability per member)", () => {
  it("names the member that breaks the rule, by its position", () => {
    expect(errorsFor("rserver", { Rs: [0.9, 1.5, "x"] })).toEqual([
      { path: "Rs.1", message: "Rs.1 must be a finite number from 0 to 1, got 1.5" },
      { path: "Rs.2", message: 'Rs.2 must be a finite number from 0 to 1, got "x"' },
    ]);
  });

  it("refuses an empty list and one longer than the cap, with the parameter's rule", () => {
    const rule = "Rs must be a finite number from 0 to 1, or a list of 1 to 10000 of them";
    expect(errorsFor("rserver", { Rs: [] })).toEqual([{ path: "Rs", message: `${rule}, got an empty list` }]);
    expect(errorsFor("rserver", { Rs: new Array(10_001).fill(0.9) })).toEqual([{ path: "Rs", message: `${rule}, got a list of 10001` }]);
  });

  it("ties the count to the list: left out or equal to its length; one number alone is one member", () => {
    expect(evaluate("rserver", { Rs: [0.9, 0.99, 0.999] }).unreliability).toBeCloseTo(1e-6, 20);
    expect(evaluate("rserver", { Rs: [0.9, 0.99, 0.999], n: 3 }).unreliability).toBeCloseTo(1e-6, 20);
    expect(errorsFor("rserver", { Rs: [0.9, 0.99], n: 3 })).toEqual([
      { path: "n", message: "n must equal the number of Rs listed (2), or be left out: got n = 3" },
    ]);
    expect(evaluate("rserver", { Rs: 0.9 })).toEqual(evaluate("rserver", { Rs: [0.9] }));
    expect(evaluate("rserver", { Rs: 0.9 }).unreliability).toBe(evaluate("rserver", { Rs: 0.9, n: 1 }).unreliability);
    expect(errorsFor("rdht", { Rp: [0.9, 0.9], m: 3, k: 2 }).map((e) => e.path)).toEqual(["m"]);
  });

  it("reads repeated keys and separated text as the list, one member as a number", () => {
    const rserver = lookup("rserver");
    expect(parseTextParams(rserver, { Rs: ["0.9", "0.99", "0.999"] })).toEqual({ Rs: [0.9, 0.99, 0.999] });
    expect(parseTextParams(rserver, { Rs: " 0.9, 0.99;0.999  1" })).toEqual({ Rs: [0.9, 0.99, 0.999, 1] });
    expect(parseTextParams(rserver, { Rs: "0.9", n: "2" })).toEqual({ Rs: 0.9, n: 2 });
    expect(parseTextParams(rserver, { Rs: "0.9, ninety" })).toEqual({ Rs: [0.9, "ninety"] });
    // An empty member is refused by its position, never dropped.
    expect(parseTextParams(rserver, { Rs: "0.9,,0.99" })).toEqual({ Rs: [0.9, "", 0.99] });
    expect(parseTextParams(rserver, { Rs: ["0.9", ""] })).toEqual({ Rs: [0.9, ""] });
    expect(errorsFor("rserver", parseTextParams(rserver, { Rs: "0.9, 0.99," }))).toEqual([
      { path: "Rs.2", message: 'Rs.2 must be a finite number from 0 to 1, got ""' },
    ]);
    // Any other parameter given twice stays a list, which its schema refuses by name.
    expect(errorsFor("rserver", parseTextParams(rserver, { Rs: "0.9", n: ["2", "3"] }))).toEqual([
      { path: "n", message: "n must be a whole number from 1 to 1e9, got a list of 2" },
    ]);
  });
});

describe("parseTextParams", () => {
  it("reads well-formed decimal numbers, trimmed, and leaves the rest as text for the error to show", () => {
    const rdht = lookup("rdht");
    expect(parseTextParams(rdht, { Rp: " 0.9 ", m: "3", k: "1e1" })).toEqual({ Rp: 0.9, m: 3, k: 10 });
    expect(parseTextParams(rdht, { Rp: ".5", m: "+2", k: "2.5E-1" })).toEqual({ Rp: 0.5, m: 2, k: 0.25 });
    expect(parseTextParams(rdht, { Rp: "0x10", m: "three", k: "" })).toEqual({ Rp: "0x10", m: "three", k: "" });
    expect(parseTextParams(rdht, { Rp: "Infinity", m: "NaN", k: "1,5" })).toEqual({ Rp: "Infinity", m: "NaN", k: "1,5" });
  });

  it("keeps choices as words, even when they look like numbers", () => {
    expect(parseTextParams(lookup("pathlength"), { N: "1e6", algorithm: "chord" })).toEqual({ N: 1e6, algorithm: "chord" });
    expect(parseTextParams(lookup("pathlength"), { N: "1e6", algorithm: "2" })).toEqual({ N: 1e6, algorithm: "2" });
  });

  it("feeds evaluate() so that text input gets the same words as any other", () => {
    const rserver = lookup("rserver");
    expect(evaluateModel("rserver", parseTextParams(rserver, { Rs: "0.9", n: "3" })).value).toBeCloseTo(0.999, 15);
    expect(errorsFor("rserver", parseTextParams(rserver, { Rs: "0.9", n: "2.5" }))).toEqual([
      { path: "n", message: "n must be a whole number from 1 to 1e9, got 2.5" },
    ]);
    expect(errorsFor("rserver", parseTextParams(rserver, { Rs: "ninety", n: "three" }))).toEqual([
      { path: "Rs", message: 'Rs must be a finite number from 0 to 1, or a list of 1 to 10000 of them, got "ninety"' },
      { path: "n", message: 'n must be a whole number from 1 to 1e9, got "three"' },
    ]);
  });
});

describe("rules across fields of the DHT designs", () => {
  it("keep each entry's m replicas on distinct tracker nodes, and supernodes among the peers", () => {
    expect(errorsFor("dsdhta", { servers: 2, m: 3, lambda: 10 })).toEqual([
      { path: "m", message: "m (replicas) cannot exceed servers: got m = 3 with 2 servers" },
    ]);
    expect(errorsFor("pdhta", { N: 5, m: 8, lambda: 1 })).toEqual([{ path: "m", message: "m (replicas) cannot exceed peers: got m = 8 with 5 peers" }]);
    // Little's law gives the peers: 0.001/s × 1 h × 3600 = 3.6 of them.
    expect(errorsFor("pdhta", { arrivalRate: 0.001, sessionTime: 1, m: 4, lambda: 1 })).toEqual([
      { path: "m", message: "m (replicas) cannot exceed peers: got m = 4 with 3.6 peers" },
    ]);
    expect(errorsFor("sndhta", { N: 60, supernodeFraction: 0.05, m: 4, lambda: 1 })).toEqual([
      { path: "m", message: "m (replicas) cannot exceed supernodes: got m = 4 with 3 supernodes" },
    ]);
    expect(errorsFor("sndhta", { N: 100, supernodes: 200, lambda: 1 })).toEqual([
      { path: "supernodes", message: "supernodes are some of the peers: got 200 supernodes among N = 100 peers" },
    ]);
    // With k and ρ both given, no population is needed, and none is checked.
    expect(evaluateModel("pdhta", { m: 8, k: 3, rho: 0.5 }).value).toBeGreaterThan(0.99);
  });
});
