"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { needsRiskAcknowledgement, tokenRisk } from "@/lib/domain/token-status";
import { customToIso, expiresAtFor } from "./expiry-presets";
import type { TokenFormValues } from "./token-form";
import { useNow } from "./use-now";

/**
 * The token being drafted, as the form stands now: the expiry previewed at
 * the current time (the real instant is fixed at submit), its risk, and
 * whether the person must acknowledge that risk.
 */
export function useTokenDraft() {
  const now = useNow();
  const { control } = useFormContext<TokenFormValues>();
  const [userTokenName, scopeNames, ipsWhitelist, expiryPreset, customExpiry] = useWatch({
    control,
    name: ["userTokenName", "scopeNames", "ipsWhitelist", "expiryPreset", "customExpiry"],
  });
  const scopes = scopeNames ?? [];
  const ips = ipsWhitelist ?? [];
  const expiresAt =
    expiryPreset === "never" ? null : expiryPreset === "custom" ? customToIso(customExpiry ?? "") : expiresAtFor(expiryPreset, "", now);
  // Only the Never preset is unbounded; a Custom date not picked yet (or in the past) is judged as a bounded one.
  const judged = {
    scopeNames: scopes,
    ipsWhitelist: ips,
    expiresAt: expiryPreset === "never" ? null : expiresAt && Date.parse(expiresAt) > now ? expiresAt : new Date(now + 60_000).toISOString(),
  };
  return {
    now,
    userTokenName: userTokenName ?? "",
    scopeNames: scopes,
    ipsWhitelist: ips,
    expiryPreset,
    expiresAt,
    risk: tokenRisk(judged, now),
    needsAcknowledgement: needsRiskAcknowledgement(judged),
  };
}
