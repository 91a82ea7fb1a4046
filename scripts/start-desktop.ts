/**
 * `npm run start:desktop`: the add-in in desktop Excel, the way Microsoft's own tooling does it
 * for the projects generator-office makes (their `npm run start:desktop` is
 * `office-addin-debugging start manifest.xml desktop`). office-addin-debugging registers
 * manifest.xml with desktop Excel, starts the dev server and opens Excel with the add-in
 * sideloaded; on Windows it also asks for the Edge WebView loopback exemption the first time
 * (Microsoft's quick starts describe that prompt). Before it, this script builds the add-in and
 * makes sure the development certificate is trusted (office-addin-dev-certs, which may ask for an
 * administrator's consent), so the server serves what Excel trusts.
 *
 * office-addin-debugging is run through npx at a pinned version rather than kept as a
 * devDependency: it needs keytar, a native module that does not build on Linux without libsecret,
 * so it would break `npm ci` on CI and on Linux machines, where desktop Excel does not exist.
 *
 * Desktop Excel runs on Windows and macOS only. Anywhere else this script says so and explains how
 * to sideload into Excel on the web instead; it starts nothing.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The version of Microsoft's tool this script runs. */
export const officeAddinDebugging = "office-addin-debugging@7.0.0";

/** One command to run, as a program and its arguments. */
export interface Step {
  command: string;
  args: string[];
  /** What the step is for, printed before it runs. */
  purpose: string;
}

/** What start:desktop does on a platform: run steps (and trust the certificate first), or explain why not. */
export type DesktopPlan = { kind: "run"; steps: Step[] } | { kind: "explain"; text: string };

/** The task pane's URL in manifest.xml (what Excel loads, and what the local server serves). */
export function addinUrl(manifest = readFileSync(join(root, "manifest.xml"), "utf8")): URL {
  const found = /<DefaultSettings>\s*<SourceLocation DefaultValue="([^"]+)"/.exec(manifest);
  if (!found) throw new Error("manifest.xml has no DefaultSettings/SourceLocation");
  return new URL(found[1]!);
}

/** The plan for this platform: desktop Excel exists on Windows and macOS only. */
export function desktopPlan(platform: NodeJS.Platform, manifest?: string): DesktopPlan {
  const url = addinUrl(manifest);
  if (platform === "win32" || platform === "darwin") {
    return {
      kind: "run",
      steps: [
        { command: "npm", args: ["run", "build"], purpose: "build the Functions app and the add-in" },
        {
          command: "npx",
          args: [
            "--yes",
            officeAddinDebugging,
            "start",
            "manifest.xml",
            "desktop",
            "--app",
            "excel",
            "--dev-server",
            "npx tsx scripts/start.ts",
            "--dev-server-port",
            url.port || "443",
          ],
          purpose: "register manifest.xml with desktop Excel, start the dev server and sideload the add-in",
        },
      ],
    };
  }
  return {
    kind: "explain",
    text: [
      `Desktop Excel runs on Windows and macOS only, so npm run start:desktop has nothing to sideload into on ${platform}.`,
      "Use Excel on the web instead, in a browser on this machine:",
      "  1. npx office-addin-dev-certs install   (once: trusts the development certificate; asks for sudo)",
      `  2. npm start                            (serves the add-in at ${url.href})`,
      "  3. In Excel on the web, open a workbook: Home → Add-ins → More Add-ins → My Add-ins →",
      `     Upload My Add-in, and choose ${join(root, "manifest.xml")}`,
      "  4. Type =TRACKER. in a cell, or open the planner from the Home tab.",
      "See addin/README.md (Sideloading) for Windows and Mac, where npm run start:desktop does this for you.",
    ].join("\n"),
  };
}

/** An argument as cmd.exe needs it (npm and npx are .cmd scripts on Windows, run through the shell). */
function shellArgument(arg: string): string {
  return /[\s"]/.test(arg) ? `"${arg.replace(/"/g, '""')}"` : arg;
}

function run(step: Step): number {
  console.log(`start:desktop: ${step.purpose}…`);
  const windows = process.platform === "win32";
  const result = spawnSync(step.command, windows ? step.args.map(shellArgument) : step.args, { cwd: root, stdio: "inherit", shell: windows });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

async function main(): Promise<void> {
  const plan = desktopPlan(process.platform);
  if (plan.kind === "explain") {
    console.log(plan.text);
    return;
  }
  const { ensureCertificatesAreInstalled } = await import("office-addin-dev-certs");
  await ensureCertificatesAreInstalled();
  for (const step of plan.steps) {
    const status = run(step);
    if (status !== 0) process.exit(status);
  }
  console.log(`start:desktop: to stop, npx ${officeAddinDebugging} stop manifest.xml`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
