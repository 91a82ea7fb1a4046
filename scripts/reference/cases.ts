/**
 * The inputs the reference fixture covers: each model's valid domain, corners first. Every input
 * is a double as a planner's tool would send it; the reference is the exact function at that double.
 */
import { designCases } from "./design-cases";
import { octaveGrid } from "./octave-grid";
import { type Params, product } from "./formulas";

export interface Case {
  model: string;
  params: Params;
}

/** Probabilities from certain failure to certain success, with the many-nines doubles in between. */
const probabilities = [0, 5e-324, 1e-300, 1e-12, 0.1, 0.5, 0.9, 0.99, 0.999, 0.999999999999, 1 - 2 ** -40, 1 - 2 ** -50, 1 - 2 ** -53, 1];

/** A shorter list for models with three probabilities, whose full product would be thousands of cases. */
const fewProbabilities = [0, 1e-300, 0.5, 0.999999999999, 1 - 2 ** -53, 1];

/** Loads from idle through ρ = 1 ± 1e-12 (and the neighbouring doubles of 1) to heavy overload. */
const loads = [0, 5e-324, 1e-300, 1e-12, 1e-3, 0.5, 0.9, 1 - 1e-12, 1 - 2 ** -53, 1, 1 + 2 ** -52, 1 + 1e-12, 1.0001, 1.5, 2, 10, 1e3, 1e6];

/** Capacities around the textbook overflow at ρ = 1.5 (h = 1750/1751) up to the schema's limit. */
const capacities = [1, 2, 5, 10, 100, 1000, 1750, 1751, 1e4, 1e5, 1e6, 1e7, 1e9];

function rserverCases(): Case[] {
  return product(probabilities, [1, 2, 3, 5, 10, 100, 1e3, 1e6, 1e9]).map(([Rs, n]) => ({ model: "rserver", params: { Rs, n } }));
}

/**
 * A deterministic stream of numbers in [0, 1) (Park and Miller's minimal standard generator), so the
 * long lists below are the same at every run.
 */
