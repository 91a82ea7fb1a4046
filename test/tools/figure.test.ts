/**
 * The paper's Figures 2, 3 and 4. Each observation is read back claim by claim: the test parses the
 * text, recomputes every number and every word it chose (collapse, slopes, ratios, which design is
 * the more sensitive, "about the same") from the series points alone, and fails on a sentence it
 * cannot parse, so a new wording has to come with its check. Then the shipped presets must show
 * what section 5 of the paper observes, and modified presets must change the text and keep it true.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../shared/index";
import {
  COLLAPSE_NINES_PER_DOUBLING,
  LEVEL_NINES,
  REPLICA_RATIO_TOLERANCE,
  SAME_SENSITIVITY,
  computeFigure,
  figurePresets,
  type FigurePoint,
  type FigurePreset,
} from "../../shared/tools/figure";

type Figure = ReturnType<typeof computeFigure>;

// ---------- reading numbers back from the text ----------

/** A number printed with two decimals (nines, slopes, ratios). */
function expectTwoDecimals(printed: string, value: number) {
  expect(Math.abs(Number(printed) - value), `${printed} for ${value}`).toBeLessThanOrEqual(0.005 + 1e-9);
}

/** A number printed to `digits` significant digits (loads, axis values). */
function expectSignificant(printed: string, value: number, digits: number) {
  expect(Math.abs(Number(printed) / value - 1), `${printed} for ${value}`).toBeLessThanOrEqual(0.5 * 10 ** (1 - digits));
}

/** |a/b − 1| ≤ tolerance: a relative check that fails in both directions. */
function expectRelative(a: number, b: number, tolerance: number, label?: string) {
  expect(Math.abs(a / b - 1), label ?? `${a} against ${b}`).toBeLessThanOrEqual(tolerance);
}

const nines = (points: FigurePoint[]) => points.map((p) => p.nines);
const steps = (points: FigurePoint[]) => points.slice(1).map((p, i) => p.nines - points[i]!.nines);
const gainsEverywhere = (points: FigurePoint[]) => steps(points).every((d) => d > 0);

function helpsWords(server: FigurePoint[], dht: FigurePoint[]): string {
  const [s, d] = [gainsEverywhere(server), gainsEverywhere(dht)];
  return s && d ? "both designs" : d ? "only the DHT" : s ? "only the server-based design" : "neither design";
}

/** The verdict a pair of slopes calls for, and the ratio as printed (the larger over the smaller). */
function verdictOf(dhtSlope: number, serverSlope: number) {
  if (dhtSlope > 0 && serverSlope > 0) {
    const ratio = dhtSlope / serverSlope;
    const words =
      ratio > SAME_SENSITIVITY
        ? "so the DHT is the more sensitive"
        : ratio < 1 / SAME_SENSITIVITY
          ? "so the server-based design is the more sensitive"
          : "about the same for both designs";
    return { words, ratio, shown: Math.max(ratio, 1 / ratio) };
  }
  const words =
    Math.abs(dhtSlope - serverSlope) < 0.01
      ? "about the same for both designs"
      : dhtSlope > serverSlope
        ? "so the DHT is the more sensitive"
        : "so the server-based design is the more sensitive";
  return { words, ratio: null, shown: null };
}

// ---------- the loads, computed here from each point's parameters ----------

/** A server's load λ/(n·µ); a peer's λ·k/(N·µ) with Kademlia's k = log2 N (b = 1). */
function independentLoad(model: string, p: Record<string, number | string>): number {
  const [lambda, mu] = [p.lambda as number, p.mu as number];
  if (model === "dsmu") return lambda / ((p.n as number) * mu);
  expect(p.algorithm).toBe("kademlia");
  const N = p.N as number;
  return (lambda * Math.log2(N)) / (N * mu);
}

// ---------- each figure's claims ----------

const designName = { "the server-based tracker": 0, "the DHT": 1 } as const;

