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
    ...rdhtCases(),
    ...nodeCases(),
    ...blockingCases(),
    ...rsCases(),
    ...availabilityCases(),
    ...mm1hCases(),
    ...pathlengthCases(),
    ...designCases(),
  ];
}
