/**
 * Numbers in a planner's terms, for every panel of the task pane. Pure (no DOM), so
 * test/addin/taskpane-format.test.ts holds it to its rules:
 *
 *  - a success rate is a percentage while two significant digits of both it and its complement fit
 *    in four decimals (99.76%, 99.999%, 0.3%); nearer 1 it is 1 − its unreliability (1 − 2.4e-9,
 *    1 − 1.0e-20), never a "100%" that hides the nines;
 *  - an unreliability is in scientific notation to three significant digits (2.38e-9);
 *  - nines have two decimals (8.62), or read "unbounded";
 *  - other numbers keep six significant digits, in scientific notation when tiny or huge, and read
 *    1 − x when they would round to 1.
 */

import { scientific } from "../../shared/index";

/** The most decimals a percentage shows: 99.9979% (four); a success rate that needs more is written 1 − q. */
const maxPercentDecimals = 4;

/** A success rate near 1 as 1 minus its unreliability, to two significant digits: "1 − 1.0e-5". */
export function oneMinus(unreliability: number): string {
  return `1 − ${scientific(unreliability, 2)}`;
}

/** Decimals a percentage needs to show two significant digits of the fraction x (0.0024 → 2: 0.24%). */
function percentDecimals(x: number): number {
  return x > 0 ? Math.max(0, 1 - Math.floor(Math.log10(x * 100))) : 0;
}

function trimZeros(fixed: string): string {
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/**
 * A success rate with its unreliability (computed directly, so exact where `value` rounds to 1):
 * "99.999%" while the percentage has visible digits, else "1 − 2.4e-9"; "100%" only when the
 * unreliability is 0.
 */
export function successRate(value: number, unreliability: number): string {
  if (unreliability <= 0) return "100%";
  if (value <= 0) return "0%";
  const decimals = Math.max(percentDecimals(value), percentDecimals(unreliability));
  if (decimals > maxPercentDecimals) return unreliability < 0.5 ? oneMinus(unreliability) : scientific(value, 2);
  // Near 1 the complement is the precise number: 100 − 100·q keeps its digits.
  const percent = unreliability < 0.5 ? 100 - unreliability * 100 : value * 100;
  return `${trimZeros(percent.toFixed(decimals))}%`;
}

/** An unreliability: scientific notation, three significant digits ("2.38e-9"); 0 and 1 as such. */
export function unreliabilityText(unreliability: number): string {
  if (unreliability === 0 || unreliability === 1) return String(unreliability);
  return scientific(unreliability, 3);
}

/** Nines to two decimals: "8.62"; "unbounded" for a success rate of exactly 1. */
export function ninesText(nines: number): string {
  return nines === Infinity ? "unbounded" : nines.toFixed(2);
}

/** Any other number a panel shows: a model's details, a planned value, a range's ends. */
export function numberText(v: unknown): string {
  if (typeof v !== "number") return String(v);
  if (v === Infinity) return "unbounded";
  if (v === -Infinity) return "−unbounded";
  if (Number.isNaN(v)) return "not a number";
  if (v > 0.99999 && v < 1) return oneMinus(1 - v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e7)) return scientific(v, 3);
  return String(Number(v.toPrecision(6)));
}