/** One design's clause of Figure 2, checked against that design's points. */
function checkLoadClause(clause: string, f: Figure) {
  const name = /^(the server-based tracker|the DHT) /.exec(clause)?.[1] as keyof typeof designName | undefined;
  expect(name, clause).toBeDefined();
  const series = f.series[designName[name!]]!;
  const points = series.points;
  const loads = points.map((p) => independentLoad(series.model, p.params));
  points.forEach((p, i) => {
    expectRelative(p.rho, loads[i]!, 1e-12);
  });
  const ns = nines(points);
  // Nines lost per doubling of N at each step; the steepest step is where they go fastest.
  const rates = steps(points).map((d, i) => -d / Math.log2(points[i + 1]!.x / points[i]!.x));
  const steepest = rates.indexOf(Math.max(...rates)) + 1;
  const load = `load per ${name === "the DHT" ? "peer λ·k/\\(N·µ\\)" : "server λ/\\(n·µ\\)"}`;

  const collapse = new RegExp(
    `^${name} deteriorates quickly under heavy load: (?:it keeps (\\S+) nines up to N = (\\S+), where its ${load} is (\\S+), then |it )` +
      `loses fastest between N = (\\S+) and (\\S+) \\((\\S+) → (\\S+) nines, (\\S+) per doubling of N\\) as (?:that load|its ${load}) (crosses 1|rises|goes) \\((\\S+) → (\\S+)\\), ` +
      `and is down to (\\S+) nines at N = (\\S+) \\(load (\\S+)\\)$`,
  ).exec(clause);
  if (collapse) {
    const [, keptNines, keptUntil, keptLoad, from, to, n0, n1, rate, how, l0, l1, lastNines, lastX, lastLoad] = collapse;
    // The steepest step loses more than a nine per doubling of N: failures rise over tenfold as the load doubles.
    expect(rates[steepest - 1]!).toBeGreaterThan(COLLAPSE_NINES_PER_DOUBLING);
    expectTwoDecimals(rate!, rates[steepest - 1]!);
    expectSignificant(from!, points[steepest - 1]!.x, 4);
    expectSignificant(to!, points[steepest]!.x, 4);
    expectTwoDecimals(n0!, ns[steepest - 1]!);
    expectTwoDecimals(n1!, ns[steepest]!);
    expectSignificant(l0!, loads[steepest - 1]!, 3);
    expectSignificant(l1!, loads[steepest]!, 3);
    const [a, b] = [loads[steepest - 1]!, loads[steepest]!];
    expect(how).toBe(a < 1 && b >= 1 ? "crosses 1" : b > a ? "rises" : "goes");
    expectTwoDecimals(lastNines!, ns.at(-1)!);
    expectSignificant(lastX!, points.at(-1)!.x, 4);
    expectSignificant(lastLoad!, loads.at(-1)!, 3);
    if (keptNines !== undefined) {
      // Every point up to N = keptUntil is within 0.01 nines of the first, the next one is not.
      const until = points.findIndex((p) => Math.abs(Number(keptUntil) / p.x - 1) < 5e-4);
      expect(until).toBeGreaterThan(0);
      expect(ns.slice(0, until + 1).every((n) => Math.abs(n - ns[0]!) < 0.01)).toBe(true);
      if (until + 1 < ns.length) expect(Math.abs(ns[until + 1]! - ns[0]!)).toBeGreaterThanOrEqual(0.01);
      expectTwoDecimals(keptNines, ns[0]!);
      expectSignificant(keptLoad!, loads[until]!, 3);
    } else expect(Math.abs(ns[1]! - ns[0]!)).toBeGreaterThanOrEqual(0.01);
    return "collapses";
  }
  // Any other clause: no step loses a nine per doubling of N.
  expect(Math.max(...rates)).toBeLessThanOrEqual(COLLAPSE_NINES_PER_DOUBLING);
  const other = new RegExp(
    `^${name} (scales with load|is overloaded|declines gradually|rises gradually): its ${load} goes from (\\S+) to (\\S+)(?:, at or above 1 from N = (\\S+))?, ` +
      `and it (?:stays (?:at (\\S+)|between (\\S+) and (\\S+)) nines|goes from (\\S+) to (\\S+) nines, never losing a nine per doubling of N)$`,
  ).exec(clause);
  expect(other, `an unread clause: ${clause}`).not.toBeNull();
  const [, verdict, l0, l1, overloadedFrom, at, min, max, first, last] = other!;
  expectSignificant(l0!, loads[0]!, 3);
  expectSignificant(l1!, loads.at(-1)!, 3);
  const overloaded = points.find((_, i) => loads[i]! >= 1);
  if (overloaded === undefined) expect(overloadedFrom).toBeUndefined();
  else expectSignificant(overloadedFrom!, overloaded.x, 4);
  const spread = Math.max(...ns) - Math.min(...ns);
  if (spread < LEVEL_NINES) {
    expect(verdict).toBe(overloaded === undefined ? "scales with load" : "is overloaded");
    expectTwoDecimals(min ?? at!, Math.min(...ns));
    expectTwoDecimals(max ?? at!, Math.max(...ns));
  } else {
    expect(verdict).toBe(ns.at(-1)! < ns[0]! ? "declines gradually" : "rises gradually");
    expectTwoDecimals(first!, ns[0]!);
    expectTwoDecimals(last!, ns.at(-1)!);
  }
  return verdict!;
}

