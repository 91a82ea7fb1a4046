/**
 * Every function in the generated functions.json against every rule Microsoft documents for
 * custom function metadata, so that a model added to the catalog cannot break registration. The
 * rules are written out here from the docs, not taken from addin/functions/signatures.ts, so the
 * code that makes the names is not its own judge. Where a page gives no number, the limit here is
 * marked as this project's.
 */
import { describe, expect, it } from "vitest";
import { catalog } from "../../shared/index";
import { excelFunctions, functionId, namespace, readsAsCellReference } from "../../addin/functions/signatures";
import { builtFile } from "./built";

interface Metadata {
  allowCustomDataForDataTypeAny?: boolean;
  functions: {
    id: string;
    name: string;
    description?: string;
    helpUrl?: string;
    parameters: { name: string; description?: string; optional?: boolean; repeating?: boolean; dimensionality?: string; type?: string }[];
    result?: { dimensionality?: string };
  }[];
}
const metadata = JSON.parse(builtFile("functions.json")) as Metadata;
const fns = metadata.functions;

/** Excel's columns end at XFD (16,384) and its rows at 1,048,576. */
function isCellReference(text: string): boolean {
  const a1 = /^([a-z]{1,3})(\d+)$/i.exec(text);
  if (a1) {
    const column = [...a1[1]!.toUpperCase()].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 64), 0);
    const row = Number(a1[2]);
    if (column <= 16384 && row >= 1 && row <= 1048576) return true;
  }
  const r1c1 = /^r(\d+)c(\d+)$/i.exec(text);
  return r1c1 !== null && Number(r1c1[1]) >= 1 && Number(r1c1[1]) <= 1048576 && Number(r1c1[2]) >= 1 && Number(r1c1[2]) <= 16384;
}

/**
 * Excel 4.0 macro functions whose names are plain words or dotted words of the kind a model could
 * be given: from Microsoft's Excel 4.0 macro functions reference, which "Custom functions naming
 * and localization" points to (the reference itself is a PDF, not a list a test can read).
 */
const excel4Macros = new Set(
  `ABSREF ACTIVE.CELL ADD.BAR ADD.COMMAND ADD.MENU ADD.TOOLBAR ALERT APP.TITLE ARGUMENT BEEP BREAK CALL CALLER CANCEL.KEY
  CHECK.COMMAND CREATE.OBJECT CUSTOM.REPEAT CUSTOM.UNDO DELETE.BAR DELETE.COMMAND DELETE.MENU DELETE.TOOLBAR DEREF DIALOG.BOX
  DIRECTORY DOCUMENTS ECHO ELSE ELSE.IF ENABLE.COMMAND ENABLE.TOOL END.IF ERROR EVALUATE EXEC EXECUTE FCLOSE FILE.EXISTS FILES
  FOPEN FOR FOR.CELL FORMULA FPOS FREAD FREADLN FSIZE FWRITE FWRITELN GET.BAR GET.CELL GET.CHART.ITEM GET.DEF GET.DOCUMENT
  GET.FORMULA GET.LINK.INFO GET.NAME GET.NOTE GET.OBJECT GET.TOOL GET.TOOLBAR GET.WINDOW GET.WORKBOOK GET.WORKSPACE GOTO HALT
  HELP INITIATE INPUT LAST.ERROR LINKS MESSAGE NAMES NEXT NOTE OPEN OPEN.DIALOG PAUSE POKE PRESS.TOOL PRINT QUIT REFTEXT
  REGISTER REGISTER.ID RELREF RENAME.COMMAND REQUEST RESTART RESULT RESUME RETURN RUN SAVE SAVE.AS SAVE.DIALOG SAVE.TOOLBAR
  SELECT SEND.KEYS SET.NAME SET.VALUE SHOW.BAR SPELLING.CHECK STEP TERMINATE TEXTREF UNREGISTER VOLATILE WAIT WHILE
  WINDOW.TITLE WINDOWS`.split(/\s+/),
);

