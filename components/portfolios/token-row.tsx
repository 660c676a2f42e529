import type { ReactNode } from "react";
import { RelativeTime } from "@/components/common/relative-time";
import type { RiskFlag } from "@/lib/domain/token-status";
import type { TokenView } from "@/lib/domain/types";
import { ScopeBadge } from "./scope-badge";
import { RiskBadge, TokenStatusBadge } from "./token-status-badge";

export const FLAG_TEXT: Record<RiskFlag, string> = {
  "real-money-write": "trades real money",
  "real-money-read": "reads the real-money account",
  "no-ip-limit": "usable from any IP",
  "never-expires": "never expires",
};

/** One token: what it may do, from where, until when. `actions` holds its buttons. */
export function TokenRow({ token, actions }: { token: TokenView; actions?: ReactNode }) {
  return (
    <li
      className="grid gap-x-4 gap-y-2 px-4 py-3 sm:grid-cols-[minmax(0,1.2fr)_minmax(0,1.6fr)_minmax(0,1fr)_auto] sm:items-center"
      aria-label={`Token ${token.userTokenName}`}
    >
      <div className="min-w-0">
        <p className="truncate font-medium" title={token.userTokenName}>
          {token.userTokenName}
        </p>
        <p className="text-xs text-muted-foreground">
          {token.secretHint ? <span className="font-mono">…{token.secretHint}</span> : null}
          {token.secretHint && token.createdAt ? " · " : null}
          {token.createdAt ? (
            <>
              created <RelativeTime iso={token.createdAt} />
            </>
          ) : null}
          {token.externalApplicationName ? ` · ${token.externalApplicationName}` : null}
        </p>
      </div>
      <div className="flex min-w-0 flex-wrap gap-1" role="group" aria-label="Scopes">
        {token.scopeNames.length ? (
          token.scopeNames.map((s) => <ScopeBadge key={s} name={s} />)
        ) : (
          <span className="text-sm text-muted-foreground">No scopes</span>
        )}
      </div>
      <div className="min-w-0 space-y-1 text-sm">
        <p className="truncate" title={token.ipsWhitelist.join(", ")}>
          <span className="text-muted-foreground">IPs: </span>
          {token.ipsWhitelist.length ? token.ipsWhitelist.join(", ") : "any"}
        </p>
        <p className="flex flex-wrap items-center gap-1.5">
          <TokenStatusBadge status={token.status} />
          {token.expiresAt ? (
            <span className="text-muted-foreground">
              {token.status === "expired" ? "expired " : "expires "}
              <RelativeTime iso={token.expiresAt} />
            </span>
          ) : (
            <span className="text-muted-foreground">never expires</span>
          )}
          <RiskBadge level={token.risk.level} reasons={token.risk.flags.map((f) => FLAG_TEXT[f])} />
        </p>
      </div>
      {actions ? <div className="flex flex-wrap gap-1 sm:justify-end">{actions}</div> : <div />}
    </li>
  );
}
