/**
 * The committed numerical fixtures and the one rule every numerical test judges by.
 * Tests read these files only; scripts/reference/ regenerates them.
 */
import { readFileSync } from "node:fs";
import { evaluate, type ModelResult } from "../../shared/index";

export interface ReferenceCase {
  model: string;
  params: Record<string, number | string | number[]>;
  /** Output name → 50-significant-digit decimal string ("0" when zero by the formula's structure). */
  expect: Record<string, string>;
}

export interface ReferenceFixture {
  generator: string;
  digits: number;
  cases: ReferenceCase[];
}

function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8")) as T;
}

/** REFERENCE_FIXTURE points the tests at a fixture generated elsewhere (generate.ts's REFERENCE_OUT), to try new cases. */
export const reference: ReferenceFixture = process.env.REFERENCE_FIXTURE
  ? (JSON.parse(readFileSync(process.env.REFERENCE_FIXTURE, "utf8")) as ReferenceFixture)
  : readFixture<ReferenceFixture>("reference.json");

/** The accuracy every numerical test asks: the relative error allowed on every compared output. */
export const RELATIVE_TOLERANCE = 1e-12;

/**
 * Below this a reference value is at or past the edge of double precision (subnormals have fewer
 * digits): there the product only has to return a non-negative number at least as tiny.
 */
export const UNDERFLOW = 1e-300;

export function relativeError(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}

/**
 * What is wrong with `got` against a reference decimal string, or undefined when it is right:
 * exactly 0 for a structural zero, tiny and non-negative in the underflow range, else within
 * RELATIVE_TOLERANCE.
 */
export function mismatch(got: unknown, referenceText: string): string | undefined {
  const want = Number(referenceText);
  if (typeof got !== "number" || Number.isNaN(got)) return `got ${String(got)}, want ${referenceText}`;
  if (want === 0) return got === 0 ? undefined : `got ${got}, want exactly 0`;
  if (Math.abs(want) < UNDERFLOW)
    return got >= 0 && got < UNDERFLOW * 10 ? undefined : `got ${got}, want a non-negative value below ${UNDERFLOW * 10} (${referenceText})`;
  const error = relativeError(got, want);
  return error <= RELATIVE_TOLERANCE ? undefined : `got ${got}, want ${referenceText} (relative error ${error.toExponential(2)})`;
}

/** The reference cases of one model, with their params as given to evaluate(). */
export function referenceCases(model: string, where: (c: ReferenceCase) => boolean = () => true): ReferenceCase[] {
  return reference.cases.filter((c) => c.model === model && where(c));
}

/** evaluate() for a model named at run time: its result as the catalog types a model's result. */
export function evaluateModel(name: string, params: unknown): ModelResult {
  return evaluate(name, params) as unknown as ModelResult;
}
