/**
 * "Handle and return errors from your custom function": Excel shows a custom message only with
 * #VALUE! and #N/A (CustomFunctions.ErrorCode: the other codes take none). So every error a
 * TRACKER function returns carries its reason with one of those two codes. What is checked: the
 * failing calls listed below, driven through the built functions.js as Excel calls it (every error
 * they give); the error paths of cells.ts no such call reaches (a failure that is not the input's,
 * a NaN, a number absent from a result), called directly; and the source of addin/functions, which
 * must name no other CustomFunctions.ErrorCode member or Excel error value.
 */
/// <reference types="custom-functions-runtime" />
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { lookup, plainParams } from "../../shared/index";
import { cellError, excelError, numberCell } from "../../addin/functions/cells";
import { callBuilt, cell, FakeExcelError, repoRoot } from "./built";

const call = callBuilt;
const errorsIn = (result: unknown[][]) => result.flat().filter((v): v is FakeExcelError => v instanceof FakeExcelError);

/** A short simulation (few events), its arguments in the order TRACKER.SIMULATE takes them. */
const simulateParams = plainParams(lookup("simulate"))!;
const small: Record<string, unknown> = { design: "dsmu", n: 2, events: 4000, chunks: 1, seed: 1 };
const simulateArgs = simulateParams.map((p) => (p.name in small ? cell(small[p.name]) : null));

/** Failing calls, one or more per kind of bad input or missing answer, each with the code its reason calls for. */
const failing: { what: string; code: "#VALUE!" | "#N/A"; run: () => unknown[][]; message?: RegExp }[] = [
  { what: "a boolean where a probability belongs", code: "#VALUE!", run: () => call("RSERVER", cell(true), cell(3), null), message: /^Rs must be/ },
  { what: "a probability out of range", code: "#VALUE!", run: () => call("RSERVER", cell(1.5), cell(3), null), message: /got 1\.5$/ },
  { what: "text that is not a number", code: "#VALUE!", run: () => call("RDHT", cell(0.9), cell("three"), cell(5), null), message: /got "three"$/ },
  { what: "a required parameter left out", code: "#VALUE!", run: () => call("RDHT", cell(0.9), cell(3), null, null), message: /^k is required/ },
  { what: "an unknown output", code: "#VALUE!", run: () => call("RSERVER", cell(0.9), cell(3), cell("reliability")), message: /^output must be one of/ },
  { what: "an unknown choice", code: "#VALUE!", run: () => call("PATHLENGTH", cell(1e6), cell("nosuchalgorithm"), null, null, null) },
  {
    what: "a spill above the cap",
    code: "#VALUE!",
    run: () =>
      call(
        "NODE",
        Array.from({ length: 2000 }, () => [0.9]),
        [Array.from({ length: 1000 }, () => 0.99)],
        null,
        null,
      ),
    message: /2000×1000/,
  },
  { what: "a cell outside a shorter range", code: "#N/A", run: () => call("RSERVER", cell(0.9), [[1, 2], [3]], null), message: /outside/ },
  { what: "unbounded nines", code: "#N/A", run: () => call("RSERVER", cell(1), cell(3), cell("nines")), message: /unbounded|unreliability is 0/ },
  { what: "unbounded nines of a DHT", code: "#N/A", run: () => call("RDHT", cell(1), cell(3), cell(5), cell("nines")) },
  {
    what: "a range in a one-cell argument",
    code: "#VALUE!",
    run: () => call("PLAN", [["rserver", "rdht"]], cell("n"), cell(0.999), null, null, null, null),
    message: /single cell/,
  },
  { what: "PLAN of an unknown model", code: "#VALUE!", run: () => call("PLAN", cell("nosuch"), cell("n"), cell(0.999), null, null, null, null) },
  { what: "PLAN with a target above 1", code: "#VALUE!", run: () => call("PLAN", cell("rserver"), cell("n"), cell(2), cell("Rs"), cell(0.99), null, null) },
  { what: "PLAN that nothing reaches", code: "#N/A", run: () => call("PLAN", cell("rserver"), cell("n"), cell(0.99999), cell("Rs"), cell(0), null, null) },
  {
    what: "PLAN's upper end when nothing reaches",
    code: "#N/A",
    run: () => call("PLAN", cell("rserver"), cell("n"), cell(0.99999), cell("Rs"), cell(0), null, cell("upper")),
  },
  {
    what: "PLAN with an unknown output",
    code: "#VALUE!",
    run: () => call("PLAN", cell("rserver"), cell("n"), cell(0.999), cell("Rs"), cell(0.9), null, cell("top")),
  },
  {
    what: "PLAN with names and values that do not pair",
    code: "#VALUE!",
    run: () => call("PLAN", cell("rserver"), cell("n"), cell(0.999), [["Rs", "n"]], [[0.9]], null, null),
    message: /one cell per name/,
  },
  {
    what: "SWEEP of an unknown parameter",
    code: "#VALUE!",
    run: () => call("SWEEP", cell("rserver"), cell("x"), cell(1), cell(2), cell(2), null, null, null, null, null, null, null),
  },
  {
    what: "SWEEP with a listed axis and a last value",
    code: "#VALUE!",
    run: () => call("SWEEP", cell("rserver"), cell("Rs"), [[0.9], [0.99]], cell(1), null, cell("n"), cell(3), null, null, null, null, null),
    message: /must be left out/,
  },
  {
    what: "SWEEP cells whose nines are unbounded",
    code: "#N/A",
    run: () => call("SWEEP", cell("rserver"), cell("Rs"), [[0.9], [1]], null, null, cell("n"), cell(3), null, null, null, null, null),
    message: /unbounded/,
  },
  {
    what: "SIMULATE with an unknown output",
    code: "#VALUE!",
    run: () => call("SIMULATE", ...simulateArgs, cell("speed")),
    message: /^output must name a number/,
  },
  { what: "SIMULATE with a group for output", code: "#VALUE!", run: () => call("SIMULATE", ...simulateArgs, cell("interval95")), message: /interval95\.0/ },
  {
    what: "a linked data type with no single value",
    code: "#VALUE!",
    run: () => call("RSERVER", cell({ type: "Entity", text: "Seattle", properties: {} }), cell(3), null),
  },
  { what: "an error data type", code: "#VALUE!", run: () => call("RSERVER", cell({ type: "Error", basicValue: "#DIV/0!", errorType: "Div0" }), cell(3), null) },
];

