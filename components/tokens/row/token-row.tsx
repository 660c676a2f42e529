import type { ReactNode } from "react";
import Link from "next/link";
import { RelativeTime } from "@/components/common/relative-time";
import { ANY_IP, NEVER_EXPIRES, replacedByText, replacesText, shownIps } from "@/lib/domain/token-words";
import type { TokenView } from "@/lib/domain/types";
import { ScopeBadge } from "./scope-badge";
import { RiskBadge, TokenStatusBadge } from "./token-status-badge";

/**
 * One token: what it may do, from where, until when, and the roll that links
 * it to another. `actions` holds its buttons. Scripts find a row by
 * data-testid="token-row-<userTokenId>" (stable across renames and re-sorts).
 */
export function TokenRow({ token, actions }: { token: TokenView; actions?: ReactNode }) {
  const { label, ips } = shownIps(token);
  return (
    <li
      className="grid gap-x-4 gap-y-2 px-4 py-3 sm:grid-cols-[minmax(0,1.2fr)_minmax(0,1.3fr)_minmax(0,1.4fr)_auto] sm:items-center"
      aria-label={`Token ${token.userTokenName}`}
      data-testid={`token-row-${token.userTokenId}`}
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
        <RollLinks token={token} />
        <p className="text-xs text-muted-foreground">
          <Link href={`/tokens/${token.userTokenId}`} className="underline-offset-2 hover:underline">
            <span className="sr-only">Usage of {token.userTokenName}: </span>
            {token.lastUsedAt ? (
              <>
                last used <RelativeTime iso={token.lastUsedAt} />
              </>
            ) : (
              "never used through the gateway"
            )}
          </Link>
          {token.gatewayOnly ? " · only through the gateway" : null}
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
        <p className="truncate" title={ips.join(", ")}>
          {ips.length ? (
            <>
              <span className="text-muted-foreground">{label}: </span>
              {ips.join(", ")}
            </>
          ) : (
            <span className="text-muted-foreground">From {ANY_IP}</span>
          )}
        </p>
        <p className="flex flex-wrap items-center gap-1.5">
          <TokenStatusBadge status={token.status} />
          {token.expiresAt ? (
            <span className="text-muted-foreground">
              {token.status === "expired" ? "expired " : "expires "}
              <RelativeTime iso={token.expiresAt} />
            </span>
          ) : (
            <span className="text-muted-foreground">{NEVER_EXPIRES}</span>
          )}
          <RiskBadge risk={token.risk} />
        </p>
      </div>
      {actions ? <div className="flex flex-wrap gap-1 sm:justify-end">{actions}</div> : <div />}
    </li>
  );
}

/** "Replaces live-trader" on a rolled token; "Replaced by …" on the old one while its grace period runs. */
function RollLinks({ token }: { token: TokenView }) {
  const replaces = replacesText(token);
  const replacedBy = replacedByText(token);
  if (!replaces && !replacedBy) return null;
  return (
    <p className="truncate text-xs text-muted-foreground" title={[replaces, replacedBy].filter(Boolean).join(" · ")}>
      {[replaces, replacedBy].filter(Boolean).join(" · ")}
    </p>
  );
}
