import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { figuresDir, renderFigureDocs } from "./figure-docs";
import { withCheapestDocs } from "./cheapest-docs";
import { withModelDocs } from "./model-docs";

const root = new URL("../", import.meta.url);

/** Write a file only when its text changes, so a run that changes nothing touches nothing (others may be editing the README). */
function update(file: string, text: string, what: string): void {
  const path = new URL(file, root);
  const changed = !existsSync(path) || readFileSync(path, "utf8") !== text;
  if (changed) writeFileSync(path, text);
  console.log(`${file}: ${what}${changed ? "" : " (unchanged)"}`);
}

update(
  "README.md",
  withCheapestDocs(withModelDocs(readFileSync(new URL("README.md", root), "utf8"))),
  "model reference and the cheapest tool's worked example regenerated from the catalog",
);
mkdirSync(new URL(`${figuresDir}/`, root), { recursive: true });
for (const [file, svg] of renderFigureDocs()) update(file, svg, "drawn from the figure tool");
