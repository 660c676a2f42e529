import { z } from "zod";

/**
 * zod schemas for what eToro sends back. The spec marks nearly every field
 * optional, so only what the console cannot work without is required; the
 * TypeScript shapes of the wire types come from openapi-types.ts.
 */
export const upstreamErrorSchema = z.object({
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
});

const dateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not a date-time");

export const upstreamTokenSchema = z.object({
  userTokenId: z.string().min(1),
  userTokenName: z.string().default(""),
  clientId: z.string().nullish(),
  externalApplicationName: z.string().nullish(),
  ipsWhitelist: z.array(z.string()).nullish(),
  expiresAt: dateTime.nullish(),
  scopeIds: z.array(z.number()).nullish(),
  scopeNames: z.array(z.string()).nullish(),
  createdAt: dateTime.nullish(),
});

export const upstreamPortfolioSchema = z.object({
  agentPortfolioId: z.string().min(1),
  agentPortfolioName: z.string().default(""),
  agentPortfolioGcid: z.number().nullish(),
  agentPortfolioVirtualBalance: z.number().nullish(),
  mirrorId: z.number().nullish(),
  createdAt: dateTime.nullish(),
  userTokens: z.array(upstreamTokenSchema).nullish(),
});

export const listPortfoliosResponseSchema = z.object({
  agentPortfolios: z.array(upstreamPortfolioSchema).nullish(),
});

export const allowedScopesResponseSchema = z.object({
  scopes: z.array(z.object({ name: z.string().min(1) })).nullish(),
});

/** A freshly minted token: the only reply that carries a secret. */
export const mintedTokenSchema = z.object({
  userTokenId: z.string().min(1),
  userToken: z.string().min(1),
  userTokenName: z.string().default(""),
  clientId: z.string().nullish(),
  ipsWhitelist: z.array(z.string()).nullish(),
  scopeNames: z.array(z.string()).nullish(),
  scopes: z.array(z.object({ name: z.string() })).nullish(),
  expiresAt: dateTime.nullish(),
  createdAt: dateTime.nullish(),
});

export const createPortfolioResponseSchema = z.object({
  agentPortfolioId: z.string().min(1),
  agentPortfolioName: z.string().default(""),
  agentPortfolioGcid: z.number().nullish(),
  agentPortfolioVirtualBalance: z.number().nullish(),
  mirrorId: z.number().nullish(),
  userTokens: z.array(mintedTokenSchema).nullish(),
  userTokenCreated: z.boolean().optional(),
});

export type UpstreamToken = z.infer<typeof upstreamTokenSchema>;
export type UpstreamPortfolio = z.infer<typeof upstreamPortfolioSchema>;
export type MintedToken = z.infer<typeof mintedTokenSchema>;

/** GET /api/v1/market-data/search with fields=instrumentId,symbol,displayname: the items the console asked for. */
export const instrumentSearchResponseSchema = z.object({
  items: z
    .array(z.object({ instrumentId: z.number().int().positive(), symbol: z.string().nullish(), displayname: z.string().nullish() }))
    .nullish(),
});

/** GET /api/v1/market-data/instruments?instrumentIds=…: each instrument's display data. */
export const instrumentDisplayResponseSchema = z.object({
  instrumentDisplayDatas: z
    .array(z.object({ instrumentID: z.number().int().positive(), symbolFull: z.string().nullish(), instrumentDisplayName: z.string().nullish() }))
    .nullish(),
});
