"use client";

import { AlertCircle, TriangleAlert } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { ApiClientError } from "@/lib/api-client";
import { describeScope } from "@/lib/domain/scopes";
import { needsRiskAcknowledgement } from "@/lib/domain/token-status";
import type { MintedTokenView, PortfolioView, TokenView } from "@/lib/domain/types";
import { formatRelative } from "@/lib/format";
import { mintTokenSchema } from "@/lib/schemas/token";
import { useMintToken, useRevokeToken, useUpdateToken } from "./use-token-mutations";
import { expiresAtFor, FIXED_EXPIRY_PRESETS, PRESET_DURATION_MS, type FixedExpiryPreset } from "./expiry-presets";

type Props = {
  portfolio: PortfolioView;
  token: TokenView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Receives the new token with its secret; the parent shows the copy-once dialog. */
  onMinted: (token: MintedTokenView) => void;
};

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
type ExpiryValue = FixedExpiryPreset;

const RETIRE_OPTIONS = [
  { value: "now", label: "Revoke now", ms: 0 },
  { value: "1h", label: "After 1 hour", ms: HOUR },
  { value: "24h", label: "After 24 hours", ms: DAY },
  { value: "7d", label: "After 7 days", ms: 7 * DAY },
] as const;
type RetireValue = (typeof RETIRE_OPTIONS)[number]["value"];

const NAME_MAX = 64;

/** "<old>-rolled-YYYYMMDD", the old name cut so the suffix always fits in 64 characters; rolling twice doesn't stack suffixes. */
export function rolledName(oldName: string, now = new Date()): string {
  const suffix = `-rolled-${now.toISOString().slice(0, 10).replaceAll("-", "")}`;
  const base = oldName.replace(/-rolled-\d{8}$/, "");
  return base.slice(0, NAME_MAX - suffix.length) + suffix;
}

/** The old token's lifetime when it matches a preset (within 10 %), else 90 days. */
function defaultExpiry(token: TokenView): ExpiryValue {
  if (token.expiresAt && token.createdAt) {
    const lifetime = Date.parse(token.expiresAt) - Date.parse(token.createdAt);
    const match = FIXED_EXPIRY_PRESETS.find((p) => Math.abs(lifetime - PRESET_DURATION_MS[p.value]) <= PRESET_DURATION_MS[p.value] * 0.1);
    if (match) return match.value;
  }
  return "90d";
}

function describeError(error: unknown): { message: string; requestId: string } {
  const message = error instanceof Error ? error.message : "Something went wrong.";
  const requestId = error instanceof ApiClientError && error.requestId ? error.requestId : "";
  return { message, requestId };
}

/** Replaces a token by a new one with the same scopes and IPs and a fresh expiry, then retires the old one. */
export function RollTokenDialog({ portfolio, token, open, onOpenChange, onMinted }: Props) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(next) => (busy && !next ? undefined : onOpenChange(next))}>
      {open && (
        <RollTokenForm
          portfolio={portfolio}
          token={token}
          onMinted={onMinted}
          onBusyChange={setBusy}
          onClose={() => onOpenChange(false)}
        />
      )}
    </Dialog>
  );
}

