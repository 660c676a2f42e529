import fc from "fast-check";
import { ALICE, expect, sandbox, test } from "./support/fixtures";
import { APP_URL } from "./support/ports";
import { raw, signInRaw, type RawResponse } from "./support/raw-http";

/**
 * Property-based tests over every /api route: random
 * methods, paths, ids, headers, cookies and bodies. Every answer is a JSON 4xx or a
 * success — never a 5xx, never HTML — and what the BFF must refuse (no session,
 * another origin, a malformed id or path, a method the route does not take) never
 * reaches the sandbox. The page paths get the same treatment: never a 5xx.
 * Seeded and bounded for CI; `npm run fuzz` runs longer (FUZZ_RUNS, FUZZ_SEED).
 */
const RUNS = Number(process.env.FUZZ_RUNS || 150);
const SEED = Number(process.env.FUZZ_SEED || 20261122);

type RouteSpec = {
  template: string;
  methods: string[];
  /** Methods that need no session. */
  open?: string[];
  /** Methods that may reach eToro even when refused here otherwise (health probes upstream). */
  mayReachUpstream?: string[];
};

const ROUTES: RouteSpec[] = [
  { template: "/api/portfolios", methods: ["GET", "POST"] },
  { template: "/api/portfolios/:id", methods: ["DELETE"] },
  { template: "/api/portfolios/:id/tokens", methods: ["POST"] },
  { template: "/api/portfolios/:id/tokens/:id", methods: ["PATCH", "DELETE"] },
  { template: "/api/scopes", methods: ["GET"] },
  { template: "/api/session", methods: ["GET", "POST", "DELETE"], open: ["GET", "POST", "DELETE"] },
  { template: "/api/sessions", methods: ["GET", "DELETE"] },
  { template: "/api/sessions/:id", methods: ["DELETE"] },
  { template: "/api/health", methods: ["GET"], open: ["GET"], mayReachUpstream: ["GET", "HEAD"] },
  { template: "/api/client-ip", methods: ["GET"], open: ["GET"] },
  { template: "/api/portfolios/:id/history", methods: ["GET"] },
  { template: "/api/audit", methods: ["GET"] },
  { template: "/api/audit/export", methods: ["GET"] },
  { template: "/api/audit/chain", methods: ["GET"] },
  { template: "/api/policy", methods: ["GET"] },
  { template: "/api/jobs", methods: ["GET", "POST"] },
  { template: "/api/jobs/:id", methods: ["GET"] },
  { template: "/api/jobs/:id/cancel", methods: ["POST"] },
  { template: "/api/jobs/:id/retry", methods: ["POST"] },
  { template: "/api/:id", methods: [] },
];

const BAD_ENCODINGS = ["%ff", "%", "a%zz", "%E0%80%80", "%C0%AF", "%ED%A0%80", "%00", "%2e%2e", "..", "%2F"];

const idArb = fc.oneof(
  fc.uuid().map((id) => ({ raw: id, uuid: true })),
  fc.constantFrom(...BAD_ENCODINGS).map((id) => ({ raw: id, uuid: false })),
  fc.string({ unit: "grapheme", maxLength: 40 }).map((s) => ({ raw: encodeURIComponent(s), uuid: false })),
  fc.constantFrom("x".repeat(5000), "00000000-0000-0000-0000-000000000000x", "__proto__", "constructor").map((id) => ({ raw: id, uuid: false })),
);

const methodArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS") },
  { weight: 1, arbitrary: fc.constantFrom("TRACE", "PROPFIND", "MKCOL", "LOCK", "X-CUSTOM") },
);

/** Objects with keys a careless merge would trip on. */
const prototypeKeys = fc.dictionary(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "scopeNames", "ipsWhitelist"), fc.jsonValue(), { maxKeys: 5 });

const bodyArb = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  prototypeKeys.map((v) => JSON.stringify(v)),
  fc.constant('{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":1}}}'),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.integer({ min: 1, max: 400 }).map((depth) => "[".repeat(depth * 10) + "]".repeat(depth * 10)),
  // Built at send time, so a failure report does not print 300 kB.
  fc.constantFrom(70_000, 300_000).map((n) => ({ hugeName: n })),
  fc.record({
    agentPortfolioName: fc.string({ unit: "grapheme", maxLength: 20 }),
    investmentAmountInUsd: fc.oneof(fc.double(), fc.integer(), fc.string()),
    userTokenName: fc.string({ unit: "grapheme", maxLength: 20 }),
    scopeNames: fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 }),
    ipsWhitelist: fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 20 })), { maxLength: 3 }),
    expiresAt: fc.oneof(fc.constant(null), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
  }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
);

const cookieArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "valid" as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: "none" as const }) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constantFrom("X*1*a*b*c*d*e*f~2", "Fe26.2**~2", '"quoted"', "Fe26.1*1*a*b*c*d*e*f~2", "FeA6*x"),
      fc.stringMatching(/^[\x21-\x2b\x2d-\x3a\x3c-\x7e]{0,120}$/),
    ).map((value) => ({ kind: "garbage" as const, value })),
  },
);

const originArb = fc.oneof(
  fc.constant<string | undefined>(APP_URL),
  fc.constant<string | undefined>(undefined),
  fc.constantFrom("https://127.0.0.1", "http://evil.example", "null", APP_URL.replace("http://", "http://a@"), APP_URL.replace("http://", "https://")),
);

const requestArb = fc.record({
  route: fc.constantFrom(...ROUTES),
  ids: fc.array(idArb, { minLength: 2, maxLength: 2 }),
  method: methodArb,
  cookie: cookieArb,
  origin: originArb,
  fetchSite: fc.constantFrom(undefined, "same-origin", "cross-site", "same-site", "none"),
  contentType: fc.constantFrom(undefined, "application/json", "application/json; charset=utf-8", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"),
  body: bodyArb,
  query: fc.oneof(fc.constant(""), fc.string({ maxLength: 30 }).map((q) => `?${encodeURIComponent(q)}=1`), fc.constant("?%zz")),
});

type Generated = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function pathOf(r: Generated): { path: string; idsOk: boolean } {
  let i = 0;
  let idsOk = true;
  const path = r.route.template.replace(/:id/g, () => {
    const id = r.ids[i++]!;
    idsOk &&= id.uuid;
    return id.raw;
  });
  return { path: path + r.query, idsOk };
}

/** True when the BFF must answer this without asking eToro. */
function mustRefuse(r: Generated, idsOk: boolean): boolean {
  const { route, method } = r;
  if (route.mayReachUpstream?.includes(method)) return false;
  if (!route.methods.includes(method) && !(method === "HEAD" && route.methods.includes("GET"))) return true;
  if (!idsOk) return true;
  const mutation = !["GET", "HEAD", "OPTIONS"].includes(method);
  if (mutation && r.origin !== APP_URL && !(r.origin === undefined && r.fetchSite === "same-origin")) return true;
  if (mutation && r.fetchSite && r.fetchSite !== "same-origin" && r.fetchSite !== "none") return true;
  const open = route.open?.includes(method) || (method === "HEAD" && route.open?.includes("GET"));
  return !open && r.cookie.kind !== "valid";
}

test("no request, however odd, gets a 5xx or HTML from /api, and what must be refused never reaches eToro", async () => {
  test.setTimeout(Math.max(60_000, RUNS * 1_000));
  let session = await signInRaw(APP_URL, ALICE);
  let sessionLive = true;
  const failures: string[] = [];

  await fc.assert(
    fc.asyncProperty(requestArb, async (r) => {
      if (r.cookie.kind === "valid" && !sessionLive) {
        session = await signInRaw(APP_URL, ALICE);
        sessionLive = true;
      }
      const { path, idsOk } = pathOf(r);
      const headers: Record<string, string> = {};
      if (r.cookie.kind === "valid") headers.cookie = `apc_session=${session}`;
      if (r.cookie.kind === "garbage") headers.cookie = `apc_session=${r.cookie.value}`;
      if (r.origin) headers.origin = r.origin;
      if (r.fetchSite) headers["sec-fetch-site"] = r.fetchSite;
      if (r.contentType) headers["content-type"] = r.contentType;
      const before = (await sandbox.stats()).total;
      const body = typeof r.body === "object" ? JSON.stringify({ agentPortfolioName: "x".repeat(r.body.hugeName) }) : r.body;
      const res: RawResponse = await raw(APP_URL, r.method, path, headers, body);
      const reached = (await sandbox.stats()).total - before;
      const what = `${r.method} ${path.slice(0, 120)} cookie=${r.cookie.kind} origin=${r.origin} site=${r.fetchSite} → ${res.status} ${res.body.slice(0, 160)}`;

      expect(res.status, what).toBeLessThan(500);
      expect(res.status, what).toBeGreaterThanOrEqual(200);
      // The one redirect: Next's trailing-slash rule ("/api/x/" → "/api/x"), for an empty id.
      if (res.status === 308) {
        expect(path.split("?")[0], what).toMatch(/\/$|\/\//);
        return;
      }
      if (r.method !== "HEAD" && res.status !== 204) {
        expect(res.headers["content-type"], what).toMatch(/^application\/json/);
        const body = JSON.parse(res.body);
        if (res.status >= 400) expect(typeof body.error?.code, what).toBe("string");
      }
      expect(res.headers["cache-control"], what).toContain("no-store");
      expect(res.headers["x-content-type-options"], what).toBe("nosniff");
      // OPTIONS is answered by Next itself (204 with Allow): never upstream, not refused.
      if (r.method === "OPTIONS" && reached !== 0) failures.push(`reached eToro ${reached}×: ${what}`);
      if (r.method !== "OPTIONS" && mustRefuse(r, idsOk)) {
        expect(res.status, what).toBeGreaterThanOrEqual(400);
        if (reached !== 0) failures.push(`reached eToro ${reached}×: ${what}`);
      }
      // Signing out (one session or all) ends the session the next runs would use.
      if (r.cookie.kind === "valid" && r.method === "DELETE" && /^\/api\/sessions?(\/|$|\?)/.test(path) && res.status === 204) sessionLive = false;
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  expect(failures).toEqual([]);
});

const PAGE_TEMPLATES = ["/", "/login", "/portfolios", "/portfolios/:id", "/tokens", "/audit", "/:id", "/portfolios/:id/:id"];

const pageRequestArb = fc.record({
  template: fc.constantFrom(...PAGE_TEMPLATES),
  ids: fc.array(idArb, { minLength: 2, maxLength: 2 }),
  method: methodArb,
  cookie: cookieArb,
  accept: fc.constantFrom(undefined, "text/html", "*/*", "application/json", "text/html;q=0.9, */*;q=0.1", "x/\u00ff"),
  odd: fc.dictionary(
    fc.constantFrom("rsc", "next-router-state-tree", "next-router-prefetch", "next-action", "x-middleware-subrequest", "range", "if-none-match", "x-forwarded-host"),
    fc.oneof(fc.constantFrom("1", "%ff", "[", "bytes=9-1", '"x"', "a".repeat(3000)), fc.stringMatching(/^[\x21-\x7e]{0,40}$/)),
    { maxKeys: 3 },
  ),
  query: fc.oneof(fc.constant(""), fc.constant("?%zz"), fc.constant("?_rsc=%ff"), fc.string({ maxLength: 30 }).map((q) => `?${encodeURIComponent(q)}=1`)),
});

test("no page path, however odd, gets a 5xx", async () => {
  test.setTimeout(Math.max(60_000, RUNS * 1_000));
  const session = await signInRaw(APP_URL, ALICE);
  await fc.assert(
    fc.asyncProperty(pageRequestArb, async (r) => {
      let i = 0;
      const path = r.template.replace(/:id/g, () => r.ids[i++]!.raw) + r.query;
      const headers: Record<string, string> = { ...r.odd };
      if (r.cookie.kind === "valid") headers.cookie = `apc_session=${session}`;
      if (r.cookie.kind === "garbage") headers.cookie = `apc_session=${r.cookie.value}`;
      if (r.accept) headers.accept = r.accept;
      const res = await raw(APP_URL, r.method, path, headers);
      const what = `${r.method} ${path.slice(0, 120)} ${JSON.stringify(r.odd).slice(0, 120)} cookie=${r.cookie.kind} → ${res.status} ${res.body.slice(0, 160)}`;
      expect(res.status, what).toBeLessThan(500);
      expect(res.status, what).toBeGreaterThanOrEqual(200);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
});

test("a page path whose percent-encoding does not decode is a 400 in words, whatever the method", async () => {
  for (const method of ["GET", "HEAD", "POST", "DELETE", "OPTIONS"]) {
    for (const path of ["/portfolios/%ff", "/%", "/portfolios/a%zz", "/audit/%E0%80%80"]) {
      const res = await raw(APP_URL, method, path, { accept: "text/html" });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.headers["cache-control"], `${method} ${path}`).toContain("no-store");
      if (method !== "HEAD") expect(res.body, `${method} ${path}`).toMatch(/not a valid address/i);
    }
  }
});
