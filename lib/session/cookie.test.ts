/**
 * A session cookie that does not unseal is no session, never a throw.
 * The exact shapes that made iron-session throw, then any string fast-check makes.
 */
import fc from "fast-check";
import { getIronSession, sealData, unsealData } from "iron-session";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, screenSessionCookies, unsealSession } from "./cookie";

const PASSWORD = "p".repeat(40);
const goodSeal = () => sealData({ userKey: "sandbox-alice", signedInAt: Date.now(), sessionId: "s1" }, { password: PASSWORD, ttl: SESSION_TTL_SECONDS });

/** The shapes from the issue, built from a valid seal. */
async function badShapes(): Promise<[string, string][]> {
  const seal = await goodSeal();
  return [
    ["wrong-prefix stars", "X*1*a*b*c*d*e*f~2"],
    ["a valid seal in double quotes", `"${seal}"`],
    ["prefix Fe26.1", seal.replace(/^Fe26\.2/, "Fe26.1")],
    ["prefix FeA6", seal.replace(/^Fe26\.2/, "FeA6")],
    ["truncated", seal.slice(0, seal.length - 10)],
    ["bad expiry", seal.replace(/\*(\d+)\*/, "*x*")],
    ["another password", await sealData({ userKey: "k" }, { password: "q".repeat(40) })],
    ["empty", ""],
    ["version 1 marker", seal.replace(/~2$/, "~1")],
    ["no user key", await sealData({ other: 1 }, { password: PASSWORD })],
  ];
}

describe("unsealSession", () => {
  it("iron-session itself throws on some of these shapes (why the guard exists)", async () => {
    await expect(unsealData("X*1*a*b*c*d*e*f~2", { password: PASSWORD })).rejects.toThrow();
  });

  it("unseals a valid cookie", async () => {
    expect(await unsealSession(await goodSeal(), PASSWORD)).toMatchObject({ userKey: "sandbox-alice" });
  });

  it("answers null, never throws, for every malformed shape", async () => {
    for (const [what, value] of await badShapes()) {
      await expect(unsealSession(value, PASSWORD), what).resolves.toBeNull();
    }
  });

  it("answers null for any string (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: "binary" }), sealLike()), async (value) => {
        expect(await unsealSession(value, PASSWORD)).toBeNull();
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

/** Strings shaped like seals: the right prefix and number of parts, random contents. */
function sealLike() {
  const part = fc.string({ maxLength: 12 });
  return fc
    .tuple(fc.constantFrom("Fe26.2", "Fe26.1", "FeA6", "", "X"), fc.array(part, { minLength: 0, maxLength: 9 }), fc.constantFrom("~2", "~1", "", "~x"))
    .map(([prefix, parts, version]) => [prefix, ...parts].join("*") + version);
}

describe("screenSessionCookies", () => {
  it("leaves a header with one good session cookie alone", async () => {
    const seal = await goodSeal();
    expect(await screenSessionCookies(`theme=dark; ${SESSION_COOKIE}=${seal}`, PASSWORD)).toEqual({ cookieHeader: null, clear: false, seal });
    expect(await screenSessionCookies("theme=dark", PASSWORD)).toEqual({ cookieHeader: null, clear: false, seal: null });
    expect(await screenSessionCookies(null, PASSWORD)).toEqual({ cookieHeader: null, clear: false, seal: null });
  });

  it("with no secret (a broken configuration) leaves the header to the route handlers", async () => {
    expect(await screenSessionCookies(`${SESSION_COOKIE}=X*1*a*b*c*d*e*f~2`, "")).toEqual({ cookieHeader: null, clear: false, seal: null });
  });

  it("removes a bad session cookie and asks the browser to clear it", async () => {
    for (const [what, value] of await badShapes()) {
      const screened = await screenSessionCookies(`a=1; ${SESSION_COOKIE}=${value}; b=2`, PASSWORD);
      expect(screened, what).toEqual({ cookieHeader: "a=1; b=2", clear: true, seal: null });
    }
  });

  it("keeps the first good one of several and drops the rest, a bad one last included", async () => {
    const seal = await goodSeal();
    const screened = await screenSessionCookies(`${SESSION_COOKIE}=${seal}; ${SESSION_COOKIE}=X*1*a*b*c*d*e*f~2`, PASSWORD);
    expect(screened).toEqual({ cookieHeader: `${SESSION_COOKIE}=${seal}`, clear: false, seal });
    const badFirst = await screenSessionCookies(`${SESSION_COOKIE}="${seal}"; x=1; ${SESSION_COOKIE}=${seal}`, PASSWORD);
    expect(badFirst).toEqual({ cookieHeader: `x=1; ${SESSION_COOKIE}=${seal}`, clear: false, seal });
  });

  it("never throws and never passes on a session cookie that does not unseal (property)", async () => {
    const cookiePart = fc.oneof(
      fc.string().map((v) => `${SESSION_COOKIE}=${v}`),
      sealLike().map((v) => `${SESSION_COOKIE}=${v}`),
      fc.string(),
      fc.constant(SESSION_COOKIE),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cookiePart, { maxLength: 6 }), fc.constantFrom("; ", ";", ";;"), async (parts, sep) => {
        const screened = await screenSessionCookies(parts.join(sep), PASSWORD);
        const passedOn = screened.cookieHeader ?? parts.join(sep);
        // Whatever reaches the app, iron-session reading it must not throw.
        const store = { get: (name: string) => cookieValue(passedOn, name), set: () => undefined };
        await expect(getIronSession(store, { password: PASSWORD, cookieName: SESSION_COOKIE })).resolves.toBeDefined();
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});

/** The first value a Cookie header gives `name`, as Next's cookie store reads it. */
function cookieValue(header: string, name: string): { name: string; value: string } | undefined {
  for (const part of header.split(/;\s*/)) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return { name, value: part.slice(i + 1) };
  }
  return undefined;
}
