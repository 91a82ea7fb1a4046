/**
 * The task pane's real-system presets without a browser: which the picker offers for a model, what
 * a choice puts in the form, and the lines its sources are shown with. Held to shared/presets.
 */
import { describe, expect, it } from "vitest";
import { describePreset, models, parseTextParams, type PresetDescription, presets, presetsFor, withPreset, lookupModel } from "../../shared/index";
import { valueText } from "../../addin/taskpane/fields";
import { asksLine, keptGroups, settingText, sourcesLine, systemPresetChoices, systemPresetFill } from "../../addin/taskpane/system-presets";

const modelNames = new Set<string>(models.map((m) => m.name));
/** The presets a form of the pane can take: those that fill a model (the picker lists no tool). */
const formPresets = presets.filter((p) => modelNames.has(p.entry));

describe("the presets the picker offers", () => {
  it("lists, for each model, exactly the library's presets for it, in the library's order", () => {
    for (const model of models) {
      expect(
        systemPresetChoices(model.name).map((c) => c.name),
        model.name,
      ).toEqual(presetsFor(model.name).map((p) => p.name));
    }
    expect(systemPresetChoices("pdhta").map((c) => c.title)).toContain("BitTorrent Mainline DHT (BEP 5)");
    expect(systemPresetChoices("rdht")).toEqual([]);
  });

  it("reaches every preset of a model; the simulator's presets wait for a pane that offers the simulate tool", () => {
    const offered = models.flatMap((m) => systemPresetChoices(m.name).map((c) => c.name));
    expect(offered.sort()).toEqual(formPresets.map((p) => p.name).sort());
    const unreached = presets.filter((p) => !modelNames.has(p.entry)).map((p) => p.entry);
    expect(new Set(unreached)).toEqual(new Set(["simulate"]));
  });
});

describe("what choosing a preset puts in the form", () => {
  it("fills the preset's values, which the form's text reads back as the same parameters", () => {
    for (const preset of formPresets) {
      const { values, description } = systemPresetFill(preset.name, preset.entry);
      expect(values, preset.name).toEqual(withPreset(preset.name, {}, preset.entry).params);
      expect(values).toEqual(description.values);
      const text = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, valueText(value)]));
      expect(parseTextParams(lookupModel(preset.entry), text), preset.name).toEqual(values);
    }
  });

  it("refuses a preset of another model, naming the ones that fit", () => {
    expect(() => systemPresetFill("mainline", "rserver")).toThrow(/ipfs-12h/);
  });
});

describe("the preset's sources as the pane lists them", () => {
  const mainline = describePreset(presetsFor("pdhta").find((p) => p.name === "mainline")!);

  it("names a value with its unit, as the form's labels do, and a probability without one", () => {
    expect(settingText("repairTime", 0.25, "h")).toBe("repairTime (h) = 0.25");
    expect(settingText("Rs", 0.1, "probability")).toBe("Rs = 0.1");
    expect(settingText("algorithm", "kademlia")).toBe("algorithm = kademlia");
  });

  it("groups the kept parameters by their reason, each once, in the entry's order", () => {
    for (const preset of formPresets) {
      const d = describePreset(preset);
      const groups = keptGroups(d);
      expect(new Set(groups.map((g) => g.why)).size, preset.name).toBe(groups.length);
      const shown = groups.flatMap((g) => g.params.map((text) => text.split(" = ")[0]));
      expect(shown.sort(), preset.name).toEqual(d.keeps.map((k) => k.name).sort());
      for (const g of groups) {
        const order = g.params.map((text) => d.keeps.findIndex((k) => k.name === text.split(" = ")[0]));
        expect(order, g.why).toEqual([...order].sort((a, b) => a - b));
      }
    }
    // Mainline's sources say nothing of a node's queue: the two parameters share one line and show their defaults.
    const queue = keptGroups(mainline).find((g) => g.params.some((p) => p.startsWith("mu")))!;
    expect(queue.params).toEqual(["mu = 10", "h = 20"]);
  });

  it("counts what a preset sets, asks, keeps and notes on the closed block's line, and leaves out what it lacks", () => {
    expect(sourcesLine(mainline)).toBe("3 values from its sources · 2 for you to give · 10 kept at the default · 2 facts without a parameter");
    const record = describePreset(presetsFor("rserver")[0]!);
    expect(sourcesLine(record)).toBe("2 values from its sources");
    const empty: PresetDescription = { ...record, params: [], asks: [], keeps: [], facts: [] };
    expect(sourcesLine(empty)).toBe("no numbers of its own");
  });

  it("says which fields remain for the planner, or nothing when the preset asks none", () => {
    expect(asksLine(mainline)).toBe("Yours to give: N, lambda (marked in the form).");
    expect(asksLine(describePreset(presetsFor("rserver")[0]!))).toBe("");
  });
});
