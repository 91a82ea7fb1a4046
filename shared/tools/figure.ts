import { z } from "zod";
import { formatBound } from "../catalog/params";
import { defineTool } from "../catalog/types";
import type { DhtAlgorithm } from "../models/path-length";
import { SECONDS_PER_HOUR } from "../models/units";
import { axisPoints } from "./sweep";
import { evaluateInTool, modelByName } from "./common";

/**
 * The paper's Figures 2, 3 and 4: the server-based design (DS+M+U) and the DHT design (P+DHT+A)
 * side by side over one quantity, with an observation that is read off the series returned, so it
 * says what these numbers show and nothing else.
 *
 * The paper prints no parameter values. The presets (returned with every figure) are:
 *
 * - every peer looks up 10 objects an hour (λ = N·10/3600 lookups/s); 100,000 peers where N is not
 *   the swept quantity;
 * - 3 servers serve the object; each fails every 720 h (30 days), takes 2 h to repair, answers
 *   2000 lookups/s and queues 100;
 * - peers stay 1 h, answer 10 lookups/s and queue 20; the DHT (Kademlia, k = log2 N, an upper
 *   bound) keeps 8 replicas per entry, as Mainline DHT stores a peer list on the 8 closest nodes,
 *   and restores a lost one in 0.125 h, half of its 15-minute refresh.
 *
 * Figure 3 sweeps the MTTF in units of each design's own repair time (server mttf = x·mttr, peer
 * sessionTime = x·repairTime), from 2 to 2048: one axis that means the same for both designs (at
 * equal x a server and a peer are equally available), and no server fails sooner than it is
 * repaired. Figure 4 needs a server and a peer about equally unreliable, since the nines one more
 * replica buys are −log10 of one node's unreliability: there servers fail every 192 h (8 days) and
 * peers stay 12 h (the long-lived peers Kademlia's routing tables prefer), so both have
 * MTTF = 96 × MTTR and are down 1/97 of the time.
 */
export interface FigurePreset {
  figure: 2 | 3 | 4;
  /** Objects each peer looks up per hour in the system: λ = N × lookupsPerPeerHour / 3600. */
  lookupsPerPeerHour: number;
  /** Peers in the system, where N is not the swept quantity. */
  population: number;
  server: { n: number; mttf: number; mttr: number; mu: number; h: number };
  dht: { m: number; sessionTime: number; repairTime: number; mu: number; h: number; algorithm: DhtAlgorithm };
  /** The swept quantity's range; its scale is the figure's (log for 2 and 3, linear for 4). */
  axis: { from: number; to: number; steps: number };
}

const server = { n: 3, mttf: 720, mttr: 2, mu: 2000, h: 100 };
const dht = { m: 8, sessionTime: 1, repairTime: 0.125, mu: 10, h: 20, algorithm: "kademlia" as const };
const base = { lookupsPerPeerHour: 10, population: 100_000, server, dht };

export const figurePresets: Record<2 | 3 | 4, FigurePreset> = {
  2: { figure: 2, ...base, axis: { from: 1e3, to: 1e7, steps: 25 } },
  3: { figure: 3, ...base, axis: { from: 2, to: 2048, steps: 11 } },
  4: { figure: 4, ...base, server: { ...server, mttf: 192 }, dht: { ...dht, sessionTime: 12 }, axis: { from: 1, to: 10, steps: 10 } },
};

type Params = Record<string, number | string>;

export interface FigurePoint {
  x: number;
  params: Params;
  value: number;
  unreliability: number;
  nines: number;
  /** Load of one tracker node (a server's λ/(n·µ), a peer's λ·k/(N·µ)), as the model computed it. */
  rho: number;
}

export interface FigureSeries {
  label: string;
  model: "dsmu" | "pdhta";
  points: FigurePoint[];
}

/** What a figure number fixes: its axis, what x sets in each design, and how its series are read. */
interface FigureDefinition {
  title: string;
  x: { name: string; unit: string; description: string; scale: "linear" | "log" };
  /** The parameters x sets in each design; every other one is the preset's (with λ and N at the population). */
  vary(p: FigurePreset, x: number): { server: Params; dht: Params };
  read(server: FigurePoint[], dht: FigurePoint[]): { observation: string; findings: FigureFindings };
}

