"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "@/components/common/toast";
import { Dialog } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { ApiClientError } from "@/lib/api-client";
import { describeScope } from "@/lib/domain/scopes";
import type { MintedTokenView } from "@/lib/domain/types";
import { mintTokenSchema, type MintTokenRequest } from "@/lib/schemas/token";
import { ExpiryField } from "@/components/tokens/form/expiry-field";
import { guardCloseWhilePending } from "@/components/common/guard-close-while-pending";
import { RiskAcknowledgement } from "@/components/tokens/form/risk-acknowledgement";
import { TOKEN_FIELD_ORDER, tokenFormDefaults, tokenFormResolver, type TokenFormValues } from "@/components/tokens/form/token-form";
import { FormFooter, TokenFormDialog, type TokenDialogProps } from "@/components/tokens/form/token-form-dialog";
import { GatewayOnlyDefault } from "@/components/tokens/form/use-gateway-only";
import { TokenNameField } from "@/components/tokens/form/token-name-field";
import { RETIRE_OPTIONS, rolledExpiry, rolledName, useRollToken, type RetireValue } from "./use-roll-token";
import { useTokenFormSubmit } from "@/components/tokens/form/use-token-form-submit";

type Props = TokenDialogProps & {
  /** Receives the new token with its secret; the parent shows the copy-once dialog. */
  onMinted: (token: MintedTokenView) => void;
};

type RollValues = TokenFormValues & { retire: RetireValue };

/** Replaces a token by a new one with the same scopes and IPs and a fresh expiry, then retires the old one. */
export function RollTokenDialog({ portfolio, token, open, onOpenChange, onMinted }: Props) {
  const rolling = useRollToken(portfolio, token);
  return (
    <Dialog open={open} onOpenChange={guardCloseWhilePending({ mutations: rolling.mutations }, onOpenChange)}>
      {open && <RollTokenForm portfolio={portfolio} token={token} rolling={rolling} onMinted={onMinted} onClose={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function RollTokenForm({
  portfolio,
  token,
  rolling,
  onMinted,
  onClose,
}: Omit<Props, "open" | "onOpenChange"> & { rolling: ReturnType<typeof useRollToken>; onClose: () => void }) {
  const takenNames = portfolio.userTokens.map((t) => t.userTokenName);
  const form = useForm<RollValues, unknown, MintTokenRequest>({
    resolver: tokenFormResolver(zodResolver(mintTokenSchema), { takenNames }),
    defaultValues: {
      ...tokenFormDefaults,
      userTokenName: rolledName(token.userTokenName),
      scopeNames: token.scopeNames,
      // A gateway-only token's own list is the agent's (its eToro list is the gateway's, which the server sets).
      ipsWhitelist: token.gatewayOnly ? token.agentIps : token.ipsWhitelist,
      // The new token goes the old one's way; one the gateway never knew moves behind it.
      gatewayOnly: token.gatewayOnly ?? true,
      expiryPreset: rolledExpiry(token),
      retire: "now",
    },
    shouldFocusError: false,
  });
  const { submission } = useTokenFormSubmit(form, { fieldOrder: TOKEN_FIELD_ORDER });
  const retire = useWatch({ control: form.control, name: "retire" });
  const copiedIps = token.gatewayOnly ? token.agentIps : token.ipsWhitelist;
  const busy = rolling.mutations.some((m) => m.isPending);

  async function roll(input: MintTokenRequest) {
    const { minted, retired, retireError } = await rolling.roll(input, form.getValues("retire"));
    onMinted(minted);
    onClose();
    if (!retireError) return void toast.success(`Rolled ${token.userTokenName}. ${retired}`);
    const err = retireError instanceof ApiClientError ? retireError : null;
    toast.warning(
      `The new token was minted, but the old token ${token.userTokenName} is still active: ${err?.message ?? "something went wrong."} Revoke it by hand.${err?.requestId ? ` (Request id: ${err.requestId})` : ""}`,
      { duration: Infinity, closeButton: true },
    );
  }

  const scopes = token.scopeNames.map((s) => describeScope(s).label).join(", ") || "no scopes";
  return (
    <TokenFormDialog
      heading={{
        title: `Roll ${token.userTokenName}`,
        description: `A new token with the same scopes and IP whitelist and a fresh expiry is minted for ${portfolio.agentPortfolioName} and shown to you once. Then the old token is retired, now or after a grace period for your agent to switch.`,
      }}
      form={form}
      settings={{ takenNames }}
      submission={submission(roll)}
      failure={{ title: `Could not roll ${token.userTokenName}`, note: <p>Nothing was revoked: the old token still works.</p> }}
      footer={<FormFooter onCancel={onClose} pending={busy} submitLabel="Roll token" pendingLabel="Rolling…" />}
    >
      <p className="text-sm text-muted-foreground">
        Copied over: {scopes}; {copiedIps.length ? `IPs ${copiedIps.join(", ")}` : "any IP"}
        {token.gatewayOnly ? ", checked at the gateway" : ""}.
      </p>
      <GatewayOnlyDefault />
      <TokenNameField label="New token name" />
      <ExpiryField choices="roll" legend="New expiry" />
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Retire the old token</legend>
        <RadioGroup
          aria-label="Retire the old token"
          value={retire}
          onValueChange={(v) => form.setValue("retire", v as RetireValue)}
          className="grid grid-cols-2 gap-2"
        >
          {RETIRE_OPTIONS.map((o) => (
            <div key={o.value} className="flex items-center gap-2">
              <RadioGroupItem value={o.value} id={`${token.userTokenId}-retire-${o.value}`} />
              <Label htmlFor={`${token.userTokenId}-retire-${o.value}`} className="font-normal">
                {o.label}
              </Label>
            </div>
          ))}
        </RadioGroup>
        <p className="text-xs text-muted-foreground">
          A grace period sets the old token&apos;s expiry to the end of that period; eToro then retires it by itself, even if you
          close this page.
        </p>
      </fieldset>
      <RiskAcknowledgement />
    </TokenFormDialog>
  );
}
