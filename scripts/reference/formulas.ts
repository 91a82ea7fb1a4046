/**
 * The models as their textbook formulas, in arbitrary precision.
 *
 * Deliberately the plain forms, as the paper and README.md's Models section write them
 * ((1 − ρ)ρ^h/(1 − ρ^{h+1}), 1 − B, 1 − R), not the expm1/log1p rewrites the product uses: the
 * reference must be able to catch a wrong identity in the product. The cancellation these forms
 * suffer is paid for with working precision (see exact.ts). Only where an unreliability lies beyond any working precision's reach (Q = 0.9^1e6
 * ≈ 1e-45758 is not 1 − R at any affordable precision) is it taken from its defining form instead:
 * (1 − Rs)^n, (1 − Ps) + Ps·B, MTTR/(MTTF + MTTR).
 */
import type Decimal from "decimal.js";
import { exact, type Outputs } from "./exact";

export type Params = Readonly<Record<string, number | string>>;

/** Every pair of an a and a b: the grids the reference cases are drawn from. */
export function product<A, B>(as: readonly A[], bs: readonly B[]): [A, B][] {
  return as.flatMap((a) => bs.map((b): [A, B] => [a, b]));
}

/** One case's formula, and which outputs are zero by structure (see resolve in exact.ts). */
export interface Reference {
  formula: (D: Decimal.Constructor) => Outputs;
  exactZeros: string[];
}

export function num(p: Params, name: string): number {
  const v = p[name];
  if (typeof v !== "number") throw new Error(`reference case needs a number ${name}, got ${String(v)}`);
  return v;
}

/**
 * A success probability and its complement (1 − R unless given). The nines are not recorded: they
 * follow from the unreliability as −log10, to far better than the tests ask, in double precision.
 */
function reliability(D: Decimal.Constructor, success: Decimal, failure = new D(1).minus(success), extra: Outputs = {}): Outputs {
  return { value: success, unreliability: failure, ...extra };
}

function reliabilityZeros(valueIsZero: boolean, unreliabilityIsZero: boolean, others: string[] = []): string[] {
  return [...(valueIsZero ? ["value"] : []), ...(unreliabilityIsZero ? ["unreliability"] : []), ...others];
}

interface Queue {
  blocking: Decimal;
  accepted: Decimal;
  meanInSystem: Decimal;
}

/** M/M/1/h: B = (1 − ρ)ρ^h/(1 − ρ^{h+1}), 1 − B, L = ρ/(1 − ρ) − (h+1)ρ^{h+1}/(1 − ρ^{h+1}); ρ = 1 by its limits. */
export function mm1hTextbook(D: Decimal.Constructor, rho: Decimal, h: number): Queue {
  const one = new D(1);
  if (rho.eq(1)) return { blocking: one.div(h + 1), accepted: new D(h).div(h + 1), meanInSystem: new D(h).div(2) };
  const top = rho.pow(h + 1);
  const blocking = one.minus(rho).times(rho.pow(h)).div(one.minus(top));
  const meanInSystem = rho.div(one.minus(rho)).minus(top.times(h + 1).div(one.minus(top)));
  return { blocking, accepted: one.minus(blocking), meanInSystem };
}

function rserver(p: Params): Reference {
  const Rs = num(p, "Rs");
  const n = num(p, "n");
  return {
    formula: (D) => {
      const failure = new D(1).minus(exact(D, Rs)).pow(n);
      return reliability(D, new D(1).minus(failure), failure);
    },
    exactZeros: reliabilityZeros(Rs === 0, Rs === 1),
  };
}

function rdht(p: Params): Reference {
  const Rp = num(p, "Rp");
  const m = num(p, "m");
  const k = num(p, "k");
  return {
    formula: (D) => {
      const hopFailure = new D(1).minus(exact(D, Rp)).pow(m);
      return reliability(D, new D(1).minus(hopFailure).pow(exact(D, k)), undefined, { hopUnreliability: hopFailure });
    },
    exactZeros: reliabilityZeros(Rp === 0 && k > 0, Rp === 1 || k === 0, Rp === 1 ? ["hopUnreliability"] : []),
  };
}

function node(p: Params): Reference {
  const factors = [num(p, "Pup"), num(p, "Pqueued"), p.Pserved === undefined ? 1 : num(p, "Pserved")];
  return {
    formula: (D) =>
      reliability(
        D,
        factors.reduce((product, f) => product.times(exact(D, f)), new D(1)),
      ),
    exactZeros: reliabilityZeros(
      factors.includes(0),
      factors.every((f) => f === 1),
    ),
  };
}

function blocking(p: Params): Reference {
  const rho = num(p, "rho");
  const h = num(p, "h");
  return {
    formula: (D) => {
      const q = mm1hTextbook(D, exact(D, rho), h);
      return { value: q.blocking, Pqueued: q.accepted };
    },
    exactZeros: rho === 0 ? ["value"] : [],
  };
}

