import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvent } from "@/lib/ledger/append";
import { type OpenLedger } from "@/lib/db/open";
import { openTestLedger } from "@/lib/db/test-ledgers";
import { ApiError } from "../http/api-error";
import { ADDRESS_CAP_FACTOR, LOGIN_WINDOW_MS, checkLoginThrottle } from "./login-throttle";

const MAX_FAILED_LOGINS = 10;
const DAY = 24 * 60 * 60 * 1000;

let ledger: OpenLedger;
beforeAll(async () => {
  ledger = await openTestLedger();
}, 60_000);
afterAll(() => ledger?.close());

const fail = (clientIp: string, at: Date, account = "acct") =>
  appendEvent(ledger.db, { account, action: "session.login_failed", outcome: "error", errorCode: "Unauthorized", clientIp, at });

describe("sign-in throttling", () => {
  const ip = (n: number) => `198.51.100.${n}`;

  it("refuses one key retried too often from an address, until the window has passed", async () => {
    const now = Date.now();
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) await fail(ip(1), new Date(now - 60_000), "wrong-key");
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(1), account: "wrong-key" }, MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
    await fail(ip(1), new Date(now - 30_000), "wrong-key");
    const refused = await checkLoginThrottle(ledger.db, { clientIp: ip(1), account: "wrong-key" }, MAX_FAILED_LOGINS, now).catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 429, code: "TooManyFailedSignIns" });
    expect(refused.message).toContain("with this key");
    // The oldest counted failure was 60 s ago, so the key is free again 14 minutes from now.
    expect(refused.extra.retryAfterSeconds).toBe(LOGIN_WINDOW_MS / 1000 - 60);
    expect(refused.message).toContain("14 minutes");
  });

  it("lets the right key in after a lockout of wrong keys from the same address", async () => {
    const now = Date.now();
    // Ten typos (each a different key) and the same stale key ten times: the old address-wide lockout.
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await fail(ip(5), new Date(now - 60_000), `typo-${i}`);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await fail(ip(5), new Date(now - 60_000), "stale-key");
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(5), account: "stale-key" }, MAX_FAILED_LOGINS, now)).rejects.toThrow(
      "with this key",
    );
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(5), account: "right-key" }, MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
  });

  it("still stops an address spraying many keys, whatever key comes next", async () => {
    const now = Date.now();
    const cap = MAX_FAILED_LOGINS * ADDRESS_CAP_FACTOR;
    for (let i = 0; i < cap - 1; i++) await fail(ip(6), new Date(now - 60_000), `guess-${i}`);
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(6), account: "next-guess" }, MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
    await fail(ip(6), new Date(now - 60_000), "one-more");
    const refused = await checkLoginThrottle(ledger.db, { clientIp: ip(6), account: "right-key" }, MAX_FAILED_LOGINS, now).catch((e) => e);
    expect(refused).toMatchObject({ status: 429, code: "TooManyFailedSignIns" });
    expect(refused.message).toContain("from your address");
  });

  it("behind one address (a NAT), a guesser at the cap does not lock out colleagues who signed in before", async () => {
    const now = Date.now();
    await appendEvent(ledger.db, { account: "colleague", action: "session.login", outcome: "ok", clientIp: ip(8), at: new Date(now - DAY) });
    for (let i = 0; i < MAX_FAILED_LOGINS * ADDRESS_CAP_FACTOR; i++) await fail(ip(7), new Date(now - 60_000), `spray-${i}`);
    // The guesser's next key, and any key this console never saw sign in, wait out the window.
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(7), account: "spray-next" }, MAX_FAILED_LOGINS, now)).rejects.toThrow("from your address");
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(7), account: "newcomer" }, MAX_FAILED_LOGINS, now)).rejects.toThrow("from your address");
    // A key that signed in before (from anywhere) still gets to eToro: only its holder can send it.
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(7), account: "colleague" }, MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
    // Its own retries are still limited, like any key's.
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await fail(ip(7), new Date(now - 30_000), "colleague");
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(7), account: "colleague" }, MAX_FAILED_LOGINS, now)).rejects.toThrow("with this key");
  });

  it("the same key from many addresses is limited at each address, not locked everywhere", async () => {
    const now = Date.now();
    for (let n = 20; n < 25; n++) {
      for (let i = 0; i < MAX_FAILED_LOGINS; i++) await fail(ip(n), new Date(now - 60_000), "shared-key");
      await expect(checkLoginThrottle(ledger.db, { clientIp: ip(n), account: "shared-key" }, MAX_FAILED_LOGINS, now)).rejects.toThrow("with this key");
    }
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(30), account: "shared-key" }, MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
  });

  it("counts each address apart, and forgets failures older than the window", async () => {
    const now = Date.now();
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(2), account: "acct" }, MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await fail(ip(3), new Date(now - LOGIN_WINDOW_MS - 1_000));
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(3), account: "acct" }, MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
  });

  it("counts only rejected keys, not eToro outages", async () => {
    const now = Date.now();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await appendEvent(ledger.db, {
        account: "acct", action: "session.login_failed", outcome: "error", errorCode: "UpstreamTimeout", clientIp: ip(4), at: new Date(now - 1_000),
      });
    }
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(4), account: "acct" }, MAX_FAILED_LOGINS, now)).resolves.toBeUndefined();
  });

  it("does not throttle when the address is unknown or the limit is off", async () => {
    await expect(checkLoginThrottle(ledger.db, { clientIp: ip(1), account: "wrong-key" }, 0)).resolves.toBeUndefined();
    await expect(checkLoginThrottle(ledger.db, { clientIp: null, account: "wrong-key" }, MAX_FAILED_LOGINS)).resolves.toBeUndefined();
  });
});
