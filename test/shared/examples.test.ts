/**
 * The worked examples planners read: each model's `example` (what surfaces show and run) and the
 * "Example:" line of each model's doc comment. A doc comment is checked number by number: every
 * number it states must be what the model computes, to the digits it states.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { models } from "../../shared/index";
import { evaluateModel } from "./fixtures";

describe.each(models.map((m) => [m.name, m] as const))("%s example", (name, model) => {
  it("evaluates to finite numbers", () => {
    const result = evaluateModel(name, model.example.params);
    expect(Number.isFinite(result.value)).toBe(true);
    for (const [key, v] of Object.entries(result)) if (typeof v === "number" && key !== "nines") expect(Number.isFinite(v), key).toBe(true);
    if (model.reliability) expect(result.value + result.unreliability!).toBeCloseTo(1, 15);
    expect(model.example.comment.length).toBeGreaterThan(0);
  });
});

/**
 * A doc comment's example: a verbatim quote of it, the parameters it describes, and each number it
 * states ("0.985362") with the output that number is about.
 */
interface DocExample {
  file: string;
  quote: string;
  params: Record<string, number | string>;
  claims: [output: string, stated: string][];
}

const docExamples: Record<string, DocExample> = {
  rserver: {
    file: "shared/models/rserver.ts",
    quote: "Example: Rs = 0.9, n = 3 → R = 0.999, Q = 1e-3, 3 nines.",
    params: { Rs: 0.9, n: 3 },
    claims: [
      ["value", "0.999"],
      ["unreliability", "1e-3"],
      ["nines", "3"],
    ],
  },
  rdht: {
    file: "shared/models/rdht.ts",
    quote: "Example: Rp = 0.9, m = 3, k = 5 → R = 0.999^5 ≈ 0.995010, Q ≈ 4.990e-3.",
    params: { Rp: 0.9, m: 3, k: 5 },
    claims: [
      ["value", "0.995010"],
      ["unreliability", "4.990e-3"],
    ],
  },
  node: {
    file: "shared/models/node.ts",
    quote: "Example: Pup = 0.999, Pqueued = 0.9999 → R ≈ 0.9989001, Q ≈ 1.0999e-3.",
    params: { Pup: 0.999, Pqueued: 0.9999 },
    claims: [
      ["value", "0.9989001"],
      ["unreliability", "1.0999e-3"],
    ],
  },
  pserved: {
    file: "shared/models/pserved.ts",
    quote: "Example: λ = 9/s, µ = 10/s, h = 1000, MTTF = 0.1 h → P_served ≈ 0.99723, 1 − P_served ≈ 2.770e-3.",
    params: { lambda: 9, mu: 10, h: 1000, mttf: 0.1 },
    claims: [
      ["value", "0.99723"],
      ["unreliability", "2.770e-3"],
    ],
  },
  blocking: {
    file: "shared/models/blocking.ts",
    quote: "Example: ρ = 0.5, h = 10 → B = 0.5^11/(1 − 0.5^11) ≈ 4.885e-4.",
    params: { rho: 0.5, h: 10 },
    claims: [["value", "4.885e-4"]],
  },
  rs: {
    file: "shared/models/rs.ts",
    quote: "Example: Ps = 0.999, λ = 900/s, µ = 500/s, n = 2, h = 20 → ρs = 0.9, B ≈ 0.013651, Rs ≈ 0.985362.",
    params: { Ps: 0.999, lambda: 900, mu: 500, n: 2, h: 20 },
    claims: [
      ["rho", "0.9"],
      ["blocking", "0.013651"],
      ["value", "0.985362"],
    ],
  },
  availability: {
    file: "shared/models/availability.ts",
    quote: "Example: MTTF = 999 h, MTTR = 1 h → A = 0.999, U = 1e-3.",
    params: { mttf: 999, mttr: 1 },
    claims: [
      ["value", "0.999"],
      ["unreliability", "1e-3"],
    ],
  },
  pathlength: {
    file: "shared/models/path-length.ts",
    quote: "Example: N = 1,000,000 peers, chord → ½·log2(1e6) ≈ 9.97 hops.",
    params: { N: 1e6, algorithm: "chord" },
    claims: [["value", "9.97"]],
  },
  mm1h: {
    file: "shared/models/mm1h.ts",
    quote: "Example: λ = 80/s, µ = 100/s, h = 10 → B ≈ 0.02349, L ≈ 2.966, W ≈ 0.03797 s.",
    params: { lambda: 80, mu: 100, h: 10 },
    claims: [
      ["blocking", "0.02349"],
      ["meanInSystem", "2.966"],
      ["meanResponseTime", "0.03797"],
    ],
  },
  lookupcost: {
    file: "shared/models/lookup-cost.ts",
    quote: "→ one attempt 0.6 s; mean latency given success ≈ 0.75 s.",
    params: { k: 5, rtt: 100, mu: 100, rho: 0.5, h: 20, R: 0.99 },
    claims: [
      ["attemptLatency", "0.6"],
      ["value", "0.75"],
    ],
  },
  dsmu: {
    file: "shared/models/designs/dsmu.ts",
    quote: "→ ρs = 0.8, Rs ≈ 0.99723, R ≈ 1 − 2.1e-8 (7.7 nines).",
    params: { n: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 2400 },
    claims: [
      ["rho", "0.8"],
      ["Rs", "0.99723"],
      ["unreliability", "2.1e-8"],
      ["nines", "7.7"],
    ],
  },
  pdhta: {
    file: "shared/models/designs/pdhta.ts",
    quote: "Kademlia (log2 N ≈ 16.6 hops), µp = 10/s, 50 lookups/s → Rp ≈ 0.941, R ≈ 1 − 2.4e-9.",
    params: { N: 100000, sessionTime: 2, repairTime: 0.125, m: 8, algorithm: "kademlia", mu: 10, lambda: 50 },
    claims: [
      ["k", "16.6"],
      ["nodeReliability", "0.941"],
      ["unreliability", "2.4e-9"],
    ],
  },
  dsdhta: {
    file: "shared/models/designs/dsdhta.ts",
    quote: "→ ρs = 0.5, Rs ≈ 0.99723, R ≈ 1 − 2.1e-8.",
    params: { servers: 20, m: 3, mttf: 720, mttr: 2, mu: 1000, h: 100, lambda: 10000 },
    claims: [
      ["rho", "0.5"],
      ["nodeReliability", "0.99723"],
      ["unreliability", "2.1e-8"],
    ],
  },
  sndhta: {
    file: "shared/models/designs/sndhta.ts",
    quote: "→ S = 5000, k = log2 S ≈ 12.3, Rsn ≈ 0.9846, R ≈ 1 − 7e-7.",
    params: { N: 100000, supernodeFraction: 0.05, sessionTime: 8, m: 4, mu: 100, lambda: 50 },
    claims: [
      ["supernodes", "5000"],
      ["k", "12.3"],
      ["nodeReliability", "0.9846"],
      ["unreliability", "7e-7"],
    ],
  },
};

