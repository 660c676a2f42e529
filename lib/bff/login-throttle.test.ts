import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvent } from "@/lib/ledger/append";
import { openLedger, type OpenLedger } from "@/lib/ledger/open";
import { ApiError } from "./api-error";
import { LOGIN_WINDOW_MS, checkLoginThrottle } from "./login-throttle";

const MAX_FAILED_LOGINS = 10;

let ledger: OpenLedger;
beforeAll(async () => {
  ledger = await openLedger({ memory: true });
}, 60_000);
afterAll(() => ledger?.close());

const fail = (clientIp: string, at: Date, account = "acct") =>
  appendEvent(ledger.db, { account, action: "session.login_failed", outcome: "error", errorCode: "Unauthorized", clientIp, at });

describe("sign-in throttling", () => {
  it("allows an address until it has failed too often within the window, across accounts", async () => {
    const now = Date.now();
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) await fail("198.51.100.1", new Date(now - 60_000), `acct-${i}`);
    await expect(checkLoginThrottle(ledger.db, "198.51.100.1", MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
    await fail("198.51.100.1", new Date(now - 30_000));
    const refused = await checkLoginThrottle(ledger.db, "198.51.100.1", MAX_FAILED_LOGINS, now).catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 429, code: "TooManyFailedSignIns" });
    // The oldest counted failure was 60 s ago, so the address is free again 14 minutes from now.
    expect(refused.extra.retryAfterSeconds).toBe(LOGIN_WINDOW_MS / 1000 - 60);
    expect(refused.message).toContain("14 minutes");
  });

  it("counts each address apart, and forgets failures older than the window", async () => {
    const now = Date.now();
    await expect(checkLoginThrottle(ledger.db, "198.51.100.2", MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await fail("198.51.100.3", new Date(now - LOGIN_WINDOW_MS - 1_000));
    await expect(checkLoginThrottle(ledger.db, "198.51.100.3", MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
  });

  it("counts only rejected keys, not eToro outages", async () => {
    const now = Date.now();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await appendEvent(ledger.db, {
        account: "acct", action: "session.login_failed", outcome: "error", errorCode: "UpstreamTimeout", clientIp: "198.51.100.4", at: new Date(now - 1_000),
      });
    }
    await expect(checkLoginThrottle(ledger.db, "198.51.100.4", MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
  });

  it("does not throttle when the address is unknown or the limit is off", async () => {
    await expect(checkLoginThrottle(ledger.db, "198.51.100.1", 0)).resolves.toBeUndefined();
    await expect(checkLoginThrottle(ledger.db, null, MAX_FAILED_LOGINS)).resolves.toBeUndefined();
  });
});
