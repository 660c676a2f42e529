/**
 * The BFF contract: it names every route the app serves, resolveRoute at run time,
 * and, checked by `tsc` (npm run typecheck), that both sides are held to the one
 * map. Each `@ts-expect-error` fails the type check the day the line below it stops
 * being an error.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { apiFetch } from "@/lib/api-client";
import type { PortfolioList, TokenView } from "@/lib/domain/types";
import { resolveRoute, type ParamsOf, type RequestOf, type ResponseOf } from "./contract";
import { json } from "./http/respond";

const root = path.resolve(import.meta.dirname, "../..");
/** The catch-all answers the JSON 404 for every path no route serves: not a route of its own. */
const NOT_A_ROUTE = "app/api/[[...path]]/route.ts";
const METHODS = /^export (?:const|async function|function) (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/gm;

/** "METHOD /api/a/:id" for each handler a route.ts under app/api exports. */
function servedRoutes(): string[] {
  const files = (readdirSync(path.join(root, "app/api"), { recursive: true }) as string[])
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => path.posix.join("app/api", file.split(path.sep).join("/")))
    .filter((file) => file !== NOT_A_ROUTE);
  return files.flatMap((file) => {
    const routePath = `/${path.posix.dirname(file).slice("app/".length)}`.replace(/\[([A-Za-z]+)\]/g, ":$1");
    return [...readFileSync(path.join(root, file), "utf8").matchAll(METHODS)].map((m) => `${m[1]} ${routePath}`);
  });
}

/** The keys of BffContract, read from its source (the contract is types only). */
function contractKeys(): string[] {
  const source = readFileSync(path.join(root, "lib/bff/contract.ts"), "utf8");
  const start = source.indexOf("export type BffContract = {");
  return [...source.slice(start, source.indexOf("\n};", start)).matchAll(/^\s+"([A-Z]+ \/api[^"]*)":/gm)].map((m) => m[1]);
}

describe("the contract", () => {
  it("has an entry for every route/method pair under app/api, and none for a route that does not exist", () => {
    const served = servedRoutes().sort();
    expect(served.length).toBeGreaterThan(20);
    expect(contractKeys().sort()).toEqual(served);
  });
});

describe("resolveRoute", () => {
  it("splits the method and fills the path's ids, URL-encoded", () => {
    expect(resolveRoute("GET /api/portfolios", undefined)).toEqual({ method: "GET", path: "/api/portfolios" });
    expect(resolveRoute("PATCH /api/portfolios/:portfolioId/tokens/:tokenId", { portfolioId: "p 1", tokenId: "t/2" })).toEqual({
      method: "PATCH",
      path: "/api/portfolios/p%201/tokens/t%2F2",
    });
  });

  it("refuses a missing id instead of calling /api/portfolios/undefined", () => {
    expect(() => resolveRoute("DELETE /api/portfolios/:portfolioId", {} as ParamsOf<"DELETE /api/portfolios/:portfolioId">)).toThrow(
      /portfolioId/,
    );
  });
});

describe("types shared by route handlers and hooks", () => {
  it("derive path parameters, bodies and answers from the route key", () => {
    expectTypeOf<ParamsOf<"PATCH /api/portfolios/:portfolioId/tokens/:tokenId">>().toEqualTypeOf<{ portfolioId: string; tokenId: string }>();
    expectTypeOf<ParamsOf<"GET /api/portfolios">>().toEqualTypeOf<Record<never, never>>();
    expectTypeOf<ResponseOf<"GET /api/portfolios">>().toEqualTypeOf<PortfolioList>();
    expectTypeOf<RequestOf<"GET /api/portfolios">>().toBeNever();
  });
});

/* Never called: these functions exist to be type-checked. */

// A handler answering with a renamed field does not compile…
export function serverSide(list: PortfolioList, token: TokenView) {
  json<ResponseOf<"GET /api/portfolios">>(list);
  // @ts-expect-error the contract says agentPortfolios, not portfolios
  json<ResponseOf<"GET /api/portfolios">>({ portfolios: list.agentPortfolios, fetchedAt: list.fetchedAt });
  // @ts-expect-error a mint answers { token }, with its secret
  json<ResponseOf<"POST /api/portfolios/:portfolioId/tokens">>({ minted: token });
}

// …and neither does a caller reading or sending a field the contract does not have.
export async function clientSide() {
  const list = await apiFetch("GET /api/portfolios");
  expectTypeOf(list).toEqualTypeOf<PortfolioList>();
  expectTypeOf(await apiFetch("DELETE /api/portfolios/:portfolioId", { params: { portfolioId: "x" } })).toBeVoid();
  // @ts-expect-error no such field: it is agentPortfolios
  void list.portfolios;
  const { token } = await apiFetch("POST /api/portfolios/:portfolioId/tokens", {
    params: { portfolioId: "p" },
    body: { userTokenName: "bot", scopeNames: ["etoro-public:trade.demo:read"] },
  });
  void token.userToken;
  // @ts-expect-error the token's id is userTokenId
  void token.tokenId;
  // @ts-expect-error a PATCH needs both ids
  void apiFetch("PATCH /api/portfolios/:portfolioId/tokens/:tokenId", { params: { portfolioId: "p" }, body: { expiresAt: "x" } });
  // @ts-expect-error the body is checked against the route's request type
  void apiFetch("POST /api/portfolios/:portfolioId/tokens", { params: { portfolioId: "p" }, body: { name: "bot" } });
  // @ts-expect-error a route that is not in the contract
  void apiFetch("GET /api/nowhere");
}
