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
