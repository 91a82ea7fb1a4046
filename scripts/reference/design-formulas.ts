/**
 * The designs and P_served as their textbook formulas, in arbitrary precision (see formulas.ts for
 * the conventions). Every derived quantity is formed from the exact inputs: λ = arrivalRate ×
 * lookupsPerPeer, N = arrivalRate × session × 3600, S = f·N, k = k(N) by the real logarithm,
 * ρ = λ·k/(N·µ); nothing is rounded to a double on the way, so a product that rounds ρ near 1 shows.
 */
import type Decimal from "decimal.js";
import { exact, type Outputs } from "./exact";
import { mm1hTextbook, num, pathLengthOf, type Params, type Reference } from "./formulas";

const SECONDS_PER_HOUR = 3600;

/** Up to this capacity P_served is summed term by term, as defined; beyond it, by its geometric sums. */
const SUMMED_UP_TO = 2000;

/**
 * P_served = Σ_{j<h} p_j/(1 − p_h)·a^{j+1}, p_j ∝ ρ^j, a = µ/(µ + ν), ν = 1/(3600·MTTF): the
 * definition itself for h ≤ 2000; above, a·S(ρa)/S(ρ) with S(z) = Σ_{j<h} z^j = (1 − z^h)/(1 − z).
 * For moderate h both are computed and must agree, so the closed form is checked by the sum.
 */
function servedTextbook(D: Decimal.Constructor, rho: Decimal, h: number, mu: Decimal, mttfHours: Decimal): Decimal {
  const nu = new D(1).div(mttfHours.times(SECONDS_PER_HOUR));
  const a = mu.div(mu.plus(nu));
  const closed = a.times(geometricSum(D, rho.times(a), h)).div(geometricSum(D, rho, h));
  if (h > SUMMED_UP_TO) return closed;
  let weights = new D(0);
  let served = new D(0);
  let rhoPower = new D(1);
  let aPower = a;
  for (let j = 0; j < h; j++) {
    weights = weights.plus(rhoPower);
    served = served.plus(rhoPower.times(aPower));
    rhoPower = rhoPower.times(rho);
    aPower = aPower.times(a);
  }
  const summed = served.div(weights);
  // The closed form may lose digits to 1 − z near z = 1 at a low working precision: 25 digits confirm it.
  if (
    summed
      .minus(closed)
      .abs()
      .gt(summed.times(new D(10).pow(-25)))
  )
    throw new Error(`P_served: the sum ${summed} and the closed form ${closed} disagree`);
  return summed;
}

function geometricSum(D: Decimal.Constructor, z: Decimal, h: number): Decimal {
  const one = new D(1);
  return z.eq(1) ? new D(h) : one.minus(z.pow(h)).div(one.minus(z));
}

/** A node of eq. (3): up T/(T + Tr), accepted 1 − B(ρ, h), served (or 1); R = their product, Q = 1 − R. */
function loadedNode(D: Decimal.Constructor, up: Decimal, rho: Decimal, h: number, served: Decimal | undefined) {
  const queue = mm1hTextbook(D, rho, h);
  const reliability = up.times(queue.accepted).times(served ?? 1);
  return { reliability, unreliability: new D(1).minus(reliability), blocking: queue.blocking, served };
}

/** The workload of the designs: λ given, or arrivalRate × lookupsPerPeer. */
function offered(D: Decimal.Constructor, p: Params): Decimal {
  return p.lambda !== undefined ? exact(D, num(p, "lambda")) : exact(D, num(p, "arrivalRate")).times(exact(D, num(p, "lookupsPerPeer")));
}

/** N given, or Little's law: arrivalRate × session (h) × 3600. */
function population(D: Decimal.Constructor, p: Params, session: string): Decimal {
  return p.N !== undefined
    ? exact(D, num(p, "N"))
    : exact(D, num(p, "arrivalRate"))
        .times(exact(D, num(p, session)))
        .times(SECONDS_PER_HOUR);
}

const includesServed = (p: Params) => p.pserved === "include";

