import type { z } from "zod";
import type { FieldError } from "./types";

/** Bad input: every problem at once, each naming the parameter and the rule. */
export class ValidationError extends Error {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super(errors.map((e) => (e.path ? `${e.message}` : e.message)).join("; "));
    this.name = "ValidationError";
    this.errors = errors;
  }
}

/** A model or tool name the catalog does not hold. */
export class UnknownModelError extends Error {
  readonly model: string;
  constructor(model: string, known: readonly string[]) {
    super(`unknown model "${model}"; the catalog holds: ${known.join(", ")}`);
    this.name = "UnknownModelError";
    this.model = model;
  }
}

/** A value as a planner typed it, for "got …" in messages. */
export function asTyped(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  return "an object";
}

/**
 * zod issues → planner words. Each field's checks all carry the same "must be <rule>" message, so
 * a value that breaks two checks of one field (−2.5 for n) is reported once.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], options: { prefix?: string; knownKeys?: readonly string[] } = {}): FieldError[] {
  const prefix = options.prefix ?? "";
  const known = options.knownKeys ? `; the parameters are ${options.knownKeys.join(", ")}` : "";
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string) => {
    const key = `${path}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ path, message });
    }
  };
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter((s) => s !== "").join(".");
    const subject = path || "the parameters";
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const keyPath = path ? `${path}.${key}` : key;
        add(keyPath, `${keyPath} is not a parameter here${known}`);
      }
      continue;
    }
    // A number-or-list parameter (params.ts probabilities): the branch the input was meant for speaks,
    // so [0.5, 2] is "Rs.1 must be a number from 0 to 1", not a complaint that it is not a number.
    if (issue.code === "invalid_union" && (issue as { input?: unknown }).input === undefined) {
      add(path, `${subject} is required; it ${issue.message}`);
      continue;
    }
    if (issue.code === "invalid_union") {
      const meant = issue.errors.filter((branch) => !branch.some((i) => i.code === "invalid_type" && i.path.length === 0));
      if (meant.length === 1) {
        const nested = meant[0]!.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
        for (const e of fieldErrors(nested, { prefix })) add(e.path, e.message);
        continue;
      }
    }
    // A rule across fields (zod's "custom") is already a whole sentence about several fields.
    if (issue.code === "custom") {
      add(path, issue.message);
      continue;
    }
    const input = (issue as { input?: unknown }).input;
    if (issue.code === "invalid_type" && issue.expected === "object") {
      add(path, `${subject} must be an object of named values, got ${asTyped(input)}`);
    } else if (input === undefined && issue.code === "invalid_type") {
      add(path, `${subject} is required; it ${issue.message}`);
    } else {
      add(path, `${subject} ${issue.message}, got ${asTyped(input)}`);
    }
  }
  return out;
}
