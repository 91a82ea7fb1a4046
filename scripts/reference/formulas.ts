/**
 * The models as their textbook formulas, in arbitrary precision.
 *
 * Deliberately the plain forms, as the paper and README.md's Models section write them
 * ((1 − ρ)ρ^h/(1 − ρ^{h+1}), 1 − B, 1 − R), not the expm1/log1p rewrites the product uses: the
 * reference must be able to catch a wrong identity in the product. The cancellation these forms
 * suffer is paid for with working precision (see exact.ts). Only where an unreliability lies beyond any working precision's reach (Q = 0.9^1e6
 * ≈ 1e-45758 is not 1 − R at any affordable precision) is it taken from its defining form instead:
 * (1 − Rs)^n and Π (1 − Rs_i), (1 − Ps) + Ps·B, MTTR/(MTTF + MTTR), and kofn's lower tail Σ_{j<k} P(X = j).
 */
import type Decimal from "decimal.js";
import { exact, type Outputs } from "./exact";

export type Params = Readonly<Record<string, number | string | readonly number[]>>;

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

/**
 * A number-or-list parameter (Rs, Rp, R) as groups of equal members, reliability → how many: the
 * list's members, or the one number `count` times (once without a count).
 */
export function groupsOf(p: Params, name: string, countName: string): ReadonlyMap<number, number> {
  const v = p[name];
  if (!Array.isArray(v)) return new Map([[num(p, name), p[countName] === undefined ? 1 : num(p, countName)]]);
  const groups = new Map<number, number>();
  for (const r of v) groups.set(r, (groups.get(r) ?? 0) + 1);
  return groups;
}

/** The members' reliabilities as exact decimals, each distinct double converted once. */
function exactAll(D: Decimal.Constructor, xs: readonly number[]): Decimal[] {
  const seen = new Map<number, Decimal>();
  return xs.map((x) => seen.get(x) ?? seen.set(x, exact(D, x)).get(x)!);
}

/**
 * The failure of members in parallel: (1 − R)^n for n equal members, and for a list Π (1 − R_i),
 * one factor a member, as the product is written.
 */
function allFail(D: Decimal.Constructor, p: Params, name: string, countName: string): Decimal {
  const v = p[name];
  if (!Array.isArray(v)) return new D(1).minus(exact(D, num(p, name))).pow(p[countName] === undefined ? 1 : num(p, countName));
  return exactAll(D, v).reduce((failure, r) => failure.times(new D(1).minus(r)), new D(1));
}

/** eq. (1): Q = (1 − Rs)^n, or Π (1 − Rs_i) for a list; R = 1 − Q. */
function rserver(p: Params): Reference {
  const groups = groupsOf(p, "Rs", "n");
  return {
    formula: (D) => {
      const failure = allFail(D, p, "Rs", "n");
      return reliability(D, new D(1).minus(failure), failure);
    },
    exactZeros: reliabilityZeros(groups.size === 1 && groups.has(0), groups.has(1)),
  };
}

/** eq. (2): a hop fails with q = (1 − Rp)^m, or Π (1 − Rp_i) for a list; R = (1 − q)^k, Q = 1 − R. */
function rdht(p: Params): Reference {
  const groups = groupsOf(p, "Rp", "m");
  const k = num(p, "k");
  const allZero = groups.size === 1 && groups.has(0);
  const anyOne = groups.has(1);
  return {
    formula: (D) => {
      const hopFailure = allFail(D, p, "Rp", "m");
      return reliability(D, new D(1).minus(hopFailure).pow(exact(D, k)), undefined, { hopUnreliability: hopFailure });
    },
    exactZeros: reliabilityZeros(allZero && k > 0, anyOne || k === 0, anyOne ? ["hopUnreliability"] : []),
  };
}

/**
 * The distribution of how many of m identical members work, the binomial term by term:
 * P(j) = C(m, j)·R^j·(1 − R)^{m−j}.
 */
function binomial(D: Decimal.Constructor, r: Decimal, m: number): Decimal[] {
  const q = new D(1).minus(r);
  const qPowers = [new D(1)];
  for (let i = 1; i <= m; i++) qPowers.push(qPowers[i - 1]!.times(q));
  const terms: Decimal[] = [];
  let choose = new D(1);
  let rPower = new D(1);
  for (let j = 0; j <= m; j++) {
    terms.push(choose.times(rPower).times(qPowers[m - j]!));
    choose = choose.times(m - j).div(j + 1);
    rPower = rPower.times(r);
  }
  return terms;
}

/** The distribution of X + Y for independent X and Y: P(X + Y = s) = Σ_j P(X = j)·P(Y = s − j). */
function convolve(D: Decimal.Constructor, a: readonly Decimal[], b: readonly Decimal[]): Decimal[] {
  const out = Array.from({ length: a.length + b.length - 1 }, () => new D(0));
  a.forEach((x, i) => {
    b.forEach((y, j) => {
      out[i + j] = out[i + j]!.plus(x.times(y));
    });
  });
  return out;
}

/**
 * The distributions computed so far, by working precision and members: the cases of one fleet at
 * several k share one (a fleet of 1e4 takes seconds at each precision).
 */
const distributions = new Map<string, Decimal[]>();
function memo(key: string, compute: () => Decimal[]): Decimal[] {
  return distributions.get(key) ?? distributions.set(key, compute()).get(key)!;
}

/**
 * k of n: P(X = j) for the number X of members that work, the binomial of each group of identical
 * members convolved with the others' (for a list of distinct members, one member at a time: the
 * sum over subsets), then each tail summed as written: R = Σ_{j ≥ k} P(X = j), Q = Σ_{j < k} P(X = j).
 * The convolution costs the product of the groups' sizes, so a long list is one big group and a few
 * others.
 */
function kofn(p: Params): Reference {
  const groups = groupsOf(p, "R", "n");
  const k = num(p, "k");
  const count = (where: (r: number) => boolean) => [...groups].reduce((sum, [r, m]) => sum + (where(r) ? m : 0), 0);
  const working = count((r) => r > 0);
  const bySize = [...groups].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const key = bySize.map(([r, m]) => `${r}×${m}`).join(" ");
  return {
    formula: (D) => {
      const distribution = memo(`${D.precision} ${key}`, () => bySize.map(([r, m]) => binomial(D, exact(D, r), m)).reduce((a, b) => convolve(D, a, b)));
      const sum = (terms: readonly Decimal[]) => terms.reduce((a, b) => a.plus(b), new D(0));
      return {
        value: sum(distribution.slice(k)),
        unreliability: sum(distribution.slice(0, k)),
        expectedWorking: bySize.reduce((total, [r, m]) => total.plus(exact(D, r).times(m)), new D(0)),
      };
    },
    exactZeros: reliabilityZeros(working < k, count((r) => r === 1) >= k, working === 0 ? ["expectedWorking"] : []),
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
  kofn,
  node,
  blocking,
  rs,
  availability,
  mm1h,
  pathlength,
};
