/**
 * How wide a label is, without a page to measure it in: a width per character class, in em, taken
 * at or above the widest of the common sans-serif fonts (Segoe UI, Helvetica, DejaVu Sans), so a
 * file drawn with it keeps its labels apart in whichever of them the viewer has. Deterministic, so
 * a chart drawn with it is the same bytes everywhere (the README's figures are compared byte for byte).
 */

const classes: [chars: string, em: number][] = [
  ["ijlI.,:;'!|`", 0.32],
  [' ftr()[]{}-/\\"*', 0.42],
  ["mwMW%@", 0.96],
];
const em = new Map(classes.flatMap(([chars, width]) => [...chars].map((c) => [c, width] as const)));
const upperCase = 0.76;
const otherwise = 0.64;
const bolder = 1.1;

/** The estimated width in pixels of `text` at `fontPx`. */
export function estimateTextWidth(text: string, fontPx: number, bold = false): number {
  let width = 0;
  for (const c of text) width += em.get(c) ?? (c >= "A" && c <= "Z" ? upperCase : otherwise);
  return width * fontPx * (bold ? bolder : 1);
}
