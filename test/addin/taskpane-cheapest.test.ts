/**
 * The task pane's cheapest-design panel without a page: what it starts from (the catalog's example
 * price list and defaults), the request its text makes, and what it shows, each held to
 * evaluate("cheapest", …) on the same inputs. taskpane-cheapest-browser.test.ts drives the page.
 */
import { describe, expect, it } from "vitest";
import {
  type CheapestResult,
  cheapestDesigns,
  dollars,
  evaluate,
  exampleServerTypes,
  lineChartSvg,
  lookup,
  lookupModel,
  paramDocsRegistry,
  serverTypeColumns,
  type ServerType,
  validate,
  ValidationError,
} from "../../shared/index";
import {
  type CheapestInputs,
  cheapestFields,
  cheapestRequest,
  emptyRow,
  errorLine,
  errorTarget,
  frontierChart,
  frontierShown,
  frontierTable,
  peerTable,
  remedyLines,
  rowText,
  runCheapest,
  serverTypeHeaders,
  startingInputs,
  startingNines,
} from "../../addin/taskpane/cheapest-panel";
import { ninesText, numberText } from "../../addin/taskpane/format";

const start = startingInputs();
const exampleLambda = (lookupModel("dsmu").example.params as { lambda: number }).lambda;
/** The request the starting panel stands for, written out by hand. */
const defaults = validate("cheapest", { nines: 1, lambda: 1 });
const startRequest = {
  nines: Number(startingNines),
  lambda: exampleLambda,
  bytesPerLookup: defaults.bytesPerLookup,
  costPerGB: defaults.costPerGB,
  serverTypes: exampleServerTypes.map((t) => ({ ...t })),
  designs: ["dsmu", "dsdhta"],
};

function edited(change: (inputs: CheapestInputs) => void): CheapestInputs {
  const inputs: CheapestInputs = structuredClone(start);
  change(inputs);
  return inputs;
}

/** The starting panel with one field retyped. */
const withField = (name: keyof CheapestInputs["fields"], text: string) =>
  edited((i) => {
    i.fields[name] = text;
  });

function answer(inputs: CheapestInputs): CheapestResult {
  const outcome = runCheapest(inputs);
  if (!outcome.ok) throw new Error(`the panel refused: ${outcome.errors.map(errorLine).join("; ")}`);
  return outcome.result;
}

/** The catalog's errors for a request, as the panel would list them. */
function catalogErrors(request: unknown): string[] {
  try {
    evaluate("cheapest", request);
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map(errorLine);
    throw error;
  }
  throw new Error("the catalog accepted the request");
}

/** Distinct configurations of the frontier: design, type, servers, replicas. */
function distinctConfigurations(result: CheapestResult): number {
  return new Set(result.frontier.map((p) => `${p.design}|${p.serverType}|${p.servers}|${p.m ?? ""}`)).size;
}

describe("what the panel starts from", () => {
  it("holds the catalog's example server types, one row each, in the catalog's columns", () => {
    expect(start.rows).toHaveLength(exampleServerTypes.length);
    expect(start.rows.map((r) => Object.keys(r))).toEqual(exampleServerTypes.map(() => [...serverTypeColumns]));
    start.rows.forEach((row, i) => {
      for (const c of serverTypeColumns) expect(row[c], `${i}.${c}`).toBe(String(exampleServerTypes[i]![c]));
    });
    // Read back by the request, the rows are the example types exactly.
    expect(cheapestRequest(start).serverTypes).toEqual(exampleServerTypes);
    expect(serverTypeHeaders().map((h) => h.name)).toEqual([...serverTypeColumns]);
    expect(serverTypeHeaders().find((h) => h.name === "mttf")!.unit).toBe("h");
    expect(serverTypeHeaders().find((h) => h.name === "costPerMonth")!.unit).toBe("$/month");
  });

  it("prefills the bandwidth prices with the tool's defaults and lambda with the catalog's example workload", () => {
    expect(defaults.bytesPerLookup).toBe(1000);
    expect(start.fields.bytesPerLookup).toBe(String(defaults.bytesPerLookup));
    expect(start.fields.costPerGB).toBe(String(defaults.costPerGB));
    expect(start.fields.lambda).toBe(String(exampleLambda));
    expect(start.fields.N).toBe("");
    expect(start.designs).toEqual(["dsmu", "dsdhta"]);
    expect(cheapestRequest(start)).toEqual(startRequest);
  });

  it("describes each field by the tool's own words: its unit and rule", () => {
    const fields = cheapestFields();
    expect(fields.map((f) => f.name)).toEqual(["nines", "lambda", "bytesPerLookup", "costPerGB", "N", "sessionTime"]);
    const lambda = fields.find((f) => f.name === "lambda")!;
    expect(lambda.unit).toBe(" (lookups/s)");
    const bytes = fields.find((f) => f.name === "bytesPerLookup")!;
    expect(bytes.help).toContain("a finite number from 0 to 1e9");
    expect(bytes.help).toContain("Default 1000");
    expect(fields.filter((f) => !f.optional).map((f) => f.name)).toEqual(["nines", "lambda"]);
    // Every documented field's help carries the description and rule the catalog's registry holds for it.
    const shape = (lookup("cheapest").params as { shape: Record<string, never> }).shape;
    for (const f of fields.filter((x) => x.name !== "nines")) {
      const docs = paramDocsRegistry.get(shape[f.name]!)!;
      expect(f.help, f.name).toBe(
        `${docs.description}: ${docs["x-rule"]}.${f.name === "bytesPerLookup" ? " Default 1000." : f.name === "costPerGB" ? " Default 0.05." : f.optional ? " Optional." : ""}`,
      );
    }
  });
});

