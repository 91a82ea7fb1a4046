/**
 * Azure Functions route templates ("models/{name}", "{*path}", "items/{id:int?}"), matched the way
 * the Functions host's ASP.NET routing does for the subset this app and its local host need:
 * literal segments compare case-insensitively, `{x}` takes one segment, `{x?}` may be absent at the
 * end, `{*x}` takes the rest, and `:int` / `:alpha` constrain a segment. When several templates
 * match, the most specific wins (literal before constrained before plain parameter before optional
 * before catch-all), so `models/rdht` beats `models/{name}` beats `{*path}`.
 */

type Segment =
  | { kind: "literal"; text: string }
  | { kind: "param"; name: string; optional: boolean; constraint?: "int" | "alpha" }
  | { kind: "catchAll"; name: string };

export interface RouteTemplate {
  template: string;
  segments: Segment[];
  /** One rank per segment, lower is more specific; compared lexicographically. */
  ranks: number[];
}

const CONSTRAINTS = new Set(["int", "alpha"]);

export function parseRouteTemplate(template: string): RouteTemplate {
  const parts = template.split("/").filter((part) => part !== "");
  const segments: Segment[] = parts.map((part, index) => {
    const match = /^\{(\*?)([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?(\??)\}$/.exec(part);
    if (!match) {
      if (part.includes("{") || part.includes("}"))
        throw new Error(`route "${template}": segment "${part}" mixes text and a parameter, which this host does not support`);
      return { kind: "literal", text: part.toLowerCase() };
    }
    const [, star, name = "", constraint, optional] = match;
    if (star) {
      if (index !== parts.length - 1) throw new Error(`route "${template}": the catch-all {*${name}} must be the last segment`);
      return { kind: "catchAll", name };
    }
    if (constraint !== undefined && !CONSTRAINTS.has(constraint))
      throw new Error(`route "${template}": constraint ":${constraint}" is not supported (use int or alpha)`);
    if (optional && index !== parts.length - 1) throw new Error(`route "${template}": only the last parameter may be optional`);
    return { kind: "param", name, optional: optional === "?", ...(constraint !== undefined && { constraint: constraint as "int" | "alpha" }) };
  });
  const ranks = segments.map((s) => (s.kind === "literal" ? 0 : s.kind === "catchAll" ? 4 : s.optional ? 3 : s.constraint ? 1 : 2));
  return { template, segments, ranks };
}

/**
 * The route parameters when `pathSegments` (already split, still percent-encoded) fit the
 * template, otherwise undefined. A segment that is not valid percent-encoding matches nothing.
 */
export function matchRoute(route: RouteTemplate, pathSegments: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const { segments } = route;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === "catchAll") {
      const rest = pathSegments.slice(i).map(safeDecode);
      if (rest.some((s) => s === undefined)) return undefined;
      params[segment.name] = rest.join("/");
      return params;
    }
    const raw = pathSegments[i];
    if (raw === undefined) {
      if (segment.kind === "param" && segment.optional) return params;
      return undefined;
    }
    const decoded = safeDecode(raw);
    if (decoded === undefined) return undefined;
    if (segment.kind === "literal") {
      if (decoded.toLowerCase() !== segment.text) return undefined;
    } else {
      if (segment.constraint === "int" && !/^-?\d+$/.test(decoded)) return undefined;
      if (segment.constraint === "alpha" && !/^[A-Za-z]+$/.test(decoded)) return undefined;
      params[segment.name] = decoded;
    }
  }
  return pathSegments.length === segments.length ? params : undefined;
}

/** Negative when `a` is more specific than `b`. */
export function compareSpecificity(a: RouteTemplate, b: RouteTemplate): number {
  const length = Math.max(a.ranks.length, b.ranks.length);
  for (let i = 0; i < length; i++) {
    // A missing segment ranks as an absent optional: a shorter template is less specific.
    const difference = (a.ranks[i] ?? 3) - (b.ranks[i] ?? 3);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A URL path split into its segments, empty ones dropped ("/api//models/" → ["api", "models"]). */
export function pathSegments(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
