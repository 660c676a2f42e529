import { describe, expect, it } from "vitest";
import { listErrorExamples } from "@/tests/support/spec-validator";
import { EtoroError } from "@/lib/etoro/errors";
import { fromEtoroError } from "./upstream-error";

const examples = listErrorExamples();

describe("every error example in eToro's spec maps to a clear BFF error", () => {
  it("covers the spec's examples", () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  it.each(examples.map((e) => [`${e.method} ${e.path} ${e.status} ${e.name}`, e] as const))("%s", (_label, example) => {
    const mapped = fromEtoroError(
      new EtoroError({
        kind: "upstream",
        status: example.status,
        errorCode: example.errorCode,
        message: example.errorMessage,
        requestId: "5f0c6a43-5a8e-4a4e-9d3c-0a5f1d2b3c4d",
        retryAfterSeconds: example.errorCode === "TooManyRequests" ? 30 : null,
      }),
    );
    // eToro's own failures are the gateway's problem (502); everything else is the caller's (4xx).
    if (example.status >= 500) expect(mapped.status).toBe(502);
    else {
      expect(mapped.status).toBeGreaterThanOrEqual(400);
      expect(mapped.status).toBeLessThan(500);
    }
    expect(mapped.message.length).toBeGreaterThan(15);
    expect(mapped.message).not.toMatch(/undefined|\[object/);
    expect(mapped.toBody().error.requestId).toBe("5f0c6a43-5a8e-4a4e-9d3c-0a5f1d2b3c4d");
  });
});

describe("specific mappings", () => {
  const err = (status: number, errorCode: string, message = errorCode) =>
    fromEtoroError(new EtoroError({ kind: "upstream", status, errorCode, message, requestId: "r" }));

  it("puts field errors on the field the person edits", () => {
    expect(err(409, "UserKeyNameAlreadyExists").extra.fields).toHaveProperty("userTokenName");
    expect(err(400, "IpsWhitelistInvalidIp").extra.fields).toHaveProperty("ipsWhitelist");
    expect(err(403, "ScopeNameNotAllowed").extra.fields).toHaveProperty("scopeNames");
    expect(err(400, "ValidationFailed", "Agent-portfolio name must be between 6 and 10 characters").extra.fields).toHaveProperty("agentPortfolioName");
    expect(err(400, "ValidationFailed", "Investment amount is below the minimum threshold").extra.fields).toHaveProperty("investmentAmountInUsd");
  });

  it("treats the 10-token cap as a conflict, not a rate limit", () => {
    const mapped = err(429, "MaxUserTokensExceeded");
    expect(mapped.status).toBe(409);
    expect(mapped.extra.retryAfterSeconds).toBeUndefined();
    // The words the dialogs show as they are: the client never re-words them.
    expect(mapped.message).toContain("10 tokens");
  });

  it("passes Retry-After on for the quota", () => {
    const mapped = fromEtoroError(
      new EtoroError({ kind: "upstream", status: 429, errorCode: "TooManyRequests", message: "x", requestId: "r", retryAfterSeconds: 17 }),
    );
    expect(mapped.status).toBe(429);
    expect(mapped.extra.retryAfterSeconds).toBe(17);
    expect(mapped.message).toContain("17 s");
  });

  it("maps transport failures to 502/504", () => {
    expect(fromEtoroError(new EtoroError({ kind: "timeout", status: 0, errorCode: "t", message: "slow.", requestId: "r" })).status).toBe(504);
    expect(fromEtoroError(new EtoroError({ kind: "network", status: 0, errorCode: "n", message: "down", requestId: "r" })).status).toBe(502);
  });
});
