import type { z } from "zod";
import { describeParams, plainParams } from "./describe";
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
 * What separates the members of a list written as text: a comma or semicolon (spaces around it
 * allowed), or spaces alone ("0.9, 0.99; 0.999", "0.9 0.99"). Two commas in a row hold an empty
 * member, which is refused by its position rather than dropped: a blank in a template would
 * otherwise shrink the fleet unseen.
 */
const listSeparator = /\s*[,;]\s*|\s+/;

/** Text → a number when it is a well-formed decimal number, else the text itself, so the error can show it. */
function numberOrText(raw: string, choice: boolean): unknown {
  const trimmed = raw.trim();
  return !choice && numberText.test(trimmed) ? Number(trimmed) : raw;
}

/**
 * An entry's choice and list parameters by name, described once per entry: describing them anew
 * for every query string cost a GET 3.3 µs, a tenth of its own work beyond the health route's.
 */
const textKindsOf = new WeakMap<CatalogEntry, { choices: ReadonlySet<string>; lists: ReadonlySet<string> }>();
function textKinds(entry: CatalogEntry): { choices: ReadonlySet<string>; lists: ReadonlySet<string> } {
  let kinds = textKindsOf.get(entry);
  if (!kinds) {
    const params = entry.kind === "model" ? describeParams(entry) : (plainParams(entry) ?? []);
    kinds = { choices: new Set(params.filter((p) => p.type === "choice").map((p) => p.name)), lists: new Set(params.filter((p) => p.list).map((p) => p.name)) };
    textKindsOf.set(entry, kinds);
  }
  return kinds;
}

/**
 * Text parameters (a query string, a form, a cell's text) → the values the schema checks. Only
 * well-formed decimal numbers become numbers; anything else stays text, so the error can show it
 * ("n must be a whole number ≥ 1, got "three"").
 *
 * A list parameter (params.ts `probabilities`) takes a key given several times (a query string's
 * `?Rs=0.9&Rs=0.99`), or one text holding its members separated by commas, semicolons or spaces
 * ("0.9, 0.99, 0.999"); a single member is that number. Decimals take a point, as everywhere here.
 * Any other parameter given several times stays a list, which its schema refuses by name.
 */
export function parseTextParams(entry: CatalogEntry, text: Readonly<Record<string, string | readonly string[]>>): Record<string, unknown> {
  const { choices, lists } = textKinds(entry);
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(text)) {
    if (lists.has(key)) {
      const members = (typeof raw === "string" ? [raw] : raw).flatMap((t) => t.trim().split(listSeparator));
      const values = members.map((t) => numberOrText(t, false));
      out[key] = values.length === 1 ? values[0] : values;
    } else if (typeof raw === "string") {
      out[key] = numberOrText(raw, choices.has(key));
    } else {
      out[key] = raw.map((t) => numberOrText(t, choices.has(key)));
    }
  }
  return out;
}
