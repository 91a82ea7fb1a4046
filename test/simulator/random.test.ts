import { describe, expect, it } from "vitest";
import { duration, type DurationFamily } from "../../shared/simulator/distributions";
import { logGamma, Random } from "../../shared/simulator/random";

describe("xoshiro128**", () => {
  it("reproduces the reference generator's outputs from state (1, 2, 3, 4)", () => {
    const random = Random.fromState([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, () => random.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("repeats for a seed and stream, and differs across seeds and streams", () => {
    const draw = (seed: number, stream: number) => {
      const r = new Random(seed, stream);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(draw(42, 3)).toEqual(draw(42, 3));
    expect(draw(42, 3)).not.toEqual(draw(42, 4));
    expect(draw(42, 3)).not.toEqual(draw(43, 3));
    // Seeds beyond 32 bits keep their high word.
    expect(draw(2 ** 32 + 5, 0)).not.toEqual(draw(5, 0));
  });

  it("gives uniforms strictly inside (0, 1) with the right mean and variance", () => {
    const r = new Random(7);
    let sum = 0;
    let sumSquares = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      sum += u;
      sumSquares += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    // Mean 1/2 ± 4 standard errors (sd 0.2887/√n), variance 1/12.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan((4 * 0.2887) / Math.sqrt(n));
    expect(sumSquares / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 3);
  });
});

describe("durations parameterised by their mean", () => {
  it("logGamma matches known values", () => {
    expect(Math.exp(logGamma(5))).toBeCloseTo(24, 10);
    expect(Math.exp(logGamma(0.5))).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(Math.exp(logGamma(1 + 1 / 0.5))).toBeCloseTo(2, 12);
  });

  // E[residual] = E[X²]/(2·E[X]) for the equilibrium residual; E[X²] per family with mean 1:
  // exponential 2, fixed 1, Weibull(k) Γ(1+2/k)/Γ(1+1/k)², log-normal e^{σ²}.
  const cases: { family: DurationFamily; shape: number; secondMoment: number }[] = [
    { family: "exponential", shape: 1, secondMoment: 2 },
    { family: "fixed", shape: 1, secondMoment: 1 },
    { family: "weibull", shape: 0.5, secondMoment: Math.exp(logGamma(5) - 2 * logGamma(3)) },
    { family: "weibull", shape: 2, secondMoment: Math.exp(logGamma(2) - 2 * logGamma(1.5)) },
    { family: "lognormal", shape: 1, secondMoment: Math.E },
  ];
  for (const { family, shape, secondMoment } of cases) {
    it(`${family} (shape ${shape}): mean 3, and the steady-state residual has mean E[X²]/(2E[X])`, () => {
      const d = duration(family, 3, shape);
      const r = new Random(11, 2);
      const n = 200_000;
      let sum = 0;
      let residualSum = 0;
      for (let i = 0; i < n; i++) {
        sum += d.sample(r);
        residualSum += d.sampleResidual(r);
      }
      // Relative tolerances of several standard errors (Weibull 0.5 has the largest variance, sd/mean ≈ 2.2).
      expect(Math.abs(sum / n - 3) / 3).toBeLessThan(0.03);
      const expectedResidual = (secondMoment * 9) / (2 * 3);
      expect(Math.abs(residualSum / n - expectedResidual) / expectedResidual).toBeLessThan(0.05);
    });
  }
});

describe("ziggurat exponential", () => {
  it("matches the exponential law across its range, the tail beyond the base strip included", () => {
    const r = new Random(3);
    const n = 1_000_000;
    const thresholds = [0.01, 0.1, 0.5, 1, 2, 4, 7.7, 9];
    const above = new Array<number>(thresholds.length).fill(0);
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const x = r.standardExponential();
      expect(x).toBeGreaterThanOrEqual(0);
      sum += x;
      sumSquares += x * x;
      thresholds.forEach((t, j) => {
        if (x > t) above[j]! += 1;
      });
    }
    expect(Math.abs(sum / n - 1)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(sumSquares / n - 2)).toBeLessThan(0.02);
    thresholds.forEach((t, j) => {
      // P(X > t) = e^{−t}; within 4 binomial standard errors (at least 3 counts for the far tail).
      const p = Math.exp(-t);
      const tolerance = Math.max(4 * Math.sqrt(n * p * (1 - p)), 3);
      expect(Math.abs(above[j]! - n * p), `P(X > ${t})`).toBeLessThan(tolerance);
    });
  });
});

describe("ziggurat exponential, as first written", () => {
  // The draw as the ziggurat was first written here: a strip's limit, compared with the position.
  // The generator now compares position·width with limit·width from one table, and leaves its rare
  // draws in a typed array; the draws must be the same to the bit.
  function reference(random: Random): () => number {
    const R = 7.697117470131487;
    const AREA = 3.949659822581572e-3;
    const limit = new Uint32Array(256);
    const width = new Float64Array(256);
    const density = new Float64Array(256);
    let edge = R;
    let previous = edge;
    const q = AREA / Math.exp(-edge);
    limit[0] = Math.floor((edge / q) * 2 ** 24);
    width[0] = q / 2 ** 24;
    width[255] = edge / 2 ** 24;
    density[0] = 1;
    density[255] = Math.exp(-edge);
    for (let i = 254; i >= 1; i--) {
      edge = -Math.log(AREA / edge + Math.exp(-edge));
      limit[i + 1] = Math.floor((edge / previous) * 2 ** 24);
      previous = edge;
      density[i] = Math.exp(-edge);
      width[i] = edge / 2 ** 24;
    }
    const uniform = () => (random.nextInt32() + 2147483648.5) / 2 ** 32;
    return () => {
      let word = random.nextInt32();
      let strip = word & 255;
      let position = word >>> 8;
      for (;;) {
        if (position < limit[strip]!) return position * width[strip]!;
        const x = position * width[strip]!;
        if (strip === 0) return R - Math.log(uniform());
        const low = density[strip]!;
        if (low + uniform() * (density[strip - 1]! - low) < Math.exp(-x)) return x;
        word = random.nextInt32();
        strip = word & 255;
        position = word >>> 8;
      }
    };
  }

  it("draws the same numbers to the bit, the tail and the wedges included", () => {
    const fast = new Random(2024, 5);
    const slow = reference(new Random(2024, 5));
    let beyond = 0;
    for (let i = 0; i < 300_000; i++) {
      const x = fast.standardExponential();
      const y = slow();
      if (x !== y) expect(x).toBe(y);
      if (x > 7.697117470131487) beyond++;
    }
    // The base strip's tail, past R, comes up about once in 2,200 draws: both paths were taken.
    expect(beyond).toBeGreaterThan(50);
  });
});