function stream(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

/**
 * Members of a mixed fleet: the many-nines doubles, the ones beside 1 (1 − 2^-45, 1 − 2^-53, the
 * double nearest 1 − 1e-15), certain failure and success, the tiny and subnormal.
 */
const memberValues = [0, 5e-324, 1e-300, 1e-12, 0.1, 0.5, 0.9, 0.99, 0.999, 0.999999999999, 1 - 1e-15, 1 - 2 ** -45, 1 - 2 ** -53, 1];

/** Short mixed lists: every pair of members, and triples and longer lists across magnitudes. */
const shortLists: readonly (readonly number[])[] = [
  ...product(memberValues, memberValues).map(([a, b]) => [a, b]),
  [0.9, 0.99, 0.999],
  [1 - 2 ** -45, 1 - 2 ** -45, 1 - 2 ** -45],
  [1 - 2 ** -53, 1 - 2 ** -45, 0.5],
  [5e-324, 1e-300, 1e-12],
  [0, 0, 0],
  [0, 1, 0.5],
  [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8],
  memberValues,
  memberValues.filter((r) => r !== 1),
];

/** A list of `length` members, each drawn from `values`, or for `undefined` any double in [0, scale). */
function drawnList(length: number, values: readonly (number | undefined)[], seed: number, scale = 1): number[] {
  const next = stream(seed);
  return Array.from({ length }, () => values[Math.floor(next() * values.length)] ?? next() * scale);
}

/**
 * 1e4 members that mostly work rarely (1e-4 … 1e-3, some tiny; drawn ones to 3 digits, to keep the
 * fixture short): Q = Π (1 − R_i) ≈ 0.1, where 1e4 rounded factors 1 − R_i would drift.
 */
const longWeakList = drawnList(1e4, [1e-4, 2e-4, 3e-4, 1e-3, 5e-324, 1e-300, 1e-12, undefined], 11, 1e-3).map((r) => Number(r.toPrecision(3)));
/** 1e4 weak members and one of 1 − 2^-45: Q ≈ 2^-45 · e^−Σ R, magnitudes apart in one product. */
const longMixedList = [...longWeakList.slice(0, 9999), 1 - 2 ** -45];
/** 600 members between 0.4 and 0.6: Q ≈ 1e-180 from 600 factors of one size. */
const halfList = drawnList(600, [undefined], 23).map((r) => 0.4 + 0.2 * r);

function rserverListCases(): Case[] {
  return [...shortLists, longWeakList, longMixedList, halfList].map((Rs) => ({ model: "rserver", params: { Rs } }));
}

/**
 * A hop failure (1 − Rp)^m below 1e-400 needs more digits than exact.ts works with to tell 1 − q from 1 in the
 * textbook form, and underflows in double anyway; those combinations are left to rserver's cases,
 * which reach it without cancellation.
 */
function rdhtCases(): Case[] {
  const ks = [0, 0.5, 1, 2.5, 7.3, 20, 100];
  const combos = product(product(probabilities, [1, 2, 3, 10, 1000, 1e6]), ks);
  const resolvable = combos.filter(([[Rp, m]]) => Rp === 1 || m * Math.log10(1 - Rp) >= -400);
  const longPaths = product([0.9, 0.999999999999, 1 - 2 ** -53], [1e6]).map(([Rp, k]) => ({ Rp, m: 2, k }));
  return [...resolvable.map(([[Rp, m], k]) => ({ Rp, m, k })), ...longPaths].map((params) => ({ model: "rdht", params }));
}

/**
 * Rp a list, the same at every hop: the short lists along paths of fractional and long length, and
 * the long lists. As above, lists whose hop failure is below 1e-400 are left to rserver's cases.
 */
function rdhtListCases(): Case[] {
  const resolvable = (Rp: readonly number[]) => Rp.includes(1) || Rp.reduce((sum, r) => sum + Math.log10(1 - r), 0) >= -400;
  // Pairs at one fractional k; a pair that barely works (1 − q below 1e-250) costs the textbook 960
  // digits and is kept only where one member is 0.
  const barely = (Rp: readonly number[]) => Rp.every((r) => r < 1e-250) && !Rp.includes(0);
  const pairs = product(
    shortLists.filter((Rp) => Rp.length === 2 && resolvable(Rp) && !barely(Rp)),
    [2.5],
  );
  const others = product(
    shortLists.filter((Rp) => Rp.length > 2 && resolvable(Rp)),
    [0, 0.5, 1, 2.5, 7.3, 20, 100],
  );
  const long: [readonly number[], number][] = [
    [longWeakList, 1],
    [longMixedList, 7.3],
    [halfList, 2.5],
  ];
  return [...pairs, ...others, ...long].map(([Rp, k]) => ({ model: "rdht", params: { Rp, k } }));
}

/**
 * k of n, identical members: every probability above with small n and every k, and n = 1e4 with k
 * at 1, 2, the middle, near n and n. The reference sums the binomial terms.
 */
function kofnCases(): Case[] {
  const small = product(probabilities, [1, 2, 3, 5, 10, 100]).flatMap(([R, n]) =>
    [...new Set([1, 2, Math.ceil(n / 2), n - 1, n])].filter((k) => k >= 1 && k <= n).map((k) => ({ k, n, R })),
  );
  const big = product([0.5, 0.9, 0.999, 1 - 1e-15, 1 - 2 ** -53, 1e-4, 1e-300], [1, 2, 5000, 9000, 9990, 1e4]).map(([R, k]) => ({ k, n: 1e4, R }));
  return [...small, ...big].map((params) => ({ model: "kofn", params }));
}

/**
 * k of n, mixed members: the short lists at every k; lists of 30 to 200 members drawn from the many-
 * nines values and from any double, at k = 1 (rserver), n (a series) and between; and 1e4 members,
 * one large group of equals with the special values scattered among them (the reference convolves
 * group by group, so a long list of all-distinct members would cost it 1e8 high-precision steps).
 */
function kofnListCases(): Case[] {
  const short = shortLists.flatMap((R) => Array.from({ length: R.length }, (_, i) => ({ k: i + 1, R })));
  const drawn = [30, 60, 200].flatMap((n, i) => [
    drawnList(n, memberValues, 31 + i),
    drawnList(n, [undefined], 41 + i),
    drawnList(n, [...memberValues, undefined, undefined], 51 + i),
  ]);
  const drawnCases = drawn.flatMap((R) =>
    [...new Set([1, 2, Math.ceil(R.length / 3), Math.ceil(R.length / 2), R.length - 1, R.length])].map((k) => ({ k, R })),
  );
  const special = memberValues.filter((r) => r !== 0.999 && r !== 0.5);
  const scattered = (common: number) => Array.from({ length: 1e4 }, (_, i) => (i % 997 === 5 ? special[Math.floor(i / 997) % special.length]! : common));
  const [reliable, even] = [scattered(0.999), scattered(0.5)];
  const long = [...[1, 5000, 9990, 1e4].map((k) => ({ k, R: reliable })), ...[5000, 9990].map((k) => ({ k, R: even }))];
  return [...short, ...drawnCases, ...long].map((params) => ({ model: "kofn", params }));
}

function nodeCases(): Case[] {
  const triples = product(product(fewProbabilities, fewProbabilities), fewProbabilities);
  const withDefault = product([0.999, 1 - 2 ** -53], [0.9999, 1 - 1e-12]).map(([Pup, Pqueued]) => ({ Pup, Pqueued }));
  return [...triples.map(([[Pup, Pqueued], Pserved]) => ({ Pup, Pqueued, Pserved })), ...withDefault].map((params) => ({ model: "node", params }));
}

function blockingCases(): Case[] {
  return product(loads, capacities).map(([rho, h]) => ({ model: "blocking", params: { rho, h } }));
}

/**
 * (λ, µ, n) triples chosen for the ρs = λ/(n·µ) they give: idle, tiny, 0.9 (not exact in binary),
 * just under 1, exactly 1, 1 + 1e-12, 1.5, 1e6 and two loads no double represents exactly.
 */
const serverLoads: [number, number, number][] = [
  [0, 1, 1],
  [1e-300, 1, 1],
  [900, 500, 2],
  [999, 1000, 1],
  [1000, 1000, 1],
  [1000.000000001, 1000, 1],
  [3000, 1000, 2],
  [1e6, 1, 1],
  [1e4, 3, 7],
  [0.7, 0.1, 9],
  [2999.999999997, 1000, 3],
];

function rsCases(): Case[] {
  return product(product([0, 0.5, 0.999, 0.999999999999, 1], serverLoads), [1, 10, 1000, 1e5, 1e7]).map(([[Ps, [lambda, mu, n]], h]) => ({
    model: "rs",
    params: { Ps, lambda, mu, n, h },
  }));
}

function availabilityCases(): Case[] {
  const pairs = product([1e-3, 1, 999, 8760, 1e9, 1e15], [0, 1e-6, 1, 1e3, 1e15]);
  return product(pairs, [undefined, 0, 1e-9, 0.5, 10, 1e6]).map(
    ([[mttf, mttr], t]): Case => ({
      model: "availability",
      params: t === undefined ? { mttf, mttr } : { mttf, mttr, t },
    }),
  );
}

function mm1hCases(): Case[] {
  const arrivals = [0, 1e-300, 0.5, 80, 99.9999999999, 100, 100.0000000001, 150, 1e5, 1e8];
  const own = product(arrivals, [1, 10, 1750, 1751, 1e4, 1e7]).map(([lambda, h]) => ({ lambda, mu: 100, h }));
  // λ/µ next to 1 that no double holds exactly, with deep queues: B and L then follow ln(λ/µ), not
  // the rounded quotient, to h times its rounding error.
  const inexactNearOne = product([2.999999999997, 3.000000000003, 2.9999999999999996], [1e5, 1e7, 1e9]).map(([lambda, h]) => ({ lambda, mu: 3, h }));
  // A node idle to 1e-300 answers in one service time: L = ρ, not 0.
  const nearlyIdle = [
    { lambda: 1e-300, mu: 1e10, h: 10 },
    { lambda: 5e-324, mu: 1, h: 1 },
  ];
  return [...own, ...inexactNearOne, ...nearlyIdle, ...octaveGrid()].map((params) => ({ model: "mm1h", params }));
}

function pathlengthCases(): Case[] {
  const variants: Params[] = [
    { algorithm: "log2" },
    { algorithm: "chord" },
    { algorithm: "kademlia" },
    { algorithm: "kademlia", b: 3 },
    { algorithm: "pastry" },
    { algorithm: "pastry", b: 2 },
    { algorithm: "can" },
    { algorithm: "can", d: 3 },
    { algorithm: "can", d: 10 },
    { algorithm: "onehop" },
  ];
  return product([1, 2, 1e3, 1e6, 123456789, 1e15], variants).map(([N, variant]) => ({ model: "pathlength", params: { N, ...variant } }));
}

export function allCases(): Case[] {
  return [
    ...rserverCases(),
    ...rserverListCases(),
    ...rdhtCases(),
    ...rdhtListCases(),
    ...kofnCases(),
    ...kofnListCases(),
    ...nodeCases(),
    ...blockingCases(),
    ...rsCases(),
    ...availabilityCases(),
    ...mm1hCases(),
    ...pathlengthCases(),
    ...designCases(),
  ];
}
