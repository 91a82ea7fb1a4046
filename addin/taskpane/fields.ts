/**
 * How a parameter reads as text, in the pane's form and in a what-if sheet's input cell: a list as
 * its members joined by ", " (which the catalog's parseTextParams reads back as the same list), the
 * words that say a field takes a list or may be left empty, and a list member's error counted as a
 * planner counts (the catalog's paths count from 0: "Rs.1" is the second value). Pure (no DOM), so
 * the form, the what-if layout and their tests share it.
 */
import type { FieldError, ParamInfo } from "../../shared/index";

/**
 * What joins a list's members. A comma and a space, never a bare comma: a cell holding "1,000" reads
 * as a thousand in Excel, while "0.9, 0.99" stays text in every locale.
 */
export const memberSeparator = ", ";

/** What a list field says it takes, in its help and in a sheet's input message. */
export const listHint = "one value, or several separated by commas";

/** A parameter's value as a field or a cell holds it: a list as its members joined, anything else as itself. */
export function valueText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(memberSeparator) : String(value);
}

/** The short marks beside a field's name: "list" for a parameter that takes one, "optional" for one that may be left out with no default to fall back on. */
export function fieldTags(p: ParamInfo): string[] {
  return [...(p.list ? ["list"] : []), ...(p.optional && p.default === undefined ? ["optional"] : [])];
}

/** A placeholder that shows a list field's form: three probabilities toward 1, or three counts. */
export function listPlaceholder(p: ParamInfo): string {
  return p.probability ? "0.9, 0.99, 0.999" : "1, 2, 3";
}

/** The list parameter and member (from 0) an error's path names, as "Rs.1"; undefined for any other path. */
export function memberPath(path: string, params: readonly ParamInfo[]): { name: string; index: number } | undefined {
  const m = /^([^.]+)\.(\d+)$/.exec(path);
  if (!m || !params.some((p) => p.list && p.name === m[1])) return undefined;
  return { name: m[1]!, index: Number(m[2]) };
}

/**
 * An error as the field shows it: a list member's named by its place, counted from 1 ("value 2 of
 * Rs must be a finite number from 0 to 1, got 2"), every other one in the catalog's words.
 */
export function fieldMessage(error: FieldError, params: readonly ParamInfo[]): string {
  const member = memberPath(error.path, params);
  if (!member) return error.message;
  const place = `value ${member.index + 1} of ${member.name}`;
  return error.message.startsWith(`${error.path} `) ? `${place}${error.message.slice(error.path.length)}` : `${place}: ${error.message}`;
}
