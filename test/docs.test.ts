import { existsSync, readdirSync, readFileSync } from "node:fs";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { describeParams, evaluate, models } from "../shared/index";
import { figuresDir, readmeFigures, renderFigureDocs } from "../scripts/figure-docs";
import { renderCheapestDocs, withCheapestDocs } from "../scripts/cheapest-docs";
import { exampleExcelArgs, exampleResultText, renderModelDocs, withModelDocs } from "../scripts/model-docs";

describe("README model reference", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

  it("is the block the catalog renders (run `npm run docs` after changing a model)", () => {
    expect(withModelDocs(readme)).toBe(readme);
  });

  it("documents every model's parameters and a computed example", () => {
    const block = renderModelDocs();
    expect(block).toContain(
      "| `Rs` | reliability of one deployed tracker server, or a list with each server's own | probability | ≥ 0, ≤ 1; or a list of 1 to 10000 such |",
    );
    expect(block).toContain("`rserver(Rs=0.9, n=3)` → 0.999 (unreliability 1e-3, 3 nines)");
  });

  it("shows each example's result as the model's example states it (test/shared/examples.test.ts checks the numbers)", () => {
    const block = renderModelDocs();
    for (const m of models) expect(block).toContain(`\` → ${exampleResultText(m)}\n`);
    expect(exampleResultText(models.find((m) => m.name === "dsmu")!)).toBe("1 − 2.1e-8 (7.7 nines; rho 0.8, Rs 0.99723)");
    expect(exampleResultText(models.find((m) => m.name === "mm1h")!)).toBe("0.03797 (blocking 0.02349, meanInSystem 2.966)");
  });

  it("gives each example's Excel arguments in the function's order, each value on its own parameter", () => {
    for (const m of models) {
      const names = describeParams(m).map((p) => p.name);
      const args = exampleExcelArgs(m).split(", ");
      const given = Object.fromEntries(args.flatMap((arg, i) => (arg === "" ? [] : [[names[i]!, arg.startsWith('"') ? arg.slice(1, -1) : Number(arg)]])));
      expect(given, m.name).toEqual(m.example.params);
    }
    expect(exampleExcelArgs(models.find((m) => m.name === "pdhta")!)).toBe('8, 2, 0.125, 10, 20, 100000, 50, , , "kademlia"');
  });

  it("starts with the two commands for a fresh machine", () => {
    const firstBlock = readme.slice(readme.indexOf("```sh"), readme.indexOf("```", readme.indexOf("```sh") + 5));
    expect(firstBlock).toContain("npm start");
    expect(firstBlock).toContain("npm test");
  });
});

describe("README worked example of the cheapest design", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

  it("is the block the tool computes now (run `npm run docs` after changing a model or the cheapest tool)", () => {
    expect(withCheapestDocs(readme)).toBe(readme);
  });

  it("answers the issue's question: 2,400 lookups/s at 5, 7 and 9 nines, with the frontier and the peer designs", () => {
    const block = renderCheapestDocs();
    for (const nines of [5, 7, 9]) expect(block).toMatch(new RegExp(`\\| ${nines} nines \\| independent \\| (dsmu|dsdhta), \\d+ × \\w+`));
    expect(block).toContain('"lambda":2400');
    expect(block).toMatch(/\| 10 nines \| .* \| \+\$\d+ \|/);
    expect(block).toMatch(/\| pdhta \| [\d.]+ \| 4,320,000 \|/);
    expect(block).toMatch(/any one of these alone reaches the target: sites ≥ \d+/);
  });
});

describe("README figures", () => {
  const root = new URL("../", import.meta.url);
  const rendered = renderFigureDocs();

  it("are the SVGs the catalog draws now (run `npm run docs` after changing a model, the figure tool or the chart)", () => {
    for (const [file, svg] of rendered) {
      const path = new URL(file, root);
      expect(existsSync(path), `${file} is missing: run \`npm run docs\``).toBe(true);
      expect(readFileSync(path, "utf8"), `${file} differs from what the catalog draws: run \`npm run docs\``).toBe(svg);
    }
    const committed = readdirSync(new URL(`${figuresDir}/`, root)).map((name) => `${figuresDir}/${name}`);
    expect(committed.sort(), `files in ${figuresDir} that npm run docs does not write`).toEqual([...rendered.keys()].sort());
  });

  it("draw Figures 2, 3 and 4, each a standalone SVG with both designs and the output chosen", () => {
    expect(readmeFigures.map((f) => f.figure)).toEqual([2, 3, 4]);
    for (const { figure, output } of readmeFigures) {
      const svg = rendered.get(`${figuresDir}/figure-${figure}.svg`)!;
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
      expect(svg).toContain(`<title>${evaluate("figure", { figure }).title}</title>`);
      expect(svg).toMatch(new RegExp(`class="axis-label"[^>]*>${output}</text>`));
      expect(svg.match(/<polyline /g)).toHaveLength(2);
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
  });
});
