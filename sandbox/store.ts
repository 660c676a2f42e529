/**
 * In-memory state: one isolated account per user key, each holding its portfolios and
 * their tokens. Enforces the invariants the contract states (unique portfolio name per
 * account, case-insensitive; unique token name per portfolio; at most 10 tokens per
 * portfolio). Keeps only a hash of each token secret.
 */
import { createHash, randomUUID } from "node:crypto";
import { apiErrors, MESSAGES } from "./errors";
import { generateSecret, hashSecret } from "./secrets";
import { scopeIdFor, type ScopeName } from "./scopes";

export const MAX_TOKENS_PER_PORTFOLIO = 10;
export const VIRTUAL_BALANCE_USD = 10_000;

export interface TokenRecord {
  userTokenId: string;
  userTokenName: string;
  clientId: string;
  externalApplicationName?: string;
  ipsWhitelist: string[];
  /** ISO date-time (UTC); undefined = never expires. */
  expiresAt?: string;
  scopeNames: ScopeName[];
  scopeIds: number[];
  createdAt: string;
  secretHash: string;
}

export interface PortfolioRecord {
  agentPortfolioId: string;
  agentPortfolioName: string;
  agentPortfolioDescription?: string;
  investmentAmountInUsd: number;
  agentPortfolioGcid: number;
  agentPortfolioVirtualBalance: number;
  mirrorId: number;
  createdAt: string;
  userTokens: TokenRecord[];
}

export interface NewPortfolio {
  agentPortfolioName: string;
  agentPortfolioDescription?: string;
  investmentAmountInUsd: number;
  createdAt?: string;
}

export interface NewToken {
  userTokenName: string;
  scopeNames: ScopeName[];
  ipsWhitelist: string[];
  expiresAt?: string;
  externalApplicationName?: string;
  createdAt?: string;
}

export interface TokenChanges {
  scopeNames?: ScopeName[];
  ipsWhitelist?: string[];
  expiresAt?: string;
}

/** A live token found by its secret, with the account and portfolio it belongs to. */
export interface TokenHolder {
  userKey: string;
  portfolio: PortfolioRecord;
  token: TokenRecord;
}

interface Account {
  portfolios: Map<string, PortfolioRecord>;
  /** Lower-cased portfolio names, for the case-insensitive uniqueness rule. */
  names: Set<string>;
}

function nameKey(name: string): string {
  return name.toLowerCase();
}

/**
 * A number in [min, max) derived from `key`: eToro's GCIDs and mirror ids are
 * opaque numbers, and deriving them from the account and the portfolio's name
 * makes a demo show the same figures on every run (the ids people never read
 * stay random UUIDs).
 */
function stableNumber(key: string, min: number, max: number): number {
  const n = createHash("sha256").update(key).digest().readUIntBE(0, 6);
  return min + (n % (max - min));
}

export class SandboxStore {
  private readonly accounts = new Map<string, Account>();
  /** Secret hash → where the token lives, so a trading call finds its token without a scan. */
  private readonly secretIndex = new Map<string, { userKey: string; portfolioId: string; tokenId: string }>();

  constructor(userKeys: readonly string[]) {
    for (const key of userKeys) this.accounts.set(key, { portfolios: new Map(), names: new Set() });
  }

  hasAccount(userKey: string): boolean {
    return this.accounts.has(userKey);
  }

  /** Empties every account (the accounts themselves stay). */
  clear(): void {
    for (const account of this.accounts.values()) {
      account.portfolios.clear();
      account.names.clear();
    }
    this.secretIndex.clear();
  }

  /** The live token whose secret this is (revoked, deleted and unknown ones: undefined). */
  findTokenBySecret(secret: string): TokenHolder | undefined {
    const where = this.secretIndex.get(hashSecret(secret));
    if (!where) return undefined;
    const portfolio = this.accounts.get(where.userKey)?.portfolios.get(where.portfolioId);
    const token = portfolio?.userTokens.find((candidate) => candidate.userTokenId === where.tokenId);
    return portfolio && token ? { userKey: where.userKey, portfolio, token } : undefined;
  }

  listPortfolios(userKey: string): PortfolioRecord[] {
    return [...this.account(userKey).portfolios.values()];
  }

  /** The portfolio, or 404 "Agent-portfolio not found" (also for another account's). */
  getPortfolio(userKey: string, portfolioId: string): PortfolioRecord {
    const portfolio = this.account(userKey).portfolios.get(portfolioId.toLowerCase());
    if (!portfolio) throw apiErrors.portfolioNotFound();
    return portfolio;
  }