const lambdaAt = (p: FigurePreset, N: number) => (N * p.lookupsPerPeerHour) / SECONDS_PER_HOUR;

const definitions: Record<2 | 3 | 4, FigureDefinition> = {
  2: {
    title: "Figure 2: influence of the number of peers",
    x: { name: "N", unit: "peers", description: "peers in the system; each looks up lookupsPerPeerHour objects an hour", scale: "log" },
    vary: (p, N) => ({ server: { lambda: lambdaAt(p, N) }, dht: { N, lambda: lambdaAt(p, N) } }),
    read: readLoad,
  },
  3: {
    title: "Figure 3: influence of churn (MTTF)",
    x: {
      name: "MTTF/MTTR",
      unit: "",
      description: "mean time to failure in units of the design's own repair time: server mttf = x·mttr, peer sessionTime = x·repairTime",
      scale: "log",
    },
    vary: (p, x) => ({ server: { mttf: x * p.server.mttr }, dht: { sessionTime: x * p.dht.repairTime } }),
    read: readChurn,
  },
  4: {
    title: "Figure 4: influence of replication",
    x: { name: "replicas", unit: "replicas", description: "servers n, or peers m backing each DHT node", scale: "linear" },
    vary: (_, x) => ({ server: { n: x }, dht: { m: x } }),
    read: readReplication,
  },
};

export const figureParams = z.strictObject({
  figure: z.union([z.literal(2), z.literal(3), z.literal(4)], { error: "must be 2, 3 or 4 (the paper's figures)" }),
});

/** A figure as the tool returns it: its series, the table of them, the parameters and the observation read off them. */
export type FigureResult = ReturnType<typeof computeFigure>;

export function figure({ figure }: z.output<typeof figureParams>): FigureResult {
  return computeFigure(figurePresets[figure]);
}

/** A figure from any preset: every point by the catalog model, the observation from those points. */
export function computeFigure(preset: FigurePreset) {
  const definition = definitions[preset.figure];
  const xs = axisPoints(preset.axis.from, preset.axis.to, preset.axis.steps, definition.x.scale);
  const lambda = lambdaAt(preset, preset.population);
  const fixed = {
    server: { ...preset.server, lambda } as Params,
    dht: { ...preset.dht, N: preset.population, lambda } as Params,
  };
  const run = (label: string, model: FigureSeries["model"], design: "server" | "dht"): FigureSeries => ({
    label,
    model,
    points: xs.map((x, i) => {
      const params = { ...fixed[design], ...definition.vary(preset, x)[design] };
      const r = evaluateInTool(modelByName(model), params, `series ${label}, point ${i}`);
      return { x, params, value: r.value, unreliability: r.unreliability!, nines: r.nines!, rho: r.rho as number };
    }),
  });
  const series = [run("server-based (DS+M+U)", "dsmu", "server"), run("DHT-based (P+DHT+A)", "pdhta", "dht")];
  const [servers, peers] = series as [FigureSeries, FigureSeries];
  // Slopes over unbounded nines mean nothing; no preset comes near (it takes over 300 nines).
  const unbounded = series.find((s) => s.points.some((p) => !Number.isFinite(p.nines)));
  if (unbounded) throw new Error(`figure ${preset.figure}: ${unbounded.label} reaches unreliability 0 (unbounded nines), so no slope can be read`);
  const { observation, findings } = definition.read(servers.points, peers.points);
  // What the figure holds fixed in each design: the parameters x does not set.
  const swept = definition.vary(preset, xs[0]!);
  const held = (design: "server" | "dht") => Object.fromEntries(Object.entries(fixed[design]).filter(([name]) => !(name in swept[design])));
  return {
    figure: preset.figure,
    title: definition.title,
    observation,
    findings,
    x: { name: definition.x.name, unit: definition.x.unit, description: definition.x.description, values: xs },
    series,
    columns: [definition.x.name, ...series.flatMap((s) => [`${s.model} value`, `${s.model} unreliability`, `${s.model} nines`])],
    rows: xs.map((x, i) => [x, ...series.flatMap((s) => [s.points[i]!.value, s.points[i]!.unreliability, s.points[i]!.nines])]),
    parameters: {
      lookupsPerPeerHour: preset.lookupsPerPeerHour,
      workload: "λ = N × lookupsPerPeerHour / 3600 lookups/s",
      axis: { ...preset.axis, scale: definition.x.scale },
      server: held("server"),
      dht: held("dht"),
    },
  };
}

