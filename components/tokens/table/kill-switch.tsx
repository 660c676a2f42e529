"use client";

import { Button } from "@/components/ui/button";
import { CONFIRM_DELETE_ALL, CONFIRM_REVOKE_ALL } from "@/lib/domain/confirm-phrases";
import type { BulkJobAsk } from "./bulk-job-dialog";
import { BulkJobDialog } from "./lazy-bulk-job-dialog";

const ASKS = {
  freeze: {
    request: { kind: "freeze", all: true },
    title: "Freeze every write token?",
    consequence:
      "Every token that can trade is changed to read-only: agents can still look, not trade. The console records each token's scopes first, so Unfreeze can put them back exactly.",
    action: "Freeze all",
  },
  unfreeze: {
    request: { kind: "unfreeze", all: true },
    title: "Unfreeze tokens?",
    consequence: "Every token this console froze gets back exactly the scopes it had before the freeze, as the ledger recorded them.",
    action: "Unfreeze",
  },
  revoke: {
    request: { kind: "revoke", all: true },
    title: "Revoke every token?",
    consequence: "Every token of every portfolio stops working for good. Agents using them are locked out; new tokens must be minted to resume.",
    action: "Revoke all tokens",
    confirmPhrase: CONFIRM_REVOKE_ALL,
  },
  delete: {
    request: { kind: "delete-portfolio", all: true },
    title: "Fastest stop: delete every portfolio?",
    consequence:
      "One call per portfolio instead of one per token. Each portfolio is gone for good: its copy mirror closes and every token it holds stops working with it. This cannot be undone.",
    action: "Delete all portfolios",
    confirmPhrase: CONFIRM_DELETE_ALL,
    listTargets: true,
  },
} satisfies Record<string, BulkJobAsk>;

/** The emergency controls: two levels (freeze, revoke) and the fastest stop. */
export function KillSwitch({ onAsk, disabled }: { onAsk: (ask: BulkJobAsk) => void; disabled: boolean }) {
  return (
    <section aria-labelledby="kill-switch-title" className="space-y-3 rounded-md border border-destructive/40 p-4">
      <div>
        <h2 id="kill-switch-title" className="font-semibold">
          Kill switch
        </h2>
        <p className="text-sm text-muted-foreground">
          For emergencies (a leaked secret, a misbehaving agent). Each runs as a job on the server, paced to eToro&apos;s quota.
        </p>
      </div>
      <div className="flex flex-wrap gap-2" onPointerEnter={BulkJobDialog.preload} onFocus={BulkJobDialog.preload}>
        <Button variant="outline" disabled={disabled} onClick={() => onAsk(ASKS.freeze)}>
          Freeze all
        </Button>
        <Button variant="outline" disabled={disabled} onClick={() => onAsk(ASKS.unfreeze)}>
          Unfreeze
        </Button>
        <Button variant="destructive" disabled={disabled} onClick={() => onAsk(ASKS.revoke)}>
          Revoke all tokens
        </Button>
        <Button variant="destructive" disabled={disabled} onClick={() => onAsk(ASKS.delete)}>
          Fastest stop: delete portfolios
        </Button>
      </div>
    </section>
  );
}
