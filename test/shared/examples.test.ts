/**
 * The worked examples planners read. Each model carries one: `example.params` (what surfaces show
 * and run), and `example.expected`, the numbers it computes as the "Example:" paragraph of the
 * model's doc comment states them. The README and the help print `expected`; this test holds each
 * of those numbers to what the model computes, to the digits it states, and holds the doc comment to
 * the same parameters and numbers. A model's source file is found by the name it defines, so a new
 * model is covered when it joins the catalog.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { models } from "../../shared/index";
import { evaluateModel } from "./fixtures";

const modelsDir = fileURLToPath(new URL("../../shared/models/", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** Each model's source file in shared/models/**, by the name it defines (`defineModel({ name: "…"`). */
const sourceOf = new Map<string, { file: string; source: string }>();
for (const file of sourceFiles(modelsDir)) {
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(/defineModel\(\{\s*name: "([^"]+)"/g)) sourceOf.set(match[1]!, { file: file.slice(modelsDir.length), source });
}

/** The "Example:" paragraphs of a file's doc comments, each as one line (up to the comment's next blank line). */
function exampleParagraphs(source: string): string[] {
  return [...source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\//g)].flatMap((comment) => {
    const lines = comment[1]!.split("\n").map((line) => line.replace(/^\s*\*\s?/, "").trim());
    const start = lines.findIndex((line) => line.startsWith("Example:"));
    if (start < 0) return [];
    const end = lines.findIndex((line, i) => i > start && line === "");
    return [lines.slice(start, end < 0 ? undefined : end).join(" ")];
  });
}

/** Whether `text` states `stated` as a number of its own ("0.9" is not in "0.985362", nor "3" in "1e-3"). */
function statesNumber(text: string, stated: string): boolean {
  const escaped = stated.replace(/[.+]/g, "\\$&");
  return new RegExp(`(?<![\\w.+-])${escaped}(?!\\d|\\.\\d|e[-+]?\\d)`, "i").test(text);
}

/** Every number written in `text`: "100,000" as 100000, "5%" as 5 and 0.05; not the 2 of "log2". */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/(?<![\w.+-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(e[-+]?\d+)?(%?)/gi)].flatMap((m) => {
    const x = Number(`${m[1]!.replace(/,/g, "")}${m[2] ?? ""}${m[3] ?? ""}`);
    return m[4] ? [x, x / 100] : [x];
  });
}

/** Half a unit in the last digit a number is written with: "0.985362" → 5e-7, "2.1e-8" → 5e-10. */
function halfLastDigit(stated: string): number {
  const [mantissa, exponent = "0"] = stated.toLowerCase().split("e");
  const decimals = mantissa!.includes(".") ? mantissa!.split(".")[1]!.length : 0;
  return 0.5 * 10 ** (Number(exponent) - decimals);
}

describe.each(models.map((m) => [m.name, m] as const))("%s example", (name, model) => {
  // Typed as required; read defensively so that a model without it fails here rather than throws.
  const expected: Readonly<Record<string, string>> = model.example.expected ?? {};
  const found = sourceOf.get(name);
  const paragraphs = found ? exampleParagraphs(found.source) : [];

  it("evaluates to finite numbers", () => {
    const result = evaluateModel(name, model.example.params);
    expect(Number.isFinite(result.value)).toBe(true);
    for (const [key, v] of Object.entries(result)) if (typeof v === "number" && key !== "nines") expect(Number.isFinite(v), key).toBe(true);
    if (model.reliability) expect(result.value + result.unreliability!).toBeCloseTo(1, 15);
    expect(model.example.comment.length).toBeGreaterThan(0);
  });

  it("states what it computes: the value (a success rate's unreliability and nines), in outputs the model has", () => {
    expect(model.example.expected, `${name}: example.expected is missing`).toBeDefined();
    const required = model.reliability ? ["unreliability", "nines"] : ["value"];
    expect(required.filter((output) => !(output in expected))).toEqual([]);
    const known = new Set(["value", ...(model.reliability ? ["unreliability", "nines"] : []), ...model.outputs.map((o) => o.name)]);
    expect(Object.keys(expected).filter((output) => !known.has(output))).toEqual([]);
    for (const stated of Object.values(expected)) expect(Number.isFinite(Number(stated)), stated).toBe(true);
  });

  it("computes every number it states, to the digits it states", () => {
    const result = evaluateModel(name, model.example.params) as Record<string, unknown>;
    const wrong = Object.entries(expected)
      .filter(([output, stated]) => {
        const got = result[output];
        return typeof got !== "number" || Math.abs(got - Number(stated)) > halfLastDigit(stated);
      })
      .map(([output, stated]) => `${output}: example says ${stated}, model gives ${String(result[output])}`);
    expect(wrong).toEqual([]);
  });

  it("is the worked example of the doc comment in the model's file: the same parameters and numbers", () => {
    expect(found, `no file in shared/models/ defines ${name}`).toBeDefined();
    const file = found!.file;
    expect(paragraphs.length, `${file}: one doc comment with an "Example:" paragraph`).toBe(1);
    const paragraph = paragraphs[0]!;
    const written = numbersIn(paragraph);
    const unsaid = Object.entries(model.example.params)
      .filter(([, v]) => (typeof v === "number" ? !written.includes(v) : !paragraph.toLowerCase().includes(v.toLowerCase())))
      .map(([param, v]) => `${param} = ${v}`);
    expect(unsaid, `${file}: parameters of example.params its doc comment does not state: ${paragraph}`).toEqual([]);
    const missing = Object.entries(expected)
      .filter(([, stated]) => !statesNumber(paragraph, stated))
      .map(([output, stated]) => `${output} ${stated}`);
    expect(missing, `${file}: numbers of example.expected its doc comment does not state: ${paragraph}`).toEqual([]);
  });
});

describe("reading examples", () => {
  it("judges digits the way they are written", () => {
    expect(halfLastDigit("0.985362")).toBeCloseTo(5e-7, 20);
    expect(halfLastDigit("2.1e-8")).toBeCloseTo(5e-10, 24);
    expect(halfLastDigit("5000")).toBe(0.5);
  });

  it("finds a number only where it is written whole", () => {
    expect(statesNumber("R = 0.985362, Q = 1e-3.", "0.9")).toBe(false);
    expect(statesNumber("Q = 1e-3.", "3")).toBe(false);
    expect(statesNumber("Q = 1e-3, 3 nines.", "3")).toBe(true);
    expect(statesNumber("R ≈ 1 − 7e-7.", "7e-7")).toBe(true);
    expect(numbersIn("100,000 peers, 5% of them, log2 N ≈ 16.6, 1e6, Q = 1e-3")).toEqual([100000, 5, 0.05, 16.6, 1e6, 1e-3]);
  });

  it("finds every model's source file by its name", () => {
    expect(models.map((m) => m.name).filter((name) => !sourceOf.has(name))).toEqual([]);
  });
});
