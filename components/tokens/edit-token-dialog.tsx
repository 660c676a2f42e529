"use client";

import { AlertCircle, TriangleAlert, X } from "lucide-react";
import { useId, useRef, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { ErrorPanel } from "@/components/common/error-panel";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiClientError } from "@/lib/api-client";
import { compareScopes, describeScope } from "@/lib/domain/scopes";
import { needsRiskAcknowledgement } from "@/lib/domain/token-status";
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import { formatRelative, formatUtc } from "@/lib/format";
import { ipv4Schema, MAX_IPS } from "@/lib/schemas/ip";
import { expiresAtSchema, updateTokenSchema } from "@/lib/schemas/token";
import { useUpdateToken } from "./use-token-mutations";
import { expiresAtFor, FIXED_EXPIRY_PRESETS, type FixedExpiryPreset } from "./expiry-presets";
import { useScopes } from "./use-scopes";

type Props = {
  portfolio: PortfolioView;
  token: TokenView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

type ExpiryChoice = "keep" | "custom" | FixedExpiryPreset;

type FieldKey = "scopeNames" | "ipsWhitelist" | "expiresAt" | "acknowledgeRisk";
type FieldErrors = Partial<Record<FieldKey, string>>;

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** Change a token's scopes, IP whitelist or expiry; only the fields that changed are sent. */
export function EditTokenDialog({ portfolio, token, open, onOpenChange }: Props) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(next) => (busy && !next ? undefined : onOpenChange(next))}>
      {/* Mounted only while open, so every opening starts from the token as it is now. */}
      {open && (
        <EditTokenForm portfolio={portfolio} token={token} onBusyChange={setBusy} onClose={() => onOpenChange(false)} />
      )}
    </Dialog>
  );
}

