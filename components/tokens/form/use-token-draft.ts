"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { riskAcknowledgementNeeded, type TokenBounds } from "@/lib/domain/risk-rule";
import { tokenRisk } from "@/lib/domain/token-status";
import { boundariesDraftSchema } from "@/lib/schemas/boundaries-form";
import { customToIso, expiresAtFor } from "./expiry-presets";
import type { TokenFormValues } from "./token-form";
import { useTokenFormSettings } from "./token-form-provider";
import { useNow } from "@/components/common/use-now";

/**
 * The token being drafted, as the form stands now: the expiry previewed at
 * the current time (the real instant is fixed at submit), its risk, and
 * whether the person must acknowledge that risk (the one rule, against the
 * token as it is now when editing).
 */
export function useTokenDraft() {
  const now = useNow();
  const { before } = useTokenFormSettings();
  const { control } = useFormContext<TokenFormValues>();
  const [userTokenName, scopeNames, ipsWhitelist, expiryPreset, customExpiry, gatewayOnly, boundaryDraft] = useWatch({
    control,
    name: ["userTokenName", "scopeNames", "ipsWhitelist", "expiryPreset", "customExpiry", "gatewayOnly", "boundaryDraft"],
  });
  // null while a boundary field holds something the schema refuses (its step says what).
  const parsedBoundaries = boundaryDraft ? boundariesDraftSchema.safeParse(boundaryDraft) : null;
  const boundaries = parsedBoundaries?.success ? parsedBoundaries.data : null;
  const scopes = scopeNames ?? [];
  const ips = ipsWhitelist ?? [];
  const expiresAt =
    expiryPreset === "keep"
      ? (before?.expiresAt ?? null)
      : expiryPreset === "never"
        ? null
        : expiryPreset === "custom"
          ? customToIso(customExpiry ?? "")
          : expiresAtFor(expiryPreset, "", now);
  const unbounded = expiresAt === null && (expiryPreset === "never" || expiryPreset === "keep");
  // Only Never (or keeping no expiry) is unbounded; a Custom date not picked yet (or in the past) is judged as a bounded one.
  const bounds: TokenBounds = {
    scopeNames: scopes,
    ipsWhitelist: ips,
    expiresAt: unbounded ? null : expiresAt && Date.parse(expiresAt) > now ? expiresAt : new Date(now + 60_000).toISOString(),
  };
  return {
    now,
    userTokenName: userTokenName ?? "",
    scopeNames: scopes,
    ipsWhitelist: ips,
    gatewayOnly: gatewayOnly === true,
    expiryPreset,
    expiresAt,
    bounds,
    boundaries,
    risk: tokenRisk(bounds, now, { gatewayOnly: gatewayOnly === true, boundaries }),
    needsAcknowledgement: riskAcknowledgementNeeded(before, bounds),
  };
}
