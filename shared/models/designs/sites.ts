/**
 * Servers over sites: the correlated failures of the designs on deployed servers (DS+M+U, DS+DHT+A).
 *
 * The paper's servers fail independently. Deployed ones sit in data centres or availability zones,
 * and an outage of a site (power, network, a bad change) takes every server in it down at once.
 * Here the servers are spread round-robin over s sites, server i in site i mod s. A site is up for
 * a mean siteMttf and down for a mean siteMttr (hours), independently of the other sites, so it is
 * up with A = siteMttf/(siteMttf + siteMttr) and down with U = siteMttr/(siteMttf + siteMttr).
 * Inside a site that is up, each server fails on its own with q = 1 − Rs (eq. (4): down, or its
 * queue full).
 *
 * DS+M+U: a lookup fails when every site fails it, and site j, holding n_j servers, fails it when it
 * is down or all of its servers fail:
 *
 *   Q = Π_j (U + A·q^{n_j}),  n_j = ⌈n/s⌉ for the first n mod s sites, ⌊n/s⌋ for the others
 *
 * DS+DHT+A: an object's m replicas are placed across the sites round-robin from a uniformly random
 * one, replica t in site (o + t) mod s, each on its own server there: zone-aware placement, as
 * replicated stores place replicas over racks and zones (not wherever the ring's successors fall,
 * which would put two replicas in one site where the ring wraps). So every site must hold its share,
 * ⌈m/s⌉ ≤ ⌊S/s⌋. An outage reaches every hop of the path at once, so the k hops are independent only
 * given the sites' states σ (each up or down):
 *
 *   R = Σ_σ P(σ)·(1 − q̄(σ))^k,  q̄(σ) = (1/s)·Σ_o Π_{t<m} (site (o + t) mod s down ? 1 : q)
 *
 * which is not the product of per-hop terms: E[X^k] is not E[X]^k.
 *
 * The load stays spread over all the servers as in eq. (4), ρ = λ/(n·µ) (DS+DHT+A: λ·k/(S·µ)),
 * whatever sites are down. What that omits: while a site is down, clients fail over to the other
 * sites' servers, which then carry about s/(s − 1) times their share and block more. Near full load
 * that extra blocking during outages (a fraction U of the time) makes the value optimistic; far
 * from it, it does not show.
 *
 * Example: three servers (MTTF 720 h, MTTR 2 h, µ = 1000/s, h = 100) sharing λ = 2400/s in one site
 * up 8760 h between 4 h outages: Q = U + A·q³ ≈ 4.6e-4 (3.3 nines, the site's own downtime); one
 * server in each of three such sites: Q = (U + A·q)³ ≈ 3.4e-8 (7.5 nines).
 */
import { real, whole } from "../../catalog/params";
import type { FieldError, PartImportance } from "../../catalog/types";
import { availabilityOf, parallelAll, parallelOthers, parallelPower, series, seriesPower, type Prob } from "../../numerics";

/**
 * The most sites a design takes. DS+DHT+A's exact value sums over the sites' 2^s up/down states:
 * at s = 12 the 352 classes of them under rotation, about 0.1 ms here (a site's importance, 2^11
 * states, 0.6 ms); at 16 it would be 4,116 classes, over a millisecond, and a sweep pays that per
 * cell. Twelve is more than any cloud region has availability zones, and more data centres than a
 * tracker spreads over.
 */
export const MAX_SITES = 12;

/** The three parameters as a design receives them: all three given, or none. */
export interface SiteInputs {
  sites?: number | undefined;
  siteMttf?: number | undefined;
  siteMttr?: number | undefined;
}

/** The sites the servers are spread over. */
export interface Sites {
  count: number;
  /** A site's availability A and unavailability U, each its own quotient. */
  up: Prob;
}

const siteNames = ["sites", "siteMttf", "siteMttr"] as const;