/** The sites of a case, or undefined: A = siteMttf/(siteMttf + siteMttr), U = 1 − A. */
function sitesOf(D: Decimal.Constructor, p: Params): { count: number; up: Decimal; down: Decimal } | undefined {
  if (p.sites === undefined) return undefined;
  const mttf = exact(D, num(p, "siteMttf"));
  const up = mttf.div(mttf.plus(exact(D, num(p, "siteMttr"))));
  return { count: num(p, "sites"), up, down: new D(1).minus(up) };
}

/** Every up/down state of s sites, bit j set when site j is up, with its probability Π_j (A or U). */
function siteStates(D: Decimal.Constructor, sites: { count: number; up: Decimal; down: Decimal }): { up: (j: number) => boolean; probability: Decimal }[] {
  const states = [];
  for (let state = 0; state < 2 ** sites.count; state++) {
    const up = (j: number) => ((state >> j) & 1) === 1;
    let probability = new D(1);
    for (let j = 0; j < sites.count; j++) probability = probability.times(up(j) ? sites.up : sites.down);
    states.push({ up, probability });
  }
  return states;
}

/**
 * DS+M+U over sites, by the states: server i sits in site i mod s, and a lookup fails when every
 * server of every up site fails, Q = Σ_σ P(σ)·Π_{i: site up} q. No product over sites is assumed.
 */
function serversOverSites(D: Decimal.Constructor, p: Params, server: Decimal): Decimal {
  const sites = sitesOf(D, p)!;
  let failure = new D(0);
  for (const state of siteStates(D, sites)) {
    let allFail = state.probability;
    for (let i = 0; i < num(p, "n"); i++) if (state.up(i % sites.count)) allFail = allFail.times(server);
    failure = failure.plus(allFail);
  }
  return failure;
}

/**
 * DS+DHT+A over sites, by the states and the start sites: replica t of an object starting at site o
 * sits in site (o + t) mod s; a hop fails when every replica fails, an up site's replica with q, a
 * down site's surely; given σ the k hops are independent: R = Σ_σ P(σ)·(1 − q̄(σ))^k, with the hop's
 * failure q̄(σ) averaged over the s starts, and E_σ[q̄] reported as the hop's.
 */
function pathOverSites(D: Decimal.Constructor, p: Params, node: Decimal, k: Decimal): { success: Decimal; hop: Decimal } {
  const sites = sitesOf(D, p)!;
  const m = num(p, "m");
  let success = new D(0);
  let hop = new D(0);
  for (const state of siteStates(D, sites)) {
    let failure = new D(0);
    for (let o = 0; o < sites.count; o++) {
      let allFail = new D(1);
      for (let t = 0; t < m; t++) if (state.up((o + t) % sites.count)) allFail = allFail.times(node);
      failure = failure.plus(allFail);
    }
    failure = failure.div(sites.count);
    hop = hop.plus(state.probability.times(failure));
    success = success.plus(state.probability.times(new D(1).minus(failure).pow(k)));
  }
  return { success, hop };
}

/** DS+M+U: ρ = λ/(n·µ), Rs = Pup·(1 − B)·[Pserved], Q = (1 − Rs)^n (over sites: by their states), R = 1 − Q. */
function dsmu(p: Params): Reference {
  const n = num(p, "n");
  const h = num(p, "h");
  return {
    formula: (D) => {
      const [mttf, mttr, mu] = ["mttf", "mttr", "mu"].map((name) => exact(D, num(p, name))) as [Decimal, Decimal, Decimal];
      const lambda = offered(D, p);
      const rho = lambda.div(mu.times(n));
      const served = includesServed(p) ? servedTextbook(D, rho, h, mu, mttf) : undefined;
      const server = loadedNode(D, mttf.div(mttf.plus(mttr)), rho, h, served);
      const failure = p.sites === undefined ? server.unreliability.pow(n) : serversOverSites(D, p, server.unreliability);
      const out: Outputs = {
        value: new D(1).minus(failure),
        unreliability: failure,
        lambda,
        rho,
        blocking: server.blocking,
        serverUnreliability: server.unreliability,
      };
      if (served) out.Pserved = served;
      const sites = sitesOf(D, p);
      if (sites) {
        out.siteAvailability = sites.up;
        out.serversPerSite = new D(Math.ceil(n / sites.count));
      }
      return out;
    },
    exactZeros: [],
  };
}