/** Figure 2: one clause per design; returns what each was said to do. */
function checkFigure2(f: Figure) {
  const clauses = f.observation.split("; ");
  expect(clauses).toHaveLength(2);
  expect(clauses[0]).toMatch(/^the server-based tracker /);
  expect(clauses[1]).toMatch(/^the DHT /);
  return { server: checkLoadClause(clauses[0]!, f), dht: checkLoadClause(clauses[1]!, f) };
}

/** Average nines gained per unit of `along(x)` over the whole axis. */
function slope(points: FigurePoint[], along: (x: number) => number) {
  return (points.at(-1)!.nines - points[0]!.nines) / (along(points.at(-1)!.x) - along(points[0]!.x));
}

/** The "gains 2.27" / "loses 0.10" of a slope. */
function expectSigned(verb: string, printed: string, value: number, gain: string, loss: string) {
  expect(verb).toBe(value >= 0 ? gain : loss);
  expectTwoDecimals(printed, Math.abs(value));
}

function checkFigure3(f: Figure) {
  const [server, dht] = [f.series[0]!.points, f.series[1]!.points];
  const match =
    /^a longer time to failure helps (both designs|only the DHT|only the server-based design|neither design): per doubling of MTTF, on average from (\S+) to (\S+) repair times, the DHT (gains|loses) (\S+) nines and the server-based design (gains|loses) (\S+), (so the DHT is the more sensitive|so the server-based design is the more sensitive|about the same for both designs)(?: \(ratio (\S+)( ≈ |, not )(m\/n|n\/m) = (\d+)\/(\d+)\))?$/.exec(
      f.observation,
    );
  expect(match, `an unread observation: ${f.observation}`).not.toBeNull();
  const [, helps, from, to, dhtVerb, dhtSlope, serverVerb, serverSlope, verdict, ratio, relation, which, top, bottom] = match!;
  expect(helps).toBe(helpsWords(server, dht));
  // The axis is MTTF in units of each design's own repair time.
  expectSignificant(from!, server[0]!.x, 4);
  expectSignificant(to!, server.at(-1)!.x, 4);
  const slopes = { server: slope(server, Math.log2), dht: slope(dht, Math.log2) };
  expectSigned(dhtVerb!, dhtSlope!, slopes.dht, "gains", "loses");
  expectSigned(serverVerb!, serverSlope!, slopes.server, "gains", "loses");
  const expected = verdictOf(slopes.dht, slopes.server);
  expect(verdict).toBe(expected.words);
  if (expected.ratio === null) expect(ratio).toBeUndefined();
  else {
    expectTwoDecimals(ratio!, expected.shown!);
    // m/n when the DHT is as or more sensitive, n/m when the servers are; "≈" only within the tolerance.
    const [n, m] = [server[0]!.params.n as number, dht[0]!.params.m as number];
    const serversMore = verdict === "so the server-based design is the more sensitive";
    expect([which, Number(top), Number(bottom)]).toEqual(serversMore ? ["n/m", n, m] : ["m/n", m, n]);
    const off = Math.max(expected.ratio / (m / n), m / n / expected.ratio);
    expect(relation).toBe(off <= REPLICA_RATIO_TOLERANCE ? " ≈ " : ", not ");
  }
  return { helps, verdict, slopes, ratio: expected.ratio, relation };
}

