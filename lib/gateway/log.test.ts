/**
 * The log line, written member by member, is the JSON of its entry: one line,
 * every value as JSON.stringify writes it, whatever the strings hold.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { jsonLinesLog, type GatewayLogEntry } from "./log";

const entryOf = fc.record(
  {
    method: fc.string(),
    operation: fc.string(),
    status: fc.integer({ min: 100, max: 599 }),
    latencyMs: fc.oneof(fc.double({ noDefaultInfinity: true }), fc.constant(Number.NaN)),
    requestId: fc.oneof(fc.uuid(), fc.string(), fc.constant(null)),
    userTokenId: fc.oneof(fc.uuid(), fc.constant(null)),
    refusal: fc.string(),
  },
  { requiredKeys: ["method", "operation", "status", "latencyMs", "requestId", "userTokenId"] },
);

it("writes each entry as one line of JSON equal to the entry, stamped and sourced", () => {
  fc.assert(
    fc.property(entryOf, (entry: GatewayLogEntry) => {
      const lines: string[] = [];
      jsonLinesLog((line) => lines.push(line))(entry);
      expect(lines).toHaveLength(1);
      expect(lines[0].endsWith("\n")).toBe(true);
      expect(lines[0].slice(0, -1)).not.toContain("\n");
      const { at, ...rest } = JSON.parse(lines[0]) as { at: string };
      expect(new Date(at).toISOString()).toBe(at);
      expect(rest).toEqual(JSON.parse(JSON.stringify({ source: "gateway", ...entry })));
    }),
  );
});
