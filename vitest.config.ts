import { defineConfig } from "vitest/config";

/**
 * Two groups. Every test file runs in the first, in parallel. Files named *.timed.test.ts assert a
 * latency, so they run after it, one at a time, with nothing else on the machine's cores.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // The browser is chosen (and a packaged one unpacked) once, before the files that drive it.
      { extends: true, test: { name: "tests", include: ["test/**/*.test.ts"], exclude: ["test/**/*.timed.test.ts"], globalSetup: ["test/global-setup.ts"] } },
      { extends: true, test: { name: "timed", include: ["test/**/*.timed.test.ts"], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
