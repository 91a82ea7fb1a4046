/**
 * Cross-check of mm1h/blocking against GNU Octave's queueing package (qsmm1k), from the committed
 * fixture test/fixtures/octave-qsmm1k.json (CI has no Octave; scripts/reference/octave-qsmm1k.ts
 * regenerates it). Every Octave answer is first judged against the 50-digit reference: where Octave
 * is right, ours must agree with it; where it is wrong, the failure must be one of the documented
 * kinds below, and ours must match the reference instead.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { octaveGrid } from "../../scripts/reference/octave-grid";
import { evaluateModel, mismatch, referenceCases, relativeError, RELATIVE_TOLERANCE, type ReferenceCase } from "./fixtures";

type OctaveNumber = number | "NaN" | "Inf" | "-Inf";
interface OctaveCase {
  lambda: number;
  mu: number;
  K: number;
  U: OctaveNumber;
  R: OctaveNumber;
  Q: OctaveNumber;
  X: OctaveNumber;
  p0: OctaveNumber;
  pK: OctaveNumber;
}
const octave = JSON.parse(readFileSync(new URL("../fixtures/octave-qsmm1k.json", import.meta.url), "utf8")) as {
  octave: string;
  queueing: string;
  cases: OctaveCase[];
};

/** qsmm1k's outputs and the mm1h outputs that mean the same thing (p0 has no counterpart). */
const counterpart = { U: "utilization", R: "meanResponseTime", Q: "meanInSystem", X: "throughput", pK: "blocking" } as const;
type OctaveOutput = keyof typeof counterpart;
const compared = Object.keys(counterpart) as OctaveOutput[];

function referenceFor(c: OctaveCase): ReferenceCase {
  const found = referenceCases("mm1h", (r) => r.params.lambda === c.lambda && r.params.mu === c.mu && r.params.h === c.K);
  if (found.length !== 1) throw new Error(`no single reference case for qsmm1k(${c.lambda}, ${c.mu}, ${c.K})`);
  return found[0]!;
}

function ours(c: OctaveCase): Record<string, number> {
  return evaluateModel("mm1h", { lambda: c.lambda, mu: c.mu, h: c.K }) as Record<string, number>;
}

const LARGEST_EXPONENT = Math.log(Number.MAX_VALUE);

/**
 * Where qsmm1k is wrong, and why. It evaluates the textbook formulas as written: ρ^{K+1} overflows
 * once (K+1)·ln ρ > ln(MAX_VALUE) ≈ 709.78 (ρ = 1.5 from K = 1750), 1 − ρ^{K+1} cancels next to
 * ρ = 1, and U = 1 − p0, X = λ(1 − pK) are formed as differences.
 */
const octaveFailures: { kind: string; applies: (c: OctaveCase, output: OctaveOutput) => boolean }[] = [
  {
    kind: "ρ^(K+1) overflows: R and Q are NaN, pK is NaN (or 0 while ρ^K is still finite), X follows pK",
    applies: (c, output) => c.lambda / c.mu > 1 && (c.K + 1) * Math.log(c.lambda / c.mu) > LARGEST_EXPONENT && output !== "U",
  },
  {
    kind: "ρ = 1 ± 1e-12: the mean queue length cancels (Q = K instead of K/2) and pK loses digits from K = 2",
    applies: (c, output) => Math.abs(c.lambda / c.mu - 1) <= 1e-9 && c.lambda !== c.mu && (output === "Q" || output === "R" || (output === "pK" && c.K >= 2)),
  },
  {
    kind: "light load: U = 1 − p0 cancels (0 at ρ = 1e-300, 3e-11 off at ρ = 1e-6)",
    applies: (c, output) => c.lambda / c.mu <= 1e-6 && output === "U",
  },
  {
    kind: "heavy load: X = λ(1 − pK) cancels, and R = Q/X with it",
    applies: (c, output) => c.lambda / c.mu >= 1e6 && (output === "X" || output === "R"),
  },
];

function expectedFailure(c: OctaveCase, output: OctaveOutput): string | undefined {
  return octaveFailures.find((f) => f.applies(c, output))?.kind;
}

function octaveIsRight(c: OctaveCase, output: OctaveOutput): boolean {
  return mismatch(c[output], referenceFor(c).expect[counterpart[output]]!) === undefined;
}

