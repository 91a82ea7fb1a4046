/**
 * Before any test file runs: the browser the browser tests will drive is chosen once, so that the
 * packaged Chromium, when that is the one, is unpacked by one process and not by several test
 * files at once (each would see the others' half-written binary as already there).
 */
import { chooseBrowser } from "./addin/browser";

export async function setup(): Promise<void> {
  await chooseBrowser();
}
