/**
 * Durations of up and down periods, each family parameterised by its MEAN so that a Weibull or
 * log-normal session is comparable with the exponential MTTF of the formulas: only the shape of
 * the distribution changes, never the availability MTTF/(MTTF + MTTR).
 */
import { logGamma, type Random } from "./random";

export const lifetimeFamilies = ["exponential", "weibull", "lognormal"] as const;
export const repairFamilies = ["exponential", "fixed"] as const;
export type DurationFamily = (typeof lifetimeFamilies)[number] | (typeof repairFamilies)[number];

/** A duration law: draw one period, or the rest of a period already under way at a random instant. */
export interface Duration {
  readonly mean: number;
  sample(random: Random): number;
  /**
   * The remaining time of the period in progress at an instant chosen at random in steady state
   * (the equilibrium residual of renewal theory): a length-biased period, times a uniform fraction.
   * Starting every unit this way makes a run stationary from its first event, with no warm-up.
   */
  sampleResidual(random: Random): number;
}

/**
 * A duration of the given family and mean; `shape` is the Weibull shape k or the log-normal σ of
 * ln X (ignored by the others).
 */
export function duration(family: DurationFamily, mean: number, shape = 1): Duration {
  switch (family) {
    case "exponential":
      // Memoryless: the residual is another full period.
      return { mean, sample: (r) => r.exponential(mean), sampleResidual: (r) => r.exponential(mean) };
    case "fixed":
      return { mean, sample: () => mean, sampleResidual: (r) => mean * r.uniform() };
    case "weibull": {
      // E[X] = scale·Γ(1 + 1/k). Length-biasing a Weibull makes (X/scale)^k Gamma(1 + 1/k) instead of Exp(1).
      const scale = mean / Math.exp(logGamma(1 + 1 / shape));
      const inverseShape = 1 / shape;
      return {
        mean,
        sample: (r) => scale * (-Math.log(r.uniform())) ** inverseShape,
        sampleResidual: (r) => scale * r.gamma(1 + inverseShape) ** inverseShape * r.uniform(),
      };
    }
    case "lognormal": {
      // E[X] = e^{µ + σ²/2}; length-biasing shifts ln X by σ².
      const mu = Math.log(mean) - (shape * shape) / 2;
      return {
        mean,
        sample: (r) => Math.exp(mu + shape * r.normal()),
        sampleResidual: (r) => Math.exp(mu + shape * shape + shape * r.normal()) * r.uniform(),
      };
    }
  }
}

/** E[X²] of a period of the given family and mean (shape: the Weibull k or log-normal σ). */
export function secondMoment(family: DurationFamily, mean: number, shape = 1): number {
  switch (family) {
    case "exponential":
      return 2 * mean * mean;
    case "fixed":
      return mean * mean;
    case "weibull":
      return mean * mean * Math.exp(logGamma(1 + 2 / shape) - 2 * logGamma(1 + 1 / shape));
    case "lognormal":
      return mean * mean * Math.exp(shape * shape);
  }
}
