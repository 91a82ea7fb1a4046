import type { z } from "zod";
import { describeParams } from "./describe";
import { fieldErrors, ValidationError } from "./errors";
import type { AnyModel, CatalogEntry, FieldError } from "./types";

/**
 * Validate raw parameters for a catalog entry: zod for each field, then the entry's rules across
 * fields. Throws a ValidationError listing every problem; returns the parameters with defaults.
 */
export function validateParams(entry: CatalogEntry, params: unknown): Record<string, unknown> {
  const schema = entry.params as z.ZodType;
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    // Parsed again, only on failure, to have the offending inputs for the messages: reportInput
    // takes zod off its compiled fast path (20× slower), which good input should not pay for.
    const issues = schema.safeParse(params, { reportInput: true }).error!.issues;
    const knownKeys = entry.kind === "model" ? Object.keys(entry.params.shape) : undefined;
    const errors = fieldErrors(issues, knownKeys ? { knownKeys } : {});
    if (entry.kind === "model") errors.push(...crossErrorsBesides(entry, params, errors));
    throw new ValidationError(errors);
  }
  const data = parsed.data as Record<string, unknown>;
  const crossErrors: FieldError[] = entry.kind === "model" && entry.crossCheck ? entry.crossCheck(data) : [];
  if (crossErrors.length > 0) throw new ValidationError(crossErrors);
  return data;
}

/**
 * The rules across fields, for input whose fields are not all valid, so every problem is reported at
 * once: the rules run on the fields that are valid (the others left out), and a rule's complaint
 * that names a field already reported is dropped, since it would speak of a value not taken.
 */
function crossErrorsBesides(model: AnyModel, params: unknown, reported: FieldError[]): FieldError[] {
  if (!model.crossCheck || typeof params !== "object" || params === null || Array.isArray(params)) return [];
  const valid: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(model.params.shape)) {
    const parsed = (field as z.ZodType).safeParse((params as Record<string, unknown>)[name]);
    if (parsed.success) valid[name] = parsed.data;
  }
  const bad = reported.map((e) => e.path.split(".")[0]!).filter(Boolean);
  // A reported path may be any key a client sent ("<= r(" from a query string): escaped, it is text.
  const mentionsBad = (message: string) => bad.some((name) => new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(message));
  return model.crossCheck(valid as never).filter((e) => !bad.includes(e.path) && !mentionsBad(e.message));
}

const numberText = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Text parameters (a query string, a form, a cell's text) → the values the schema checks. Only
 * well-formed decimal numbers become numbers; anything else stays text, so the error can show it
 * ("n must be a whole number ≥ 1, got "three"").
 */
export function parseTextParams(entry: CatalogEntry, text: Record<string, string>): Record<string, unknown> {
  const choices = new Set(
    entry.kind === "model"
      ? describeParams(entry)
          .filter((p) => p.type === "choice")
          .map((p) => p.name)
      : [],
  );
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(text)) {
    const trimmed = raw.trim();
    out[key] = !choices.has(key) && numberText.test(trimmed) ? Number(trimmed) : raw;
  }
  return out;
}