const label = (c: OctaveCase) => `qsmm1k(${c.lambda}, ${c.mu}, ${c.K})`;

describe(`GNU Octave ${octave.octave}, queueing ${octave.queueing}, qsmm1k`, () => {
  it("fixture covers the whole grid, with a 50-digit reference for every case", () => {
    expect(octave.cases.map((c) => ({ lambda: c.lambda, mu: c.mu, h: c.K }))).toEqual(octaveGrid());
    for (const c of octave.cases) expect(() => referenceFor(c)).not.toThrow();
  });

  it("is wrong exactly where the documented failure kinds say, and right everywhere else", () => {
    const surprises: string[] = [];
    for (const c of octave.cases) {
      for (const output of compared) {
        const right = octaveIsRight(c, output);
        const kind = expectedFailure(c, output);
        if (right && kind) surprises.push(`${label(c)}.${output} is right, though documented as: ${kind}`);
        if (!right && !kind) surprises.push(`${label(c)}.${output} = ${c[output]} is wrong, and no documented kind covers it`);
      }
    }
    expect(surprises).toEqual([]);
  });

  // Both within 1e-12 of the truth, so within 2e-12 of each other.
  it.each(octave.cases.map((c) => [label(c), c] as const))("ours agrees with %s wherever Octave is right", (_name, c) => {
    const mine = ours(c);
    const disagreements = compared
      .filter((output) => octaveIsRight(c, output))
      .map((output) => {
        const theirs = c[output] as number;
        const value = mine[counterpart[output]]!;
        const agree = theirs === 0 ? value === 0 || Math.abs(value) < 1e-299 : relativeError(value, theirs) <= 2 * RELATIVE_TOLERANCE;
        return agree ? undefined : `${output}: ours ${value}, Octave ${theirs}`;
      })
      .filter((d) => d !== undefined);
    expect(disagreements).toEqual([]);
  });

  it.each(octave.cases.filter((c) => compared.some((o) => !octaveIsRight(c, o))).map((c) => [label(c), c] as const))(
    "ours matches the 50-digit reference where %s is wrong",
    (_name, c) => {
      const mine = ours(c);
      const reference = referenceFor(c);
      const problems = compared
        .filter((output) => !octaveIsRight(c, output))
        .map((output) => mismatch(mine[counterpart[output]], reference.expect[counterpart[output]]!))
        .filter((p) => p !== undefined);
      expect(problems).toEqual([]);
    },
  );

  it("returns NaN at ρ = 1.5 for K ≥ 1751 where ours gives B = 1/3", () => {
    for (const K of [1751, 1e4, 1e7]) {
      const c = octave.cases.find((x) => x.lambda === 1.5 && x.K === K)!;
      expect([c.pK, c.R, c.Q, c.X]).toEqual(["NaN", "NaN", "NaN", "NaN"]);
      const mine = ours(c);
      expect(mismatch(mine.blocking, referenceFor(c).expect.blocking!)).toBeUndefined();
      expect(mine.blocking).toBeCloseTo(1 / 3, 15);
      expect(Number.isFinite(mine.meanResponseTime)).toBe(true);
      expect(evaluateModel("blocking", { rho: 1.5, h: K }).value).toBeCloseTo(1 / 3, 15);
    }
  });

  it("returns pK = 0 (and R = NaN) at ρ = 1.5, K = 1750, where the truth is 1/3", () => {
    const c = octave.cases.find((x) => x.lambda === 1.5 && x.K === 1750)!;
    expect(c.pK).toBe(0);
    expect(c.R).toBe("NaN");
    expect(mismatch(ours(c).blocking, referenceFor(c).expect.blocking!)).toBeUndefined();
  });

  it("loses the mean queue length next to ρ = 1, where ours keeps it to 1e-12", () => {
    for (const lambda of [1 - 1e-12, 1 + 1e-12]) {
      for (const c of octave.cases.filter((x) => x.lambda === lambda)) {
        const want = Number(referenceFor(c).expect.meanInSystem);
        expect(relativeError(c.Q as number, want)).toBeGreaterThan(1e-7);
        if (c.K <= 1e4) expect(c.Q).toBe(c.K);
        expect(relativeError(ours(c).meanInSystem!, want)).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
      }
    }
  });
});
