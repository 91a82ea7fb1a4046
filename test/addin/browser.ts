/**
 * A headless Chromium driven by playwright-core, for the task pane tests and the benchmark: no
 * network beyond loopback, a fresh profile each time, and Microsoft's CDN refused at once (no
 * network here, and the page must work without Office.js anyway). Also a module bundled as a page
 * script, and what the task pane tests read off a drawn chart: its tick labels' boxes, and which of
 * them overlap.
 *
 * Which browser: CHROME_PATH (or CHROMIUM_PATH) when set; else a Chrome, Chromium or Edge installed
 * where the platform keeps it; else, on Linux x64, the Chromium that the devDependency
 * @sparticuz/chromium ships inside its package, so that `npm test` needs no root and no apt.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startAddinServer } from "../../server/addin-server";
import { builtDir } from "./built";

/** Where Chrome, Chromium and Edge install themselves, by platform. */
const installedBrowsers: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/usr/bin/microsoft-edge",
    "/snap/bin/chromium",
  ],
  darwin: [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
  ],
  win32: [
    `${process.env.PROGRAMFILES ?? "C:\\Program Files"}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env["PROGRAMFILES(X86)"] ?? "C:\\Program Files (x86)"}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env["PROGRAMFILES(X86)"] ?? "C:\\Program Files (x86)"}\\Microsoft\\Edge\\Application\\msedge.exe`,
    `${process.env.PROGRAMFILES ?? "C:\\Program Files"}\\Microsoft\\Edge\\Application\\msedge.exe`,
  ],
};

/** The browser the tests drive, and where it came from (said once per run). */
export interface BrowserChoice {
  path: string;
  source: string;
}

let chosen: Promise<BrowserChoice> | undefined;

/** The browser to drive: the variable, an installed one, or the packaged Chromium; an error that says how to get one otherwise. */
export function chooseBrowser(): Promise<BrowserChoice> {
  chosen ??= (async () => {
    const fromEnv = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH;
    if (fromEnv) return { path: fromEnv, source: "CHROME_PATH" };
    const installed = (installedBrowsers[process.platform] ?? []).find((path) => existsSync(path));
    if (installed) return { path: installed, source: "installed" };
    if (process.platform === "linux" && process.arch === "x64") {
      // Unpacked into the temporary folder on first use (about 1.5 s), then reused.
      const packaged = (await import("@sparticuz/chromium")).default;
      return { path: await packaged.executablePath(), source: "@sparticuz/chromium (packaged)" };
    }
    throw new Error(`no Chrome, Chromium or Edge found for the browser tests on ${process.platform}: install one, or set CHROME_PATH to its executable`);
  })().then((choice) => {
    console.info(`browser tests: ${choice.path} (${choice.source})`);
    return choice;
  });
  return chosen;
}

export interface HeadlessChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<HeadlessChromium> {
  const profile = mkdtempSync(join(tmpdir(), "tracker-chromium-"));
  // Playwright takes the fresh profile as launchPersistentContext's folder (it refuses --user-data-dir in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: (await chooseBrowser()).path,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  await context.route("https://appsforoffice.microsoft.com/**", (route) => route.abort("internetdisconnected"));
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The built task pane, served as Excel loads it and open in a headless Chromium: its page, the errors the page threw, and one close for both. */
export interface ServedPane {
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Serve dist/addin and open the pane at the narrowest width Excel gives a task pane (320 px), so a
 * panel that would widen the page shows it; resolves once `ready` is on the page.
 */
export async function openServedPane(ready: string, options: { defaultTimeoutMs?: number } = {}): Promise<ServedPane> {
  const server = await startAddinServer({ httpsPort: 0, httpPort: 0, root: builtDir });
  const chrome = await launchChromium();
  const page = await chrome.context.newPage();
  if (options.defaultTimeoutMs !== undefined) page.setDefaultTimeout(options.defaultTimeoutMs);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(server.urls.find((u) => u.startsWith("http:"))!.replace("localhost", "127.0.0.1"));
  await page.waitForSelector(ready);
  return {
    page,
    pageErrors,
    close: async () => {
      await chrome.close();
      await server.close();
    },
  };
}

/**
 * A module of the repository bundled as a script for a page (esbuild, as the add-in is built): its
 * exports on `globalThis[globalName]`. Pass the text to page.addScriptTag({ content }).
 */
export async function pageScript(entry: string, globalName: string, options: { minify?: boolean } = {}): Promise<string> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    globalName,
    target: "es2020",
    minify: options.minify ?? false,
    write: false,
  });
  return bundle.outputFiles[0]!.text;
}

/** A chart's tick label as the page lays it out: its box in CSS pixels and its font size on screen. */
export interface TickLabel {
  axis: string;
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** The computed font size times the SVG's scale: what the planner's eye gets. */
  fontPx: number;
}

/** Every tick label (text.tick) of the chart `svgSelector` finds, and the chart's own box. */
export async function tickLabels(page: Page, svgSelector: string): Promise<{ labels: TickLabel[]; frame: { left: number; right: number } }> {
  return page.locator(svgSelector).evaluate((node) => {
    const svg = node as SVGSVGElement;
    const frame = svg.getBoundingClientRect();
    const scale = frame.width / svg.viewBox.baseVal.width;
    const labels = [...svg.querySelectorAll<SVGTextElement>("text.tick")].map((t) => {
      const r = t.getBoundingClientRect();
      return {
        axis: t.dataset.axis ?? "",
        text: t.textContent ?? "",
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
        fontPx: Number.parseFloat(getComputedStyle(t).fontSize) * scale,
      };
    });
    return { labels, frame: { left: frame.left, right: frame.right } };
  });
}

/** The pairs of labels whose boxes overlap, as "a / b" for a readable failure. */
export function overlappingLabels(labels: readonly TickLabel[]): string[] {
  const pairs: string[] = [];
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) pairs.push(`${a.axis} "${a.text}" / ${b.axis} "${b.text}"`);
    }
  });
  return pairs;
}