/** Half a unit in the last digit a number is written with: "0.985362" → 5e-7, "2.1e-8" → 5e-10. */
function halfLastDigit(stated: string): number {
  const [mantissa, exponent = "0"] = stated.toLowerCase().split("e");
  const decimals = mantissa!.includes(".") ? mantissa!.split(".")[1]!.length : 0;
  return 0.5 * 10 ** (Number(exponent) - decimals);
}

describe("doc-comment examples", () => {
  it("exist for every model in the catalog (add a new model's example here)", () => {
    expect(models.map((m) => m.name).filter((name) => !(name in docExamples))).toEqual([]);
  });

  it.each(Object.entries(docExamples))("%s: every number its doc comment states is what it computes", (name, doc) => {
    const source = readFileSync(new URL(`../../${doc.file}`, import.meta.url), "utf8");
    expect(source, `${doc.file} no longer says: ${doc.quote}`).toContain(doc.quote);
    const result = evaluateModel(name, doc.params) as Record<string, unknown>;
    const wrong = doc.claims
      .filter(([output, stated]) => {
        expect(doc.quote, `claim ${stated} is not in the quote`).toContain(stated);
        const got = result[output];
        return typeof got !== "number" || Math.abs(got - Number(stated)) > halfLastDigit(stated);
      })
      .map(([output, stated]) => `${output}: comment says ${stated}, model gives ${String(result[output])}`);
    expect(wrong).toEqual([]);
  });

  it("judges digits the way they are written", () => {
    expect(halfLastDigit("0.985362")).toBeCloseTo(5e-7, 20);
    expect(halfLastDigit("2.1e-8")).toBeCloseTo(5e-10, 24);
    expect(halfLastDigit("5000")).toBe(0.5);
  });
});
