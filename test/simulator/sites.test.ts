/**
 * Servers over sites, event by event: the simulator places server i in site i mod sites, and a
 * site's outage takes its servers down together; the dsmu formula over sites must lie in the
 * simulated 99% interval. Each scenario is time-compressed so that a run sees about a thousand
 * outages of every site (sites up 72 s between outages of 7.2 s or 3.6 s), and the
 * client's timeout (0.05 s) is short against an outage, so a lookup's attempts all see the same sites,
 * as the formula's do. Seeds are fixed: each case is deterministic.
 *
 * The check could fail: the same runs are far from the formula that leaves the sites out, and, where
 * several servers share a site, from the one that gives every server its own site, so the
 * simulator is seen to place its outages as the formula does.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../shared/index";
import { simulate } from "./helpers";

/** Servers up 36 s between 3.6 s repairs; µ = 1000/s with room for 50: at λ = 5/s nothing blocks. */
const servers = { design: "dsmu", mttf: 0.01, mttr: 0.001, mu: 1000, h: 50, lambda: 5, timeout: 0.05, events: 1_000_000 };
/** Sites down 1/11 of the time, in outages twice a server's repair. */
const sites = { siteMttf: 0.02, siteMttr: 0.002 };

const scenarios: { name: string; params: Record<string, unknown> }[] = [
  { name: "one server in one site", params: { ...servers, n: 1, sites: 1, ...sites } },
  { name: "two servers in one site", params: { ...servers, n: 2, sites: 1, ...sites } },
  { name: "two servers, one in each of two sites", params: { ...servers, n: 2, sites: 2, ...sites } },
  { name: "three servers in one site", params: { ...servers, n: 3, sites: 1, ...sites, seed: 2 } },
  { name: "three servers over two sites (2 + 1)", params: { ...servers, n: 3, sites: 2, ...sites, seed: 3 } },
  { name: "three servers, one in each of three sites", params: { ...servers, n: 3, sites: 3, ...sites, seed: 4 } },
  {
    // ρ = 0.8 with room for 5: blocking (B = 0.088) beside the outages; the queue settles in about 0.5 s.
    name: "four servers over three sites (2 + 1 + 1) at ρ = 0.8, sites up 72 s between 3.6 s outages",
    params: { ...servers, n: 4, mu: 10, h: 5, lambda: 32, sites: 3, siteMttf: 0.02, siteMttr: 0.001, events: 2_000_000, seed: 5 },
  },
];

describe("servers over sites: the formula inside the simulated 99% interval", () => {
  it.each(scenarios)("$name", ({ params }) => {
    const r = simulate(params);
    expect(r.departures).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.outagesSeen).toBeGreaterThan(300 * (params.sites as number));
    expect(r.analytic.params).toMatchObject({ sites: params.sites, siteMttf: params.siteMttf, siteMttr: params.siteMttr });
    expect(r.analytic.inside99, `formula ${r.analytic.unreliability}, simulated ${r.unreliability} in [${1 - r.interval99[1]}, ${1 - r.interval99[0]}]`).toBe(
      true,
    );
    // Narrow enough to tell: within a quarter of the formula's unreliability.
    expect(r.halfWidth95).toBeLessThan(0.25 * r.analytic.unreliability);

    const { sites: count, siteMttf, siteMttr, ...rest } = r.analytic.params;
    const outside = (model: Record<string, unknown>) => {
      const value = (evaluate("dsmu", model) as { value: number }).value;
      return value < r.interval99[0] || value > r.interval99[1];
    };
    expect(outside(rest), "the formula without sites").toBe(true);
    if ((count as number) < (rest.n as number)) expect(outside({ ...rest, sites: rest.n, siteMttf, siteMttr }), "a site for every server").toBe(true);
  });

  it("takes the site parameters for dsmu only, all three together, and no more sites than servers", () => {
    const errors = (params: Record<string, unknown>) => {
      try {
        simulate(params);
      } catch (error) {
        return (error as { errors: { path: string; message: string }[] }).errors;
      }
      throw new Error("expected a ValidationError");
    };
    expect(errors({ design: "dsmu", n: 3, sites: 2, siteMttf: 1 })).toEqual([
      { path: "siteMttr", message: "is required with sites and siteMttf: servers over sites need sites, siteMttf and siteMttr" },
    ]);
    expect(errors({ design: "pdhta", sites: 2, siteMttf: 1, siteMttr: 1 }).map((e) => e.path)).toEqual(["sites", "siteMttf", "siteMttr"]);
    expect(errors({ design: "dsmu", n: 3, sites: 4, siteMttf: 1, siteMttr: 1 })).toEqual([
      { path: "sites", message: expect.stringMatching(/^sites cannot exceed n/) },
    ]);
  });

  it("says when a run saw too few outages to measure them", () => {
    const r = simulate({ ...servers, n: 2, sites: 2, siteMttf: 10, siteMttr: 1, events: 20_000 });
    expect(r.notes.join(" ")).toMatch(/the run saw \d+ outages? of sites: too few to measure their share/);
  });

  it("keeps the common-mode outage of all the servers beside the sites, outside the formula", () => {
    const r = simulate({ ...servers, n: 3, sites: 3, ...sites, outageMttf: 0.05, outageMttr: 0.005 });
    expect(r.departures).toEqual(["common-mode outages (correlated failures)"]);
    // The formula counts the sites (5.2e-3) but not the outage of everything at once, down 1/11 of the time.
    expect(r.interval99[1]).toBeLessThan(r.analytic.value);
    expect(r.unreliability).toBeGreaterThan(0.07);
  });
});