function checkFigure4(f: Figure) {
  const [server, dht] = [f.series[0]!.points, f.series[1]!.points];
  const match =
    /^replication helps (both designs|only the DHT|only the server-based design|neither design): on average from (\S+) to (\S+) replicas, each added server (buys|costs) (\S+) nines and each added DHT replica (buys|costs) (\S+), (so the DHT is the more sensitive|so the server-based design is the more sensitive|about the same for both designs)(?: \(ratio (\S+)\))?$/.exec(
      f.observation,
    );
  expect(match, `an unread observation: ${f.observation}`).not.toBeNull();
  const [, helps, from, to, serverVerb, serverSlope, dhtVerb, dhtSlope, verdict, ratio] = match!;
  expect(helps).toBe(helpsWords(server, dht));
  expect([Number(from), Number(to)]).toEqual([server[0]!.x, server.at(-1)!.x]);
  const slopes = { server: slope(server, (x) => x), dht: slope(dht, (x) => x) };
  expectSigned(serverVerb!, serverSlope!, slopes.server, "buys", "costs");
  expectSigned(dhtVerb!, dhtSlope!, slopes.dht, "buys", "costs");
  const expected = verdictOf(slopes.dht, slopes.server);
  expect(verdict).toBe(expected.words);
  if (expected.ratio === null) expect(ratio).toBeUndefined();
  else expectTwoDecimals(ratio!, expected.shown!);
  return { helps, verdict, slopes, ratio: expected.ratio };
}

const shipped = (figure: 2 | 3 | 4) => evaluate("figure", { figure });
const withPreset = <F extends 2 | 3 | 4>(figure: F, change: (p: FigurePreset) => Partial<FigurePreset>) =>
  computeFigure({ ...figurePresets[figure], ...change(figurePresets[figure]) });

// ---------- the tests ----------

describe("figure presets", () => {
  it("computes every point with the catalog model and states the parameters it held", () => {
    for (const figure of [2, 3, 4] as const) {
      const result = shipped(figure);
      expect(result.series.map((s) => s.model)).toEqual(["dsmu", "pdhta"]);
      for (const [s, held] of [
        [result.series[0]!, result.parameters.server],
        [result.series[1]!, result.parameters.dht],
      ] as const) {
        for (const p of s.points) {
          const direct = evaluate(s.model, p.params);
          expect(p.unreliability).toBe(direct.unreliability);
          expect(p.nines).toBe(direct.nines);
          expect(p.value).toBe(direct.value);
          expect(p.rho).toBe(direct.rho);
          // A parameter the figure says it held is what every point used ...
          for (const [name, value] of Object.entries(held)) expect(p.params[name], `${figure} ${s.model} ${name}`).toBe(value);
        }
        // ... and every other one changes along the axis.
        for (const name of Object.keys(s.points[0]!.params).filter((n) => !(n in held)))
          expect(new Set(s.points.map((p) => p.params[name])).size, `${figure} ${s.model} ${name}`).toBe(s.points.length);
      }
      expect(result.rows).toHaveLength(result.x.values.length);
      expect(result.rows.map((r) => r[0])).toEqual(result.x.values);
      expect(result.columns).toHaveLength(7);
    }
  });

  it("states the presets the README gives", () => {
    for (const figure of [2, 3, 4] as const) {
      const p = figurePresets[figure];
      expect([p.lookupsPerPeerHour, p.population]).toEqual([10, 100_000]);
      expect(p.server).toMatchObject({ n: 3, mttr: 2, mu: 2000, h: 100 });
      expect(p.dht).toMatchObject({ m: 8, repairTime: 0.125, mu: 10, h: 20, algorithm: "kademlia" });
    }
    expect([figurePresets[2].server.mttf, figurePresets[2].dht.sessionTime]).toEqual([720, 1]);
    // Figure 4: a server and a peer both fail after 96 repair times.
    expect([figurePresets[4].server.mttf, figurePresets[4].dht.sessionTime]).toEqual([192, 12]);
    expect(shipped(4).parameters.server.mttf).toBe(192);
  });

  it("Figure 3's axis is MTTF in each design's repair times, and no server fails sooner than it is repaired", () => {
    const [server, dht] = shipped(3).series;
    for (const p of server!.points) {
      expectRelative((p.params.mttf as number) / (p.params.mttr as number), p.x, 1e-12);
      expect(p.params.mttf as number).toBeGreaterThan(p.params.mttr as number);
    }
    for (const p of dht!.points) {
      expectRelative((p.params.sessionTime as number) / (p.params.repairTime as number), p.x, 1e-12);
      expect(p.params.sessionTime as number).toBeGreaterThan(p.params.repairTime as number);
    }
  });

  it("knows only the paper's figures", () => {
    expect(() => evaluate("figure", { figure: 5 })).toThrow("figure must be 2, 3 or 4");
  });
});

