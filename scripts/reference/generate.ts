/**
 * Writes test/fixtures/reference.json: 50-digit values of the models at exact double inputs.
 *
 *   npx tsx scripts/reference/generate.ts
 *   REFERENCE_OUT=/tmp/reference.json npx tsx scripts/reference/generate.ts   (elsewhere, to try new cases)
 *
 * Each case is evaluated from its textbook formula (formulas.ts, design-formulas.ts) at rising
 * precision until two precisions agree to 55 digits (exact.ts), then recorded to 50. The fixture is
 * committed; the tests read it and never run this script.
 */
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { allCases } from "./cases";
import { RECORDED_DIGITS, resolve } from "./exact";
import { referenceFormulas } from "./all-formulas";

function decimalVersion(): string {
  const require = createRequire(import.meta.url);
  return (require("decimal.js/package.json") as { version: string }).version;
}

const started = performance.now();
const cases = allCases().map(({ model, params }) => {
  const reference = referenceFormulas[model];
  if (!reference) throw new Error(`no reference formula for ${model}`);
  const { formula, exactZeros } = reference(params);
  try {
    return { model, params, expect: resolve(formula, new Set(exactZeros)) };
  } catch (error) {
    throw new Error(`${model} ${JSON.stringify(params)}: ${(error as Error).message}`);
  }
});

const fixture = {
  about:
    "Reference values of the models at exact double inputs, from the textbook formulas in arbitrary precision. " +
    `Each value was computed at two working precisions that agree to ${RECORDED_DIGITS + 5} significant digits and is recorded to ${RECORDED_DIGITS}. ` +
    'A value of "0" is zero by the formula\'s structure (for example Rs = 1), never an unresolved cancellation.',
  generator: "scripts/reference/generate.ts",
  decimalJs: decimalVersion(),
  digits: RECORDED_DIGITS,
  cases,
};

const target = process.env.REFERENCE_OUT ?? fileURLToPath(new URL("../../test/fixtures/reference.json", import.meta.url));
const text = `${JSON.stringify(fixture, null, 0).replace(/\{"model"/g, '\n{"model"')}\n`;
writeFileSync(target, text);

const perModel = new Map<string, number>();
for (const c of cases) perModel.set(c.model, (perModel.get(c.model) ?? 0) + 1);
console.log(`${cases.length} cases (${[...perModel].map(([m, n]) => `${m} ${n}`).join(", ")})`);
console.log(`${(text.length / 1024).toFixed(0)} KiB written to ${target} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