/**
 * The parameters, spread into a design after its server parameters. More sites always raise DS+M+U
 * at equal n (log(U + A·q^x) is convex in x, so the more even split fails less). Not so DS+DHT+A:
 * with k > 1 hops, sites that hold everything make the hops fail together, and a path whose hops
 * fail together succeeds more often (for m = 1, k = 2 and perfect servers, one site gives A, two
 * give A² + A·U/2); there `sites` moves the value either way, and declares no effect.
 */
export function siteParams(o: { sitesRaise: boolean }) {
  return {
    sites: whole({
      description:
        "data centres or availability zones the servers are spread over, round-robin (server i in site i mod sites); leave out with siteMttf and siteMttr for servers that fail independently",
      min: 1,
      max: MAX_SITES,
      optional: true,
      ...(o.sitesRaise && { effect: "raises" as const }),
    }),
    siteMttf: real({
      description: "mean time a site stays up between outages; an outage takes down every server in it",
      unit: "h",
      min: 0,
      minExclusive: true,
      max: 1e15,
      optional: true,
      effect: "raises",
    }),
    siteMttr: real({ description: "mean duration of a site outage", unit: "h", min: 0, max: 1e15, optional: true, effect: "lowers" }),
  };
}

/**
 * The rules across the three: given together or not at all, and no more sites than servers (the
 * round-robin would leave a site empty, which is a smaller number of sites).
 */
export function checkSites(p: SiteInputs, servers: number, serversName: "n" | "servers", replicas?: number): FieldError[] {
  // The paper's case first, without a closure: sweeps check the rules for every cell.
  if (p.sites === undefined && p.siteMttf === undefined && p.siteMttr === undefined) return [];
  const missing = siteNames.filter((name) => p[name] === undefined);
  if (missing.length > 0)
    return missing.map((name) => ({
      path: name,
      message: `give sites, siteMttf and siteMttr together (how many sites the servers are spread over, the hours a site stays up between outages, the hours an outage lasts): ${name} is missing`,
    }));
  if (p.sites! > servers)
    return [
      {
        path: "sites",
        message: `sites cannot exceed ${serversName === "n" ? "n, the servers" : "servers"}: got sites = ${p.sites} with ${servers} servers, which would leave a site empty`,
      },
    ];
  // Zone-aware placement puts ⌈m/s⌉ of an object's replicas in a site, each on its own server there.
  if (replicas !== undefined && Math.ceil(replicas / p.sites!) > Math.floor(servers / p.sites!))
    return [
      {
        path: "sites",
        message: `each site must hold its share of an object's m replicas, ⌈m/sites⌉ = ${Math.ceil(replicas / p.sites!)} servers, but with ${servers} servers over ${p.sites} sites the smallest holds ${Math.floor(servers / p.sites!)}: use fewer sites, fewer replicas or more servers`,
      },
    ];
  return [];
}

/** The sites of valid parameters, or undefined when they are left out (the paper's independent servers). */
export function sitesOf(p: SiteInputs): Sites | undefined {
  return p.sites === undefined ? undefined : { count: p.sites, up: availabilityOf(p.siteMttf!, p.siteMttr!) };
}

/** Servers in the largest site: ⌈n/s⌉ (the first n mod s sites; the others hold one fewer). */
export function serversPerSite(n: number, sites: Sites): number {
  return Math.ceil(n / sites.count);
}

/**
 * Each site of DS+M+U as a unit in parallel with the others: up and at least one of its n_j servers
 * working, A·(1 − q^{n_j}); or not, U + A·q^{n_j}. That is the site in series with its servers in
 * parallel, each side a sum or product of non-negative terms.
 */
function siteUnits(server: Prob, n: number, sites: Sites): Prob[] {
  const s = sites.count;
  const fewer = Math.floor(n / s);
  const larger = series(sites.up, parallelPower(server, fewer + 1));
  const smaller = series(sites.up, parallelPower(server, fewer));
  const units: Prob[] = [];
  for (let j = 0; j < s; j++) units.push(j < n % s ? larger : smaller);
  return units;
}

