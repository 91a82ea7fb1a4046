import { z } from "zod";
import { loadOfRates, type Prob } from "../numerics";
import { real, whole } from "../catalog/params";
import { reliabilityResult } from "../catalog/result";
import { defineModel } from "../catalog/types";
import { SECONDS_PER_HOUR } from "./units";

/**
 * P_served, the third factor of eq. (3): the probability that a tracker node stays up until an
 * accepted lookup has been served. The node's lifetime is exponential at rate ν = 1/MTTF; an
 * accepted lookup that finds j lookups ahead of it waits an Erlang(j + 1, µ) time, which the
 * lifetime outlasts with probability a^{j+1}, a = µ/(µ + ν). M/M/1/h arrivals see the stationary
 * p_j ∝ ρ^j (PASTA), and the accepted ones j < h, so
 *
 *   P_served = Σ_{j<h} p_j/(1 − p_h) · a^{j+1} = a · G(ln(ρa)) / G(ln ρ),   G(y) = Σ_{j<h} e^{jy}
 *
 * With x = ln ρ and θ = ln(1 + ν/µ) = −ln a this is P_served = e^{−(θ + D)}, 1 − P_served =
 * −expm1(−(θ + D)), where D = ψ(x) − ψ(x − θ) ≥ 0 and ψ = ln G. Both are then a sum of
 * non-negative terms, so neither cancels however small ν/µ is — provided D is computed as a
 * difference without forming ψ twice (ψ ≈ ln h while D ≈ θ·h/2 can be 1e-16 of it). servedLoss
 * does that in O(1) for any h.
 *
 * An accepted lookup waits about 1 s at 90% load, so a node that lives 360 s on average loses one in 360:
 * Example: λ = 9/s, µ = 10/s, h = 1000, MTTF = 0.1 h
 * → P_served ≈ 0.99723, 1 − P_served ≈ 2.770e-3 (2.56 nines).
 */
export const pserved = defineModel({
  name: "pserved",
  title: "P_served: the node outlives the lookup, eq. (3)",
  group: "queue",
  summary: "Probability that a tracker node stays up until an accepted lookup has been served, from its queue and its lifetime.",
  formula: "P = Σ_{j<h} p_j/(1 − p_h)·(µ/(µ+ν))^(j+1),  ν = 1/MTTF",
  source: "paper eq. (3), the factor it takes as 1",
  params: z.strictObject({
    lambda: real({ description: "lookup arrival rate at the node", unit: "lookups/s", min: 0, max: 1e12, effect: "lowers" }),
    mu: real({ description: "service rate of the node", unit: "lookups/s", min: 1e-9, max: 1e12, effect: "raises" }),
    h: whole({ description: "lookups the node holds at once, the one in service included", min: 1, effect: "lowers" }),
    mttf: real({
      description: "mean lifetime of the node (exponential): its MTTF, or a peer's session time",
      unit: "h",
      min: 0,
      minExclusive: true,
      max: 1e15,
      effect: "raises",
    }),
  }),
  outputs: [{ name: "rho", description: "offered load λ/µ" }],
  reliability: true,
  example: {
    params: { lambda: 9, mu: 10, h: 1000, mttf: 0.1 },
    comment: "a deep queue at 90% load on a node living six minutes",
    expected: { value: "0.99723", unreliability: "2.770e-3", nines: "2.56" },
  },
  compute: ({ lambda, mu, h, mttf }) => {
    const load = loadOfRates(lambda, mu);
    return reliabilityResult(servedProbability(load.ln, lifetimeHazard(mu, mttf), h), { rho: load.rho });
  },
});

/** θ = ln(1 + ν/µ): the node's death rate per service, on the log scale the waits are measured on. */
export function lifetimeHazard(mu: number, mttfHours: number): number {
  return Math.log1p(1 / (SECONDS_PER_HOUR * mttfHours * mu));
}

/** P_served and 1 − P_served from x = ln ρ, θ = ln(1 + ν/µ) and the capacity h. */
export function servedProbability(x: number, theta: number, h: number): Prob {
  if (theta === Infinity) return { p: 0, q: 1 };
  const exponent = -(theta + servedLoss(x, theta, h));
  return { p: Math.exp(exponent), q: -Math.expm1(exponent) };
}

/**
 * D = ψ(x) − ψ(x − θ), ψ(y) = ln Σ_{j<h} e^{jy}, for θ ≥ 0: the log of E[a^J] for the number J of
 * lookups an accepted one finds ahead of it, taken with its sign turned. ψ is smooth, but each
 * closed form of it cancels somewhere, so the interval [x − θ, x] is cut at ±1/h and each piece
 * takes the form that is exact there:
 * - within 1/h of 0, the power series of ln(sinh t / t) (servedLossNearZero);
 * - below −1/h, a ratio of expm1's whose terms are each positive (servedLossBelow);
 * - above 1/h, the mirror image ψ(y) = (h − 1)·y + ψ(−y), which turns it into the piece below.
 * Each piece loses at most a couple of bits, whatever h (1 … 1e9) and θ (1e-31 … 700).
 */