export const figureTool = defineTool({
  name: "figure",
  title: "The paper's figures",
  summary: "Figure 2 (peers), 3 (churn) or 4 (replication): server-based and DHT designs side by side, with the parameters used.",
  params: figureParams,
  compute: figure,
});

// ---------- reading the series ----------

/**
 * Losing more than this many nines per doubling of N (failures rising more than tenfold as the load
 * doubles) is a collapse; measured per doubling, the verdict does not depend on the axis' density.
 */
export const COLLAPSE_NINES_PER_DOUBLING = 1;
/** A design whose nines stay within this spread over the whole axis holds its level. */
export const LEVEL_NINES = 1;
/** Two sensitivities within this factor of each other are "about the same". */
export const SAME_SENSITIVITY = 1.1;
/** A ratio of sensitivities within this factor of m/n is said to be m/n. */
export const REPLICA_RATIO_TOLERANCE = 1.05;

const nines2 = (x: number) => x.toFixed(2);
const load3 = (x: number) => x.toPrecision(3);
const at = (x: number) => formatBound(Number(x.toPrecision(4)));

/** Figure 2: how each design fares as N, and with it the load, grows. */
export interface LoadFindings {
  server: LoadReading;
  dht: LoadReading;
}

/** How two designs' slopes along a lever compare (Figures 3 and 4). */
interface SlopeComparison {
  /** Whether every step along the axis gains nines. */
  helps: { server: boolean; dht: boolean };
  /** The DHT's slope over the servers', when both gain. */
  ratio: number | null;
  moreSensitive: MoreSensitive;
}

/** Figure 3: nines per doubling of MTTF, averaged over the axis. */
export interface ChurnFindings extends SlopeComparison {
  perDoubling: { server: number; dht: number };
  replicas: { n: number; m: number };
  /** Whether the ratio is m/n within REPLICA_RATIO_TOLERANCE. */
  matchesReplicas: boolean;
}

/** Figure 4: nines per added replica, averaged over the axis. */
export interface ReplicationFindings extends SlopeComparison {
  perReplica: { server: number; dht: number };
}

export type FigureFindings = LoadFindings | ChurnFindings | ReplicationFindings;

/** How a design fares as the load grows along Figure 2's axis. */
export interface LoadReading {
  nines: { first: number; last: number; min: number; max: number };
  load: { first: number; last: number };
  /** The first N at which the load reaches 1 (the node is overloaded), or null. */
  overloadedFrom: number | null;
  /** The last point up to which the design keeps its first nines (within 0.01), and its load there. */
  keeps: { until: number; load: number };
  /** The step that loses nines fastest, and how fast: nines lost per doubling of N. */
  steepest: { from: number; to: number; nines: [number, number]; load: [number, number]; ninesPerDoubling: number };
  /** Whether that step loses more than COLLAPSE_NINES_PER_DOUBLING. */
  collapses: boolean;
}

function loadReading(points: FigurePoint[]): LoadReading {
  const nines = points.map((p) => p.nines);
  const lossRate = (i: number) => (nines[i - 1]! - nines[i]!) / Math.log2(points[i]!.x / points[i - 1]!.x);
  let s = 1;
  for (let i = 2; i < points.length; i++) if (lossRate(i) > lossRate(s)) s = i;
  // The first point that has moved 0.01 nines from the first one (never the first itself).
  const moved = nines.findIndex((n) => Math.abs(n - nines[0]!) >= 0.01);
  const kept = points[moved === -1 ? points.length - 1 : moved - 1]!;
  const [a, b] = [points[s - 1]!, points[s]!];
  return {
    nines: { first: nines[0]!, last: nines.at(-1)!, min: Math.min(...nines), max: Math.max(...nines) },
    load: { first: points[0]!.rho, last: points.at(-1)!.rho },
    overloadedFrom: points.find((p) => p.rho >= 1)?.x ?? null,
    keeps: { until: kept.x, load: kept.rho },
    steepest: { from: a.x, to: b.x, nines: [a.nines, b.nines], load: [a.rho, b.rho], ninesPerDoubling: lossRate(s) },
    collapses: lossRate(s) > COLLAPSE_NINES_PER_DOUBLING,
  };
}

