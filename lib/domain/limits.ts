/**
 * eToro's limits, named once for the code that explains them (BFF wording, UI).
 * The sandbox enforces its own copy: it emulates eToro and must not depend on the app.
 */

/** Tokens one agent portfolio may hold at a time. */
export const MAX_TOKENS_PER_PORTFOLIO = 10;

/** Requests per minute, one budget shared by every agent-portfolio endpoint. */
export const REQUESTS_PER_MINUTE = 60;