function RollTokenForm({
  portfolio,
  token,
  onMinted,
  onBusyChange,
  onClose,
}: {
  portfolio: PortfolioView;
  token: TokenView;
  onMinted: (token: MintedTokenView) => void;
  onBusyChange: (busy: boolean) => void;
  onClose: () => void;
}) {
  const ids = useId();
  const mint = useMintToken();
  const revoke = useRevokeToken();
  const update = useUpdateToken();

  const [name, setName] = useState(() => rolledName(token.userTokenName));
  const [expiry, setExpiry] = useState<ExpiryValue>(() => defaultExpiry(token));
  const [retire, setRetire] = useState<RetireValue>("now");
  const [acknowledged, setAcknowledged] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const [ackError, setAckError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // A roll always sets an expiry, so only an IP-less real-money trading token needs the acknowledgement.
  const risky = needsRiskAcknowledgement({ scopeNames: token.scopeNames, ipsWhitelist: token.ipsWhitelist, expiresAt: "set" });

  function setWorking(value: boolean) {
    setBusy(value);
    onBusyChange(value);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setNameError(null);
    setAckError(null);
    const parsed = mintTokenSchema.safeParse({
      userTokenName: name,
      scopeNames: token.scopeNames,
      ipsWhitelist: token.ipsWhitelist,
      expiresAt: expiresAtFor(expiry, ""),
      acknowledgeRisk: risky ? acknowledged : undefined,
      replacesTokenId: token.userTokenId,
    });
    if (!parsed.success) {
      const other: string[] = [];
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === "userTokenName") setNameError(issue.message);
        else if (issue.path[0] === "acknowledgeRisk") setAckError("Tick “I understand” to roll a real-money trading token without an IP limit.");
        else other.push(issue.message);
      }
      if (other.length) setFailure(new Error(`This token cannot be copied as it is: ${other.join(" ")}`));
      return;
    }

    setWorking(true);
    let minted: MintedTokenView;
    try {
      minted = (await mint.mutateAsync({ portfolioId: portfolio.agentPortfolioId, input: parsed.data })).token;
    } catch (error) {
      // Nothing was minted, so nothing is retired: the old token keeps working.
      if (error instanceof ApiClientError && error.fields?.userTokenName) setNameError(error.fields.userTokenName);
      setFailure(error);
      setWorking(false);
      return;
    }

    // From here on the new secret exists only in `minted`: whatever happens while
    // retiring the old token, it still goes to onMinted.
    let retireError: unknown = null;
    let retiredNote = "The old token is revoked.";
    try {
      const option = RETIRE_OPTIONS.find((o) => o.value === retire)!;
      if (option.value === "now") {
        await revoke.mutateAsync({ portfolioId: portfolio.agentPortfolioId, tokenId: token.userTokenId });
      } else {
        // A grace period is the OLD token's expiry pulled forward, not a timer here:
        // eToro then retires it by itself, and no job is lost if this browser closes.
        const until = Date.now() + option.ms;
        const current = token.expiresAt ? Date.parse(token.expiresAt) : Infinity;
        if (until < current) {
          const expiresAt = new Date(until).toISOString();
          await update.mutateAsync({
            portfolioId: portfolio.agentPortfolioId,
            tokenId: token.userTokenId,
            changes: { expiresAt },
          });
          retiredNote = `The old token stops working ${formatRelative(expiresAt)}.`;
        } else {
          retiredNote = `The old token already expires ${formatRelative(token.expiresAt!)}.`;
        }
      }
    } catch (error) {
      retireError = error;
    }

    onMinted(minted);
    // Drop the secret from TanStack's mutation cache now that it has been handed on.
    mint.reset();
    revoke.reset();
    update.reset();
    setWorking(false);
    onClose();

    if (retireError) {
      const { message, requestId } = describeError(retireError);
      toast.warning(
        `The new token was minted, but the old token ${token.userTokenName} is still active: ${message} Revoke it by hand.${requestId ? ` (Request id: ${requestId})` : ""}`,
        { duration: Infinity, closeButton: true },
      );
    } else {
      toast.success(`Rolled ${token.userTokenName}. ${retiredNote}`);
    }
  }

  const failureInfo = failure ? describeError(failure) : null;
  const maxTokens = failure instanceof ApiClientError && failure.code === "MaxUserTokensExceeded";
  const retryAfter = failure instanceof ApiClientError ? failure.retryAfterSeconds : undefined;
  const scopes = token.scopeNames.map((s) => describeScope(s).label).join(", ") || "no scopes";
  const nameId = `${ids}-name`;
  const expiryLabelId = `${ids}-expiry`;
  const retireLabelId = `${ids}-retire`;

  return (
    <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-lg">
      <DialogHeader>
        <DialogTitle className="wrap-anywhere">Roll {token.userTokenName}</DialogTitle>
        <DialogDescription>
          A new token with the same scopes and IP whitelist and a fresh expiry is minted for {portfolio.agentPortfolioName}{" "}
          and shown to you once. Then the old token is retired, now or after a grace period for your agent to switch.
        </DialogDescription>
      </DialogHeader>

      <form onSubmit={submit} noValidate className="grid gap-5">
        <p className="text-sm text-muted-foreground">
          Copied over: {scopes}; {token.ipsWhitelist.length ? `IPs ${token.ipsWhitelist.join(", ")}` : "any IP"}.
        </p>

        <div className="grid gap-1.5">
          <Label htmlFor={nameId}>New token name</Label>
          <Input
            id={nameId}
            value={name}
            maxLength={NAME_MAX}
            autoComplete="off"
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
            }}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${nameId}-error` : undefined}
          />
          {nameError && (
            <p id={`${nameId}-error`} role="alert" className="text-sm text-destructive">
              {nameError}
            </p>
          )}
        </div>

        <fieldset className="grid gap-2">
          <legend id={expiryLabelId} className="mb-1 text-sm font-medium">
            New expiry
          </legend>
          <RadioGroup
            aria-labelledby={expiryLabelId}
            value={expiry}
            onValueChange={(v) => setExpiry(v as ExpiryValue)}
            className="grid grid-cols-2 gap-2 sm:grid-cols-3"
          >
            {FIXED_EXPIRY_PRESETS.map((p) => (
              <div key={p.value} className="flex items-center gap-2">
                <RadioGroupItem value={p.value} id={`${ids}-exp-${p.value}`} />
                <Label htmlFor={`${ids}-exp-${p.value}`} className="font-normal">
                  {p.label}
                </Label>
              </div>
            ))}
          </RadioGroup>
        </fieldset>

        <fieldset className="grid gap-2">
          <legend id={retireLabelId} className="mb-1 text-sm font-medium">
            Retire the old token
          </legend>
          <RadioGroup
            aria-labelledby={retireLabelId}
            value={retire}
            onValueChange={(v) => setRetire(v as RetireValue)}
            className="grid grid-cols-2 gap-2"
          >
            {RETIRE_OPTIONS.map((o) => (
              <div key={o.value} className="flex items-center gap-2">
                <RadioGroupItem value={o.value} id={`${ids}-retire-${o.value}`} />
                <Label htmlFor={`${ids}-retire-${o.value}`} className="font-normal">
                  {o.label}
                </Label>
              </div>
            ))}
          </RadioGroup>
          <p className="text-xs text-muted-foreground">
            A grace period sets the old token&apos;s expiry to the end of that period; eToro then retires it by itself, even if you close this
            page.
          </p>
        </fieldset>

        {risky && (
          <div className="grid gap-2 rounded-md border border-destructive/50 p-3">
            <p className="flex gap-2 text-sm text-destructive">
              <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>The new token trades real money from any IP. Anyone who gets the secret can use it.</span>
            </p>
            <div className="flex items-start gap-2">
              <Checkbox
                id={`${ids}-ack`}
                checked={acknowledged}
                onCheckedChange={(v) => {
                  setAcknowledged(v === true);
                  setAckError(null);
                }}
                aria-invalid={ackError ? true : undefined}
                className="mt-0.5"
              />
              <Label htmlFor={`${ids}-ack`} className="leading-snug font-normal">
                I understand the risk and want to roll it this way
              </Label>
            </div>
            {ackError && (
              <p role="alert" className="text-sm text-destructive">
                {ackError}
              </p>
            )}
          </div>
        )}

        {failureInfo && (
          <Alert variant="destructive">
            <AlertCircle aria-hidden />
            <AlertTitle>Could not roll {token.userTokenName}</AlertTitle>
            <AlertDescription>
              <p>{failureInfo.message}</p>
              {maxTokens && (
                <p>A portfolio holds at most 10 tokens. Revoke one you no longer need, then roll again. Nothing was revoked.</p>
              )}
              {!maxTokens && <p>Nothing was revoked: the old token still works.</p>}
              {retryAfter ? <p>Try again in {retryAfter} seconds.</p> : null}
              {failureInfo.requestId && <p className="font-mono text-xs">Request id: {failureInfo.requestId}</p>}
            </AlertDescription>
          </Alert>
        )}

        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            {busy ? "Rolling…" : "Roll token"}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}