function describeLoad(name: string, loadName: string, r: LoadReading, firstX: number, lastX: number): string {
  const loads = `its ${loadName} goes from ${load3(r.load.first)} to ${load3(r.load.last)}`;
  const range = nines2(r.nines.min) === nines2(r.nines.max) ? `at ${nines2(r.nines.min)}` : `between ${nines2(r.nines.min)} and ${nines2(r.nines.max)}`;
  if (r.collapses) {
    const [la, lb] = r.steepest.load;
    const kept = r.keeps.until > firstX;
    const keeps = kept
      ? `it keeps ${nines2(r.nines.first)} nines up to N = ${at(r.keeps.until)}, where its ${loadName} is ${load3(r.keeps.load)}, then `
      : "it ";
    const how = la < 1 && lb >= 1 ? "crosses 1" : lb > la ? "rises" : "goes";
    return (
      `${name} deteriorates quickly under heavy load: ${keeps}loses fastest between N = ${at(r.steepest.from)} and ${at(r.steepest.to)} ` +
      `(${nines2(r.steepest.nines[0])} → ${nines2(r.steepest.nines[1])} nines, ${nines2(r.steepest.ninesPerDoubling)} per doubling of N) as ${kept ? "that load" : `its ${loadName}`} ${how} (${load3(la)} → ${load3(lb)}), ` +
      `and is down to ${nines2(r.nines.last)} nines at N = ${at(lastX)} (load ${load3(r.load.last)})`
    );
  }
  // Near zero nines a design can lose nearly all its successes without losing a whole nine, so a
  // design is said to scale only if its load also stays below 1.
  const spread = r.nines.max - r.nines.min;
  const verdict =
    spread >= LEVEL_NINES
      ? `${r.nines.last < r.nines.first ? "declines" : "rises"} gradually`
      : r.overloadedFrom === null
        ? "scales with load"
        : "is overloaded";
  const overload = r.overloadedFrom === null ? "" : `, at or above 1 from N = ${at(r.overloadedFrom)}`;
  const movement =
    spread < LEVEL_NINES
      ? `stays ${range} nines`
      : `goes from ${nines2(r.nines.first)} to ${nines2(r.nines.last)} nines, never losing a nine per doubling of N`;
  return `${name} ${verdict}: ${loads}${overload}, and it ${movement}`;
}

function readLoad(server: FigurePoint[], dht: FigurePoint[]) {
  const findings: LoadFindings = { server: loadReading(server), dht: loadReading(dht) };
  const [first, last] = [server[0]!.x, server.at(-1)!.x];
  const observation = [
    describeLoad("the server-based tracker", "load per server λ/(n·µ)", findings.server, first, last),
    describeLoad("the DHT", "load per peer λ·k/(N·µ)", findings.dht, first, last),
  ].join("; ");
  return { observation, findings };
}

/** Nines gained per unit of `along(x)` from the first point to the last: the figure's average slope. */
function averageSlope(points: FigurePoint[], along: (x: number) => number): number {
  const [a, b] = [points[0]!, points.at(-1)!];
  return (b.nines - a.nines) / (along(b.x) - along(a.x));
}

export type MoreSensitive = "dht" | "server" | "same";

/**
 * Which design reacts more to the lever: by the ratio of slopes (the DHT's over the servers') when
 * both gain, else by the larger slope.
 */