describe("the shipped figures show what section 5 observes", () => {
  it("Figure 2: the server-based tracker deteriorates quickly under heavy load, where its load crosses 1; the DHT scales", () => {
    const f = shipped(2);
    expect(checkFigure2(f)).toEqual({ server: "collapses", dht: "scales with load" });
    expect(f.observation).toContain("as that load crosses 1");
    const [server, dht] = f.series;
    // The servers end below one nine; the DHT's per-peer load stays far below 1 at every N.
    expect(server!.points.at(-1)!.nines).toBeLessThan(1);
    expect(Math.max(...dht!.points.map((p) => p.rho))).toBeLessThan(0.01);
    expect(f.findings).toMatchObject({ server: { collapses: true }, dht: { collapses: false } });
  });

  it("Figure 3: a longer MTTF helps both, the DHT is the more sensitive, by m/n = 8/3", () => {
    const f = shipped(3);
    const read = checkFigure3(f);
    expect(read).toMatchObject({ helps: "both designs", verdict: "so the DHT is the more sensitive", relation: " ≈ " });
    expect(f.observation).toMatch(/\(ratio 2\.67 ≈ m\/n = 8\/3\)$/);
    expect(f.findings).toMatchObject({ moreSensitive: "dht", matchesReplicas: true, replicas: { n: 3, m: 8 } });
    expect((f.findings as { perDoubling: object }).perDoubling).toEqual(read.slopes);
    // Where availability dominates, each doubling buys replicas × log10 2: at the top of the axis
    // the servers gain 3·log10 2 and the DHT 8·log10 2.
    const [server, dht] = f.series.map((s) => s.points.at(-1)!.nines - s.points.at(-2)!.nines);
    expectRelative(server!, 3 * Math.log10(2), 2e-3);
    expectRelative(dht!, 8 * Math.log10(2), 2e-3);
  });

  it("Figure 4: replication helps both, and the sensitivity is about the same", () => {
    const f = shipped(4);
    const read = checkFigure4(f);
    expect(read).toMatchObject({ helps: "both designs", verdict: "about the same for both designs" });
    // Not a near miss of the 10% threshold: within 1%.
    expect(Math.abs(read.ratio! - 1)).toBeLessThan(0.01);
    expect((f.findings as { perReplica: object }).perReplica).toEqual(read.slopes);
    // One server and one peer are equally unreliable (1/97): a server buys log10 97 nines.
    expectRelative(read.slopes.server, Math.log10(97), 1e-9);
  });
});

