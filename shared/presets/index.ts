/**
 * Real systems as presets: named sets of a catalog entry's parameters taken from the systems' own
 * specifications, source code and measurements, each number with its source (see types.ts).
 *
 *   withPreset("mainline", { N: 1e6, lambda: 50 })  // { preset: "mainline", entry: "pdhta", params: { m: 8, repairTime: 0.25, algorithm: "kademlia", N: 1e6, lambda: 50 } }
 *   evaluate("rserver", withPreset("ipfs-12h").params)  // { value: 0.878…, … }: IPFS's own 1 − 0.9^20
 *
 * What a surface needs: `presets` and `describePreset` to list them (a task pane's menu, GET
 * /api/presets), `presetsFor(entry)` for the ones a form can take, `withPreset` to fill the
 * parameters (the planner's own on top), `presetValue` for one parameter (a cell).
 */
import { type ParamInfo, plainParams } from "../catalog/describe";
import { ValidationError } from "../catalog/errors";
import { validateParams } from "../catalog/validate";
import type { CatalogEntry } from "../catalog/types";
import { models } from "../models/index";
import { tools } from "../tools/index";
import { ipfs12h, ipfsRecords } from "./ipfs-records";
import { opentracker } from "./opentracker";
import { ipfs, kad, mainline } from "./peer-dht";
import { bittorrentDebian, bittorrentFlatout, bittorrentRedhat } from "./sessions";
import type { Citation, Preset, PresetFact, PresetSetting } from "./types";

export type { Citation, Preset, PresetFact, PresetSetting, PresetSource } from "./types";

/** Every preset: the design presets, the published estimate on rserver, then the simulator's. */
export const presets: readonly Preset[] = [mainline, kad, ipfs, opentracker, ipfs12h, bittorrentRedhat, bittorrentDebian, bittorrentFlatout, ipfsRecords];

const byName = new Map(presets.map((preset) => [preset.name, preset]));

/** The entries presets fill, looked up without shared/index.ts (which imports this file). */
const entries = new Map<string, CatalogEntry>([...models, ...tools].map((entry) => [entry.name, entry]));

/** The name a preset travels under on every surface: in a query string, a JSON body, an Excel argument. */
export const PRESET_PARAM = "preset";

/** A preset name that is not one: the ValidationError of the `preset` parameter, listing the names there are. */
export class UnknownPresetError extends ValidationError {
  readonly preset: string;
  readonly known: readonly string[];
  constructor(name: unknown, known: readonly string[] = presets.map((p) => p.name)) {
    const shown = typeof name === "string" ? JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name) : String(name);
    super([{ path: PRESET_PARAM, message: `${PRESET_PARAM} must be one of ${known.join(", ")}, got ${shown}` }]);
    this.name = "UnknownPresetError";
    this.preset = String(name);
    this.known = known;
  }
}

/** The preset of that name, or UnknownPresetError listing the names. */
export function getPreset(name: string): Preset {
  const preset = byName.get(name);
  if (!preset) throw new UnknownPresetError(name);
  return preset;
}

/** The presets that fill an entry (a form's choices for pdhta: mainline, kad, ipfs). */
export function presetsFor(entry: string): Preset[] {
  return presets.filter((preset) => preset.entry === entry);
}

/** The entry's parameters in its order; every preset's entry has plain parameters (the presets test holds them to it). */
function entryParams(preset: Preset): ParamInfo[] {
  const entry = entries.get(preset.entry);
  const params = entry && plainParams(entry);
  if (!params) throw new Error(`preset ${preset.name} fills ${preset.entry}, which is not a catalog entry with plain parameters`);
  return params;
}

/** The parameters a preset fills, by name: what `withPreset` starts from. */
function presetParams(preset: Preset): Record<string, number | string> {
  return Object.fromEntries(Object.entries(preset.params).map(([name, setting]) => [name, setting.value]));
}

/** What a preset and the planner's own parameters give: the entry to run, and its parameters. */
export interface PresetRun {
  preset: string;
  entry: string;
  params: Record<string, unknown>;
}

/**
 * The entry a preset fills and its parameters, the planner's `overrides` on top (an override left
 * undefined keeps the preset's value). With `entry`, a preset that fills another entry is refused,
 * naming the presets that fill this one: a surface that runs pdhta takes only pdhta's presets.
 */
export function withPreset(name: string, overrides: Readonly<Record<string, unknown>> = {}, entry?: string): PresetRun {
  const preset = getPreset(name);
  if (entry !== undefined && preset.entry !== entry) {
    const fitting = presetsFor(entry).map((p) => p.name);
    const instead = fitting.length > 0 ? `the presets for ${entry} are ${fitting.join(", ")}` : `no preset fills ${entry}`;
    throw new ValidationError([{ path: PRESET_PARAM, message: `${PRESET_PARAM} ${name} fills ${preset.entry}, not ${entry}: ${instead}` }]);
  }
  // Built from entries, so a key such as "__proto__" stays a key the entry's schema refuses by name.
  // A value of null, or the text "default", clears the preset's value: the entry's default applies.
  const cleared = (value: unknown) => value === null || (typeof value === "string" && value.trim().toLowerCase() === "default");
  const given = Object.entries(overrides).filter(([, value]) => value !== undefined);
  const fromPreset = Object.entries(presetParams(preset)).filter(([name]) => !given.some(([g]) => g === name));
  const params: Record<string, unknown> = Object.fromEntries([...fromPreset, ...given.filter(([, value]) => !cleared(value))]);
  explainConflicts(preset.name, entries.get(preset.entry)!, params, new Set(fromPreset.map(([n]) => n)));
  return { preset: preset.name, entry: preset.entry, params };
}

