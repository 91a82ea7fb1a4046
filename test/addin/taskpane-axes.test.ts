/**
 * The what-if axes (addin/taskpane/axes.ts), without a page: which parameters an axis offers with
 * the form as it stands, why the others are not offered (the catalog's own reason), and starting
 * ranges that the sweep tool takes. List parameters are swept as one number for every member, with
 * their count from the form or the other axis.
 */
import { describe, expect, it } from "vitest";
import { describeParams, evaluate, lookupModel, models, validate, type ValidationError, type AnyModel } from "../../shared/index";
import { axisChoice, axisChoices, type AxisSuggestion } from "../../addin/taskpane/axes";

const rserver = lookupModel("rserver");
const listed = [0.9, 0.99, 0.999];

/** The catalog's message for these parameters, or undefined when it takes them. */
function refusal(model: AnyModel, params: Record<string, unknown>): string | undefined {
  try {
    validate(model.name, params);
    return undefined;
  } catch (error) {
    return (error as ValidationError).errors[0]!.message;
  }
}

/** A suggestion as the sweep tool's axis. */
function axisOf(param: string, s: AxisSuggestion) {
  return s.kind === "values" ? { param, values: [...s.values] } : { param, from: s.from, to: s.to, steps: s.steps, scale: s.scale };
}

/** Every value a whole-number or choice suggestion holds. */
function valuesOf(s: AxisSuggestion): (number | string)[] {
  return s.kind === "values" ? [...s.values] : Array.from({ length: s.to - s.from + 1 }, (_, i) => s.from + i);
}

describe("what an axis offers", () => {
  it("offers every parameter of rserver's example, with the ranges a planner starts from", () => {
    const choices = axisChoices(rserver, { Rs: 0.9, n: 3 });
    expect(choices.map((c) => [c.name, c.works])).toEqual([
      ["Rs", true],
      ["n", true],
    ]);
    expect(choices[0]!.suggestion).toEqual({ kind: "range", from: 0.9, to: 0.9999, steps: 20, scale: "linear" });
    expect(choices[1]!.suggestion).toEqual({ kind: "range", from: 1, to: 10, steps: 10, scale: "linear" });
  });

  it("does not offer a count that a listed parameter fixes, and says why in the catalog's words", () => {
    const n = axisChoice(rserver, { Rs: listed, n: 3 }, "n")!;
    expect(n.works).toBe(false);
    expect(n.why).toBe(refusal(rserver, { Rs: listed, n: 1 }));
    expect(n.why).toContain("must equal the number of Rs listed (3)");
    // The list's own parameter sweeps as one number for every server, n = 3 from the form.
    expect(axisChoice(rserver, { Rs: listed, n: 3 }, "Rs")!.works).toBe(true);
  });

  it("sweeps a list parameter as one number for every member, and its count beside it on the other axis", () => {
    // Rs listed, n left out: n can only be 3, so it is no axis. Rs alone is one exactly when the
    // catalog takes one number without its count.
    const n = axisChoice(rserver, { Rs: listed }, "n")!;
    expect(n.works).toBe(false);
    expect(n.suggestion).toEqual({ kind: "range", from: 3, to: 3, steps: 1, scale: "linear" });
    expect(axisChoice(rserver, { Rs: listed }, "Rs")!.works).toBe(refusal(rserver, { Rs: 0.9 }) === undefined);
    // With Rs on the other axis it replaces the list, so n sweeps beside it: the pair is a what-if grid.
    expect(axisChoice(rserver, { Rs: listed }, "n", "Rs")).toMatchObject({ works: true, suggestion: { from: 1, to: 10 } });
    expect(axisChoice(rserver, { Rs: listed }, "Rs", { name: "n", suggestion: { kind: "range", from: 1, to: 5, steps: 5, scale: "linear" } })!.works).toBe(
      true,
    );
    expect(axisChoices(rserver, { Rs: listed }, "n").map((c) => c.name)).toEqual(["Rs"]);
  });

  it("offers the sites of a design only with all three site parameters, and sites no more than the servers", () => {
    for (const design of ["dsmu", "dsdhta"]) {
      const model = lookupModel(design);
      const names = describeParams(model).map((p) => p.name);
      expect(names, design).toEqual(expect.arrayContaining(["sites", "siteMttf", "siteMttr"]));
      const servers = design === "dsmu" ? "n" : "servers";
      const raw = { ...model.example.params, [servers]: 3 } as Record<string, unknown>;
      // Left out, as the example leaves them: one of the three alone is refused by the catalog.
      const alone = axisChoice(model, raw, "sites")!;
      expect(alone.works, design).toBe(false);
      expect(alone.why).toBe(refusal(model, { ...raw, sites: 1 }));
      expect(axisChoice(model, raw, "siteMttf")!.works, design).toBe(false);
      const placed = { ...raw, sites: 3, siteMttf: 8760, siteMttr: 4, ...(design === "dsdhta" && { m: 1 }) };
      const sites = axisChoice(model, placed, "sites")!;
      // A whole number from 1, up to the three servers: a fourth site would be empty.
      expect(sites).toMatchObject({ works: true, suggestion: { kind: "range", from: 1, to: 3, steps: 3 } });
      expect(refusal(model, { ...placed, sites: 4 })).toMatch(/sites cannot exceed/);
      expect(axisChoice(model, placed, "siteMttf")).toMatchObject({ works: true, suggestion: { kind: "range", from: 876, to: 87_600, scale: "log" } });
      expect(axisChoice(model, placed, "siteMttr")).toMatchObject({ works: true, suggestion: { kind: "range", from: 0.4, to: 40, scale: "log" } });
      // Swept beside the servers (1 to 10), sites cannot go past the fewest of them: 1 only, no sweep.
      expect(axisChoice(model, placed, "sites", servers)!.works).toBe(false);
      const few = { name: servers, suggestion: { kind: "range" as const, from: 3, to: 6, steps: 4, scale: "linear" as const } };
      expect(axisChoice(model, placed, "sites", few)).toMatchObject({ works: true, suggestion: { from: 1, to: 3 } });
    }
  });

  it("keeps whole numbers to those the rules across parameters allow: dsdhta's m up to its servers", () => {
    const dsdhta = lookupModel("dsdhta");
    const raw = { ...dsdhta.example.params, servers: 4 };
    const m = axisChoice(dsdhta, raw, "m")!;
    expect(m.works).toBe(true);
    expect(m.suggestion).toEqual({ kind: "range", from: 1, to: 4, steps: 4, scale: "linear" });
    expect(refusal(dsdhta, { ...raw, m: 5 })).toBeDefined();
    // One server left: m can only be 1, which is no sweep.
    const one = axisChoice(dsdhta, { ...raw, servers: 1, m: 1 }, "m")!;
    expect(one.works).toBe(false);
    expect(one.why).toBe(refusal(dsdhta, { ...raw, servers: 1, m: 2 }));
  });

  it("does not offer an option that the choice made elsewhere voids, and offers it once that choice allows it", () => {
    const pdhta = lookupModel("pdhta");
    const d = axisChoice(pdhta, { ...pdhta.example.params, algorithm: "kademlia" }, "d")!;
    expect(d.works).toBe(false);
    expect(d.why).toBe(refusal(pdhta, { ...pdhta.example.params, algorithm: "kademlia", d: 1 }));
    expect(axisChoice(pdhta, { ...pdhta.example.params, algorithm: "can" }, "d")!.works).toBe(true);
    // Beside every algorithm on the other axis, d would be refused in most of the grid.
    expect(axisChoice(pdhta, { ...pdhta.example.params, algorithm: "can" }, "d", "algorithm")!.works).toBe(false);
    const can = { name: "algorithm", suggestion: { kind: "values" as const, values: ["can"] } };
    expect(axisChoice(pdhta, { ...pdhta.example.params, algorithm: "kademlia" }, "d", can)!.works).toBe(true);
  });

  it("judges nothing while the form is wrong: every parameter is offered and the sweep refuses instead", () => {
    const choices = axisChoices(rserver, { Rs: 2, n: 3 });
    expect(choices.every((c) => c.works)).toBe(true);
  });

  it("never offers the other axis's own parameter", () => {
    expect(axisChoices(rserver, { Rs: 0.9, n: 3 }, "n").map((c) => c.name)).toEqual(["Rs"]);
    expect(axisChoice(rserver, { Rs: 0.9, n: 3 }, "n", "n")).toBeUndefined();
  });
});