interface DhtNodes {
  /** The tracker nodes (peers, supernodes, servers) and, when derived, the output that reports them. */
  nodes: (D: Decimal.Constructor) => Decimal;
  reported?: string;
  /** The parameter holding the nodes' mean lifetime (h), and the one holding the repair time. */
  lifetime: string;
  repair: string;
}

/** A DHT design: k = k(nodes) unless given, ρ = λ·k/(nodes·µ) unless given, R = (1 − q_node^m)^k (over sites: by their states). */
function dhtDesign(p: Params, design: DhtNodes): Reference {
  const h = num(p, "h");
  const m = num(p, "m");
  return {
    formula: (D) => {
      const nodes = design.nodes(D);
      const mu = exact(D, num(p, "mu"));
      const k = p.k !== undefined ? exact(D, num(p, "k")) : pathLengthOf(D, nodes, p);
      const lambda = p.rho === undefined ? offered(D, p) : undefined;
      const rho = p.rho !== undefined ? exact(D, num(p, "rho")) : lambda!.times(k).div(nodes.times(mu));
      const mttf = exact(D, num(p, design.lifetime));
      const up = mttf.div(mttf.plus(exact(D, num(p, design.repair))));
      const served = includesServed(p) ? servedTextbook(D, rho, h, mu, mttf) : undefined;
      const node = loadedNode(D, up, rho, h, served);
      const sites = sitesOf(D, p);
      const overSites = sites ? pathOverSites(D, p, node.unreliability, k) : undefined;
      const hop = overSites ? overSites.hop : node.unreliability.pow(m);
      const success = overSites ? overSites.success : new D(1).minus(hop).pow(k);
      const out: Outputs = {
        value: success,
        unreliability: new D(1).minus(success),
        k,
        rho,
        blocking: node.blocking,
        nodeUnreliability: node.unreliability,
        hopUnreliability: hop,
      };
      if (lambda) out.lambda = lambda;
      if (sites) out.siteAvailability = sites.up;
      if (design.reported) out[design.reported] = nodes;
      if (served) out.Pserved = served;
      return out;
    },
    exactZeros: [],
  };
}

function pdhta(p: Params): Reference {
  return dhtDesign(p, { nodes: (D) => population(D, p, "sessionTime"), reported: "N", lifetime: "sessionTime", repair: "repairTime" });
}

function dsdhta(p: Params): Reference {
  return dhtDesign(p, { nodes: (D) => exact(D, num(p, "servers")), lifetime: "mttf", repair: "mttr" });
}

function sndhta(p: Params): Reference {
  const supernodes = (D: Decimal.Constructor) =>
    p.supernodes !== undefined ? exact(D, num(p, "supernodes")) : population(D, p, "peerSessionTime").times(exact(D, num(p, "supernodeFraction")));
  return dhtDesign(p, { nodes: supernodes, reported: "supernodes", lifetime: "sessionTime", repair: "repairTime" });
}

/** 1 − P_served by the definition; the model reports it as its unreliability. */
function pserved(p: Params): Reference {
  const lambda = num(p, "lambda");
  return {
    formula: (D) => {
      const mu = exact(D, num(p, "mu"));
      const rho = exact(D, lambda).div(mu);
      const served = servedTextbook(D, rho, num(p, "h"), mu, exact(D, num(p, "mttf")));
      return { value: served, unreliability: new D(1).minus(served), rho };
    },
    exactZeros: lambda === 0 ? ["rho"] : [],
  };
}

export const designReferences: Readonly<Record<string, (p: Params) => Reference>> = { pserved, dsmu, pdhta, dsdhta, sndhta };