describe.each(fns.map((f) => [f.id, f] as const))("TRACKER.%s in functions.json", (_id, fn) => {
  // "Custom functions naming and localization": id and name start with a letter and are at least
  // three characters; the id holds only A–Z, 0–9, underscore and period; the name any Unicode
  // letters, underscore and period (custom-functions-metadata also lets digits through, as in MM1H).
  it("has an id of A–Z, 0–9, _ and . that starts with a letter and is 3 to 128 characters", () => {
    expect(fn.id).toMatch(/^[A-Z][A-Z0-9_.]*$/);
    expect(fn.id.length).toBeGreaterThanOrEqual(3);
    // "Autogenerate JSON metadata for custom functions": at most 128 characters.
    expect(fn.id.length).toBeLessThanOrEqual(128);
  });

  it("has a name of letters, digits, _ and . that starts with a letter and is 3 to 128 characters, the same as its id", () => {
    expect(fn.name).toMatch(/^\p{L}[\p{L}0-9_.]*$/u);
    expect(fn.name.length).toBeGreaterThanOrEqual(3);
    expect(fn.name.length).toBeLessThanOrEqual(128);
    // The same page: without localization, keep name and id the same.
    expect(fn.name).toBe(fn.id);
  });

  it("has a name that reads neither as a cell reference nor as an Excel 4.0 macro function", () => {
    expect(isCellReference(fn.name)).toBe(false);
    expect(isCellReference(fn.id)).toBe(false);
    expect(excel4Macros.has(fn.name.toUpperCase())).toBe(false);
  });

  it("has a description, a help URL and a result, as the metadata reference lists them", () => {
    // "Manually create JSON metadata for custom functions": parameters and result are required.
    expect(Array.isArray(fn.parameters)).toBe(true);
    expect(fn.result?.dimensionality).toBe("matrix");
    expect(fn.description?.trim().length ?? 0).toBeGreaterThan(0);
    expect(fn.helpUrl).toMatch(/^https:\/\//);
    // No length is documented for a description; this project keeps each to 255 characters so the
    // tooltip Excel shows while typing holds the sentence.
    expect(fn.description!.length).toBeLessThanOrEqual(255);
  });

  it("has at most 255 parameters, each named like a JavaScript parameter, unique, described and not a cell reference", () => {
    // 255 arguments is Excel's limit for any function ("Excel specifications and limits").
    expect(fn.parameters.length).toBeLessThanOrEqual(255);
    const names = fn.parameters.map((p) => p.name);
    // Unique as JavaScript needs them (SIMULATE has both n, the servers, and N, the peers).
    expect(new Set(names).size).toBe(names.length);
    for (const p of fn.parameters) {
      // @param names a parameter of the function ("Autogenerate JSON metadata for custom functions").
      expect(p.name, p.name).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
      // Excel shows parameter names in its IntelliSense; none may look like a cell.
      expect(isCellReference(p.name), p.name).toBe(false);
      expect(p.description?.trim().length ?? 0, p.name).toBeGreaterThan(0);
      // This project's limit, as for the description.
      expect(p.description!.length, p.name).toBeLessThanOrEqual(255);
      expect(p.dimensionality, p.name).toBe("matrix");
      expect(p.repeating, p.name).toBeUndefined();
    }
  });

  it("lists its required parameters before its optional ones", () => {
    // A JSDoc/TypeScript parameter list cannot hold a required parameter after an optional one.
    const firstOptional = fn.parameters.findIndex((p) => p.optional === true);
    if (firstOptional >= 0) expect(fn.parameters.slice(firstOptional).every((p) => p.optional === true)).toBe(true);
  });
});

describe("functions.json as a whole", () => {
  it("gives every function an id and a name of its own", () => {
    // "Manually create JSON metadata for custom functions": ids unique in the file; "Custom
    // functions naming and localization": a name another add-in uses shows #REF!, and Excel does not
    // tell names apart by case.
    expect(new Set(fns.map((f) => f.id)).size).toBe(fns.length);
    expect(new Set(fns.map((f) => f.name.toUpperCase())).size).toBe(fns.length);
  });

  it("accepts data types as arguments (allowCustomDataForDataTypeAny) and declares every parameter as any", () => {
    // "Custom functions and data types": with this flag a formatted number or an entity arrives as its JSON.
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    for (const f of fns) for (const p of f.parameters) expect(p.type, `${f.id}.${p.name}`).toBe("any");
  });

  it("has one function per generated signature, so nothing registers that the catalog does not list", () => {
    expect(fns.map((f) => f.id)).toEqual(excelFunctions().map((f) => f.id));
  });

  it("keeps the namespace within the id rules", () => {
    expect(namespace).toMatch(/^[A-Z][A-Z0-9_.]{2,}$/);
  });
});

describe("the one rule that turns a catalog name into an Excel name (functionId)", () => {
  it("spells a name shorter than three characters with its letters joined by underscores: rs is R_S", () => {
    expect(functionId("rs")).toBe("R_S");
    expect(catalog.has("rs")).toBe(true);
    expect(fns.map((f) => f.id)).toContain("R_S");
    expect(fns.map((f) => f.id)).not.toContain("RS");
  });

  it("leaves every other name upper-cased, and refuses a name no rule can make valid, naming the rule", () => {
    expect(functionId("rserver")).toBe("RSERVER");
    expect(functionId("mm1h")).toBe("MM1H");
    expect(() => functionId("x")).toThrow(/shorter than 3 characters/);
    expect(() => functionId("ab1")).toThrow(/reads as a cell reference/);
    expect(() => functionId("r1c1")).toThrow(/reads as a cell reference/);
    expect(() => functionId("1st")).toThrow(/must start with a letter/);
    expect(() => functionId("my-model")).toThrow(/A–Z, 0–9, underscore and period/);
  });

  it("agrees with this test on what reads as a cell reference, at the edges of the sheet", () => {
    const cases = ["A1", "XFD1048576", "XFE1", "A0", "A1048577", "TO2", "R1C1", "R1048576C16384", "R1048577C1", "R1C16385", "R", "RC", "MM1H", "R_S"];
    for (const text of cases) expect(readsAsCellReference(text), text).toBe(isCellReference(text));
    expect(cases.filter(isCellReference)).toEqual(["A1", "XFD1048576", "TO2", "R1C1", "R1048576C16384"]);
  });

  // Written out here, not computed by functionId: every catalog name whose Excel id is not simply
  // the name upper-cased. A catalog name that needs another spelling must be added here.
  const spelledOtherwise: Record<string, string> = { rs: "R_S" };

  it("gives every catalog entry with a function the expected id: the table above, else the name upper-cased", () => {
    const entries = excelFunctions().map((f) => f.entry);
    for (const name of Object.keys(spelledOtherwise)) expect(entries, `${name} has a function`).toContain(name);
    const expected = entries.map((name) => spelledOtherwise[name] ?? name.toUpperCase());
    expect(excelFunctions().map((f) => f.id)).toEqual(expected);
    // The ids Excel registers: the built functions.json, in the same order.
    expect(fns.map((f) => f.id)).toEqual(expected);
  });
});
