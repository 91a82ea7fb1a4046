/** addin/README.md lists the TRACKER functions; this keeps that list equal to what the build generates. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { excelFunctions, namespace } from "../../addin/functions/signatures";
import { repoRoot } from "./built";

it("addin/README.md lists every TRACKER function with its arguments, in order", () => {
  const readme = readFileSync(join(repoRoot, "addin/README.md"), "utf8");
  const listed = [...readme.matchAll(/^\| `(=TRACKER\.[^`]+)` \| (\w+) \|$/gm)].map((m) => [m[1], m[2]]);
  const generated = excelFunctions().map((f) => [`=${namespace}.${f.id}(${f.args.map((a) => (a.optional ? `[${a.name}]` : a.name)).join(", ")})`, f.entry]);
  expect(listed).toEqual(generated);
});

it("README.md and addin/README.md point planners from Excel's Data Table and Goal Seek to the what-if sheets, SWEEP and PLAN", () => {
  for (const file of ["README.md", "addin/README.md"]) {
    const text = readFileSync(join(repoRoot, file), "utf8").replace(/\s+/g, " ");
    expect(text, file).toMatch(/Data Table[\s\S]{0,200}#CALC![\s\S]{0,120}issue 5940/);
    expect(text, file).toMatch(/Goal Seek[\s\S]{0,120}issue 4745/);
    expect(text, file).toContain("Insert what-if table");
    expect(text, file).toContain("`TRACKER.SWEEP`");
    expect(text, file).toMatch(/`TRACKER\.PLAN`[\s\S]{0,40}the Goal Seek that works/);
    expect(text, file).toMatch(/manifest\.xml, not the unified|manifest\.xml and not the unified manifest/i);
  }
});

it('addin/README.md says what an empty cell gives on each platform, and that "default" leaves a parameter out', () => {
  const text = readFileSync(join(repoRoot, "addin/README.md"), "utf8").replace(/\s+/g, " ");
  expect(text).toMatch(/desktop Excel passes `0` and Excel on the web passes `null`/);
  expect(text).toMatch(/A `0` cannot be told apart from a typed 0, so it is read as 0/);
  expect(text).toMatch(/An omitted argument \(nothing between the commas/);
  expect(text).toContain('The text `"default"`');
  expect(text).toContain("`TRACKER.R_S`");
});
