import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EtoroError } from "@/lib/etoro/errors";
import { closeLedgerDb, getLedgerDb } from "@/lib/db/process-db";
import { seedPgliteDir } from "@/lib/db/test-ledgers";
import { listEvents } from "@/lib/ledger/queries";
import { accountFingerprint } from "@/lib/session";
import { audited } from "./audited-mutation";

/** audited(): one call runs the mutation and records its outcome, whichever it is. */
const credentials = { apiKey: "sandbox-api-key", userKey: "audit-test-user" };
const req = new NextRequest("http://127.0.0.1/api/x", { method: "POST", headers: { "x-forwarded-for": "203.0.113.5" } });
const saved = { ...process.env };
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), "audited-"));
  delete process.env.DATABASE_URL;
  delete process.env.LEDGER_OUTBOX_DIR;
  process.env.PGLITE_DATA_DIR = path.join(tmp, "ledger");
  await seedPgliteDir(process.env.PGLITE_DATA_DIR);
}, 60_000);
afterAll(async () => {
  await closeLedgerDb();
  process.env = saved;
  rmSync(tmp, { recursive: true, force: true });
});

const rows = async () => (await listEvents(await getLedgerDb(), accountFingerprint(credentials))).events;

describe("audited()", () => {
  it("records a success with the fields derived from the result, and a failure with its error code and request id", async () => {
    const attempt = { action: "token.revoke" as const, portfolioId: "p-1", tokenId: "t-1" };
    await audited(req, credentials, attempt, async () => ({ requestId: "req-ok" }), { success: (r) => ({ requestId: r.requestId }) });
    const failure = new EtoroError({ kind: "upstream", status: 404, errorCode: "NotFound", message: "gone", requestId: "req-bad" });
    await expect(
      audited(req, credentials, attempt, () => Promise.reject(failure), { success: () => ({ requestId: null }) }),
    ).rejects.toBe(failure);

    const [failed, ok] = await rows();
    expect(ok).toMatchObject({ action: "token.revoke", outcome: "ok", requestId: "req-ok", tokenId: "t-1", errorCode: null, clientIp: "203.0.113.5" });
    expect(failed).toMatchObject({ action: "token.revoke", outcome: "error", requestId: "req-bad", tokenId: "t-1", errorCode: "NotFound" });
  }, 60_000);

  it("a failure may say what else to record, or that nothing was attempted", async () => {
    const before = (await rows()).length;
    const refused = new Error("refused before eToro was asked");
    await expect(
      audited(req, credentials, { action: "session.login" }, () => Promise.reject(refused), {
        success: () => ({ requestId: null }),
        failure: () => null,
      }),
    ).rejects.toBe(refused);
    expect((await rows()).length).toBe(before);
  });

  it("cannot be called without saying how a success is recorded", () => {
    // A handler that would record only failures does not compile.
    // @ts-expect-error the outcomes (success mapper) are required
    const forgot = () => audited(req, credentials, { action: "token.revoke" }, async () => 1);
    // Nor can a success row leave out the request id.
    // @ts-expect-error requestId is required in what success returns
    const noId = () => audited(req, credentials, { action: "token.revoke" }, async () => 1, { success: () => ({}) });
    expect([forgot, noId]).toHaveLength(2);
  });
});