  /** 400 "Agent-portfolio name already exists" when the name is taken (any case). */
  assertNameFree(userKey: string, name: string): void {
    if (this.account(userKey).names.has(nameKey(name))) {
      throw apiErrors.validation(MESSAGES.nameExists);
    }
  }

  createPortfolio(userKey: string, input: NewPortfolio): PortfolioRecord {
    this.assertNameFree(userKey, input.agentPortfolioName);
    const account = this.account(userKey);
    const portfolio: PortfolioRecord = {
      agentPortfolioId: randomUUID(),
      agentPortfolioName: input.agentPortfolioName,
      agentPortfolioDescription: input.agentPortfolioDescription,
      investmentAmountInUsd: input.investmentAmountInUsd,
      agentPortfolioGcid: stableNumber(`gcid:${userKey}:${input.agentPortfolioName}`, 10_000_000, 100_000_000),
      agentPortfolioVirtualBalance: VIRTUAL_BALANCE_USD,
      mirrorId: stableNumber(`mirror:${userKey}:${input.agentPortfolioName}`, 1_000_000, 1_000_000_000),
      createdAt: input.createdAt ?? new Date().toISOString(),
      userTokens: [],
    };
    account.portfolios.set(portfolio.agentPortfolioId, portfolio);
    account.names.add(nameKey(portfolio.agentPortfolioName));
    return portfolio;
  }

  /** Removes the portfolio and, with it, every token it had (they are revoked). */
  deletePortfolio(userKey: string, portfolioId: string): void {
    const portfolio = this.getPortfolio(userKey, portfolioId);
    for (const token of portfolio.userTokens) this.secretIndex.delete(token.secretHash);
    portfolio.userTokens = [];
    const account = this.account(userKey);
    account.portfolios.delete(portfolio.agentPortfolioId);
    account.names.delete(nameKey(portfolio.agentPortfolioName));
  }

  /**
   * Adds a token: 409 UserKeyNameAlreadyExists for a name already used in the portfolio,
   * 429 MaxUserTokensExceeded past 10. The secret is returned here and never again.
   */
  mintToken(userKey: string, portfolioId: string, input: NewToken): { token: TokenRecord; secret: string } {
    const portfolio = this.getPortfolio(userKey, portfolioId);
    if (portfolio.userTokens.some((token) => token.userTokenName === input.userTokenName)) {
      throw apiErrors.tokenNameExists();
    }
    if (portfolio.userTokens.length >= MAX_TOKENS_PER_PORTFOLIO) throw apiErrors.maxTokens();
    const { secret, hash } = generateSecret();
    const token: TokenRecord = {
      userTokenId: randomUUID(),
      userTokenName: input.userTokenName,
      clientId: randomUUID(),
      externalApplicationName: input.externalApplicationName,
      ipsWhitelist: [...input.ipsWhitelist],
      expiresAt: input.expiresAt,
      scopeNames: [...input.scopeNames],
      scopeIds: input.scopeNames.map(scopeIdFor),
      createdAt: input.createdAt ?? new Date().toISOString(),
      secretHash: hash,
    };
    portfolio.userTokens.push(token);
    this.secretIndex.set(hash, { userKey, portfolioId: portfolio.agentPortfolioId, tokenId: token.userTokenId });
    return { token, secret };
  }

  /** Replaces the given fields; 404 for an unknown portfolio or token. */
  updateToken(userKey: string, portfolioId: string, tokenId: string, changes: TokenChanges): TokenRecord {
    const token = this.getToken(userKey, portfolioId, tokenId);
    if (changes.scopeNames) {
      token.scopeNames = [...changes.scopeNames];
      token.scopeIds = changes.scopeNames.map(scopeIdFor);
    }
    if (changes.ipsWhitelist) token.ipsWhitelist = [...changes.ipsWhitelist];
    if (changes.expiresAt) token.expiresAt = changes.expiresAt;
    return token;
  }

  deleteToken(userKey: string, portfolioId: string, tokenId: string): void {
    const portfolio = this.getPortfolio(userKey, portfolioId);
    const token = this.getToken(userKey, portfolioId, tokenId);
    portfolio.userTokens = portfolio.userTokens.filter((candidate) => candidate !== token);
    this.secretIndex.delete(token.secretHash);
  }

  private getToken(userKey: string, portfolioId: string, tokenId: string): TokenRecord {
    const portfolio = this.getPortfolio(userKey, portfolioId);
    const token = portfolio.userTokens.find((candidate) => candidate.userTokenId === tokenId.toLowerCase());
    if (!token) throw apiErrors.tokenNotFound();
    return token;
  }

  private account(userKey: string): Account {
    const account = this.accounts.get(userKey);
    if (!account) throw apiErrors.unauthorized();
    return account;
  }
}
