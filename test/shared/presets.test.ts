/**
 * Real systems as presets (shared/presets/): every preset fills a catalog entry with values its
 * schema accepts, accounts for every parameter of that entry, cites a source for every number, and
 * derives what it derives by the arithmetic it states. Then the outside check: IPFS's own estimate
 * 1 − 0.9^20 ≈ 0.878 reproduced by our models, and what the simulator says of the same record with
 * heavy-tailed sessions.
 */
import { readFileSync } from "node:fs";
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import {
  catalog,
  describePreset,
  evaluate,
  getPreset,
  lookup,
  plainParams,
  presets,
  presetsFor,
  presetValue,
  type SimulationResult,
  UnknownPresetError,
  ValidationError,
  validate,
  withPreset,
} from "../../shared/index";
import { logGamma } from "../../shared/simulator/random";

const paramNames = (entry: string) => plainParams(lookup(entry))!.map((p) => p.name);
const fieldOf = (entry: string, name: string) => (lookup(entry).params as z.ZodObject).shape[name] as z.ZodType;

/** What the planner gives where a preset asks: the entry's own worked example, when it is a model. */
function plannerValues(entry: string, asks: readonly string[]): Record<string, unknown> {
  const model = catalog.get(entry);
  const example = model?.kind === "model" ? (model.example.params as Record<string, unknown>) : {};
  return Object.fromEntries(asks.map((name) => [name, example[name]]));
}

