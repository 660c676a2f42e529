/**
 * Who may call the trading API, as eToro decides it for a user key: `x-api-key` must be
 * the sandbox's; `x-user-key` is either an account key from SANDBOX_USER_KEYS (the person
 * trades their own account, every scope) or the secret of a live user token minted by
 * the agent-portfolio endpoints (found by its hash; it trades only its portfolio).
 * A token that is unknown, revoked or past its expiry is 401; one whose IP whitelist does
 * not hold the caller's socket address is 403; each operation then needs its scope
 * (`etoro-public:trade.<demo|real>:<read|write>`), else 403.
 *
 * Write does not imply read: the contract lists the four scopes as separate grants that
 * a token is given one by one ("the set of permission scope names to grant"), and says
 * nowhere that one includes another, so a write-only token cannot read its portfolio.
 */
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import type { Authenticator } from "../auth";
import { apiErrors } from "../errors";
import type { ScopeName } from "../scopes";
import type { SandboxStore, TokenHolder } from "../store";
import { stableNumber, type TradingMode, type TradingOwner } from "./accounts";

export type Caller =
  | { kind: "account"; userKey: string }
  | { kind: "token"; userKey: string; holder: TokenHolder };

export type Access = "read" | "write";

/** What a trading route needs: any authenticated key (market data, /me), or a scope. */
export type TradingAccess = { mode: TradingMode; access: Access } | "any-key";

/** The socket address as plain IPv4 when it is one (`::ffff:127.0.0.2` → `127.0.0.2`). */
export function callerAddress(req: IncomingMessage): string | undefined {
  const raw = req.socket.remoteAddress;
  if (!raw || !ipaddr.isValid(raw)) return undefined;
  return ipaddr.process(raw).toString();
}

function sameAddress(a: string, b: string): boolean {
  return ipaddr.isValid(a) && ipaddr.isValid(b) && ipaddr.process(a).toString() === ipaddr.process(b).toString();
}

/** The caller of a trading path, or the 401 / 403 eToro would answer. */
export function identifyTradingCaller(req: IncomingMessage, auth: Authenticator, store: SandboxStore, now: Date): Caller {
  auth.checkApiKey(req.headers);
  const userKey = req.headers["x-user-key"];
  if (typeof userKey !== "string" || userKey === "") throw apiErrors.unauthorized();
  if (auth.isAccountKey(userKey)) return { kind: "account", userKey };
  const holder = store.findTokenBySecret(userKey);
  if (!holder) throw apiErrors.unauthorized();
  const { expiresAt, ipsWhitelist } = holder.token;
  if (expiresAt !== undefined && Date.parse(expiresAt) <= now.getTime()) throw apiErrors.tokenExpired();
  if (ipsWhitelist.length > 0) {
    const address = callerAddress(req);
    if (!address || !ipsWhitelist.some((allowed) => sameAddress(allowed, address))) throw apiErrors.ipNotAllowed();
  }
  return { kind: "token", userKey: holder.userKey, holder };
}

/** 403 unless the caller holds the scope the operation needs. */
export function requireAccess(caller: Caller, needed: TradingAccess): void {
  if (needed === "any-key" || caller.kind === "account") return;
  const scope = `etoro-public:trade.${needed.mode}:${needed.access}` as ScopeName;
  if (!caller.holder.token.scopeNames.includes(scope)) throw apiErrors.missingScope(scope);
}

/** The budget a caller spends: its account key, or its own token's. */
export function quotaKey(caller: Caller): string {
  return caller.kind === "account" ? caller.userKey : `\u0000token:${caller.holder.token.userTokenId}`;
}

/** The caller's global customer id: the account's, or the agent portfolio's own. */
export function callerGcid(caller: Caller): number {
  return caller.kind === "account" ? stableNumber(`gcid:${caller.userKey}`, 10_000_000, 100_000_000) : caller.holder.portfolio.agentPortfolioGcid;
}

/** Whose books the caller trades. */
export function tradingOwner(caller: Caller): TradingOwner {
  if (caller.kind === "account") return { kind: "account", userKey: caller.userKey };
  const { portfolio } = caller.holder;
  return { kind: "portfolio", portfolioId: portfolio.agentPortfolioId, investmentAmountInUsd: portfolio.investmentAmountInUsd };
}
