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
