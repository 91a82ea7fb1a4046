import { describe, expect, it } from "vitest";
import { evaluate, lookupModel, validate, ValidationError, type ModelResult } from "../../shared/index";
import { axisPoints, MAX_SWEEP_CELLS, SweepResult } from "../../shared/tools/sweep";

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

  /**
   * Every cell of a sweep beside the model's own evaluate() at that cell: the same doubles (Object.is,
   * so -0 and NaN count), every output column, and the row view's null where a result has none.
   */
  function expectCellsAsEvaluated(request: { model: string; fixed?: Record<string, unknown>; over: object[]; outputs?: string[] }) {
    const table = evaluate("sweep", request) as SweepResult;
    const swept = table.axes.map((a) => a.param);
    expect(table.rows).toHaveLength(table.cells);
    table.rows.forEach((row, i) => {
      const direct = evaluate(request.model, { ...request.fixed, ...Object.fromEntries(swept.map((param, a) => [param, row[a]])) }) as ModelResult;
      table.columns.slice(swept.length).forEach((column, c) => {
        const expected = (direct[column] as number | null | undefined) ?? null;
        expect(Object.is(row[swept.length + c], expected), `${request.model} cell ${i} ${column}: ${row[swept.length + c]} vs ${expected}`).toBe(true);
        expect(Object.is(table.data[swept.length + c]![i], expected ?? NaN)).toBe(true);
      });
    });
    return table;
  }

  it("computes every cell as evaluate() does, for models of every kind, their extra outputs included", () => {
    const cases = [
      // Perfect cells (k = 0, and m past the underflow of 0.1^m) beside ordinary ones.
      {
        model: "rdht",
        fixed: { Rp: 0.9 },
        over: [
          { param: "m", values: [1, 2, 3, 400] },
          { param: "k", from: 0, to: 10, steps: 6 },
        ],
        outputs: ["hopUnreliability"],
      },
      { model: "rdht", fixed: { Rp: [0.9, 0.4, 0.999] }, over: [{ param: "k", values: [0, 0.5, 1, 7.25] }], outputs: ["hopUnreliability"] },
      // Units below 50% (parallelPower's careful branch) and one unit (itself).
      {
        model: "rserver",
        over: [
          { param: "Rs", values: [0, 0.1, 0.3, 0.5, 0.9, 1] },
          { param: "n", values: [0.5, 1, 2, 5, 1000].filter(Number.isInteger) },
        ],
      },
      {
        model: "dsmu",
        fixed: { lambda: 2000 },
        over: [
          { param: "n", from: 1, to: 40, steps: 9 },
          { param: "mu", from: 100, to: 10000, steps: 7, scale: "log" },
        ],
        outputs: ["rho", "blocking", "Rs", "serverUnreliability", "siteAvailability", "serversPerSite"],
      },
      {
        model: "dsmu",
        fixed: { lambda: 2000, sites: 3, siteMttf: 8760, siteMttr: 4 },
        over: [{ param: "n", values: [3, 4, 9] }],
        outputs: ["siteAvailability", "serversPerSite"],
      },
      {
        model: "pdhta",
        fixed: { N: 1e5 },
        over: [
          { param: "lambda", values: [1, 50, 400] },
          { param: "algorithm", values: ["chord", "kademlia", "log2"] },
        ],
        outputs: ["k", "rho", "N"],
      },
      {
        model: "dsdhta",
        fixed: { lambda: 100, servers: 5 },
        over: [
          { param: "m", from: 1, to: 5, steps: 5 },
          { param: "h", values: [1, 20, 1e4] },
        ],
      },
      {
        model: "kofn",
        fixed: { n: 9 },
        over: [
          { param: "k", from: 1, to: 9, steps: 9 },
          { param: "R", values: [0.3, 0.9, 0.999999] },
        ],
        outputs: ["expectedWorking"],
      },
      // Models without unreliability and nines.
      {
        model: "blocking",
        over: [
          { param: "rho", values: [0, 0.5, 1, 1.5] },
          { param: "h", values: [1, 10, 2000] },
        ],
      },
      {
        model: "mm1h",
        fixed: { mu: 100 },
        over: [
          { param: "lambda", values: [1, 99.999, 100, 250] },
          { param: "h", values: [1, 50] },
        ],
      },
    ];
    for (const request of cases) expectCellsAsEvaluated(request);
  });

  it("builds the row view of every width as the columns say, null where a column holds NaN", () => {
    // Blocking gives the widths 2 and 3, pdhta over one axis 4 to 9 (with 0 to 5 extra outputs), dsmu
    // with every output one past the literals (the generic fallback).
    const extras = ["k", "rho", "N", "hopUnreliability", "nodeReliability"].filter((o) => lookupModel("pdhta").outputs.some((out) => out.name === o));
    const requests: object[] = [
      { model: "blocking", fixed: { h: 5 }, over: [{ param: "rho", values: [0.5, 2] }] },
      {
        model: "blocking",
        over: [
          { param: "rho", values: [0.5, 2] },
          { param: "h", values: [3, 4] },
        ],
      },
      ...Array.from({ length: extras.length + 1 }, (_, e) => ({
        model: "pdhta",
        fixed: { k: 5, rho: 0.5 },
        over: [{ param: "m", values: [1, 2, 3] }],
        outputs: extras.slice(0, e),
      })),
      {
        model: "dsmu",
        fixed: { lambda: 2000 },
        over: [
          { param: "n", values: [1, 2] },
          { param: "mu", values: [1000, 3000] },
        ],
        outputs: lookupModel("dsmu").outputs.map((o) => o.name),
      },
    ];
    const widths = new Set<number>();
    for (const request of requests) {
      const table = evaluate("sweep", request) as SweepResult;
      widths.add(table.columns.length);
      const expected = Array.from({ length: table.cells }, (_, i) => table.data.map((column) => (Number.isNaN(column[i]) ? null : column[i]!)));
      expect(table.rows).toEqual(expected);
      // A second table over the same columns builds its own rows, the same ones.
      expect(new SweepResult(table.model, table.axes, table.columns, table.data).rows).toEqual(expected);
    }
    expect([...widths].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 14]);
  });

  it("names the first cell that breaks a rule across fields, whichever axes the rule reads", () => {
    const errorsOrNone = (run: () => unknown) => {
      try {
        run();
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).errors;
      }
    };
    /** The first cell, in the sweep's order, whose parameters validate() refuses, said as the sweep says it. */
    const firstBadCell = (model: string, fixed: Record<string, unknown>, axes: [string, unknown[]][]) => {
      const [p1, xs] = axes[0]!;
      const [p2, ys] = axes[1] ?? ["", [undefined]];
      for (const x of xs)
        for (const y of ys) {
          const params: Record<string, unknown> = { ...fixed, [p1]: x, ...(p2 ? { [p2]: y } : {}) };
          const errors = errorsOrNone(() => validate(model, params));
          if (errors.length === 0) continue;
          const at = axes.map(([param]) => `${param} = ${String(params[param])}`).join(", ");
          return errors.map((e) => ({ path: e.path, message: `at ${at}: ${e.message}` }));
        }
      return [];
    };
    const cases: [string, Record<string, unknown>, [string, unknown[]][]][] = [
      // The rule reads the first axis only (m beside the fixed servers): checked once a row.
      [
        "dsdhta",
        { lambda: 100, servers: 5 },
        [
          ["m", [1, 3, 6, 7]],
          ["h", [1, 20]],
        ],
      ],
      // The second only: checked over the first row.
      [
        "dsdhta",
        { lambda: 100, servers: 5 },
        [
          ["h", [1, 20]],
          ["m", [1, 3, 6, 7]],
        ],
      ],
      // Both: every cell (replicas beyond the servers, first at servers = 3, m = 4).
      [
        "dsdhta",
        { lambda: 100 },
        [
          ["servers", [5, 3, 8]],
          ["m", [1, 4, 5]],
        ],
      ],
      // Neither (the list's length against a fixed m): once.
      ["rdht", { Rp: [0.9, 0.8], m: 2 }, [["k", [1, 2]]]],
      // The list beside a swept count: the count's first bad value.
      ["rserver", { Rs: [0.9, 0.8, 0.7] }, [["n", [3, 3, 2, 3]]]],
      // The sites rule reads the first axis (n) and not the second (mu).
      [
        "dsmu",
        { lambda: 2000, sites: 3, siteMttf: 8760, siteMttr: 4 },
        [
          ["n", [5, 3, 2, 1]],
          ["mu", [100, 1000]],
        ],
      ],
      [
        "dsmu",
        { lambda: 2000, sites: 3, siteMttf: 8760, siteMttr: 4 },
        [
          ["mu", [100, 1000]],
          ["n", [5, 3, 2, 1]],
        ],
      ],
    ];
    for (const [model, fixed, axes] of cases) {
      const expected = firstBadCell(model, fixed, axes);
      // Rules whose first failure is past the first cell (the cell loop's, not the up-front check's).
      const got = errorsOrNone(() => evaluate("sweep", { model, fixed, over: axes.map(([param, values]) => ({ param, values })) }));
      if (expected.length === 0) expect(got).toEqual([]);
      else if (got[0]?.message.startsWith("at ")) expect(got).toEqual(expected);
      else expect(got.map((e) => e.message).join(" | ")).toContain(expected[0]!.message.replace(/^at [^:]*: /, ""));
    }
  });
});
