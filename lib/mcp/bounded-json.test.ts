import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundedJson, MAX_TOOL_TEXT } from "./bounded-json";

describe("boundedJson", () => {
  it("keeps a small answer whole", () => {
    expect(boundedJson({ a: [1, 2, 3] })).toEqual({ text: '{"a":[1,2,3]}', truncated: false });
  });

  it("halves the longest list until the answer fits, and it stays valid JSON with whole items", () => {
    const positions = Array.from({ length: 2_000 }, (_, i) => ({ positionID: i, instrumentID: 1001, units: 1.5 }));
    const { text, truncated } = boundedJson({ clientPortfolio: { positions, credit: 10_000 } });
    expect(truncated).toBe(true);
    expect(text.length).toBeLessThanOrEqual(MAX_TOOL_TEXT);
    const parsed = JSON.parse(text);
    expect(parsed.clientPortfolio.credit).toBe(10_000);
    expect(parsed.clientPortfolio.positions[0]).toEqual(positions[0]);
    expect(parsed.clientPortfolio.positions.length).toBeGreaterThan(100);
  });

  it("never returns more than the bound, whatever the value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 100, max: 2_000 }), (value, max) => {
        expect(boundedJson(value, max).text.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 300 },
    );
  });
});