function servedLoss(x: number, theta: number, h: number): number {
  if (h === 1 || x === -Infinity || theta === 0) return 0;
  const c = 1 / h;
  // Which pieces there are is decided from x and θ, never from x − θ, which rounds to x when θ is tiny.
  const low = x - theta; // only summed in the piece near 0, where its rounding is harmless
  let loss = 0;
  if (x <= -c || theta > x + c) {
    loss += x <= -c ? servedLossBelow(-x, theta, h) : servedLossBelow(c, theta - (x + c), h);
  }
  if (x > -c && (x < c || theta > x - c)) {
    const fromLow = theta <= x + c;
    const toX = x < c;
    const width = toX ? (fromLow ? theta : x + c) : fromLow ? theta - (x - c) : 2 * c;
    loss += servedLossNearZero(fromLow ? low : -c, toX ? x : c, width, h);
  }
  if (x > c) {
    const fromLow = theta < x - c;
    const width = fromLow ? theta : x - c;
    // ψ(y) = (h − 1)·y + ψ(−y): the piece [from, x] is (h − 1)·width minus its mirror below −1/h.
    loss += (h - 1) * width - servedLossBelow(fromLow ? low : c, width, h);
  }
  return loss;
}

/**
 * D over [−u − w, −u] for u ≥ 1/h. With A_c = e^{−cu}·expm1(−cw)/expm1(−c(u + w)) and its
 * complement 1 − A_c = expm1(−cu)/expm1(−c(u + w)), ψ's two logarithms give
 * D = ln((1 − A_h)/(1 − A_1)) = log1p((A_1 − A_h)/(1 − A_1)). Every exponent is negative (no
 * overflow), and A_1 − A_h keeps its digits because hu ≥ 1 separates A_h from A_1.
 */
function servedLossBelow(u: number, w: number, h: number): number {
  const spanH = Math.expm1(-h * (u + w));
  const span1 = Math.expm1(-(u + w));
  const aH = (Math.exp(-h * u) * Math.expm1(-h * w)) / spanH;
  const a1 = (Math.exp(-u) * Math.expm1(-w)) / span1;
  const rest1 = Math.expm1(-u) / span1;
  return Math.log1p((a1 - aH) / rest1);
}

/** ln(sinh t / t) = Σ c_n t^{2n}, c_n = 2^{2n}·B_{2n}/(2n·(2n)!), n = 1 … 12: enough for |t| ≤ 1/2. */
const SINHC_LOG_SERIES = [
  0.16666666666666666, -0.005555555555555556, 0.0003527336860670194, -2.6455026455026456e-5, 2.1377799155576935e-6, -1.803670234005331e-7,
  1.5661391322766983e-8, -1.3884130493737299e-9, 1.2504359176004997e-10, -1.1402575602296091e-11, 1.0502923908637557e-12, -9.754877841593701e-14,
];

/**
 * (L(t1) − L(t0))/(t1² − t0²) for L(t) = ln(sinh t / t): Σ c_n·(X^n − Y^n)/(X − Y), X = t1², Y = t0²,
 * where (X^n − Y^n)/(X − Y) = Σ_{i<n} X^i·Y^{n−1−i} is summed as it grows, so the difference of
 * the two L's is never formed.
 */
function sinhcLogSlope(t1: number, t0: number): number {
  const X = t1 * t1;
  const Y = t0 * t0;
  let sigma = 1;
  let yPower = 1;
  let sum = 0;
  for (const coefficient of SINHC_LOG_SERIES) {
    sum += coefficient * sigma;
    yPower *= Y;
    sigma = X * sigma + yPower;
  }
  return sum;
}

/**
 * D over [y0, y1] ⊂ [−1/h, 1/h], width w = y1 − y0 given exactly. With ψ(y) = ln h + (h − 1)·y/2 +
 * L(h·y/2) − L(y/2) and L(t) = ln(sinh t / t), |t| ≤ 1/2:
 *   D = w·[(h − 1)/2 + (y0 + y1)/4 · (h²·S_h − S_1)],  S_c = the slope of L between c·y0/2 and c·y1/2.
 * The bracket's second term is at most a third of its first, so the sum keeps its digits.
 */
function servedLossNearZero(y0: number, y1: number, w: number, h: number): number {
  const slopeH = sinhcLogSlope((h * y1) / 2, (h * y0) / 2);
  const slope1 = sinhcLogSlope(y1 / 2, y0 / 2);
  return w * ((h - 1) / 2 + ((y0 + y1) / 4) * (h * h * slopeH - slope1));
}