function rs(p: Params): Reference {
  const [Ps, lambda, mu, n, h] = ["Ps", "lambda", "mu", "n", "h"].map((name) => num(p, name)) as [number, number, number, number, number];
  return {
    formula: (D) => {
      const rho = exact(D, lambda).div(exact(D, mu).times(n));
      const q = mm1hTextbook(D, rho, h);
      const up = exact(D, Ps);
      return reliability(D, up.times(q.accepted), new D(1).minus(up).plus(up.times(q.blocking)), { rho, blocking: q.blocking });
    },
    exactZeros: reliabilityZeros(Ps === 0, Ps === 1 && lambda === 0, lambda === 0 ? ["rho", "blocking"] : []),
  };
}

/**
 * A = MTTF/(MTTF + MTTR); with t, A(t) = (µr + λf·e^{−(λf+µr)t})/(λf + µr), λf = 1/MTTF, µr = 1/MTTR
 * (the usual two-term sum over one denominator, so that A(0) is exactly 1), and the unavailability
 * from its own textbook form λf/(λf + µr)·(1 − e^{−(λf+µr)t}).
 */
function availability(p: Params): Reference {
  const mttf = num(p, "mttf");
  const mttr = num(p, "mttr");
  const t = p.t === undefined ? undefined : num(p, "t");
  return {
    formula: (D) => {
      const up = exact(D, mttf);
      const down = exact(D, mttr);
      if (t === undefined) return reliability(D, up.div(up.plus(down)), down.div(up.plus(down)));
      if (mttr === 0) return reliability(D, new D(1));
      const failureRate = new D(1).div(up);
      const repairRate = new D(1).div(down);
      const total = failureRate.plus(repairRate);
      const decay = total.times(exact(D, t)).neg().exp();
      const available = repairRate.plus(failureRate.times(decay)).div(total);
      return reliability(D, available, failureRate.div(total).times(new D(1).minus(decay)));
    },
    exactZeros: reliabilityZeros(false, mttr === 0 || t === 0),
  };
}

/** Octave's qsmm1k(λ, µ, K) quantities; an idle node (λ = 0) answers in one service time, the limit of L/X. */
function mm1h(p: Params): Reference {
  const lambda = num(p, "lambda");
  const mu = num(p, "mu");
  const h = num(p, "h");
  return {
    formula: (D) => {
      const arrivals = exact(D, lambda);
      const service = exact(D, mu);
      const rho = arrivals.div(service);
      const q = mm1hTextbook(D, rho, h);
      const throughput = arrivals.times(q.accepted);
      const meanResponseTime = lambda === 0 ? new D(1).div(service) : q.meanInSystem.div(throughput);
      return {
        value: meanResponseTime,
        rho,
        blocking: q.blocking,
        Pqueued: q.accepted,
        utilization: rho.times(q.accepted),
        throughput,
        meanInSystem: q.meanInSystem,
        meanResponseTime,
      };
    },
    exactZeros: lambda === 0 ? ["rho", "blocking", "utilization", "throughput", "meanInSystem"] : [],
  };
}

/**
 * k(N) for the case's `algorithm` (log2 when left out), with its `b` or `d` (Pastry's b = 4,
 * Kademlia's b = 1 and CAN's d = 2 when left out), never below one node visited.
 */
export function pathLengthOf(D: Decimal.Constructor, nodes: Decimal, p: Params): Decimal {
  return D.max(1, pathFormula(D, nodes, String(p.algorithm ?? "log2"), p));
}

/** The routing algorithms' own formulas, before the floor of one node visited. */
function pathFormula(D: Decimal.Constructor, nodes: Decimal, algorithm: string, p: Params): Decimal {
  const log2 = nodes.ln().div(new D(2).ln());
  switch (algorithm) {
    case "log2":
      return log2;
    case "chord":
      return log2.div(2);
    case "pastry":
    case "kademlia":
      return log2.div(p.b === undefined ? (algorithm === "pastry" ? 4 : 1) : num(p, "b"));
    case "can": {
      const d = p.d === undefined ? 2 : num(p, "d");
      return new D(d).div(4).times(nodes.pow(new D(1).div(d)));
    }
    case "onehop":
      return new D(1);
    default:
      throw new Error(`no reference formula for algorithm ${algorithm}`);
  }
}

function pathlength(p: Params): Reference {
  const N = num(p, "N");
  return {
    formula: (D) => ({ value: pathLengthOf(D, exact(D, N), p) }),
    exactZeros: [],
  };
}

/** The reference of every model the fixture covers, by model name. */
export const references: Readonly<Record<string, (p: Params) => Reference>> = {
  rserver,
  rdht,
  node,
  blocking,
  rs,
  availability,
  mm1h,
  pathlength,
};