function moreSensitive(dhtSlope: number, serverSlope: number): { ratio: number | null; moreSensitive: MoreSensitive } {
  if (dhtSlope > 0 && serverSlope > 0) {
    const ratio = dhtSlope / serverSlope;
    return { ratio, moreSensitive: ratio > SAME_SENSITIVITY ? "dht" : ratio < 1 / SAME_SENSITIVITY ? "server" : "same" };
  }
  return { ratio: null, moreSensitive: Math.abs(dhtSlope - serverSlope) < 0.01 ? "same" : dhtSlope > serverSlope ? "dht" : "server" };
}

/** Whether every step along the axis gains nines. */
const gainsEverywhere = (points: FigurePoint[]) => points.every((p, i) => i === 0 || p.nines > points[i - 1]!.nines);

function helpsWhom(helps: { server: boolean; dht: boolean }): string {
  if (helps.server && helps.dht) return "both designs";
  if (helps.dht) return "only the DHT";
  if (helps.server) return "only the server-based design";
  return "neither design";
}

const verdicts: Record<MoreSensitive, string> = {
  dht: "so the DHT is the more sensitive",
  server: "so the server-based design is the more sensitive",
  same: "about the same for both designs",
};

const signed = (slope: number, gain: string, loss: string) => `${slope >= 0 ? gain : loss} ${nines2(Math.abs(slope))}`;

/** The ratio as the text states it: the more sensitive design's slope over the other's, so at least 1. */
const shownRatio = (ratio: number) => nines2(Math.max(ratio, 1 / ratio));

function readChurn(server: FigurePoint[], dht: FigurePoint[]) {
  const perDoubling = { server: averageSlope(server, Math.log2), dht: averageSlope(dht, Math.log2) };
  const helps = { server: gainsEverywhere(server), dht: gainsEverywhere(dht) };
  const replicas = { n: server[0]!.params.n as number, m: dht[0]!.params.m as number };
  const { ratio, moreSensitive: verdict } = moreSensitive(perDoubling.dht, perDoubling.server);
  // While availability dominates, a node's unreliability MTTR/(MTTF + MTTR) halves with each doubling
  // of MTTF and a design's goes as its power (replicas), so the slopes stand as m : n (the path's k
  // only shifts the DHT's nines); the text says so only when the data show it.
  const replicaRatio = replicas.m / replicas.n;
  const matchesReplicas = ratio !== null && Math.max(ratio / replicaRatio, replicaRatio / ratio) <= REPLICA_RATIO_TOLERANCE;
  const replicaWords = verdict === "server" ? `n/m = ${replicas.n}/${replicas.m}` : `m/n = ${replicas.m}/${replicas.n}`;
  const ratioText = ratio === null ? "" : ` (ratio ${shownRatio(ratio)}${matchesReplicas ? " ≈ " : ", not "}${replicaWords})`;
  const observation =
    `a longer time to failure helps ${helpsWhom(helps)}: per doubling of MTTF, on average from ${at(server[0]!.x)} to ${at(server.at(-1)!.x)} repair times, ` +
    `the DHT ${signed(perDoubling.dht, "gains", "loses")} nines and the server-based design ${signed(perDoubling.server, "gains", "loses")}, ` +
    `${verdicts[verdict]}${ratioText}`;
  const findings: ChurnFindings = { perDoubling, helps, ratio, moreSensitive: verdict, replicas, matchesReplicas };
  return { observation, findings };
}

function readReplication(server: FigurePoint[], dht: FigurePoint[]) {
  const perReplica = { server: averageSlope(server, (x) => x), dht: averageSlope(dht, (x) => x) };
  const helps = { server: gainsEverywhere(server), dht: gainsEverywhere(dht) };
  const { ratio, moreSensitive: verdict } = moreSensitive(perReplica.dht, perReplica.server);
  const observation =
    `replication helps ${helpsWhom(helps)}: on average from ${at(server[0]!.x)} to ${at(server.at(-1)!.x)} replicas, ` +
    `each added server ${signed(perReplica.server, "buys", "costs")} nines and each added DHT replica ${signed(perReplica.dht, "buys", "costs")}, ` +
    `${verdicts[verdict]}${ratio === null ? "" : ` (ratio ${shownRatio(ratio)})`}`;
  const findings: ReplicationFindings = { perReplica, helps, ratio, moreSensitive: verdict };
  return { observation, findings };
}
