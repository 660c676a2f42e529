/** The offered-scopes guard: what eToro does not offer is a 400 on scopeNames; a failed read of the list says "try again". */
import { describe, expect, it, vi } from "vitest";
import { EtoroError } from "@/lib/etoro/errors";
import { ApiError } from "../http/api-error";

const offered = vi.hoisted(() => ({ read: async (): Promise<string[]> => ["etoro-public:trade.demo:read", "etoro-public:trade.demo:write"] }));
vi.mock("@/lib/etoro/agent-portfolios", () => ({ listAllowedScopes: () => offered.read() }));
const { assertScopesOffered } = await import("./offered-scopes");

const credentials = { apiKey: "k", userKey: "u" };

describe("assertScopesOffered", () => {
  it("passes offered scopes and an absent list (a change that keeps the scopes)", async () => {
    await expect(assertScopesOffered(credentials, ["etoro-public:trade.demo:read"])).resolves.toBeUndefined();
    await expect(assertScopesOffered(credentials, undefined)).resolves.toBeUndefined();
  });

  it("refuses a scope not offered with a 400 naming scopeNames and the scope", async () => {
    const refused = await assertScopesOffered(credentials, ["etoro-public:trade.demo:read", "etoro-public:trade.real:write"]).catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 400, code: "ScopeNameNotAllowed" });
    expect(refused.extra.fields.scopeNames).toContain("etoro-public:trade.real:write");
    expect(refused.extra.fields.scopeNames).not.toContain("trade.demo:read");
  });

  it("a list that cannot be read is a retryable error that changed nothing", async () => {
    offered.read = () => Promise.reject(new EtoroError({ kind: "timeout", status: 0, errorCode: "UpstreamTimeout", message: "eToro did not answer in time.", requestId: "r-1" }));
    const failed = await assertScopesOffered(credentials, ["etoro-public:trade.demo:read"]).catch((e) => e);
    expect(failed).toMatchObject({ status: 504, code: "UpstreamTimeout" });
    expect(failed.message).toContain("Try again");
  });
});