function EditTokenForm({
  portfolio,
  token,
  onBusyChange,
  onClose,
}: {
  portfolio: PortfolioView;
  token: TokenView;
  onBusyChange: (busy: boolean) => void;
  onClose: () => void;
}) {
  const ids = useId();
  const scopesQuery = useScopes();
  const update = useUpdateToken();

  const [scopeNames, setScopeNames] = useState<string[]>(token.scopeNames);
  const [ips, setIps] = useState<string[]>(token.ipsWhitelist);
  const [ipDraft, setIpDraft] = useState("");
  const [ipError, setIpError] = useState<string | null>(null);
  const [expiry, setExpiry] = useState<ExpiryChoice>("keep");
  const [customExpiry, setCustomExpiry] = useState("");
  const [acknowledged, setAcknowledged] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiClientError | Error | null>(null);
  const ipInput = useRef<HTMLInputElement>(null);

  const scopesChanged = !sameSet(scopeNames, token.scopeNames);
  const ipsChanged = !sameSet(ips, token.ipsWhitelist);
  const expiryChanged = expiry !== "keep";
  const changed = scopesChanged || ipsChanged || expiryChanged;

  /** The expiry the token would have after saving; for the risk check, a preset counts as "some expiry". */
  const resultingExpiresAt = expiry === "keep" ? token.expiresAt : "set";
  const risky = needsRiskAcknowledgement({ scopeNames, ipsWhitelist: ips, expiresAt: resultingExpiresAt });

  // The catalogue plus anything the token already holds that the catalogue lacks (old or foreign scopes), so it can be removed.
  const catalogue = scopesQuery.data?.scopes.map((s) => s.name) ?? [];
  const scopeChoices = [...new Set([...catalogue, ...token.scopeNames])].sort(compareScopes).map(describeScope);

  function toggleScope(name: string, on: boolean) {
    setScopeNames((prev) => (on ? [...prev, name] : prev.filter((s) => s !== name)));
    setErrors((e) => ({ ...e, scopeNames: undefined }));
  }

  function addIp() {
    const parsed = ipv4Schema.safeParse(ipDraft);
    if (!parsed.success) {
      setIpError(parsed.error.issues[0]?.message ?? "Enter an IPv4 address.");
      ipInput.current?.focus();
      return;
    }
    if (ips.includes(parsed.data)) {
      setIpError(`${parsed.data} is already in the list.`);
      return;
    }
    if (ips.length >= MAX_IPS) {
      setIpError(`At most ${MAX_IPS} addresses.`);
      return;
    }
    setIps((prev) => [...prev, parsed.data]);
    setIpDraft("");
    setIpError(null);
    setErrors((e) => ({ ...e, ipsWhitelist: undefined }));
  }

  function removeIp(ip: string) {
    setIps((prev) => prev.filter((x) => x !== ip));
    setErrors((e) => ({ ...e, ipsWhitelist: undefined }));
    ipInput.current?.focus();
  }

  function newExpiresAt(): string | undefined {
    if (expiry === "keep") return undefined;
    // Fixed presets always give an instant; a custom datetime-local value is read as local time.
    return expiresAtFor(expiry, customExpiry) ?? undefined;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const changes: Record<string, unknown> = {};
    if (scopesChanged) changes.scopeNames = scopeNames;
    if (ipsChanged) changes.ipsWhitelist = ips;
    if (expiryChanged) changes.expiresAt = newExpiresAt();

    const next: FieldErrors = {};
    if (expiry === "custom") {
      const custom = expiresAtSchema.safeParse(changes.expiresAt ?? "");
      if (!customExpiry) next.expiresAt = "Pick a date and time.";
      else if (!custom.success) next.expiresAt = custom.error.issues[0]?.message;
    }
    const parsed = updateTokenSchema.safeParse(changes);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        if ((key === "scopeNames" || key === "ipsWhitelist" || key === "expiresAt") && !next[key]) next[key] = issue.message;
      }
    }
    if (risky && !acknowledged) {
      next.acknowledgeRisk = "Tick “I understand” to keep a real-money trading token without an IP limit or an expiry.";
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return;

    onBusyChange(true);
    try {
      await update.mutateAsync({
        portfolioId: portfolio.agentPortfolioId,
        tokenId: token.userTokenId,
        changes: risky ? { ...parsed.data, acknowledgeRisk: acknowledged } : parsed.data,
      });
      toast.success("Token updated");
      onClose();
    } catch (error) {
      if (error instanceof ApiClientError && error.fields) {
        const fromServer: FieldErrors = {};
        for (const [key, message] of Object.entries(error.fields)) {
          if (key === "scopeNames" || key === "ipsWhitelist" || key === "expiresAt" || key === "acknowledgeRisk") {
            fromServer[key] = message;
          }
        }
        setErrors(fromServer);
      }
      setFailure(error instanceof Error ? error : new Error(String(error)));
    } finally {
      onBusyChange(false);
    }
  }

  const pending = update.isPending;
  const ipErrorId = `${ids}-ip-error`;
  const expiryLegendId = `${ids}-expiry`;

  return (
    <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-lg">
      <DialogHeader>
        <DialogTitle className="wrap-anywhere">Edit {token.userTokenName}</DialogTitle>
        <DialogDescription>
          Change what this token of {portfolio.agentPortfolioName} may do, from where, and until when. The agent keeps its
          secret; only the changed settings are sent to eToro.
        </DialogDescription>
      </DialogHeader>

      <form onSubmit={submit} noValidate className="grid gap-5">
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Scopes</legend>
          {scopesQuery.isPending ? (
            <div className="grid gap-2" aria-busy="true" aria-label="Loading scopes">
              <Skeleton className="h-5 w-3/4" />
              <Skeleton className="h-5 w-2/3" />
            </div>
          ) : scopesQuery.isError ? (
            <ErrorPanel title="Could not load the scopes" error={scopesQuery.error} onRetry={() => scopesQuery.refetch()} />
          ) : (
            scopeChoices.map((scope) => {
              const id = `${ids}-scope-${scope.name}`;
              return (
                <div key={scope.name} className="flex items-start gap-2">
                  <Checkbox
                    id={id}
                    checked={scopeNames.includes(scope.name)}
                    onCheckedChange={(v) => toggleScope(scope.name, v === true)}
                    aria-invalid={errors.scopeNames ? true : undefined}
                    aria-describedby={`${id}-desc`}
                    className="mt-0.5"
                  />
                  <div className="grid min-w-0 gap-0.5">
                    <Label htmlFor={id} className="flex-wrap leading-snug">
                      {scope.label} <span className="font-mono text-xs font-normal text-muted-foreground wrap-anywhere">{scope.name}</span>
                    </Label>
                    <p id={`${id}-desc`} className="text-xs text-muted-foreground">
                      {scope.description}
                    </p>
                  </div>
                </div>
              );
            })
          )}
          {errors.scopeNames && <p role="alert" className="text-sm text-destructive">{errors.scopeNames}</p>}
        </fieldset>

        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">IP whitelist</legend>
          <p className="text-xs text-muted-foreground">
            IPv4 only. With no address, the token works from any IP.
          </p>
          <div className="grid gap-1.5">
            <Label htmlFor={`${ids}-ip`}>IP address</Label>
            <div className="flex gap-2">
              <Input
                ref={ipInput}
                id={`${ids}-ip`}
                inputMode="decimal"
                autoComplete="off"
                placeholder="203.0.113.7"
                value={ipDraft}
                aria-invalid={ipError ? true : undefined}
                aria-describedby={ipError ? ipErrorId : undefined}
                onChange={(e) => {
                  setIpDraft(e.target.value);
                  setIpError(null);
                }}
                onKeyDown={(e) => {
                  // Enter adds the address rather than saving the whole form.
                  if (e.key === "Enter") {
                    e.preventDefault();
                    addIp();
                  }
                }}
              />
              <Button type="button" variant="outline" onClick={addIp}>
                Add
              </Button>
            </div>
            {ipError && (
              <p id={ipErrorId} role="alert" className="text-sm text-destructive">
                {ipError}
              </p>
            )}
          </div>
          {ips.length > 0 ? (
            <ul className="flex flex-wrap gap-1.5" aria-label="Allowed IP addresses">
              {ips.map((ip) => (
                <li key={ip}>
                  <Badge variant="secondary" className="gap-1 py-0.5 pr-0.5 font-mono">
                    {ip}
                    <button
                      type="button"
                      onClick={() => removeIp(ip)}
                      aria-label={`Remove ${ip}`}
                      className="rounded-sm p-0.5 hover:bg-background focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                    >
                      <X className="size-3" aria-hidden />
                    </button>
                  </Badge>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">Any IP.</p>
          )}
          {errors.ipsWhitelist && <p role="alert" className="text-sm text-destructive">{errors.ipsWhitelist}</p>}
        </fieldset>

        <fieldset className="grid gap-2">
          <legend id={expiryLegendId} className="mb-1 text-sm font-medium">
            Expiry
          </legend>
          <RadioGroup
            aria-labelledby={expiryLegendId}
            value={expiry}
            onValueChange={(v) => {
              setExpiry(v as ExpiryChoice);
              setErrors((e) => ({ ...e, expiresAt: undefined }));
            }}
            className="grid grid-cols-2 gap-2 sm:grid-cols-3"
          >
            <div className="col-span-full flex items-center gap-2">
              <RadioGroupItem value="keep" id={`${ids}-exp-keep`} />
              <Label htmlFor={`${ids}-exp-keep`} className="font-normal">
                Keep current ({token.expiresAt ? `expires ${formatRelative(token.expiresAt)}, ${formatUtc(token.expiresAt)}` : "never expires"})
              </Label>
            </div>
            {FIXED_EXPIRY_PRESETS.map((p) => (
              <div key={p.value} className="flex items-center gap-2">
                <RadioGroupItem value={p.value} id={`${ids}-exp-${p.value}`} />
                <Label htmlFor={`${ids}-exp-${p.value}`} className="font-normal">
                  {p.label}
                </Label>
              </div>
            ))}
            <div className="flex items-center gap-2">
              <RadioGroupItem value="custom" id={`${ids}-exp-custom`} />
              <Label htmlFor={`${ids}-exp-custom`} className="font-normal">
                Custom
              </Label>
            </div>
          </RadioGroup>
          {expiry === "custom" && (
            <div className="grid gap-1.5">
              <Label htmlFor={`${ids}-exp-at`}>Custom expiry (your local time)</Label>
              <Input
                id={`${ids}-exp-at`}
                type="datetime-local"
                value={customExpiry}
                onChange={(e) => {
                  setCustomExpiry(e.target.value);
                  setErrors((er) => ({ ...er, expiresAt: undefined }));
                }}
                aria-invalid={errors.expiresAt ? true : undefined}
              />
            </div>
          )}
          <p className="text-xs text-muted-foreground">
            Presets count from the moment you save. eToro cannot turn an expiring token into a never-expiring one.
          </p>
          {errors.expiresAt && <p role="alert" className="text-sm text-destructive">{errors.expiresAt}</p>}
        </fieldset>

        {risky && (
          <div className="grid gap-2 rounded-md border border-destructive/50 p-3">
            <p className="flex gap-2 text-sm text-destructive">
              <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>
                This token trades real money {ips.length === 0 ? "from any IP" : ""}
                {ips.length === 0 && !resultingExpiresAt ? " and " : ""}
                {!resultingExpiresAt ? "for ever (it never expires)" : ""}. Anyone who gets the secret can use it.
              </span>
            </p>
            <div className="flex items-start gap-2">
              <Checkbox
                id={`${ids}-ack`}
                checked={acknowledged}
                onCheckedChange={(v) => {
                  setAcknowledged(v === true);
                  setErrors((e) => ({ ...e, acknowledgeRisk: undefined }));
                }}
                aria-invalid={errors.acknowledgeRisk ? true : undefined}
                className="mt-0.5"
              />
              <Label htmlFor={`${ids}-ack`} className="leading-snug font-normal">
                I understand the risk and want to save it this way
              </Label>
            </div>
            {errors.acknowledgeRisk && <p role="alert" className="text-sm text-destructive">{errors.acknowledgeRisk}</p>}
          </div>
        )}

        {failure && (
          <Alert variant="destructive">
            <AlertCircle aria-hidden />
            <AlertTitle>Could not update {token.userTokenName}</AlertTitle>
            <AlertDescription>
              <p>{failure.message}</p>
              {failure instanceof ApiClientError && failure.retryAfterSeconds ? (
                <p>Try again in {failure.retryAfterSeconds} seconds.</p>
              ) : null}
              {failure instanceof ApiClientError && failure.requestId ? (
                <p className="font-mono text-xs">Request id: {failure.requestId}</p>
              ) : null}
            </AlertDescription>
          </Alert>
        )}

        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" disabled={!changed || pending}>
            {pending ? "Saving…" : changed ? "Save changes" : "No changes"}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}
