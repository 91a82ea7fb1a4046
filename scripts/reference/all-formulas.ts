/**
 * Every model the reference fixture covers, by name: its textbook formula (formulas.ts for the
 * primitives, design-formulas.ts for the designs and P_served). generate.ts evaluates these, and
 * test/shared/reference.test.ts requires the fixture to hold cases for each.
 */
import { designReferences } from "./design-formulas";
import { type Params, type Reference, references as primitiveReferences } from "./formulas";

export const referenceFormulas: Readonly<Record<string, (p: Params) => Reference>> = { ...primitiveReferences, ...designReferences };
