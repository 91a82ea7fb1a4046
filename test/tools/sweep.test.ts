import { describe, expect, it } from "vitest";
import { evaluate, ValidationError, type ModelResult } from "../../shared/index";
import { axisPoints, MAX_SWEEP_CELLS, type SweepResult } from "../../shared/tools/sweep";

function errorsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
  throw new Error("expected a ValidationError");
}

describe("sweep", () => {
  it("caps the work of a model whose cost grows with its inputs (kofn of 10^4 members), naming the cap", () => {
    const R = new Array(1e4).fill(0.9);
    // About 5e7 steps a cell near k = 5000: the 41 cells' total, 2e9, is known (and refused) before any is computed.
    const errors = errorsOf(() => evaluate("sweep", { model: "kofn", fixed: { R }, over: [{ param: "k", from: 4980, to: 5020, steps: 41 }] }));
    expect(errors).toEqual([
      {
        path: "over",
        message: "the sweep asks kofn for 2e9 steps of work over its cells, past the cap of 5e8 (about two seconds): use fewer cells, or smaller fleets",
      },
    ]);
    // Quorums near 1 cost about the product: a long sweep of them stays well inside.
    expect(evaluate("sweep", { model: "kofn", fixed: { R }, over: [{ param: "k", from: 1, to: 20, steps: 20 }] }).cells).toBe(20);
  });

  it("sweeps with a list fixed, and says which cell breaks a rule across fields, even the first", () => {
    const Rs = [0.9, 0.99];
    const table = evaluate("sweep", { model: "rdht", fixed: { Rp: Rs }, over: [{ param: "k", values: [1, 2] }] });
    expect(table.rows.map((r) => r[1])).toEqual([1, 2].map((k) => evaluate("rdht", { Rp: Rs, k }).value));
    const errors = errorsOf(() => evaluate("sweep", { model: "rserver", fixed: { Rs }, over: [{ param: "n", values: [1, 2, 3] }] }));
    expect(errors).toEqual([{ path: "n", message: "at n = 1: n must equal the number of Rs listed (2), or be left out: got n = 1" }]);
  });

  it("computes every cell exactly as evaluate() does, over two axes, row by row", () => {
    const table = evaluate("sweep", {
      model: "rdht",
      fixed: { Rp: 0.9 },
      over: [
        { param: "m", values: [1, 2, 3] },
        { param: "k", from: 0, to: 10, steps: 5 },
      ],
    });
    expect(table.columns).toEqual(["m", "k", "value", "unreliability", "nines"]);
    expect(table.cells).toBe(15);
    expect(table.rows).toHaveLength(15);
    for (const [m, k, value, unreliability, nines] of table.rows as number[][]) {
      const direct = evaluate("rdht", { Rp: 0.9, m, k });
      expect(value).toBe(direct.value);
      expect(unreliability).toBe(direct.unreliability);
      expect(nines).toBe(direct.nines);
    }
    expect((table.rows as number[][]).slice(0, 5).map((r) => r[1])).toEqual([0, 2.5, 5, 7.5, 10]);
  });

  it("spaces log axes geometrically with exact ends, and keeps whole-number axes whole", () => {
    const points = axisPoints(1e-3, 1e3, 7, "log");
    expect(points[0]).toBe(1e-3);
    expect(points[6]).toBe(1e3);
    for (let i = 1; i < 7; i++) expect(points[i]! / points[i - 1]!).toBeCloseTo(10, 10);
    const table = evaluate("sweep", { model: "rserver", fixed: { Rs: 0.5 }, over: [{ param: "n", from: 1, to: 4, steps: 7 }] });
    expect(table.axes[0]!.values).toEqual([1, 2, 3, 4]);
  });

  it("sweeps choices by listing them, and adds requested outputs", () => {
    const table = evaluate("sweep", {
      model: "pdhta",
      fixed: { N: 1e5, lambda: 50 },
      over: [{ param: "algorithm", values: ["chord", "kademlia"] }],
      outputs: ["k", "rho"],
    });
    expect(table.columns).toEqual(["algorithm", "value", "unreliability", "nines", "k", "rho"]);
    const chord = evaluate("pdhta", { N: 1e5, lambda: 50, algorithm: "chord" }) as ModelResult;
    expect(table.rows[0]).toEqual(["chord", chord.value, chord.unreliability, chord.nines, chord.k, chord.rho]);
  });

  it("serialises to JSON with null where a cell has no derived output", () => {
    const table = evaluate("sweep", { model: "pdhta", fixed: { rho: 0.1, k: 5 }, over: [{ param: "m", values: [1, 2] }], outputs: ["N"] });
    const json = JSON.parse(JSON.stringify(table));
    expect(json.rows.map((r: unknown[]) => r.at(-1))).toEqual([null, null]);
    expect(json.columns).toEqual(table.columns);
  });

  it("reports every problem at once: bad swept values, bad fixed values, missing parameters", () => {
    const errors = errorsOf(() => evaluate("sweep", { model: "rdht", fixed: { Rp: 2 }, over: [{ param: "m", values: [1, 2.5] }] }));
    expect(errors.map((e) => e.path)).toEqual(["over.0.values.1", "fixed.Rp", "fixed.k"]);
    expect(errors[0]!.message).toBe("over.0: m must be a whole number from 1 to 1e9, got 2.5");
  });

  it("refuses sweeps it cannot honour, each with its reason", () => {
    const cases: [object, string][] = [
      [{ model: "nope", over: [{ param: "x", values: [1] }] }, "model must be one of the catalog's models"],
      [{ model: "rdht", fixed: { Rp: 0.9, m: 3 }, over: [{ param: "q", values: [1] }] }, "must name a parameter of rdht"],
      [{ model: "rdht", fixed: { Rp: 0.9, m: 3, k: 1 }, over: [{ param: "k", values: [1] }] }, "both fixed and swept"],
      [
        {
          model: "rdht",
          fixed: { Rp: 0.9 },
          over: [
            { param: "k", values: [1] },
            { param: "k", values: [2] },
          ],
        },
        "sweeps k twice",
      ],
      [
        {
          model: "rdht",
          fixed: { Rp: 0.9 },
          over: [
            { param: "k", from: 0, to: 5, steps: 3, scale: "log" },
            { param: "m", values: [1] },
          ],
        },
        "log scale needs from and to above 0",
      ],
      [{ model: "pdhta", fixed: { N: 10 }, over: [{ param: "algorithm", from: 1, to: 2, steps: 2 }] }, "is a choice"],
      [
        {
          model: "rdht",
          fixed: { Rp: 0.9 },
          over: [
            { param: "m", from: 1, to: 1001, steps: 1001 },
            { param: "k", from: 0, to: 1, steps: 1000 },
          ],
        },
        `above the cap of ${MAX_SWEEP_CELLS}`,
      ],
      [{ model: "rdht", fixed: { Rp: 0.9, m: 2 }, over: [] }, "one or two axes"],
      [
        { model: "dsdhta", fixed: { lambda: 100, servers: 5 }, over: [{ param: "m", from: 1, to: 8, steps: 8 }] },
        "at m = 6: m (replicas) cannot exceed servers",
      ],
      [{ model: "rdht", fixed: { Rp: 0.9, m: 2 }, over: [{ param: "k", values: [1] }], outputs: ["bogus"] }, "outputs must name outputs of rdht"],
    ];
    for (const [request, expected] of cases) {
      const messages = errorsOf(() => evaluate("sweep", request))
        .map((e) => e.message)
        .join(" | ");
      expect(messages).toContain(expected);
    }
  });

  it("computes a 1000 × 1000 sweep in full", () => {
    const table = evaluate("sweep", {
      model: "rdht",
      fixed: { Rp: 0.99 },
      over: [
        { param: "m", from: 1, to: 1000, steps: 1000 },
        { param: "k", from: 0, to: 100, steps: 1000 },
      ],
    }) as SweepResult;
    expect(table.cells).toBe(1_000_000);
    const values = table.data[2] as Float64Array;
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(table.data[3]![999_999]).toBe(evaluate("rdht", { Rp: 0.99, m: 1000, k: 100 }).unreliability);
  });
});
