/**
 * Arbitrary-precision evaluation for the reference values: exact doubles in, a number of agreed
 * significant digits out.
 *
 * Two traps this module exists to avoid:
 * - `new Decimal(0.1)` reads the double's shortest round-trip string ("0.1"), not its exact value
 *   0.1000000000000000055511151231257827…; at 1 − 1e-12 that moves 1 − x by parts in 1e4. Inputs
 *   therefore go through their exact binary expansion.
 * - A fixed working precision silently fails where the textbook formula cancels (1 − (1 − Rs)^n for
 *   Rs = 5e-324 needs over a thousand digits). Each case is evaluated at rising precision until two
 *   successive precisions agree to well beyond the digits recorded.
 */
import Decimal from "decimal.js";

/** Significant digits written to the fixture. */
export const RECORDED_DIGITS = 50;

/** Two evaluations must agree to this many digits before the later one is trusted to RECORDED_DIGITS. */
const AGREEMENT_DIGITS = RECORDED_DIGITS + 5;

/**
 * Working precisions tried in turn. 960 digits resolve 1 − x for every double x (the smallest,
 * 4.9e-324, keeps 600 digits) and stay below the 1025 digits of ln 10 that decimal.js's logarithms
 * are limited to.
 */
const PRECISIONS = [80, 160, 320, 480, 960] as const;

/** The exact decimal expansion of a finite double: x = M·2^e = M·5^−e / 10^−e. */
export function exactDecimalString(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`reference inputs must be finite, got ${x}`);
  if (x === 0) return "0";
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const significand = biasedExponent === 0 ? fraction : fraction | (1n << 52n);
  const exponent = Math.max(biasedExponent, 1) - 1075;
  const sign = x < 0 ? "-" : "";
  if (exponent >= 0) return sign + (significand << BigInt(exponent)).toString();
  const scale = -exponent;
  const digits = (significand * 5n ** BigInt(scale)).toString().padStart(scale + 1, "0");
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A Decimal constructor working at `precision` digits, with exponents far beyond any double's. */
export function context(precision: number): Decimal.Constructor {
  return Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15, toExpNeg: -7, toExpPos: 21 });
}

/** The exact value of a double in a context (construction does not round, so every digit is kept). */
export function exact(D: Decimal.Constructor, x: number): Decimal {
  const value = new D(exactDecimalString(x));
  if (value.toNumber() !== x) throw new Error(`exact conversion of ${x} failed`);
  return value;
}

export type Outputs = Record<string, Decimal>;

function agree(a: Decimal, b: Decimal): boolean {
  if (a.isZero() || b.isZero()) return false;
  return a
    .minus(b)
    .abs()
    .lte(b.abs().times(new Decimal(10).pow(-AGREEMENT_DIGITS)));
}

function record(x: Decimal): string {
  return x.isZero() ? "0" : x.toSignificantDigits(RECORDED_DIGITS).toExponential();
}

/**
 * Evaluate `formula` at rising precision until two successive precisions agree on every output.
 * An output named in `exactZeros` is zero by the structure of the formula (Rs = 1 leaves nothing to
 * fail) and must come out exactly 0 at every precision; any other zero is treated as digits not yet
 * resolved, so a cancellation can never pass for a true zero.
 */
export function resolve(formula: (D: Decimal.Constructor) => Outputs, exactZeros: ReadonlySet<string>): Record<string, string> {
  let previous: Outputs | undefined;
  for (const precision of PRECISIONS) {
    const current = formula(context(precision));
    for (const name of exactZeros) {
      if (!current[name]?.isZero()) throw new Error(`${name} should be exactly 0 but is ${current[name]} at ${precision} digits`);
    }
    if (previous) {
      const before = previous;
      const settled = Object.entries(current).every(([name, x]) => exactZeros.has(name) || agree(before[name]!, x));
      if (settled) return Object.fromEntries(Object.entries(current).map(([name, x]) => [name, record(x)]));
    }
    previous = current;
  }
  throw new Error(`no two precisions up to ${PRECISIONS.at(-1)} digits agree to ${AGREEMENT_DIGITS} digits`);
}
