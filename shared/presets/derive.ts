/**
 * The arithmetic that turns a published figure into a parameter, written once so that a preset's
 * number and its test both come from it: a Weibull session law through measured fractions, and its
 * mean (the models and the simulator take a session's mean; the simulator also its shape).
 */
import { logGamma } from "../simulator/random";

/** A measured point of a session law: a fraction of sessions over by `hours`. */
export interface Quantile {
  hours: number;
  fraction: number;
}

/** Weibull shape and scale (hours) of F(t) = 1 − exp(−(t/scale)^shape). */
export interface WeibullFit {
  shape: number;
  scale: number;
}

/** −ln(1 − F): the Weibull's (t/scale)^shape at a fraction F. */
const cumulativeHazard = (fraction: number) => -Math.log1p(-fraction);

/** The Weibull through two measured points. */
export function weibullThrough(a: Quantile, b: Quantile): WeibullFit {
  const shape = Math.log(cumulativeHazard(b.fraction) / cumulativeHazard(a.fraction)) / Math.log(b.hours / a.hours);
  return { shape, scale: a.hours / cumulativeHazard(a.fraction) ** (1 / shape) };
}

/** The Weibull of a given shape through one measured point. */
export function weibullWithShapeThrough(shape: number, point: Quantile): WeibullFit {
  return { shape, scale: point.hours / cumulativeHazard(point.fraction) ** (1 / shape) };
}

/** The mean of a Weibull: scale · Γ(1 + 1/shape). */
export function weibullMean(fit: WeibullFit): number {
  return fit.scale * Math.exp(logGamma(1 + 1 / fit.shape));
}

/** A derived figure as a preset states it: three significant digits (its inputs are rounded figures themselves). */
export function threeDigits(x: number): number {
  return Number(x.toPrecision(3));
}

/** Minutes as the hours the models take. */
export function hoursOfMinutes(minutes: number): number {
  return minutes / 60;
}
