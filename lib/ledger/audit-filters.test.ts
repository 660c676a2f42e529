/**
 * The audit filters against the database: whatever the filter schema accepts, the
 * ledger can run (PGlite and PostgreSQL); what it cannot run (a year PostgreSQL does
 * not have, a NUL in a name) is refused by the schema, naming the field, before any
 * query. Seeded fast-check, so every run tries the same shapes.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { auditFilterSchema } from "@/lib/schemas/audit";
import { appendEvent } from "./append";
import { listEvents } from "./queries";
import { describeEachBackend } from "@/lib/db/test-backends";

const SEED = 20261206;
const ACCOUNT = "a11ce0000000a11c";

const pad = (n: number, width: number) => String(n).padStart(width, "0");
/** ISO date-times of every shape the schema's pattern admits, years 0000–9999, offsets up to ±14:00. */
const isoInstant = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 9999)),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    offset: fc.oneof(fc.constant("Z"), fc.integer({ min: -14 * 60, max: 14 * 60 }).map((m) => `${m < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(m) / 60), 2)}:${pad(Math.abs(m) % 60, 2)}`)),
  })
  .map((t) => `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:00${t.offset}`);
const oddInstant = fc.oneof(isoInstant, fc.string({ maxLength: 30 }), fc.constantFrom("+275760-09-13T00:00:00Z", "-000001-01-01T00:00:00Z", "2026-02-30T00:00:00Z"));
const oddText = fc.string({ unit: "binary", maxLength: 40 });

describeEachBackend("audit filters the database can run", (get) => {
  it("dates outside the years 1–9999 (UTC) are refused naming the field; every accepted one runs", async () => {
    const { db } = get();
    await appendEvent(db, { account: ACCOUNT, action: "token.mint", outcome: "ok", tokenId: "t1" });
    for (const [field, value] of [
      ["from", "0000-01-01T00:00:00Z"],
      ["from", "0001-01-01T00:00:00+01:00"],
      ["to", "9999-12-31T23:59:59-14:00"],
    ] as const) {
      const parsed = auditFilterSchema.safeParse({ [field]: value });
      expect(parsed.success, `${field}=${value}`).toBe(false);
      expect(parsed.error!.issues[0].path).toEqual([field]);
    }
    await fc.assert(
      fc.asyncProperty(oddInstant, oddInstant, async (from, to) => {
        const parsed = auditFilterSchema.safeParse({ from, to });
        if (!parsed.success) return parsed.error.issues.every((i) => i.path[0] === "from" || i.path[0] === "to");
        await listEvents(db, ACCOUNT, parsed.data);
        return true;
      }),
      { seed: SEED, numRuns: 150 },
    );
    // The very ends of the range are real instants, and the ledger compares against them.
    const all = await listEvents(db, ACCOUNT, auditFilterSchema.parse({ from: "0001-01-01T00:00:00Z", to: "9999-12-31T23:59:59.999Z" }));
    expect(all.events.map((e) => e.tokenId)).toEqual(["t1"]);
  });

  it("control characters in a text filter are refused naming the field; every accepted text runs", async () => {
    const { db } = get();
    for (const field of ["portfolio", "token"] as const) {
      const parsed = auditFilterSchema.safeParse({ [field]: "Alpha\u0000" });
      expect(parsed.error?.issues[0].path).toEqual([field]);
    }
    await fc.assert(
      fc.asyncProperty(oddText, oddText, async (portfolio, token) => {
        const parsed = auditFilterSchema.safeParse({ portfolio, token });
        if (!parsed.success) return parsed.error.issues.every((i) => i.path[0] === "portfolio" || i.path[0] === "token");
        await listEvents(db, ACCOUNT, parsed.data);
        return true;
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});