/**
 * CustomFunctions.ErrorCode member by member, as @types/custom-functions-runtime declares it: the
 * type fails to compile if a member is added, removed or spelt differently there.
 */
const errorCodeEnum = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const satisfies { readonly [K in keyof typeof CustomFunctions.ErrorCode]: `${(typeof CustomFunctions.ErrorCode)[K]}` };

/** The two members whose message Excel shows, by name and by code: the only ones cells.ts uses. */
const shown = new Set(["invalidValue", "notAvailable", "#VALUE!", "#N/A"]);
/** The members whose message Excel hides: every other one. */
const hiddenMembers = Object.entries(errorCodeEnum).filter(([name]) => !shown.has(name));
/**
 * Excel's other error values (Excel.ErrorCellValue's basicValue): no CustomFunctions.ErrorCode
 * gives them, so source that names one as a literal is a mistake too (text dressed as an error, or
 * a code cast past the type).
 */
const otherExcelErrors = ["#GETTING_DATA", "#SPILL!", "#CALC!", "#BUSY!", "#CONNECT!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#EXTERNAL!"];
const memberNames = new Set(Object.keys(errorCodeEnum));
const codes = new Set([...Object.values(errorCodeEnum), ...otherExcelErrors]);

/**
 * Every ErrorCode member and Excel error code `source` names: identifiers that are a member's
 * name, and string literals that are a name or a code. Read with the TypeScript parser, so that
 * comments do not count (cells.ts names the hidden codes in its own) and every quote style,
 * template literals and `ErrorCode["…"]` do.
 */
function namedCodes(source: string, file = "source.ts"): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && memberNames.has(node.text)) found.push(node.text);
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const text = node.text.trim();
      if (memberNames.has(text) || codes.has(text)) found.push(text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return found;
}
/** What `namedCodes` finds that is neither #VALUE! nor #N/A. */
const hiddenIn = (source: string, file?: string) => namedCodes(source, file).filter((c) => !shown.has(c));