describe.each(presets.map((p) => [p.name, p] as const))("preset %s", (name, preset) => {
  it("has a lower-case name, a title and a summary, and fills a catalog entry with plain parameters", () => {
    expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(preset.title.length).toBeGreaterThan(0);
    expect(preset.summary.length).toBeGreaterThan(0);
    expect(plainParams(lookup(preset.entry)), preset.entry).toBeDefined();
  });

  it("accounts for every parameter of its entry exactly once: set, asked of the planner, or kept with a reason", () => {
    const accounted = [...Object.keys(preset.params), ...Object.keys(preset.asks), ...Object.keys(preset.keeps)];
    expect([...accounted].sort()).toEqual([...paramNames(preset.entry)].sort());
    for (const why of [...Object.values(preset.asks), ...Object.values(preset.keeps)]) expect(why.trim().length).toBeGreaterThan(10);
    // A fact is what the entry has no parameter for.
    for (const fact of Object.keys(preset.facts)) expect(paramNames(preset.entry)).not.toContain(fact);
  });

  it("asks the planner only for what the entry has no default for", () => {
    for (const asked of Object.keys(preset.asks)) {
      const info = plainParams(lookup(preset.entry))!.find((p) => p.name === asked)!;
      expect(info.default, asked).toBeUndefined();
    }
  });

  it("gives every number its source (a citation, an https address, the fact) and how it maps onto the parameter", () => {
    for (const [param, setting] of Object.entries(preset.params)) {
      expect(setting.cites.length, param).toBeGreaterThan(0);
      expect(setting.mapping.trim().length, param).toBeGreaterThan(10);
      for (const cite of setting.cites) {
        expect(cite.source.citation.length, param).toBeGreaterThan(0);
        expect(cite.source.url, param).toMatch(/^https:\/\/\S+$/);
        expect(cite.fact.trim().length, param).toBeGreaterThan(5);
      }
    }
    for (const [fact, recorded] of Object.entries(preset.facts)) {
      expect(recorded.cites.length, fact).toBeGreaterThan(0);
      expect(recorded.note.trim().length, fact).toBeGreaterThan(10);
    }
  });

  it("sets each parameter to a value the entry's own schema accepts", () => {
    for (const [param, setting] of Object.entries(preset.params)) {
      const parsed = fieldOf(preset.entry, param).safeParse(setting.value);
      expect(parsed.success, `${param} = ${setting.value}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it("validates as a whole once the planner gives what it asks for", () => {
    const run = withPreset(name, plannerValues(preset.entry, Object.keys(preset.asks)));
    expect(run.entry).toBe(preset.entry);
    const inputs = validate(preset.entry, run.params);
    for (const [param, setting] of Object.entries(preset.params)) expect(inputs[param], param).toEqual(setting.value);
  });

  it("is described with its values, sources and kept defaults in the entry's order", () => {
    const description = describePreset(preset);
    const order = paramNames(preset.entry);
    const listed = [...description.params, ...description.asks, ...description.keeps].map((p) => p.name);
    expect(listed.sort()).toEqual([...order].sort());
    const setOrder = description.params.map((p) => p.name);
    expect(setOrder).toEqual(order.filter((n) => setOrder.includes(n)));
    expect(description.values).toEqual(Object.fromEntries(Object.entries(preset.params).map(([k, s]) => [k, s.value])));
    for (const kept of description.keeps) {
      const info = plainParams(lookup(preset.entry))!.find((p) => p.name === kept.name)!;
      expect(kept.default, kept.name).toEqual(info.default);
    }
    // JSON-ready: what the HTTP API sends is the description itself.
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
  });
});

describe("the presets as a whole", () => {
  it("have names of their own", () => {
    expect(new Set(presets.map((p) => p.name)).size).toBe(presets.length);
  });

  it("cover the systems the issue names, on the design models, rserver and the simulator", () => {
    expect(presetsFor("pdhta").map((p) => p.name)).toEqual(["mainline", "kad", "ipfs"]);
    expect(presetsFor("dsmu").map((p) => p.name)).toEqual(["opentracker"]);
    expect(presetsFor("rserver").map((p) => p.name)).toEqual(["ipfs-12h"]);
    expect(presetsFor("simulate").map((p) => p.name)).toEqual(["bittorrent-redhat", "bittorrent-debian", "bittorrent-flatout", "ipfs-records"]);
  });

  it("carry the sources' numbers: K = 8 and 15 minutes, 10 replicas and 5 h, k = 20 and 22 h, 30 minutes, Weibull shapes 0.34–0.59", () => {
    expect(withPreset("mainline").params).toMatchObject({ m: 8, repairTime: 0.25, algorithm: "kademlia" });
    expect(withPreset("kad").params).toMatchObject({ m: 10, repairTime: 5 });
    expect(withPreset("ipfs").params).toMatchObject({ m: 20, repairTime: 22 });
    expect(getPreset("ipfs").facts.alpha!.value).toBe(3);
    expect(getPreset("kad").facts.alpha!.value).toBe(3);
    expect(getPreset("opentracker").facts.announceInterval).toMatchObject({ value: 1800, unit: "s" });
    expect(["bittorrent-redhat", "bittorrent-debian", "bittorrent-flatout"].map((n) => withPreset(n).params.shape)).toEqual([0.34, 0.38, 0.59]);
  });
});

describe("numbers a preset derives", () => {
  const weibullCdf = (hours: number, mean: number, shape: number) => {
    const scale = mean / Math.exp(logGamma(1 + 1 / shape));
    return 1 - Math.exp(-((hours / scale) ** shape));
  };

  it("ipfs: the mean session of the Weibull through RFM 2's 50% by 2 h and 80% by 8 h", () => {
    // Written out here: ln(−ln(1 − F)) is linear in ln t for a Weibull.
    const shape = Math.log(Math.log(5) / Math.log(2)) / Math.log(8 / 2);
    const scale = 2 / Math.log(2) ** (1 / shape);
    const mean = scale * Math.exp(logGamma(1 + 1 / shape));
    const sessionTime = withPreset("ipfs").params.sessionTime as number;
    expect(sessionTime).toBe(Number(mean.toPrecision(3)));
    expect(sessionTime).toBeCloseTo(5.41, 2);
    // Rounded to three digits, the law still passes through both points to within a percent.
    expect(weibullCdf(2, sessionTime, shape)).toBeCloseTo(0.5, 2);
    expect(weibullCdf(8, sessionTime, shape)).toBeCloseTo(0.8, 2);
  });

  it("ipfs-records: sessions of Weibull shape 0.38 with 90% over by 12 h, as RFM 17 assumes", () => {
    const { mttf, shape } = withPreset("ipfs-records").params as { mttf: number; shape: number };
    expect(shape).toBe(0.38);
    expect(weibullCdf(12, mttf, shape)).toBeCloseTo(0.9, 3);
  });
});

describe("withPreset, getPreset, presetValue", () => {
  it("puts the planner's parameters on top of the preset's, and leaves an undefined one to the preset", () => {
    const run = withPreset("mainline", { m: 16, N: 1e6, lambda: 50, repairTime: undefined });
    expect(run).toEqual({ preset: "mainline", entry: "pdhta", params: { m: 16, repairTime: 0.25, algorithm: "kademlia", N: 1e6, lambda: 50 } });
    expect(evaluate("pdhta", run.params).nines).toBeGreaterThan(evaluate("pdhta", withPreset("mainline", { N: 1e6, lambda: 50 }).params).nines!);
  });

  it("keeps an odd key such as __proto__ a key, which the entry then refuses by name", () => {
    const overrides = JSON.parse('{"__proto__": 1, "N": 1e6, "lambda": 50}') as Record<string, unknown>;
    const { params } = withPreset("mainline", overrides);
    expect(Object.hasOwn(params, "__proto__")).toBe(true);
    expect(() => validate("pdhta", params)).toThrow(/__proto__ is not a parameter here/);
  });

  it("refuses an unknown name, listing every preset, as a ValidationError of preset", () => {
    const error = (() => {
      try {
        getPreset("bittorrent");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownPresetError);
    expect(error).toBeInstanceOf(ValidationError);
    const { errors, message } = error as UnknownPresetError;
    expect(errors).toEqual([{ path: "preset", message }]);
    expect(message).toBe(`preset must be one of ${presets.map((p) => p.name).join(", ")}, got "bittorrent"`);
    expect(() => withPreset("MAINLINE")).toThrow(UnknownPresetError);
  });

  it("refuses a preset of another entry when the caller runs one, naming the presets that fit", () => {
    expect(() => withPreset("mainline", {}, "dsmu")).toThrow("preset mainline fills pdhta, not dsmu: the presets for dsmu are opentracker");
    expect(() => withPreset("kad", {}, "rdht")).toThrow("preset kad fills pdhta, not rdht: no preset fills rdht");
    expect(withPreset("kad", {}, "pdhta").params.m).toBe(10);
  });

  it("gives one name as the preset does: set, a fact, a kept default, or nothing to give and why", () => {
    expect(presetValue("mainline", "m")).toMatchObject({ kind: "set", value: 8 });
    expect(presetValue("ipfs", "alpha")).toMatchObject({ kind: "fact", value: 3 });
    const mu = plainParams(lookup("pdhta"))!.find((p) => p.name === "mu")!.default;
    expect(presetValue("kad", "mu")).toMatchObject({ kind: "default", value: mu });
    expect(presetValue("mainline", "N")).toMatchObject({ kind: "none", asked: true });
    expect((presetValue("mainline", "N") as { why: string }).why).toMatch(/^mainline leaves N to the planner: /);
    expect(presetValue("mainline", "k")).toMatchObject({ kind: "none", asked: false });
    expect(() => presetValue("mainline", "alpha")).toThrow(/^param must name a parameter of pdhta or a fact of mainline, got "alpha": one of m, sessionTime, /);
    expect(() => presetValue("mainline", "alpha")).toThrow(/searchBranching, storedPeerTimeout$/);
    expect(() => presetValue("nope", "m")).toThrow(UnknownPresetError);
  });
});

describe("the outside check: IPFS's 1 − 0.9^20 ≈ 0.878 (ProbeLab RFM 17, §3.1)", () => {
  const estimate = 1 - 0.9 ** 20;

  it("is what rserver gives for 20 holders each still there with probability 0.1", () => {
    const result = evaluate("rserver", withPreset("ipfs-12h").params);
    expect(result.value).toBeCloseTo(estimate, 15);
    expect(result.value.toFixed(3)).toBe("0.878");
    expect(result.unreliability! / 0.9 ** 20 - 1).toBeLessThan(1e-14);
  });

  it("is what kofn gives for at least 1 of the 20", () => {
    const { Rs, n } = withPreset("ipfs-12h").params as { Rs: number; n: number };
    const result = evaluate("kofn", { k: 1, n, R: Rs });
    expect(result.value).toBeCloseTo(estimate, 15);
    // RFM 17 measured the quartiles of the holders online between 13 and 16 of 20: far beyond what 10% each would give.
    const atLeast13 = evaluate("kofn", { k: 13, n, R: Rs }).value;
    expect(atLeast13).toBeGreaterThan(3.8e-9);
    expect(atLeast13).toBeLessThan(4e-9);
  });

  it("in the simulator, with heavy-tailed sessions and the 22-h republish, the record is reachable far more often than 0.878, as the steady-state formula says", () => {
    const result = evaluate("simulate", withPreset("ipfs-records", { events: 9e6, seed: 1, method: "crude" }).params) as SimulationResult;
    // The formula's steady state: each holder up mttf/(mttf + mttr) of the time, 20 of them in parallel.
    // Weibull sessions correlate failures for a day: 9e6 events give each chunk enough batches of them.
    const { mttf, mttr } = withPreset("ipfs-records").params as { mttf: number; mttr: number };
    const up = mttf / (mttf + mttr);
    expect(result.analytic.value).toBeCloseTo(1 - (1 - up) ** 20, 12);
    expect(result.analytic.inside99).toBe(true);
    expect(result.interval99[0]).toBeGreaterThan(estimate + 0.04);
    expect(result.failuresSeen).toBeGreaterThan(1000);
    expect(result.notes).toEqual([]);
    // The rare-event method agrees, from the replicas' own up-and-down cycles, in a fraction of the events.
    const weighed = evaluate("simulate", withPreset("ipfs-records", { seed: 1, method: "importance" }).params) as SimulationResult;
    expect(weighed.analytic.inside99).toBe(true);
    expect(weighed.relativeHalfWidth95!).toBeLessThan(1e-3);
  });
});

describe("the planner's values over a preset's", () => {
  it("report a preset value that a rule refuses beside them as the preset's, and clear it on null or default", () => {
    // ipfs-12h sets n = 20 with one Rs; a list of three servers disagrees with it, and the message says whose n it is.
    expect(() => withPreset("ipfs-12h", { Rs: [0.1, 0.2, 0.3] })).toThrow(
      "n must equal the number of Rs listed (3), or be left out: got n = 20 (n is the preset ipfs-12h's: give n = default to leave it out)",
    );
    expect(withPreset("ipfs-12h", { Rs: [0.1, 0.2, 0.3], n: "default" }).params).toEqual({ Rs: [0.1, 0.2, 0.3] });
    expect(withPreset("ipfs-records", { lifetime: "exponential", shape: null }).params.shape).toBeUndefined();
    // KAD's m = 10 is kept beside too few peers, so the error shows the preset's value, not a default nobody chose.
    expect(() => withPreset("kad", { N: 5, lambda: 50 })).toThrow(/got m = 10 .*\(m is the preset kad's/);
    // A planner's own bad value is the planner's to hear, unchanged.
    expect(withPreset("ipfs-12h", { n: 2.5 }).params.n).toBe(2.5);
  });
});

describe("the README's table of presets", () => {
  it("names every preset and links every source its numbers come from", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    for (const preset of presets) {
      expect(readme, preset.name).toContain(`\`${preset.name}\``);
      for (const param of describePreset(preset).params)
        for (const source of param.sources) expect(readme, `${preset.name}.${param.name}: ${source.citation}`).toContain(source.url);
    }
  });
});