/**
 * DS+M+U over sites: Q = Π_j (U + A·q^{n_j}). The product is parallelAll's double-double, and R is
 * 1 − Q only while Q < 0.5 (exact there); beyond, it is −expm1(Σ_j ln F_j), which never cancels.
 */
export function serversOverSites(server: Prob, n: number, sites: Sites): Prob {
  return parallelAll(siteUnits(server, n, sites));
}

/**
 * Birnbaum importance of each site of DS+M+U: R(site j up) − R(site j down) = Π_{i≠j} F_i·(1 − q^{n_j})
 * (the other sites all fail, and site j's servers save the lookup when it is up), a product of
 * non-negative factors, never a difference: the leave-one-out product of numerics.parallelOthers.
 */
export function serverSiteImportance(server: Prob, n: number, sites: Sites): PartImportance[] {
  const others = parallelOthers(siteUnits(server, n, sites));
  const fewer = Math.floor(n / sites.count);
  const saves = { larger: parallelPower(server, fewer + 1).p, smaller: parallelPower(server, fewer).p };
  return Array.from(others, (rest, j) => ({
    param: "sites",
    index: j,
    part: `site ${j + 1}`,
    reliability: sites.up.p,
    importance: rest * (j < n % sites.count ? saves.larger : saves.smaller),
  }));
}

/** What DS+DHT+A's path over sites gives: its success, and one hop's failure averaged over the sites' states. */
export interface PathOverSites {
  success: Prob;
  hop: Prob;
}

/**
 * A window of m replicas gives each site ⌊m/s⌋ of them and the r = m mod s sites from its start one
 * more, so the product over the window is q^c with c = ⌊m/s⌋·u + w (u sites up, w of them among those
 * r). The table holds q^c and 1 − q^c, each direct, for u = 0..s and w = 0..r at index u·(r + 1) + w.
 */
function windowPowers(server: Prob, m: number, s: number): Prob[] {
  const each = Math.floor(m / s);
  const r = m % s;
  const table: Prob[] = [];
  for (let u = 0; u <= s; u++) for (let w = 0; w <= r; w++) table.push(parallelPower(server, each * u + w));
  return table;
}

/** P(σ) of a state with u of s sites up, by u: A^u·U^(s−u). */
function stateWeights(sites: Sites, s: number): Float64Array {
  const weights = new Float64Array(s + 1);
  for (let u = 0; u <= s; u++) weights[u] = sites.up.p ** u * sites.up.q ** (s - u);
  return weights;
}

/**
 * The next binary necklace (the least of its rotations) after word[1..s], in lexicographic order, by
 * the algorithm of Fredricksen, Kessler and Maiorana; returns its period, which is how many distinct
 * states it stands for, or 0 after the last one (all ones).
 */
function nextNecklace(word: Uint8Array, s: number): number {
  for (;;) {
    let i = s;
    while (i > 0 && word[i] === 1) i--;
    if (i === 0) return 0;
    word[i] = 1;
    for (let j = i + 1; j <= s; j++) word[j] = word[j - i]!;
    if (s % i === 0) return i;
  }
}

/** The smaller of a pair's sides as summed, the larger as its complement: exact to an ulp, and p + q = 1. */
function fromSums(p: number, q: number): Prob {
  return q < 0.5 ? { p: 1 - q, q } : { p, q: 1 - p };
}

/**
 * DS+DHT+A over sites: R = Σ_σ P(σ)·(1 − q̄(σ))^k and Q = Σ_σ P(σ)·(1 − (1 − q̄(σ))^k), each term
 * direct (seriesPower gives both sides of (1 − q̄)^k from q̄ and 1 − q̄, each summed over the windows
 * from non-negative terms), so neither sum cancels.
 *
 * A state and its rotations have the same q̄ (it averages over every start) and the same P(σ) (every
 * site alike), so the sum runs over necklaces, each weighted by its number of rotations: 352 terms
 * instead of 4,096 at s = 12. Every term is non-negative: summed plainly, at most 352 roundings of
 * the total (4e-14).
 */