describe("the answer follows the inputs, as evaluate gives it", () => {
  it("answers the starting panel as the catalog answers the same request", () => {
    const result = answer(start);
    expect(result).toEqual(evaluate("cheapest", startRequest));
    expect(result.feasible).toBe(true);
    expect(result.message).toMatch(/^The cheapest configuration reaching 5\.00 nines is /);
  });

  it("a new lambda changes the answer to the catalog's for that lambda", () => {
    const before = answer(start);
    const result = answer(withField("lambda", "50000"));
    expect(result).toEqual(evaluate("cheapest", { ...startRequest, lambda: 50000 }));
    expect(result.message).not.toBe(before.message);
    expect(result.best!.servers).toBeGreaterThan(before.best!.servers);
  });

  it("a type's new mu changes the answer to the catalog's for that price list", () => {
    const before = answer(start);
    const result = answer(
      edited((i) => {
        i.rows[0]!.mu = "100";
      }),
    );
    const types = exampleServerTypes.map((t, k) => (k === 0 ? { ...t, mu: 100 } : { ...t }));
    expect(result).toEqual(evaluate("cheapest", { ...startRequest, serverTypes: types }));
    expect(result.message).not.toBe(before.message);
  });

  it("leaves an emptied bandwidth price to the tool's default, and reads a typed one", () => {
    expect(answer(withField("costPerGB", ""))).toEqual(answer(start));
    const dear = answer(withField("costPerGB", "0.5"));
    expect(dear).toEqual(evaluate("cheapest", { ...startRequest, costPerGB: 0.5 }));
    expect(dear.best!.costPerMonth.bandwidth).toBeCloseTo(answer(start).best!.costPerMonth.bandwidth * 10, 6);
  });
});

describe("bad input is the catalog's error naming the cell", () => {
  it("mu = 0, text in a number cell, an empty name and an empty cell: every problem at once, each naming serverTypes.N.field", () => {
    const inputs = edited((i) => {
      i.rows[0]!.name = "";
      i.rows[1]!.mu = "0";
      i.rows[2]!.h = "abc";
      i.rows[2]!.mttr = "";
    });
    const outcome = runCheapest(inputs);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const lines = outcome.errors.map(errorLine);
    expect(lines).toEqual(catalogErrors(cheapestRequest(inputs)));
    expect(outcome.errors.map((e) => e.path)).toEqual(["serverTypes.0.name", "serverTypes.1.mu", "serverTypes.2.h", "serverTypes.2.mttr"]);
    expect(lines[1]).toMatch(/^serverTypes\.1\.mu must be a finite number .*, got 0$/);
    expect(lines[2]).toMatch(/^serverTypes\.2\.h must be a whole number .*, got "abc"$/);
    expect(lines[3]).toMatch(/^serverTypes\.2\.mttr must be .*, got ""$/);
    expect(lines.join(" ")).not.toMatch(/NaN|undefined/);
    expect(errorTarget("serverTypes.1.mu")).toEqual({ row: 1, column: "mu" });
    expect(errorTarget("serverTypes.0.name")).toEqual({ row: 0, column: "name" });
  });

  it("a name given twice is named by its cell, though the tool's message leaves the path out", () => {
    const outcome = runCheapest(
      edited((i) => {
        i.rows[2]!.name = "small";
      }),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => e.path)).toEqual(["serverTypes.2.name"]);
    expect(errorLine(outcome.errors[0]!)).toBe(`serverTypes.2.name must differ from the other types' names: "small" is given twice`);
  });

  it("the fields, the designs and the table itself: each error points where the panel can mark it", () => {
    const noTarget = runCheapest(withField("nines", ""));
    expect(noTarget.ok).toBe(false);
    if (!noTarget.ok) expect(errorTarget(noTarget.errors[0]!.path)).toEqual({ field: "nines" });
    const textLambda = runCheapest(withField("lambda", "lots"));
    expect(textLambda.ok || textLambda.errors.map(errorLine)).toEqual([`lambda must be a finite number from 0 to 1e12, got "lots"`]);
    const none = runCheapest(
      edited((i) => {
        i.designs = [];
      }),
    );
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.errors.map((e) => errorTarget(e.path))).toEqual([{ designs: true }]);
    const empty = runCheapest(
      edited((i) => {
        i.rows = [];
      }),
    );
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.errors.map((e) => errorTarget(e.path))).toEqual([{ table: true }]);
    const added = runCheapest(
      edited((i) => {
        i.rows.push(emptyRow());
      }),
    );
    expect(added.ok).toBe(false);
    if (!added.ok) expect(added.errors.map((e) => e.path)).toEqual(serverTypeColumns.map((c) => `serverTypes.3.${c}`));
  });

  it("a peer design asked for without a population: the catalog's request for N, under N", () => {
    const outcome = runCheapest(
      edited((i) => {
        i.designs.push("pdhta");
      }),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => e.path)).toEqual(["N"]);
    expect(errorLine(outcome.errors[0]!)).toMatch(/^pdhta: give N/);
    expect(errorTarget("N")).toEqual({ field: "N" });
  });
});

