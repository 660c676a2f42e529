import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import type { BudgetUse } from "./token-boundaries";
import type { RiskFlag, RiskLevel, TokenStatus } from "./token-status";

/** What the BFF sends the browser: upstream field names plus derived fields. Never a secret. */
export type TokenView = {
  userTokenId: string;
  userTokenName: string;
  clientId: string | null;
  externalApplicationName: string | null;
  scopeNames: string[];
  ipsWhitelist: string[];
  expiresAt: string | null;
  createdAt: string | null;
  status: TokenStatus;
  risk: { level: RiskLevel; flags: RiskFlag[] };
  /** Last 4 characters of the secret, when this console minted it. */
  secretHint: string | null;
  /** The token this one was rolled from (from the ledger), by id and name. */
  replaces: TokenLink | null;
  /** The token that was rolled from this one, while this one is still listed (its grace period). */
  replacedBy: TokenLink | null;
  /**
   * Minted through this console, or "outside": eToro lists it but the ledger never saw
   * it minted ("created outside this console"). Null when the ledger could not say.
   */
  origin: TokenOrigin | null;
  /** Only accepted by eToro from the console's gateway; null when the gateway's registry does not know it. */
  gatewayOnly: boolean | null;
  /** A gateway-only token's own agent addresses, checked at the gateway (ipsWhitelist is then the gateway's); empty otherwise. */
  agentIps: string[];
  /** The latest call through the gateway, null when none. */
  lastUsedAt: string | null;
  /** Calls through the gateway in the 24 h before the list was read. */
  calls24h: number;
  /** The risk boundaries the console's gateway holds it to; null when the gateway's registry does not know the token. */
  boundaries: TokenBoundaries | null;
  /** Its budgets' use in the current UTC day and week; null when the registry does not know the token. */
  budget: BudgetUse | null;
};

export type TokenLink = { userTokenId: string; userTokenName: string | null };

export type TokenOrigin = "console" | "outside";

export type PortfolioView = {
  agentPortfolioId: string;
  agentPortfolioName: string;
  agentPortfolioGcid: number | null;
  agentPortfolioVirtualBalance: number | null;
  mirrorId: number | null;
  createdAt: string | null;
  /** Not in eToro's list: from the ledger, when this console created the portfolio. */
  investmentAmountInUsd: number | null;
  agentPortfolioDescription: string | null;
  userTokens: TokenView[];
};

/** A portfolio as eToro's create answers it: no tokens list, no ledger facts yet. */
export type CreatedPortfolioView = Omit<PortfolioView, "userTokens" | "createdAt" | "investmentAmountInUsd" | "agentPortfolioDescription">;

export type PortfolioList = { agentPortfolios: PortfolioView[]; fetchedAt: string };

/** A portfolio named without its tokens: what a line about one of its tokens links to. */
export type PortfolioRef = Pick<PortfolioView, "agentPortfolioId" | "agentPortfolioName">;

/** One search match on a page of /portfolios: the portfolio with all its tokens, and which of them to show. */
export type PortfolioMatchView = {
  portfolio: PortfolioView;
  /** The ids of the tokens that match; null when the portfolio itself matched and shows them all. */
  shownTokenIds: string[] | null;
};

/**
 * GET /api/portfolios/page: one window of the search's matches (the server searches
 * and pages, so the browser gets what it shows), the match counts, and the
 * account's totals for the heading.
 */
export type PortfolioPage = {
  /** The query as searched (trimmed); "" lists everything. */
  q: string;
  offset: number;
  limit: number;
  matches: PortfolioMatchView[];
  /** Across every page: the portfolios that match, and their tokens that do. */
  matchedPortfolios: number;
  matchedTokens: number;
  /** The whole account, search aside. */
  totals: { portfolios: number; tokens: number };
  fetchedAt: string;
};

/** A token the expiry banner names, with the portfolio it belongs to. */
export type ExpiryItemView = { portfolio: PortfolioRef; token: TokenView };

/**
 * GET /api/portfolios/expiry: what the expiry banner needs, however big the
 * account: the counts, and the first few items of each kind (soonest first).
 */
export type ExpirySummary = {
  expiringCount: number;
  expiredCount: number;
  expiring: ExpiryItemView[];
  expired: ExpiryItemView[];
};

/** The one reply that carries a secret: shown once, never cached. */
export type MintedTokenView = TokenView & { userToken: string };

export type ApiErrorBody = {
  error: {
    code: string;
    message: string;
    requestId?: string;
    fields?: Record<string, string>;
    retryAfterSeconds?: number;
    /** A mint or create timed out but the token exists upstream: its secret is lost, so offer to revoke it. */
    secretLost?: SecretLost;
  };
};

export type SecretLost = { portfolioId: string; tokenId: string | null; tokenName: string | null };

export type SessionView = {
  signedIn: boolean;
  sandboxMode: boolean;
  /** A short, non-reversible fingerprint of the account, for "who am I". */
  account?: string;
  /** What the header shows: a short piece of the fingerprint, e.g. "Account 3f9a·c2". */
  accountLabel?: string;
  expiresAt?: string;
};

/** GET /api/health: what a load balancer or an operator reads. */
export type HealthView = {
  ok: boolean;
  mode: "sandbox" | "etoro";
  upstream: { reachable: boolean };
  ledger: { writable: boolean };
};

/** One of the account's open sessions, as GET /api/sessions lists it. */
export type SessionListItem = {
  id: string;
  startedAt: string;
  lastSeenAt: string;
  clientIp: string | null;
  /** "Chrome on Linux", from the User-Agent at sign-in. */
  browser: string;
  /** The session of the browser asking. */
  current: boolean;
};