export function pathOverSites(server: Prob, m: number, sites: Sites, k: number): PathOverSites {
  const s = sites.count;
  const r = m % s;
  const powers = windowPowers(server, m, s);
  const weights = stateWeights(sites, s);
  // word[t] = 1 when site t − 1 is up (the algorithm's words start at 1).
  const word = new Uint8Array(s + 1);
  let value = 0;
  let failure = 0;
  let hopFailure = 0;
  let hopSuccess = 0;
  for (let period = 1; period > 0; period = nextNecklace(word, s)) {
    let up = 0;
    for (let t = 1; t <= s; t++) up += word[t]!;
    const weight = period * weights[up]!;
    if (weight === 0) continue;
    // The windows' products by start o, the count w of up sites among the r sliding by one site.
    let w = 0;
    for (let t = 1; t <= r; t++) w += word[t]!;
    let q = 0;
    let p = 0;
    for (let o = 0; o < s; o++) {
      const product = powers[up * (r + 1) + w]!;
      q += product.q;
      p += product.p;
      w += word[((o + r) % s) + 1]! - word[o + 1]!;
    }
    const hop = { p: p / s, q: q / s };
    const path = seriesPower(hop, k);
    value += weight * path.p;
    failure += weight * path.q;
    hopSuccess += weight * hop.p;
    hopFailure += weight * hop.q;
  }
  return { success: fromSums(value, failure), hop: fromSums(hopSuccess, hopFailure) };
}

/** Site `site` in a state of sites 1..s − 1 (bit site − 1), with site 0 held down. */
function upAt(state: number, site: number): number {
  return site === 0 ? 0 : (state >> (site - 1)) & 1;
}

/**
 * Birnbaum importance of each site of DS+DHT+A. Every site is alike (the start site is uniform), so
 * one value serves all: site 0 is held up and down while the other s − 1 sites run through their
 * 2^(s−1) states. For each state the gain is p̄_up^k − p̄_down^k, which would cancel as written; with
 * Δ = p̄_up − p̄_down = (1/s)·Σ_o q^{c_o}·(1 − q^{m_0(o)}) summed directly (c_o the window's exponent
 * without site 0, m_0(o) the replicas site 0 holds in it), it is p̄_up^k·(1 − e^{−k·ln(1 + Δ/p̄_down)}),
 * a product of non-negative factors (p̄_up^k itself when p̄_down = 0).
 */
export function pathSiteImportance(server: Prob, m: number, sites: Sites, k: number): PartImportance[] {
  const s = sites.count;
  const r = m % s;
  const powers = windowPowers(server, m, s);
  const others = stateWeights(sites, s - 1);
  let importance = 0;
  for (let state = 0; k > 0 && state < 1 << (s - 1); state++) {
    let up = 0;
    for (let site = 1; site < s; site++) up += upAt(state, site);
    let w = 0;
    for (let t = 0; t < r; t++) w += upAt(state, t);
    let pDown = 0;
    let qUp = 0;
    let pUp = 0;
    let delta = 0;
    for (let o = 0; o < s; o++) {
      // Site 0 is among the r sites with one more replica when the window starts at it or wraps onto it.
      const holdsMore = r > 0 && (o === 0 || o > s - r) ? 1 : 0;
      const down = powers[up * (r + 1) + w]!;
      const withSite = powers[(up + 1) * (r + 1) + w + holdsMore]!;
      pDown += down.p;
      pUp += withSite.p;
      qUp += withSite.q;
      delta += down.q * powers[r + 1 + holdsMore]!.p;
      w += upAt(state, (o + r) % s) - upAt(state, o);
    }
    if (delta === 0) continue;
    const gainedFrom = seriesPower({ p: pUp / s, q: qUp / s }, k).p;
    const kept = pDown === 0 ? 1 : -Math.expm1(-k * Math.log1p(delta / pDown));
    importance += others[up]! * gainedFrom * kept;
  }
  const out: PartImportance[] = [];
  for (let j = 0; j < s; j++) out.push({ param: "sites", index: j, part: `site ${j + 1}`, reliability: sites.up.p, importance });
  return out;
}
