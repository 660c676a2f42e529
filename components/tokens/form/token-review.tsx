"use client";

import { ScopeBadge } from "@/components/tokens/row/scope-badge";
import { describeScope } from "@/lib/domain/scopes";
import type { RiskFlag, RiskLevel } from "@/lib/domain/token-status";
import { formatRelative, formatUtc } from "@/lib/format";
import { cn } from "@/lib/utils";
import { formatLocal } from "@/components/common/format-local";
import { useTokenDraft } from "./use-token-draft";
import { useFormContext, useWatch } from "react-hook-form";
import { FieldWarning } from "@/components/common/field-warning";
import { boundaryLines } from "@/lib/domain/boundary-words";
import { hasBoundaries } from "@/lib/domain/token-boundaries";
import type { TokenFormValues } from "./token-form";

function riskSentence(level: RiskLevel, flags: RiskFlag[]): string {
  if (level === "high") {
    const why = [flags.includes("no-ip-limit") && "from any IP address", flags.includes("never-expires") && "with no expiry"]
      .filter(Boolean)
      .join(" and ");
    return `High: it can trade real money ${why}.`;
  }
  if (level === "medium") {
    if (flags.includes("real-money-write") && flags.includes("held-by-boundaries")) {
      return "Medium: it can trade real money, but its boundaries at the gateway cap what it can do.";
    }
    return flags.includes("real-money-write")
      ? "Medium: it can trade real money, but only from the listed addresses and until it expires."
      : "Medium: it can see your real-money account, but cannot trade.";
  }
  return "Low: demo account only; no real money can move.";
}

const RISK_TONE: Record<RiskLevel, string> = {
  high: "text-destructive font-medium",
  medium: "text-warning font-medium",
  low: "",
};

/** The whole token in words before it is minted: what, from where, until when, and how risky. */
export function TokenReview() {
  const draft = useTokenDraft();
  const { control } = useFormContext<TokenFormValues>();
  const chosen = useWatch({ control, name: "boundaryDraft" });
  const symbols = new Map([...(chosen?.instrumentsAllowed ?? []), ...(chosen?.instrumentsRefused ?? [])].map((c) => [c.instrumentId, c.symbol]));
  const symbolOf = (id: number) => symbols.get(id) ?? `#${id}`;
  return (
    <dl className="grid gap-x-4 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
      <dt className="font-medium">Token name</dt>
      <dd className="break-all">{draft.userTokenName.trim() || "—"}</dd>

      <dt className="font-medium">What the agent can do</dt>
      <dd>
        {draft.scopeNames.length === 0 ? (
          "Nothing yet: pick at least one scope."
        ) : (
          <ul className="space-y-1.5">
            {draft.scopeNames.map((name) => (
              <li key={name} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <ScopeBadge name={name} />
                <span>{describeScope(name).description}</span>
              </li>
            ))}
          </ul>
        )}
      </dd>

      <dt className="font-medium">Boundaries</dt>
      <dd>
        {draft.boundaries ? (
          <ul className="space-y-0.5">
            {boundaryLines(draft.boundaries, symbolOf).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          "Some boundaries are not valid yet: go back to Boundaries."
        )}
        {draft.boundaries && hasBoundaries(draft.boundaries) && !draft.gatewayOnly && (
          <FieldWarning>This token can go around the gateway, so these boundaries do not bind calls made straight to eToro.</FieldWarning>
        )}
      </dd>

      <dt className="font-medium">From where</dt>
      <dd>
        {draft.gatewayOnly ? (
          <>
            <strong className="font-medium">Only through the console gateway</strong>
            {draft.ipsWhitelist.length === 0
              ? ", from any agent address."
              : `, from the agent's addresses ${draft.ipsWhitelist.join(", ")} (checked at the gateway).`}
          </>
        ) : draft.ipsWhitelist.length === 0 ? (
          "From any IP address (no IP limit)."
        ) : (
          `Only from ${draft.ipsWhitelist.join(", ")}.`
        )}
      </dd>

      <dt className="font-medium">Until when</dt>
      <dd>
        {draft.expiryPreset === "never" ? (
          "Never expires: it works until someone revokes it."
        ) : draft.expiresAt ? (
          <>
            Until <time dateTime={draft.expiresAt}>{formatUtc(draft.expiresAt)}</time> ({formatLocal(draft.expiresAt)} your
            time, {formatRelative(draft.expiresAt, draft.now)})
            {draft.expiryPreset !== "custom" && ", counted from the moment you mint it"}.
          </>
        ) : (
          "No date picked yet."
        )}
      </dd>

      <dt className="font-medium">Risk level</dt>
      <dd className={cn(RISK_TONE[draft.risk.level])}>{riskSentence(draft.risk.level, draft.risk.flags)}</dd>
    </dl>
  );
}
