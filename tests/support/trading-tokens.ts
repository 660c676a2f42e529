/**
 * Helpers for trading tests: mint a user token on a fresh agent portfolio through the
 * sandbox's own agent-portfolio API (its secret is what an agent sends as x-user-key),
 * and call the sandbox from a chosen local address (to test IP whitelists).
 *
 *   mintTradingToken(sandbox, { scopes?, ips?, expiresAt?, investment?, owner? }) → { secret, portfolioId, tokenId }
 *   callFrom(sandbox, localAddress, method, path, { userKey, body? })             → { status, body }
 */
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { expect } from "vitest";
import { ALICE, call, TEST_API_KEY, type Target } from "./sandbox-client";
import { matchPathTemplate, validateResponse } from "./spec-validator";

export const ALL_TRADING_SCOPES = [
  "etoro-public:trade.real:read",
  "etoro-public:trade.real:write",
  "etoro-public:trade.demo:read",
  "etoro-public:trade.demo:write",
];

export interface MintedToken {
  secret: string;
  portfolioId: string;
  tokenId: string;
}

let portfolioCounter = 0;

export async function mintTradingToken(
  target: Target,
  options: { scopes?: string[]; ips?: string[]; expiresAt?: string; investment?: number; owner?: string } = {},
): Promise<MintedToken> {
  portfolioCounter += 1;
  const created = await call(target, "POST", "/api/v2/agent-portfolios", {
    userKey: options.owner ?? ALICE,
    body: {
      agentPortfolioName: `Agent${String(portfolioCounter).padStart(4, "0")}`,
      investmentAmountInUsd: options.investment ?? 2_000,
      userTokenName: "agent",
      scopeNames: options.scopes ?? ALL_TRADING_SCOPES,
      ipsWhitelist: options.ips ?? [],
      ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
    },
  });
  expect(created.status).toBe(201);
  const token = created.body.userTokens[0];
  return { secret: token.userToken, portfolioId: created.body.agentPortfolioId, tokenId: token.userTokenId };
}

/** One request over node:http bound to `localAddress` (e.g. 127.0.0.2), checked against the spec. */
export function callFrom(
  target: Target,
  localAddress: string,
  method: string,
  path: string,
  options: { userKey: string; body?: unknown },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${target.url}${path}`,
      {
        method,
        localAddress,
        headers: {
          "x-api-key": TEST_API_KEY,
          "x-user-key": options.userKey,
          "x-request-id": randomUUID(),
          ...(payload ? { "content-type": "application/json" } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const body = text === "" ? undefined : JSON.parse(text);
          const status = res.statusCode ?? 0;
          const result = validateResponse(method, matchPathTemplate(path) ?? path, status, body, { strict: true });
          if (!result.valid) reject(new Error(`${method} ${path} → ${status} does not match the spec: ${result.errors}`));
          else resolve({ status, body });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