/**
 * A preset's value that a rule refuses beside the planner's (ipfs-12h's n = 20 beside a list of
 * three Rs) is reported as the preset's, with how to clear it: never dropped unseen, since the
 * entry's default in its place would be a number nobody chose.
 */
function explainConflicts(name: string, entry: CatalogEntry, params: Record<string, unknown>, fromPreset: ReadonlySet<string>): void {
  try {
    validateParams(entry, params);
  } catch (error) {
    if (!(error instanceof ValidationError) || !error.errors.some((e) => fromPreset.has(e.path))) return;
    throw new ValidationError(
      error.errors.map((e) =>
        fromPreset.has(e.path) ? { path: e.path, message: `${e.message} (${e.path} is the preset ${name}'s: give ${e.path} = default to leave it out)` } : e,
      ),
    );
  }
}

/** One source of a setting or a fact, as a list shows it. */
export interface CitationDescription {
  citation: string;
  url: string;
  fact: string;
}

/** A preset as JSON: what GET /api/presets lists and a task pane shows beside its form. */
export interface PresetDescription {
  name: string;
  title: string;
  entry: string;
  summary: string;
  /** What withPreset fills, by parameter name: a form's values. */
  values: Record<string, number | string>;
  /** Each parameter it sets, in the entry's order, with its unit, how the facts map onto it, and the sources. */
  params: { name: string; value: number | string; unit?: string; mapping: string; sources: CitationDescription[] }[];
  /** The parameters the planner must give, in the entry's order. */
  asks: { name: string; what: string }[];
  /** Every other parameter, in the entry's order: its default (none when the entry derives it or leaves it out) and why it is kept. */
  keeps: { name: string; default?: number | string; why: string }[];
  /** Facts the entry has no parameter for. */
  facts: { name: string; value: number | string; unit?: string; note: string; sources: CitationDescription[] }[];
}

function citations(cites: readonly Citation[]): CitationDescription[] {
  return cites.map((c) => ({ citation: c.source.citation, url: c.source.url, fact: c.fact }));
}

/** A preset as JSON-ready data, its parameters in the entry's order with the entry's units and defaults. */
export function describePreset(preset: Preset): PresetDescription {
  const params = entryParams(preset);
  const set = (info: ParamInfo, setting: PresetSetting) => ({
    name: info.name,
    value: setting.value,
    ...(info.unit !== undefined && { unit: info.unit }),
    mapping: setting.mapping,
    sources: citations(setting.cites),
  });
  return {
    name: preset.name,
    title: preset.title,
    entry: preset.entry,
    summary: preset.summary,
    values: presetParams(preset),
    params: params.flatMap((info) => (preset.params[info.name] ? [set(info, preset.params[info.name]!)] : [])),
    asks: params.flatMap((info) => (preset.asks[info.name] ? [{ name: info.name, what: preset.asks[info.name]! }] : [])),
    keeps: params.flatMap((info) =>
      preset.keeps[info.name] ? [{ name: info.name, ...(info.default !== undefined && { default: info.default }), why: preset.keeps[info.name]! }] : [],
    ),
    facts: Object.entries(preset.facts).map(([name, fact]: [string, PresetFact]) => ({
      name,
      value: fact.value,
      ...(fact.unit !== undefined && { unit: fact.unit }),
      note: fact.note,
      sources: citations(fact.cites),
    })),
  };
}

/** What a preset says of one name: a value it sets, a fact it records, a default it keeps, or nothing to give. */
export type PresetValue =
  | { kind: "set"; value: number | string; setting: PresetSetting }
  | { kind: "fact"; value: number | string; fact: PresetFact }
  | { kind: "default"; value: number | string; why: string }
  /** Kept without a default (the entry derives it or leaves it out), or asked of the planner: `asked` says which. */
  | { kind: "none"; asked: boolean; why: string };

/**
 * One parameter of a preset's entry, or one of the preset's facts, as the preset gives it (what a
 * cell shows, =TRACKER.PRESET(name, param)). Any other name is a ValidationError of `param`
 * listing the names there are.
 */
export function presetValue(name: string, param: string): PresetValue {
  const preset = getPreset(name);
  const setting = preset.params[param];
  if (setting) return { kind: "set", value: setting.value, setting };
  const fact = preset.facts[param];
  if (fact) return { kind: "fact", value: fact.value, fact };
  const params = entryParams(preset);
  const info = params.find((p) => p.name === param);
  if (!info) {
    const names = [...params.map((p) => p.name), ...Object.keys(preset.facts)];
    throw new ValidationError([
      {
        path: "param",
        message: `param must name a parameter of ${preset.entry} or a fact of ${preset.name}, got ${JSON.stringify(param.slice(0, 40))}: one of ${names.join(", ")}`,
      },
    ]);
  }
  const asked = preset.asks[param];
  if (asked !== undefined) return { kind: "none", asked: true, why: `${preset.name} leaves ${param} to the planner: ${asked}` };
  const why = preset.keeps[param] ?? "the sources give no number for it";
  return info.default !== undefined
    ? { kind: "default", value: info.default, why }
    : { kind: "none", asked: false, why: `${preset.name} leaves ${param} out (${why}), so the entry's own rule applies` };
}
