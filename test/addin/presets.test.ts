/**
 * TRACKER.PRESET(preset, param) through its CustomFunctions.associate registration, the way Excel
 * calls it: a preset's value of one parameter, so a planner fills input cells from a preset and the
 * model's function reads them; errors as #VALUE! naming the argument and what is allowed.
 */
import { describe, expect, it } from "vitest";
import { describeParams, describePreset, evaluate, lookupModel, presets, presetValue, withPreset } from "../../shared/index";
import { builtFile, callBuilt, cell, FakeExcelError } from "./built";

const call = callBuilt;
/** One cell of =TRACKER.PRESET(preset, param). */
const preset = (name: unknown, param: unknown) => call("PRESET", cell(name), cell(param))[0]![0];
function errorOf(value: unknown): FakeExcelError {
  expect(value).toBeInstanceOf(FakeExcelError);
  return value as FakeExcelError;
}
const names = presets.map((p) => p.name).join(", ");

describe("TRACKER.PRESET", () => {
  it("gives the value a preset sets, a fact it records, and the default it keeps", () => {
    expect(preset("mainline", "m")).toBe(8);
    expect(preset("mainline", "repairTime")).toBe(0.25);
    expect(preset("mainline", "algorithm")).toBe("kademlia");
    expect(preset("ipfs", "sessionTime")).toBe(withPreset("ipfs").params.sessionTime);
    expect(preset("ipfs", "alpha")).toBe(3);
    expect(preset("opentracker", "announceInterval")).toBe(1800);
    expect(preset("kad", "mu")).toBe(describeParams(lookupModel("pdhta")).find((p) => p.name === "mu")!.default);
  });

  it('reads the preset\'s name in any case, and gives "default" where the model derives the parameter', () => {
    expect(preset(" Mainline ", "m")).toBe(8);
    expect(preset("mainline", "k")).toBe("default");
    expect(preset("bittorrent-debian", "mttf")).toBe("default");
  });

  it("is #N/A, saying what to give, for a parameter the planner must give", () => {
    const got = errorOf(preset("mainline", "N"));
    expect(got.code).toBe("#N/A");
    expect(got.message).toBe((presetValue("mainline", "N") as { why: string }).why);
    expect(got.message).toMatch(/^mainline leaves N to the planner: /);
  });

  it("is #VALUE! naming preset and listing the presets for a name that is none", () => {
    for (const [given, shown] of [
      ["bittorrent", '"bittorrent"'],
      [3, "3"],
    ] as const) {
      const got = errorOf(preset(given, "m"));
      expect(got.code).toBe("#VALUE!");
      expect(got.message).toBe(`preset must be one of ${names}, got ${shown}`);
    }
    expect(errorOf(call("PRESET", null, cell("m"))[0]![0]).message).toBe(`preset is required; it must be one of ${names}`);
  });

  it("is #VALUE! naming param and listing the parameters and facts for a name that is neither", () => {
    const got = errorOf(preset("kad", "replicas"));
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toBe(
      'param must name a parameter of pdhta or a fact of kad, got "replicas": one of m, sessionTime, repairTime, mu, h, N, lambda, arrivalRate, lookupsPerPeer, algorithm, b, d, k, rho, pserved, alpha, keywordRepublish',
    );
    // Parameter names are the catalog's, case and all: simulate has both n and N.
    expect(preset("ipfs-records", "m")).toBe(20);
    expect(errorOf(preset("ipfs-records", "M")).code).toBe("#VALUE!");
    expect(errorOf(call("PRESET", cell("kad"), null)[0]![0]).message).toBe("param must name a parameter or a fact of the preset, got nothing");
  });

  it("spills over a column of parameter names, one value a cell", () => {
    expect(call("PRESET", cell("kad"), [["m"], ["repairTime"], ["algorithm"], ["nope"]]).slice(0, 3)).toEqual([[10], [5], ["kademlia"]]);
    expect(errorOf(call("PRESET", cell("kad"), [["m"], ["nope"]])[1]![0]).code).toBe("#VALUE!");
  });

  it("fills a model's input cells: PDHTA over cells filled by PRESET gives the library's value for the preset", () => {
    for (const name of ["mainline", "kad", "ipfs"]) {
      const planner = { N: 1e6, lambda: 50 };
      const args = describeParams(lookupModel("pdhta")).map((p) => {
        const value = preset(name, p.name);
        return cell(value instanceof FakeExcelError ? planner[p.name as keyof typeof planner] : value);
      });
      const got = call("PDHTA", ...args, cell("nines"))[0]![0];
      expect(got, name).toBe(evaluate("pdhta", withPreset(name, planner).params).nines);
    }
  });

  it("reproduces IPFS's 1 − 0.9^20 ≈ 0.878 in cells: RSERVER over ipfs-12h's Rs and n", () => {
    const value = call("RSERVER", cell(preset("ipfs-12h", "Rs")), cell(preset("ipfs-12h", "n")), null)[0]![0] as number;
    expect(value).toBe(evaluate("rserver", withPreset("ipfs-12h").params).value);
    expect(value.toFixed(3)).toBe("0.878");
  });
});

describe("PRESET's help", () => {
  const json = JSON.parse(builtFile("functions.json")) as {
    functions: { id: string; description: string; parameters: { name: string; optional?: boolean; description: string }[] }[];
  };
  const fn = json.functions.find((f) => f.id === "PRESET")!;

  it("takes two required arguments, preset and param, the first listing the presets", () => {
    expect(fn.parameters.map((p) => [p.name, p.optional === true])).toEqual([
      ["preset", false],
      ["param", false],
    ]);
    expect(fn.parameters[0]!.description).toContain(names);
    expect(fn.description).toMatch(/preset/);
  });

  it("has a help page section per preset, with each number's source", () => {
    const help = builtFile("help.html");
    for (const p of presets) {
      expect(help).toContain(`id="preset-${p.name}"`);
      for (const setting of describePreset(p).params) for (const source of setting.sources) expect(help).toContain(`href="${source.url}"`);
    }
  });
});
