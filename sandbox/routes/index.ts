/**
 * The route table: every path and method of the contract, v1 and v2, and the trading
 * operations an agent calls (routes/trading.ts).
 */
import { Router, type RouteDefinition } from "../router";
import { createPortfolioV1, createPortfolioV2, deletePortfolio, listPortfolios } from "./portfolios";
import { listAllowedScopes } from "./scopes";
import { TRADING_ROUTES } from "./trading";
import { deleteToken, mintTokenV1, mintTokenV2, updateTokenV1, updateTokenV2 } from "./user-tokens";

const PORTFOLIOS_V1 = "/api/v1/agent-portfolios";
const PORTFOLIOS_V2 = "/api/v2/agent-portfolios";

export const API_ROUTES: readonly RouteDefinition[] = [
  { method: "GET", template: PORTFOLIOS_V1, handler: listPortfolios },
  { method: "POST", template: PORTFOLIOS_V1, handler: createPortfolioV1 },
  { method: "DELETE", template: `${PORTFOLIOS_V1}/{agentPortfolioId}`, handler: deletePortfolio },
  { method: "POST", template: `${PORTFOLIOS_V1}/{agentPortfolioId}/user-tokens`, handler: mintTokenV1 },
  { method: "DELETE", template: `${PORTFOLIOS_V1}/{agentPortfolioId}/user-tokens/{userTokenId}`, handler: deleteToken },
  { method: "PATCH", template: `${PORTFOLIOS_V1}/{agentPortfolioId}/user-tokens/{userTokenId}`, handler: updateTokenV1 },
  { method: "POST", template: PORTFOLIOS_V2, handler: createPortfolioV2 },
  { method: "GET", template: `${PORTFOLIOS_V2}/user-tokens/scopes`, handler: listAllowedScopes },
  { method: "POST", template: `${PORTFOLIOS_V2}/{agentPortfolioId}/user-tokens`, handler: mintTokenV2 },
  { method: "PATCH", template: `${PORTFOLIOS_V2}/{agentPortfolioId}/user-tokens/{userTokenId}`, handler: updateTokenV2 },
  ...TRADING_ROUTES,
];

export function createApiRouter(): Router {
  return new Router(API_ROUTES);
}