describe("every offered axis works", () => {
  // Every model at its example: each parameter alone, then each beside the first parameter at the
  // range suggested for it (as the panel holds axis 1 while axis 2 is picked). What is offered sweeps
  // at its suggestion, the grid of two included, with no cell the catalog refuses; what is not
  // offered says why.
  for (const model of models as readonly AnyModel[]) {
    it(`${model.name}: each offered parameter sweeps at its suggested range; each refused one has a reason`, () => {
      const raw = { ...model.example.params } as Record<string, unknown>;
      const info = new Map(describeParams(model).map((p) => [p.name, p]));
      const first = axisChoices(model, raw).find((c) => c.works)!;
      expect(first, model.name).toBeDefined();
      let pairs = 0;
      for (const other of [undefined, first]) {
        for (const c of axisChoices(model, raw, other && { name: other.name, suggestion: other.suggestion })) {
          if (!c.works) {
            expect(c.why, `${model.name} ${c.name}`).toMatch(/\S/);
            continue;
          }
          if (info.get(c.name)!.type !== "number" && !other) {
            for (const v of valuesOf(c.suggestion)) expect(refusal(model, { ...raw, [c.name]: v }), `${c.name} = ${v}`).toBeUndefined();
          }
          const over = [axisOf(c.name, c.suggestion), ...(other ? [axisOf(other.name, other.suggestion)] : [])];
          const fixed = Object.fromEntries(Object.entries(raw).filter(([k]) => !over.some((a) => a.param === k)));
          const sweep = evaluate("sweep", { model: model.name, fixed, over });
          expect(sweep.cells, `${model.name} over ${over.map((a) => a.param).join(", ")}`).toBeGreaterThanOrEqual(2);
          if (other) pairs++;
        }
      }
      if (info.size > 1) expect(pairs, model.name).toBeGreaterThan(0);
    });
  }
});
