import { z } from "zod";
import { defineTool } from "../catalog/types";
import { axisPoints } from "./sweep";
import { modelByName, runModel } from "./common";

/**
 * The paper's Figures 2, 3 and 4 as presets: the server-based design (DS+M+U) and the DHT design
 * (P+DHT+A) side by side over one quantity. The paper prints no parameter values; these are
 * chosen to be realistic and are returned with every figure:
 *
 * - peers stay 1 h a session and look up 10 objects in it (λ = N·10/3600 per second by Little's law);
 * - servers fail every 720 h (30 days) and take 2 h to repair, answer 2000 lookups/s, queue 100;
 *   3 of them serve the object;
 * - peers answer 10 lookups/s and queue 20; the DHT (Kademlia, k = log2 N, an upper bound) keeps 8
 *   replicas per entry, as Mainline DHT stores a peer list on the 8 closest nodes, and restores a
 *   lost one in 0.125 h, half of its 15-minute refresh;
 * - a population of 100,000 peers where N is not the swept quantity.
 */
const sessionHours = 1;
const lookupsPerPeer = 10;
const population = 100_000;
const lambdaFor = (N: number) => (N * lookupsPerPeer) / (sessionHours * 3600);
const server = { n: 3, mttf: 720, mttr: 2, mu: 2000, h: 100 };
const dht = { m: 8, sessionTime: sessionHours, repairTime: 0.125, mu: 10, h: 20, algorithm: "kademlia" };

interface Preset {
  title: string;
  observation: string;
  x: { name: string; unit: string; description: string; values: number[] };
  series: { label: string; model: string; at: (x: number) => Record<string, number | string> }[];
}

const presets: Record<2 | 3 | 4, Preset> = {
  2: {
    title: "Figure 2: influence of the number of peers",
    observation: "the server-based tracker deteriorates once the load nears the servers' capacity; the DHT's capacity grows with its peers",
    x: { name: "N", unit: "peers", description: "peers in the system", values: axisPoints(1e3, 1e7, 25, "log") },
    series: [
      { label: "server-based (DS+M+U)", model: "dsmu", at: (N) => ({ ...server, lambda: lambdaFor(N) }) },
      { label: "DHT-based (P+DHT+A)", model: "pdhta", at: (N) => ({ ...dht, N, lambda: lambdaFor(N) }) },
    ],
  },
  3: {
    title: "Figure 3: influence of churn (MTTF)",
    observation: "a longer time to failure helps both designs; the DHT, with k hops in series, is the more sensitive",
    x: { name: "mttf", unit: "h", description: "mean time to failure: server MTTF, or peer session time", values: axisPoints(0.5, 512, 11, "log") },
    series: [
      { label: "server-based (DS+M+U)", model: "dsmu", at: (mttf) => ({ ...server, mttf, lambda: lambdaFor(population) }) },
      { label: "DHT-based (P+DHT+A)", model: "pdhta", at: (sessionTime) => ({ ...dht, sessionTime, N: population, lambda: lambdaFor(population) }) },
    ],
  },
  4: {
    title: "Figure 4: influence of replication",
    observation: "each added replica buys a roughly constant number of nines in both designs: straight lines on a nines scale",
    x: { name: "replicas", unit: "replicas", description: "servers n, or peers m backing each DHT node", values: axisPoints(1, 10, 10, "linear") },
    series: [
      { label: "server-based (DS+M+U)", model: "dsmu", at: (n) => ({ ...server, n, lambda: lambdaFor(population) }) },
      { label: "DHT-based (P+DHT+A)", model: "pdhta", at: (m) => ({ ...dht, m, N: population, lambda: lambdaFor(population) }) },
    ],
  },
};

export const figureParams = z.strictObject({
  figure: z.union([z.literal(2), z.literal(3), z.literal(4)], { error: "must be 2, 3 or 4 (the paper's figures)" }),
});

export function figure({ figure }: z.output<typeof figureParams>) {
  const preset = presets[figure];
  const series = preset.series.map((s) => ({
    label: s.label,
    model: s.model,
    points: preset.x.values.map((x, i) => {
      const params = s.at(x);
      const r = runModel(modelByName(s.model), params, `series ${s.label}, point ${i}`);
      return { x, params, value: r.value, unreliability: r.unreliability!, nines: r.nines! };
    }),
  }));
  const columns = [preset.x.name, ...series.flatMap((s) => [`${s.model} value`, `${s.model} unreliability`, `${s.model} nines`])];
  const rows = preset.x.values.map((x, i) => [x, ...series.flatMap((s) => [s.points[i]!.value, s.points[i]!.unreliability, s.points[i]!.nines])]);
  return {
    figure,
    title: preset.title,
    observation: preset.observation,
    x: preset.x,
    series,
    columns,
    rows,
    parameters: {
      sessionHours,
      lookupsPerPeer,
      population,
      workload: "λ = N × lookupsPerPeer / (sessionHours × 3600) lookups/s",
      server,
      dht,
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
