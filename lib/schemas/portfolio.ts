import { z } from "./zod";
import { NO_HIDDEN_CHARACTERS, isPlainMultilineText, isPlainText } from "./plain-text";
import { refineRiskAcknowledged, tokenFieldsSchema } from "./token";

export const MIN_INVESTMENT_USD = 200;

export const portfolioNameSchema = z
  .string()
  .trim()
  .min(6, "Portfolio name must be 6 to 10 characters.")
  .max(10, "Portfolio name must be 6 to 10 characters.")
  .refine(isPlainText, NO_HIDDEN_CHARACTERS);

export const investmentAmountSchema = z
  .number({ message: "Enter an amount in USD." })
  .finite("Enter an amount in USD.")
  .min(MIN_INVESTMENT_USD, `eToro's minimum investment is $${MIN_INVESTMENT_USD}.`)
  .max(100_000_000, "That amount is too large.")
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, "Use at most two decimals (cents).");

/** A new portfolio with its first token (v2 create). */
export const createPortfolioSchema = tokenFieldsSchema
  .extend({
    agentPortfolioName: portfolioNameSchema,
    investmentAmountInUsd: investmentAmountSchema,
    agentPortfolioDescription: z.string().trim().max(500, "Use at most 500 characters.").refine(isPlainMultilineText, NO_HIDDEN_CHARACTERS).optional(),
  })
  .superRefine(refineRiskAcknowledged);
export type CreatePortfolioInput = z.input<typeof createPortfolioSchema>;
export type CreatePortfolioRequest = z.output<typeof createPortfolioSchema>;