describe("a changed preset changes the observation, and it stays true", () => {
  it("Figure 3 with m = n = 3: the sensitivities are equal", () => {
    const f = withPreset(3, (p) => ({ dht: { ...p.dht, m: 3 } }));
    expect(checkFigure3(f)).toMatchObject({ verdict: "about the same for both designs", relation: " ≈ " });
    expect(f.observation).toContain("m/n = 3/3");
    expect(f.observation).not.toBe(shipped(3).observation);
  });

  it("Figure 3 with m = 2: the servers are the more sensitive, and the text says so", () => {
    const f = withPreset(3, (p) => ({ dht: { ...p.dht, m: 2 } }));
    expect(checkFigure3(f)).toMatchObject({ helps: "both designs", verdict: "so the server-based design is the more sensitive" });
    expect(f.observation).toContain("n/m = 3/2");
  });

  it("Figure 3 with blocking dominating the servers (µ = 100/s, h = 20): the ratio is no longer m/n", () => {
    const f = withPreset(3, (p) => ({ server: { ...p.server, mu: 100, h: 20 } }));
    const read = checkFigure3(f);
    expect(read).toMatchObject({ helps: "both designs", verdict: "so the DHT is the more sensitive", relation: ", not " });
    // The servers' gain flattens once blocking (B ≈ 0.02 at ρ = 0.93) outweighs MTTR/MTTF.
    const server = f.series[0]!.points;
    expect(server.at(-1)!.nines - server.at(-2)!.nines).toBeLessThan(0.05);
  });

  it("Figure 3 with an overloaded DHT (µ = 0.05/s, h = 5): the DHT becomes the less sensitive", () => {
    const f = withPreset(3, (p) => ({ dht: { ...p.dht, mu: 0.05, h: 5 } }));
    expect(checkFigure3(f)).toMatchObject({ verdict: "so the server-based design is the more sensitive", relation: ", not " });
  });

  it("Figure 4 on the old presets (servers 720 h, peers 1 h): the servers are the more sensitive, 2.56 against 0.92 nines", () => {
    const f = withPreset(4, (p) => ({ server: { ...p.server, mttf: 720 }, dht: { ...p.dht, sessionTime: 1 } }));
    const read = checkFigure4(f);
    expect(read).toMatchObject({ helps: "both designs", verdict: "so the server-based design is the more sensitive" });
    // −log10 of one node's unreliability: 2/722 for a server, 0.125/1.125 for a peer.
    expectRelative(read.slopes.server, -Math.log10(2 / 722), 1e-9);
    const dht = f.series[1]!.points;
    expect(Math.abs(dht.at(-1)!.nines - dht.at(-2)!.nines + Math.log10(0.125 / 1.125))).toBeLessThan(1e-3);
    expect(f.observation).toContain("each added server buys 2.56 nines and each added DHT replica buys 0.92");
  });

  it("Figure 4 with peers far more available than servers: the DHT is the more sensitive", () => {
    const f = withPreset(4, (p) => ({ dht: { ...p.dht, sessionTime: 1000 } }));
    expect(checkFigure4(f)).toMatchObject({ verdict: "so the DHT is the more sensitive" });
  });

  it("Figure 2 with 30 servers: they never reach full load and scale too", () => {
    const f = withPreset(2, (p) => ({ server: { ...p.server, n: 30 } }));
    expect(checkFigure2(f)).toEqual({ server: "scales with load", dht: "scales with load" });
  });

  it("Figure 2 with peers answering 0.01 lookups/s: the DHT is overloaded at every N", () => {
    const f = withPreset(2, (p) => ({ dht: { ...p.dht, mu: 0.01 } }));
    expect(checkFigure2(f)).toEqual({ server: "collapses", dht: "is overloaded" });
    expect(f.observation).toContain("at or above 1 from N = 1000,");
  });

  it("Figure 2 with peers answering 0.068 or 0.06 lookups/s: the DHT declines gradually as its load nears or passes 1", () => {
    for (const mu of [0.068, 0.06]) {
      const f = withPreset(2, (p) => ({ dht: { ...p.dht, mu } }));
      expect(checkFigure2(f)).toEqual({ server: "collapses", dht: "declines gradually" });
      expect(f.observation.includes("at or above 1 from N = ")).toBe(mu === 0.06);
    }
  });

  it("Figure 2 with servers queueing 1: blocking grows with the load, they decline gradually; queueing 2 or 10, they collapse", () => {
    const queue = (h: number) => withPreset(2, (p) => ({ server: { ...p.server, h } }));
    expect(checkFigure2(queue(1)).server).toBe("declines gradually");
    expect(checkFigure2(queue(2)).server).toBe("collapses");
    // Earlier than with a queue of 100, and after a drift the text does not count as keeping its nines.
    expect(checkFigure2(queue(10)).server).toBe("collapses");
    expect(queue(10).observation).toMatch(/^the server-based tracker deteriorates quickly under heavy load: it keeps 7\.67 nines up to N = 681300,/);
  });

  it("Figure 2's verdicts do not depend on the axis' density", () => {
    for (const h of [1, 2, 3, 100]) {
      const [sparse, dense] = [13, 49].map((steps) => withPreset(2, (p) => ({ server: { ...p.server, h }, axis: { ...p.axis, steps } })));
      expect(checkFigure2(sparse!).server, `h = ${h}`).toBe(checkFigure2(dense!).server);
    }
  });

  it("Figure 2 from N = 2e6, or with a tenfold load: the servers collapse where the text says", () => {
    const late = withPreset(2, () => ({ axis: { from: 2e6, to: 1e7, steps: 9 } }));
    expect(checkFigure2(late).server).toBe("collapses");
    expect(late.observation).toMatch(/^the server-based tracker deteriorates quickly under heavy load: it loses fastest between N = 2e6 and/);
    const heavy = withPreset(2, (p) => ({ lookupsPerPeerHour: 10 * p.lookupsPerPeerHour }));
    expect(checkFigure2(heavy).server).toBe("collapses");
    expect(heavy.observation).not.toBe(shipped(2).observation);
  });
});
