import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderModelDocs, withModelDocs } from "../scripts/model-docs";

describe("README model reference", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

  it("is the block the catalog renders (run `npm run docs` after changing a model)", () => {
    expect(withModelDocs(readme)).toBe(readme);
  });

  it("documents every model's parameters and a computed example", () => {
    const block = renderModelDocs();
    expect(block).toContain("| `Rs` | reliability of one deployed tracker server | probability |");
    expect(block).toContain("`rserver(Rs=0.9, n=3)` → 0.999 (unreliability 0.001, 3 nines)");
  });

  it("starts with the two commands for a fresh machine", () => {
    const firstBlock = readme.slice(readme.indexOf("```sh"), readme.indexOf("```", readme.indexOf("```sh") + 5));
    expect(firstBlock).toContain("npm start");
    expect(firstBlock).toContain("npm test");
  });
});
