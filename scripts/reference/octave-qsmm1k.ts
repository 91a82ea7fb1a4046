/**
 * Writes test/fixtures/octave-qsmm1k.json: what GNU Octave's queueing package says for the M/M/1/K
 * node over the grid of octave-grid.ts, so the tests can hold ours against it without Octave.
 *
 *   apt-get install -y octave octave-queueing && npx tsx scripts/reference/octave-qsmm1k.ts
 *
 * Octave's non-finite answers are kept as the strings "NaN", "Inf", "-Inf" (JSON has no NaN).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { octaveGrid } from "./octave-grid";

const outputs = ["U", "R", "Q", "X", "p0", "pK"] as const;

function parseOctaveNumber(text: string): number | string {
  if (text === "NaN" || text === "Inf" || text === "-Inf") return text;
  const x = Number(text);
  if (Number.isNaN(x)) throw new Error(`Octave printed ${text}`);
  return x;
}

const grid = octaveGrid();
const workDir = mkdtempSync(join(tmpdir(), "qsmm1k-"));
try {
  const gridFile = join(workDir, "grid.csv");
  writeFileSync(gridFile, `${grid.map((g) => `${g.lambda},${g.mu},${g.h}`).join("\n")}\n`);
  const script = fileURLToPath(new URL("octave-qsmm1k.m", import.meta.url));
  const printed = execFileSync("octave", ["--no-gui", "--quiet", "--no-window-system", script, gridFile], { encoding: "utf8" });
  const lines = printed.trim().split("\n");
  const octave = /^octave (\S+)$/.exec(lines[0] ?? "")?.[1];
  const queueing = /^queueing (\S+)$/.exec(lines[1] ?? "")?.[1];
  const rows = lines.slice(2).map((line) => line.trim().split(/\s+/));
  if (!octave || !queueing || rows.length !== grid.length) throw new Error(`unexpected Octave output:\n${printed}`);

  const cases = grid.map((g, i) => {
    const [lambda, mu, K, ...values] = rows[i]!.map(parseOctaveNumber);
    if (lambda !== g.lambda || mu !== g.mu || K !== g.h) throw new Error(`row ${i} is ${rows[i]!.join(" ")}, expected ${JSON.stringify(g)}`);
    return { lambda: g.lambda, mu: g.mu, K: g.h, ...Object.fromEntries(outputs.map((name, j) => [name, values[j]])) };
  });

  const fixture = {
    about: "GNU Octave queueing qsmm1k(lambda, mu, K) = [U R Q X p0 pK] over the grid of scripts/reference/octave-grid.ts, as Octave printed them (17 digits).",
    generator: "scripts/reference/octave-qsmm1k.ts",
    octave,
    queueing,
    cases,
  };
  const target = fileURLToPath(new URL("../../test/fixtures/octave-qsmm1k.json", import.meta.url));
  writeFileSync(target, `${JSON.stringify(fixture, null, 0).replace(/\{"lambda"/g, '\n{"lambda"')}\n`);
  console.log(`${cases.length} qsmm1k cases from Octave ${octave}, queueing ${queueing}, written to ${target}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
