/**
 * Before any test file runs: the browser the browser tests will drive is chosen once, so that the
 * packaged Chromium, when that is the one, is unpacked by one process and not by several test
 * files at once (each would see the others' half-written binary as already there). A machine with
 * no browser to drive still runs every other test: each browser test file, choosing again, says
 * what is missing.
 */
import { chooseBrowser } from "./addin/browser";

export async function setup(): Promise<void> {
  await chooseBrowser().catch(() => undefined);
}
