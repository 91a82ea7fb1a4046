/**
 * A tool's parameters from a query string, so that a chart is a URL (an <img src>, a wiki link):
 * `?model=rdht&fixed.Rp=0.9&over.0.param=m&over.0.from=1&over.0.to=20&over.0.steps=20&format=svg`.
 * Each name is a dotted path into the body a POST would send (a number segment indexes a list);
 * each value is JSON when it reads as JSON (0.9, true, [1,2,3], {"a":1}), else text ("rdht"). The
 * object that comes out is validated by the tool exactly as a POST body is.
 */
import { badParameter } from "./problem";
import { depthExceeds, MAX_JSON_DEPTH } from "./request";

/** No list a tool takes is longer; a larger index would build a list of holes. */
export const MAX_QUERY_INDEX = 1000;
/** Names that would reach an object's prototype rather than its own fields. */
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

type Container = Record<string, unknown> | unknown[];

export function queryObject(query: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(query)) {
    const path = name.split(".");
    if (path.some((segment) => segment === "")) throw badParameter(name, `${name}: a dotted name needs a name between each dot`);
    if (path.some((segment) => FORBIDDEN.has(segment))) throw badParameter(name, `${name}: ${[...FORBIDDEN].join(", ")} are not parameter names`);
    let container: Container = root;
    for (let i = 0; i < path.length; i++) {
      const key = keyIn(container, path[i]!, name);
      const last = i === path.length - 1;
      // Own fields only: "toString" is a name like any other, not Object.prototype's.
      const existing = Object.hasOwn(container, key) ? (container as Record<string | number, unknown>)[key] : undefined;
      if (last) {
        if (existing !== undefined) throw badParameter(name, `${name} is given twice, once as a value and once as the container of another`);
        (container as Record<string | number, unknown>)[key] = parsedValue(text);
        break;
      }
      const next = existing ?? (/^\d+$/.test(path[i + 1]!) ? [] : {});
      if (next === null || typeof next !== "object") throw badParameter(name, `${name} is given twice, once as a value and once as the container of another`);
      (container as Record<string | number, unknown>)[key] = next;
      container = next as Container;
    }
  }
  // Dotted names and JSON values together: the same bound as a POST body's.
  if (depthExceeds(root, MAX_JSON_DEPTH)) throw badParameter("", `the parameters nest deeper than ${MAX_JSON_DEPTH} levels; no parameter here needs that`);
  return root;
}

function keyIn(container: Container, segment: string, name: string): string | number {
  const index = /^\d+$/.test(segment);
  if (Array.isArray(container)) {
    if (!index) throw badParameter(name, `${name}: ${segment} follows a list, so it must be a position (0, 1, …)`);
    const position = Number(segment);
    if (position >= MAX_QUERY_INDEX) throw badParameter(name, `${name}: a position must be below ${MAX_QUERY_INDEX}, got ${segment.slice(0, 20)}`);
    return position;
  }
  return segment;
}

function parsedValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
