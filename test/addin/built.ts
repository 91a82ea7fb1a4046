/**
 * The built add-in (dist/addin/, written by `npm run build:addin`, which `npm test` runs first),
 * and its functions bundle loaded as Excel loads it: into a fresh global scope whose
 * CustomFunctions records every associate() call.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createContext, runInContext } from "node:vm";

export const repoRoot = resolve(import.meta.dirname, "../..");
export const builtDir = join(repoRoot, "dist/addin");

export function builtFile(name: string): string {
  const path = join(builtDir, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build:addin before these tests`);
  return readFileSync(path, "utf8");
}

/** What Excel's runtime provides as CustomFunctions.Error, recorded so tests can read code and message. */
export class FakeExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export type Registered = (...args: unknown[]) => unknown;

/** Run functions.js in its own realm, as the shared runtime would, and return what it associated. */
export function loadRegisteredFunctions(): Map<string, Registered> {
  const registered = new Map<string, Registered>();
  const CustomFunctions = {
    associate(id: string, fn: Registered) {
      if (registered.has(id)) throw new Error(`${id} associated twice`);
      registered.set(id, fn);
    },
    Error: FakeExcelError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      invalidNumber: "#NUM!",
      divisionByZero: "#DIV/0!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
  };
  runInContext(builtFile("functions.js"), createContext({ CustomFunctions, console }), { filename: "functions.js" });
  return registered;
}

/** One value as Excel passes an argument declared as a matrix. */
export const cell = (v: unknown) => [[v]];

let bundle: Map<string, Registered> | undefined;

/** TRACKER.<id> of the built bundle (loaded on the first call), called with arguments as Excel passes them. */
export function callBuilt(id: string, ...args: unknown[]): unknown[][] {
  bundle ??= loadRegisteredFunctions();
  const fn = bundle.get(id);
  if (!fn) throw new Error(`TRACKER.${id} is not registered`);
  return fn(...args) as unknown[][];
}
