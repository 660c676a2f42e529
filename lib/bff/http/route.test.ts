/**
 * The BFF wrapper: same-origin check, error mapping, a 401 from eToro ending
 * the session, and changesPortfolios marking the list stale. Real iron-session
 * sessions, kept in an in-memory cookie jar that stands in for Next's request
 * scope (next/headers' cookies() and headers() need a running request).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { EtoroError } from "@/lib/etoro/errors";
import { ApiError } from "./api-error";
import { SAME_ORIGIN, testRequest } from "@/tests/support/next-request";

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      if (options?.maxAge === 0 || value === "") jar.delete(name);
      else jar.set(name, value);
    },
  }),
  headers: vi.fn(async () => new Headers(jar.size ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") } : {})),
}));
// Whether a session id is still live is the sessions registry's job (tested in lib/session/); here every id is.
vi.mock("@/lib/session/registry", () => ({ isSessionLive: async () => true }));

const { route } = await import("./route");
const { currentSession, listChangedAt, writableSession } = await import("@/lib/session");

async function signIn() {
  const session = await writableSession();
  session.userKey = "sandbox-alice";
  session.signedInAt = Date.now();
  session.sessionId = "22222222-2222-4222-8222-222222222222";
  await session.save();
}

const upstream = (status: number, errorCode: string) =>
  new EtoroError({ kind: "upstream", status, errorCode, message: `eToro said ${errorCode}`, requestId: "11111111-1111-4111-8111-111111111111" });

const body = async (res: Response) => (await res.json()) as { error: { code: string; message: string; requestId?: string; fields?: Record<string, string> } };

beforeEach(async () => {
  jar.clear();
  await signIn();
});

describe("route(): errors", () => {
  it("answers an ApiError with its status and the shared error body", async () => {
    const res = await route(async () => {
      throw new ApiError(409, "Conflict", "Taken.", { fields: { userTokenName: "Taken." } });
    })(testRequest("GET"), undefined);
    expect(res.status).toBe(409);
    expect(await body(res)).toEqual({ error: { code: "Conflict", message: "Taken.", fields: { userTokenName: "Taken." } } });
    expect(res.headers.get("cache-control")).toContain("no-store");
  });

  it("maps an upstream error with its request id, and a ZodError to 400 ValidationFailed with fields", async () => {
    const fromEtoro = await route(async () => {
      throw upstream(404, "NotFound");
    })(testRequest("GET"), undefined);
    expect(fromEtoro.status).toBe(404);
    expect((await body(fromEtoro)).error.requestId).toBe("11111111-1111-4111-8111-111111111111");
    expect(fromEtoro.headers.get("x-request-id")).toBe("11111111-1111-4111-8111-111111111111");

    const fromZod = await route(async () => {
      z.object({ name: z.string() }).parse({ name: 3 });
      return new Response(null);
    })(testRequest("GET"), undefined);
    expect(fromZod.status).toBe(400);
    expect((await body(fromZod)).error).toMatchObject({ code: "ValidationFailed", fields: { name: expect.any(String) } });
  });

  it("answers anything unexpected with a 500 that tells nothing of the cause", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // Built at run time, so no secret-shaped string sits in the source.
    const secretShaped = ["sk", "live", "abcdefghijkl"].join("_");
    const res = await route(async () => {
      throw new TypeError(`secret ${secretShaped} in a message`);
    })(testRequest("GET"), undefined);
    expect(res.status).toBe(500);
    const text = JSON.stringify(await body(res));
    expect(text).not.toContain("sk_live");
    expect(text).toContain("InternalError");
    expect(spy.mock.calls.flat().join(" ")).not.toContain("sk_live");
    spy.mockRestore();
  });
});

describe("route(): eToro refusing the signed-in key", () => {
  it("ends the session and answers 401 NotSignedIn", async () => {
    expect(await currentSession()).not.toBeNull();
    const res = await route(async () => {
      throw upstream(401, "Unauthorized");
    })(testRequest("GET"), undefined);
    expect(res.status).toBe(401);
    expect((await body(res)).error.code).toBe("NotSignedIn");
    expect(await currentSession()).toBeNull();
  });

  it("keeps the session for any other upstream error", async () => {
    await route(async () => {
      throw upstream(403, "Forbidden");
    })(testRequest("GET"), undefined);
    expect(await currentSession()).not.toBeNull();
  });
});

describe("route(): same-origin check", () => {
  it("refuses a cross-site mutation before the handler runs", async () => {
    const handler = vi.fn(async () => new Response(null, { status: 204 }));
    const res = await route(handler, { mutation: true })(
      testRequest("POST", { headers: { origin: "https://evil.test", "sec-fetch-site": "cross-site" } }),
      undefined,
    );
    expect(res.status).toBe(403);
    expect((await body(res)).error.code).toBe("CrossSiteRequest");
    expect(handler).not.toHaveBeenCalled();
  });

  it("does not check reads", async () => {
    const res = await route(async () => new Response(null, { status: 204 }))(
      testRequest("GET", { headers: { "sec-fetch-site": "cross-site" } }),
      undefined,
    );
    expect(res.status).toBe(204);
  });
});

describe("route(): changesPortfolios", () => {
  const mutation = (run: () => Promise<Response>) => route(run, { changesPortfolios: true })(testRequest("DELETE", { headers: SAME_ORIGIN }), undefined);

  it("marks the list changed after eToro was asked, whether it agreed or not", async () => {
    expect(await listChangedAt()).toBeUndefined();
    await mutation(async () => new Response(null, { status: 204 }));
    const first = await listChangedAt();
    expect(first).toEqual(expect.any(Number));

    jar.clear();
    await signIn();
    await mutation(async () => {
      throw upstream(500, "InternalServerError");
    });
    expect(await listChangedAt()).toEqual(expect.any(Number));
  });

  it("leaves the list alone when the BFF refused the request itself", async () => {
    await mutation(async () => {
      throw new ApiError(400, "ValidationFailed", "Bad.");
    });
    expect(await listChangedAt()).toBeUndefined();
  });
});

describe("route(): a session cookie that does not unseal", () => {
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  it("is no session, and is cleared in the browser", async () => {
    jar.set("apc_session", `${jar.get("apc_session")!.slice(0, 60)}tampered`);
    const res = await route(async () => new Response(String(!!(await currentSession()))))(testRequest("GET", { headers: { cookie: cookieHeader() } }), undefined);
    expect(await res.text()).toBe("false");
    expect(jar.has("apc_session")).toBe(false);
  });

  it("leaves a good one alone, and a good one after a bad one is the session", async () => {
    const good = jar.get("apc_session")!;
    const read = route(async () => new Response(String(!!(await currentSession()))));
    expect(await (await read(testRequest("GET", { headers: { cookie: cookieHeader() } }), undefined)).text()).toBe("true");
    expect(jar.get("apc_session")).toBe(good);
    // Two cookies of one name (another path, a parent domain): the first that unseals counts.
    const both = `apc_session=X*1*a*b~2; apc_session=${good}`;
    const { headers } = await import("next/headers");
    // Both reads of the request's headers (route()'s check, then the session) see the two cookies.
    vi.mocked(headers)
      .mockImplementationOnce(async () => new Headers({ cookie: both }) as never)
      .mockImplementationOnce(async () => new Headers({ cookie: both }) as never);
    expect(await (await read(testRequest("GET", { headers: { cookie: both } }), undefined)).text()).toBe("true");
    expect(jar.get("apc_session")).toBe(good);
  });
});