describe("what the panel shows of an answer", () => {
  it("infeasible: the closest configuration and each remedy with the nines it reaches", () => {
    const flaky: ServerType = { name: "flaky", mu: 500, h: 50, mttf: 1, mttr: 1000, costPerMonth: 5 };
    const inputs = edited((i) => {
      i.rows = [rowText(flaky)];
      i.fields.lambda = "100";
    });
    const result = answer(inputs);
    expect(result).toEqual(evaluate("cheapest", { ...startRequest, lambda: 100, serverTypes: [flaky] }));
    expect(result.feasible).toBe(false);
    expect(result.closest!.serverType).toBe("flaky");
    const lines = remedyLines(result);
    expect(result.remedies!.length).toBeGreaterThan(0);
    expect(lines).toEqual(result.remedies!.map((r) => `${r.words}: ${ninesText(r.achieved.nines)} nines`));
    expect(lines[0]).toMatch(/^mttf ≥ 11\.\d+ h: 5\.00 nines$/);
  });

  it("infeasible for want of servers: more servers, or the closest type's own levers", () => {
    const result = answer(withField("lambda", "1e9"));
    expect(result.feasible).toBe(false);
    const lines = remedyLines(result);
    expect(lines).toHaveLength(result.remedies!.length);
    expect(lines.filter((l) => /^maxServers ≥ \d+: 5\.\d\d nines$/.test(l))).toHaveLength(1);
    const mu = result.remedies!.find((r) => r.param === "mu")!;
    expect(mu.words).toBe(`mu ≥ ${Number(mu.value.toPrecision(6))} lookups/s`);
    expect(lines).toContain(`${mu.words}: ${ninesText(mu.achieved.nines)} nines`);
  });

  it("the frontier as the tool's table, in the columns the panel shows", () => {
    const result = answer(start);
    const { header, rows } = frontierTable(result);
    expect(header).toEqual([...frontierShown]);
    expect(rows).toHaveLength(result.frontier.length);
    result.frontier.forEach((p, i) => {
      expect(rows[i]).toEqual([
        numberText(p.atLeastNines),
        p.design,
        p.serverType,
        String(p.servers),
        p.m === undefined ? "–" : String(p.m),
        ninesText(p.nines),
        dollars(p.costPerMonth.total),
        p.extraCost === null ? "–" : dollars(p.extraCost),
      ]);
    });
  });

  it("the chart: one point per distinct configuration of the frontier, drawn by the shared chart", () => {
    for (const inputs of [start, withField("lambda", "50000"), withField("nines", "9.5")]) {
      const result = answer(inputs);
      const spec = frontierChart(result)!;
      const points = spec.series.reduce((n, s) => n + s.points.length, 0);
      expect(points).toBe(distinctConfigurations(result));
      expect(points).toBeGreaterThan(1);
      expect(lineChartSvg(spec, { width: 360 }).match(/<circle /g)).toHaveLength(points);
    }
  });

  it("the peer-based designs, with N given: their load per tracker node and fewest replicas", () => {
    const inputs = edited((i) => {
      i.designs = [...cheapestDesigns];
      i.fields.N = "1000000";
    });
    const result = answer(inputs);
    expect(result).toEqual(evaluate("cheapest", { ...startRequest, designs: [...cheapestDesigns], N: 1e6 }));
    expect(result.peers.map((p) => p.design)).toEqual(["pdhta", "sndhta"]);
    const rows = peerTable(result);
    result.peers.forEach((p, i) => {
      expect(rows[i]).toEqual([
        p.design,
        ninesText(p.nines),
        p.meetsTarget ? "yes" : "no",
        numberText(p.trackerNodes),
        numberText(p.perNode.lookupsPerSecond),
        numberText(p.perNode.bytesPerSecond),
        p.smallestM === null ? "none" : String(p.smallestM),
      ]);
    });
    // Only peer designs: no frontier to chart.
    const peersOnly = answer(
      edited((i) => {
        i.designs = ["pdhta"];
        i.fields.N = "1000000";
      }),
    );
    expect(peersOnly.frontier).toEqual([]);
    expect(frontierChart(peersOnly)).toBeUndefined();
  });
});
