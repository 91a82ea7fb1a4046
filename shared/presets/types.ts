/**
 * A preset: a real system's published numbers as the parameters of one catalog entry (a design
 * model, a model, or the simulate tool), each with where it comes from and how it becomes the
 * parameter. Every parameter of the entry that the preset does not set is accounted for: either the
 * planner must give it (`asks`), or it keeps the entry's default, and the preset says why (`keeps`).
 * Facts the entry has no parameter for (a lookup's parallelism α) are kept as `facts`, with a word on
 * why, so that nothing a source says is silently dropped.
 */

/** A primary source: a specification, a source file, a measurement report. */
export interface PresetSource {
  /** Who and what, as a reference list would name it. */
  citation: string;
  url: string;
}

/** One fact taken from a source: the source and the fact, in a few words. */
export interface Citation {
  source: PresetSource;
  fact: string;
}

/** A parameter the preset sets: its value, the facts behind it, and how they become this number. */
export interface PresetSetting {
  value: number | string;
  cites: readonly Citation[];
  /** How the facts map onto the parameter, e.g. "the 15 minutes until a silent node is questionable, as the repair time: 0.25 h". */
  mapping: string;
}

/** A fact the entry takes no parameter for, kept so the preset shows it (and a cell can read it). */
export interface PresetFact {
  value: number | string;
  unit?: string;
  cites: readonly Citation[];
  /** Why the entry has no parameter for it, or how a planner uses it. */
  note: string;
}

export interface Preset {
  /** Lower-case id: letters, digits and hyphens ("mainline", "bittorrent-debian"). */
  name: string;
  title: string;
  /** The catalog entry it fills: a model's or a tool's name. */
  entry: string;
  summary: string;
  /** The parameters it sets, by the entry's names. */
  params: Readonly<Record<string, PresetSetting>>;
  /** The parameters the planner must give (the entry has no default and the sources no number), each with what to give. */
  asks: Readonly<Record<string, string>>;
  /** Every other parameter of the entry: it keeps the entry's default, and why. */
  keeps: Readonly<Record<string, string>>;
  /** Facts without a parameter, by a name of their own (none is a parameter of the entry). */
  facts: Readonly<Record<string, PresetFact>>;
}

/** The same reason for several kept parameters. */
export function keepAll(names: readonly string[], why: string): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, why]));
}
