/**
 * Debian's Chromium driven by playwright-core, for the task pane test and the benchmark: headless,
 * no network beyond loopback, a fresh profile each time, and Microsoft's CDN refused at once (no
 * network here, and the page must work without Office.js anyway).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface HeadlessChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<HeadlessChromium> {
  const profile = mkdtempSync(join(tmpdir(), "tracker-chromium-"));
  // Playwright takes the fresh profile as launchPersistentContext's folder (it refuses --user-data-dir in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
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
