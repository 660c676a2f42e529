"use client";

import { useMintToken, useRevokeToken, useUpdateToken } from "@/components/tokens/use-token-mutations";
import type { MintedTokenView, PortfolioView, TokenView } from "@/lib/domain/types";
import { formatRelative } from "@/lib/format";
import type { MintTokenRequest } from "@/lib/schemas/token";
import { revealed } from "./revealed-token";
import { FIXED_EXPIRY_PRESETS, PRESET_DURATION_MS, type FixedExpiryPreset } from "@/components/tokens/form/expiry-presets";

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

export const RETIRE_OPTIONS = [
  { value: "now", label: "Revoke now", ms: 0 },
  { value: "1h", label: "After 1 hour", ms: HOUR },
  { value: "24h", label: "After 24 hours", ms: DAY },
  { value: "7d", label: "After 7 days", ms: 7 * DAY },
] as const;
export type RetireValue = (typeof RETIRE_OPTIONS)[number]["value"];

const NAME_MAX = 64;

/** "<old>-rolled-YYYYMMDD", the old name cut so the suffix always fits in 64 characters; rolling twice doesn't stack suffixes. */
export function rolledName(oldName: string, now = new Date()): string {
  const suffix = `-rolled-${now.toISOString().slice(0, 10).replaceAll("-", "")}`;
  const base = oldName.replace(/-rolled-\d{8}$/, "");
  return base.slice(0, NAME_MAX - suffix.length) + suffix;
}

/** The old token's lifetime when it matches a preset (within 10 %), else 90 days. */
export function rolledExpiry(token: TokenView): FixedExpiryPreset {
  if (token.expiresAt && token.createdAt) {
    const lifetime = Date.parse(token.expiresAt) - Date.parse(token.createdAt);
    const match = FIXED_EXPIRY_PRESETS.find((p) => Math.abs(lifetime - PRESET_DURATION_MS[p.value]) <= PRESET_DURATION_MS[p.value] * 0.1);
    if (match) return match.value;
  }
  return "90d";
}

export type RollOutcome = { minted: MintedTokenView; retired: string; retireError: unknown };

/**
 * The roll: mint the new token (naming the one it replaces, for the ledger),
 * then retire the old one, at once or by pulling its expiry forward to the
 * end of a grace period (eToro then retires it itself, even if this page
 * closes). A failed mint throws and retires nothing; once minted, the new
 * secret is always returned, whatever happens to the old token.
 */
export function useRollToken(portfolio: PortfolioView, token: TokenView) {
  const mint = useMintToken();
  const revoke = useRevokeToken();
  const update = useUpdateToken();
  const ids = { portfolioId: portfolio.agentPortfolioId, tokenId: token.userTokenId };

  async function retireOld(retire: RetireValue): Promise<string> {
    const option = RETIRE_OPTIONS.find((o) => o.value === retire)!;
    if (option.ms === 0) {
      await revoke.mutateAsync(ids);
      return "The old token is revoked.";
    }
    const until = Date.now() + option.ms;
    if (token.expiresAt && Date.parse(token.expiresAt) <= until) return `The old token already expires ${formatRelative(token.expiresAt)}.`;
    const expiresAt = new Date(until).toISOString();
    await update.mutateAsync({ ...ids, changes: { expiresAt } });
    return `The old token stops working ${formatRelative(expiresAt)}.`;
  }

  async function roll(input: MintTokenRequest, retire: RetireValue): Promise<RollOutcome> {
    const minted = revealed(await mint.mutateAsync({ portfolioId: ids.portfolioId, input: { ...input, replacesTokenId: token.userTokenId } }));
    let retired = "";
    let retireError: unknown = null;
    try {
      retired = await retireOld(retire);
    } catch (e) {
      retireError = e;
    }
    // The secret goes to the copy-once dialog alone: drop it from TanStack's mutation state.
    for (const m of [mint, revoke, update]) m.reset();
    return { minted, retired, retireError };
  }

  return { roll, mutations: [mint, revoke, update] as const };
}
