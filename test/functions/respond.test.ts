/** toJson skips its replacer when nothing needs replacing: the text must be the replacer's, always. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toJson } from "../../functions/http/respond";

const withReplacer = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));

describe("toJson", () => {
  it("writes non-finite numbers as words, at any depth, in objects and lists", () => {
    expect(toJson({ nines: Number.POSITIVE_INFINITY, rows: [[1, Number.NEGATIVE_INFINITY, Number.NaN]] })).toBe(
      '{"nines":"Infinity","rows":[[1,"-Infinity","NaN"]]}',
    );
  });

  it("gives the replacer's text for any value, non-finite numbers or not", () => {
    const leaf = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }));
    fc.assert(
      fc.property(fc.anything({ values: [leaf], maxDepth: 4 }), (value) => {
        expect(toJson(value)).toBe(withReplacer(value));
      }),
      { seed: 20261202, numRuns: 2000 },
    );
  });

  it("leaves deeper nesting than its walk to the replacer", () => {
    let deep: unknown = [Number.POSITIVE_INFINITY];
    for (let i = 0; i < 100; i++) deep = { child: deep };
    expect(toJson(deep)).toBe(withReplacer(deep));
  });
});
