/**
 * SVG written as text, not through a DOM, so that the same chart is drawn in Node (the docs, the
 * HTTP API) and in the page: every text and attribute escaped for XML, every number rounded to a
 * hundredth of a pixel so that the output is the same bytes on every machine.
 */

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Whether XML 1.0 allows the code point at all: not the controls other than tab, newline and return, a lone surrogate, U+FFFE or U+FFFF. */
function allowedInXml(c: number): boolean {
  if (c < 0x20) return c === 0x09 || c === 0x0a || c === 0x0d;
  return !(c >= 0xd800 && c <= 0xdfff) && c !== 0xfffe && c !== 0xffff;
}

/** Text as XML content or attribute value: the five markup characters escaped, characters XML cannot hold left out. */
export function xmlText(text: string): string {
  let out = "";
  for (const ch of text) if (allowedInXml(ch.codePointAt(0)!)) out += escapes[ch] ?? ch;
  return out;
}

/** A number as an attribute: to the hundredth, without trailing zeros, never "-0". A non-finite one is a bug of the caller's. */
export function svgNumber(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`chart: a coordinate came out as ${v} (please report this)`);
  const rounded = Number(v.toFixed(2));
  return String(rounded === 0 ? 0 : rounded);
}

export type Attributes = Record<string, string | number | undefined>;

/** An element: its attributes escaped (undefined ones left out), `children` already markup. */
export function element(name: string, attributes: Attributes, ...children: string[]): string {
  let open = `<${name}`;
  for (const [key, v] of Object.entries(attributes)) {
    if (v !== undefined) open += ` ${key}="${typeof v === "number" ? svgNumber(v) : xmlText(v)}"`;
  }
  return children.length === 0 ? `${open}/>` : `${open}>${children.join("")}</${name}>`;
}

/** An element whose content is the plain text given (escaped here). */
export function textElement(name: string, attributes: Attributes, text: string): string {
  return element(name, attributes, xmlText(text));
}