/** Run `body` with CustomFunctions as Excel's runtime provides it: every ErrorCode member, and an Error that records code and message. */
function withRuntime<T>(body: () => T): T {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { Error: FakeExcelError, ErrorCode: errorCodeEnum };
  try {
    return body();
  } finally {
    delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
  }
}

describe("every error a TRACKER function returns", () => {
  it.each(failing.map((f) => [f.what, f] as const))("%s: the code whose message Excel shows, with the reason", (_what, f) => {
    const errors = errorsIn(f.run());
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(["#VALUE!", "#N/A"]).toContain(error.code);
      expect(error.code).toBe(f.code);
      expect(error.message?.trim().length ?? 0).toBeGreaterThan(0);
      if (f.message) expect(error.message).toMatch(f.message);
    }
  });

  it("is #VALUE! with the reason for a failure that is not the input's, and never takes another code", () => {
    withRuntime(() => {
      const failure = cellError(new RangeError("the model diverged")) as unknown as FakeExcelError;
      expect(failure.code).toBe("#VALUE!");
      expect(failure.message).toBe("could not compute: the model diverged");
      expect((excelError("notAvailable", "none") as unknown as FakeExcelError).code).toBe("#N/A");
    });
  });

  // numberCell's error paths, which no failing call above reaches: a NaN is a failure, #VALUE!,
  // whatever reason is given; a number the result lacks (undefined) or does not bound is #N/A, with
  // the caller's reason when there is one.
  it.each([
    { value: Number.NaN, reason: undefined, code: "#VALUE!", message: "could not compute halfWidth95: the result is not a number" },
    { value: Number.NaN, reason: "not this", code: "#VALUE!", message: "could not compute halfWidth95: the result is not a number" },
    { value: undefined, reason: undefined, code: "#N/A", message: "halfWidth95 is not part of this result" },
    { value: undefined, reason: "the simulation gives no interval here", code: "#N/A", message: "the simulation gives no interval here" },
    { value: Number.POSITIVE_INFINITY, reason: undefined, code: "#N/A", message: "halfWidth95 is unbounded here" },
  ])("numberCell($value, reason $reason) is $code: $message", ({ value, reason, code, message }) => {
    const error = withRuntime(() => numberCell(value, "halfWidth95", reason)) as unknown as FakeExcelError;
    expect(error).toBeInstanceOf(FakeExcelError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it("comes from source that names no error code whose message Excel would hide", () => {
    const dir = join(repoRoot, "addin/functions");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    expect(files).toContain("cells.ts");
    for (const file of files) expect(hiddenIn(readFileSync(join(dir, file), "utf8"), file), file).toEqual([]);
    // The scan does read the source: it finds the two codes cells.ts uses, by name and as literals.
    expect(new Set(namedCodes(readFileSync(join(dir, "cells.ts"), "utf8")))).toEqual(shown);
  });

  it.each([...hiddenMembers.map(([name, code]) => [name, code] as const), ...otherExcelErrors.map((code) => ["", code] as const)])(
    "would fail source that used %s %s",
    (name, code) => {
      if (name) {
        expect(hiddenIn(`new CustomFunctions.Error(CustomFunctions.ErrorCode.${name}, "x");`)).toEqual([name]);
        expect(hiddenIn(`const c = CustomFunctions.ErrorCode["${name}"];`)).toEqual([name]);
        expect(hiddenIn(`const errorCodes = { ${name}: "#VALUE!" };`)).toEqual([name]);
      }
      for (const quoted of [`"${code}"`, `'${code}'`, `\`${code}\``]) {
        expect(hiddenIn(`return new runtime.Error(${quoted} as CustomFunctions.ErrorCode, text);`), quoted).toEqual([code]);
      }
      // A comment may name it: cells.ts explains why it uses neither.
      expect(hiddenIn(`// ${name} ${code} takes no message\n/** ${code} */ const a = 1;`)).toEqual([]);
    },
  );
});
