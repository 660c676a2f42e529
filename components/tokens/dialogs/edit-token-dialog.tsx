"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "@/components/common/toast";
import { useUpdateToken } from "@/components/tokens/use-token-mutations";
import { Dialog } from "@/components/ui/dialog";
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import { updateTokenSchemaFor, type UpdateTokenRequest } from "@/lib/schemas/token";
import { ExpiryField } from "@/components/tokens/form/expiry-field";
import { guardCloseWhilePending } from "@/components/common/guard-close-while-pending";
import { IpWhitelistField } from "@/components/tokens/form/ip-whitelist-field";
import { RiskAcknowledgement } from "@/components/tokens/form/risk-acknowledgement";
import { ScopePicker } from "@/components/tokens/form/scope-picker";
import { TOKEN_FIELD_ORDER, tokenFormDefaults, tokenFormResolver, type TokenFormFields, type TokenFormValues } from "@/components/tokens/form/token-form";
import { FormFooter, TokenFormDialog, type TokenDialogProps } from "@/components/tokens/form/token-form-dialog";
import { useTokenFormSubmit } from "@/components/tokens/form/use-token-form-submit";

type UpdateMutation = ReturnType<typeof useUpdateToken>;

/** Change a token's scopes, IP whitelist, expiry or gateway-only; only the fields that changed are sent. */
export function EditTokenDialog({ portfolio, token, open, onOpenChange }: TokenDialogProps) {
  const update = useUpdateToken();
  return (
    <Dialog open={open} onOpenChange={guardCloseWhilePending({ mutations: [update] }, onOpenChange)}>
      {/* Mounted only while open, so every opening starts from the token as it is now. */}
      {open && <EditTokenForm portfolio={portfolio} token={token} update={update} onClose={() => onOpenChange(false)} />}
    </Dialog>
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The addresses the form edits: a gateway-only token's are its agent's (eToro's list is then the gateway's). */
const ownIps = (token: TokenView) => (token.gatewayOnly ? token.agentIps : token.ipsWhitelist);

/** The PATCH body: only what differs from the token as it is (eToro answers NoChangesDetected otherwise). */
function changesFrom(token: TokenView) {
  return (fields: Pick<TokenFormFields, "scopeNames" | "ipsWhitelist" | "expiresAt" | "acknowledgeRisk" | "gatewayOnly">) => ({
    ...(sameSet(fields.scopeNames, token.scopeNames) ? {} : { scopeNames: fields.scopeNames }),
    ...(sameSet(fields.ipsWhitelist ?? [], ownIps(token)) ? {} : { ipsWhitelist: fields.ipsWhitelist }),
    ...(fields.expiresAt ? { expiresAt: fields.expiresAt } : {}),
    ...(fields.acknowledgeRisk ? { acknowledgeRisk: true } : {}),
    ...((fields.gatewayOnly ?? false) === (token.gatewayOnly ?? false) ? {} : { gatewayOnly: fields.gatewayOnly === true }),
  });
}

function EditTokenForm({
  portfolio,
  token,
  update,
  onClose,
}: {
  portfolio: PortfolioView;
  token: TokenView;
  update: UpdateMutation;
  onClose: () => void;
}) {
  const form = useForm<TokenFormValues, unknown, UpdateTokenRequest>({
    resolver: tokenFormResolver(zodResolver(updateTokenSchemaFor(token)), { toPayload: changesFrom(token) }),
    defaultValues: {
      ...tokenFormDefaults,
      userTokenName: token.userTokenName,
      scopeNames: token.scopeNames,
      ipsWhitelist: ownIps(token),
      gatewayOnly: token.gatewayOnly ?? false,
      expiryPreset: "keep",
    },
    shouldFocusError: false,
  });
  const { submission } = useTokenFormSubmit(form, { fieldOrder: TOKEN_FIELD_ORDER });
  const [scopeNames, ipsWhitelist, expiryPreset, gatewayOnly] = useWatch({
    control: form.control,
    name: ["scopeNames", "ipsWhitelist", "expiryPreset", "gatewayOnly"],
  });
  const changes = changesFrom(token)({ scopeNames, ipsWhitelist, gatewayOnly, expiresAt: expiryPreset === "keep" ? undefined : "changed" });
  const changed = Object.keys(changes).length > 0;

  async function save(changes: UpdateTokenRequest) {
    await update.mutateAsync({ portfolioId: portfolio.agentPortfolioId, tokenId: token.userTokenId, changes });
    toast.success("Token updated");
    onClose();
  }

  return (
    <TokenFormDialog
      heading={{
        title: `Edit ${token.userTokenName}`,
        description: `Change what this token of ${portfolio.agentPortfolioName} may do, from where, and until when. The agent keeps its secret; only the changed settings are sent to eToro.`,
      }}
      form={form}
      settings={{ before: token }}
      submission={submission(save)}
      failure={{ title: `Could not update ${token.userTokenName}` }}
      footer={
        <FormFooter
          onCancel={onClose}
          pending={update.isPending}
          submitDisabled={!changed}
          submitLabel={changed ? "Save changes" : "No changes"}
          pendingLabel="Saving…"
        />
      }
    >
      <ScopePicker />
      <IpWhitelistField gatewayChoice gatewayBefore={token.gatewayOnly} />
      <ExpiryField choices="edit" />
      <RiskAcknowledgement />
    </TokenFormDialog>
  );
}
