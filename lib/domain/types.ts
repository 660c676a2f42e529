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
  /**
   * Minted through this console, or "outside": eToro lists it but the ledger never saw
   * it minted ("created outside this console"). Null when the ledger could not say.
   */
  origin: TokenOrigin | null;
};

export type TokenOrigin = "console" | "outside";

export type PortfolioView = {
  agentPortfolioId: string;
  agentPortfolioName: string;
  agentPortfolioGcid: number | null;
  agentPortfolioVirtualBalance: number | null;
  mirrorId: number | null;
  createdAt: string | null;
  userTokens: TokenView[];
};

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
  };
};

export type SessionView = {
  signedIn: boolean;
  sandboxMode: boolean;
  /** A short, non-reversible fingerprint of the account, for "who am I". */
  account?: string;
  expiresAt?: string;
};
