/**
 * `npm run start:desktop`: Microsoft's office-addin-debugging on Windows and macOS (as the projects
 * generator-office makes run it), and on any other platform a message pointing to Excel on the web.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addinUrl, desktopPlan, officeAddinDebugging } from "../../scripts/start-desktop";
import { repoRoot } from "./built";

const manifest = readFileSync(join(repoRoot, "manifest.xml"), "utf8");
const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };

describe("npm run start:desktop", () => {
  it("is the script scripts/start-desktop.ts", () => {
    expect(pkg.scripts["start:desktop"]).toBe("tsx scripts/start-desktop.ts");
  });

  it.each(["win32", "darwin"] as const)("on %s builds, then runs office-addin-debugging start manifest.xml desktop with the dev server", (platform) => {
    const plan = desktopPlan(platform, manifest);
    expect(plan.kind).toBe("run");
    if (plan.kind !== "run") return;
    expect(plan.steps.map((s) => [s.command, ...s.args.slice(0, 1)])).toEqual([
      ["npm", "run"],
      ["npx", "--yes"],
    ]);
    const debugging = plan.steps[1]!.args;
    expect(debugging.slice(1, 7)).toEqual([officeAddinDebugging, "start", "manifest.xml", "desktop", "--app", "excel"]);
    expect(officeAddinDebugging).toMatch(/^office-addin-debugging@\d+\.\d+\.\d+$/);
    // The dev server serves the built add-in on the port the manifest's URLs name.
    expect(debugging[debugging.indexOf("--dev-server") + 1]).toBe("npx tsx scripts/start.ts");
    expect(debugging[debugging.indexOf("--dev-server-port") + 1]).toBe(addinUrl(manifest).port);
    expect(addinUrl(manifest).href).toBe("https://localhost:3000/taskpane.html");
  });

  it("elsewhere says desktop Excel is not there and how to sideload in Excel on the web", () => {
    const plan = desktopPlan("linux", manifest);
    expect(plan.kind).toBe("explain");
    if (plan.kind !== "explain") return;
    expect(plan.text).toContain("Desktop Excel runs on Windows and macOS only");
    expect(plan.text).toContain("Excel on the web");
    expect(plan.text).toContain("Upload My Add-in");
    expect(plan.text).toContain("https://localhost:3000/taskpane.html");
    expect(plan.text).toContain(join(repoRoot, "manifest.xml"));
    expect(plan.text).toContain("npm start");
  });

  it.runIf(process.platform === "linux")("prints that message here and starts nothing", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/start-desktop.ts"], { cwd: repoRoot, encoding: "utf8", timeout: 30_000 });
    expect(out).toBe(`${(desktopPlan("linux", manifest) as { text: string }).text}\n`);
  });
});
