/**
 * Safe boundaries to suggest for a new token, by what its scopes let it do: a
 * real-money trading token gets tight ones (small orders, a small daily budget,
 * little leverage, a person asked about the larger orders), a demo trading token
 * generous ones (it moves no real money, but a runaway loop is still worth
 * stopping), a read-only token read-only at the gateway too. The person accepts
 * or edits them; nothing is set without them.
 */
import type { TokenBoundaries } from "@/lib/schemas/boundaries";
import { NO_BOUNDARIES } from "@/lib/schemas/boundaries";
import { DEMO_WRITE, REAL_WRITE } from "./scopes";

export type BoundarySuggestion = { title: string; boundaries: TokenBoundaries };

export function suggestedBoundaries(scopeNames: readonly string[]): BoundarySuggestion {
  if (scopeNames.includes(REAL_WRITE)) {
    return {
      title: "Suggested for a real-money trading token",
      boundaries: {
        ...NO_BOUNDARIES,
        // Orders up to $100 go straight through, $100–$250 wait for you, larger ones are refused.
        maxOrderUsdCents: 250_00,
        maxLeverage: 2,
        dailyBudgetUsdCents: 500_00,
        weeklyBudgetUsdCents: 1_500_00,
        requestsPerMinute: 60,
        approval: { aboveUsdCents: 100_00, everyRealOrder: false, outsideInstrumentList: false },
      },
    };
  }
  if (scopeNames.includes(DEMO_WRITE)) {
    return {
      title: "Suggested for a demo trading token",
      boundaries: { ...NO_BOUNDARIES, maxOrderUsdCents: 10_000_00, maxLeverage: 10, dailyBudgetUsdCents: 50_000_00, requestsPerMinute: 120 },
    };
  }
  return { title: "Suggested for a token that only reads", boundaries: { ...NO_BOUNDARIES, readOnly: true, requestsPerMinute: 120 } };
}
