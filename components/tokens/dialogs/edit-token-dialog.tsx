"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "@/components/common/toast";
import { useChangeBoundaries, useUpdateToken } from "@/components/tokens/use-token-mutations";
import { Dialog } from "@/components/ui/dialog";
import { Separator } from "@/components/ui/separator";
import type { Resolver } from "react-hook-form";
import { BoundariesField } from "@/components/tokens/form/boundaries-field";
import { FieldWarning } from "@/components/common/field-warning";
import { NO_BOUNDARIES } from "@/lib/schemas/boundaries";
import { boundariesDraftSchema, draftFromBoundaries, sameBoundaries } from "@/lib/schemas/boundaries-form";
import type { PortfolioView, TokenView } from "@/lib/domain/types";
import { updateTokenSchemaFor, type UpdateTokenRequest } from "@/lib/schemas/token";
import { ExpiryField } from "@/components/tokens/form/expiry-field";
import { guardCloseWhilePending } from "@/components/common/guard-close-while-pending";
import { IpWhitelistField } from "@/components/tokens/form/ip-whitelist-field";
import { RiskAcknowledgement } from "@/components/tokens/form/risk-acknowledgement";
import { ScopePicker } from "@/components/tokens/form/scope-picker";
import {
  checkBoundaryDraft,
  TOKEN_FIELD_ORDER,
  tokenFormDefaults,
  tokenFormResolver,
  type TokenFormFields,
  type TokenFormValues,
} from "@/components/tokens/form/token-form";
import { FormFooter, TokenFormDialog, type TokenDialogProps } from "@/components/tokens/form/token-form-dialog";
import { useTokenFormSubmit } from "@/components/tokens/form/use-token-form-submit";

type UpdateMutation = ReturnType<typeof useUpdateToken>;
type BoundariesMutation = ReturnType<typeof useChangeBoundaries>;

/**
 * Change a token's scopes, IP whitelist, expiry or gateway-only (eToro; only the
 * fields that changed are sent) and its boundaries (the console's gateway; sent only when changed).
 */
export function EditTokenDialog({ portfolio, token, open, onOpenChange }: TokenDialogProps) {
  const update = useUpdateToken();
  const bound = useChangeBoundaries();
  return (
    <Dialog open={open} onOpenChange={guardCloseWhilePending({ mutations: [update, bound] }, onOpenChange)}>
      {/* Mounted only while open, so every opening starts from the token as it is now. */}
      {open && <EditTokenForm portfolio={portfolio} token={token} update={update} bound={bound} onClose={() => onOpenChange(false)} />}
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

/** Whether the boundaries as typed differ from the token's (a draft the schema refuses counts as changed: Save then says why). */
function boundariesChanged(token: TokenView, draft: TokenFormValues["boundaryDraft"]): boolean {
  if (token.boundaries === null) return false;
  const parsed = boundariesDraftSchema.safeParse(draft);
  return !parsed.success || !sameBoundaries(parsed.data, token.boundaries);
}

/**
 * The edit's check: eToro's fields through the update schema when any of them
 * changed; otherwise (only the boundaries changed) the boundaries alone, since
 * the update schema rightly refuses an empty change.
 */
function editResolver(token: TokenView): Resolver<TokenFormValues, unknown, UpdateTokenRequest> {
  const withToken = tokenFormResolver<TokenFormValues, UpdateTokenRequest>(zodResolver(updateTokenSchemaFor(token)), { toPayload: changesFrom(token) });
  return async (values, context, options) => {
    const tokenChanged = Object.keys(changesFrom(token)({ ...values, expiresAt: values.expiryPreset === "keep" ? undefined : "changed" })).length > 0;
    const boundaryErrors = token.boundaries === null ? null : (() => {
      const checked = checkBoundaryDraft(values.boundaryDraft);
      return "errors" in checked ? checked.errors : null;
    })();
    if (tokenChanged) {
      const result = await withToken(values, context, options);
      if (!boundaryErrors) return result;
      return { values: {}, errors: { ...result.errors, boundaryDraft: boundaryErrors } as never };
    }
    if (boundaryErrors) return { values: {}, errors: { boundaryDraft: boundaryErrors } as never };
    return { values: {} as UpdateTokenRequest, errors: {} };
  };
}

function EditTokenForm({
  portfolio,
  token,
  update,
  bound,
  onClose,
}: {
  portfolio: PortfolioView;
  token: TokenView;
  update: UpdateMutation;
  bound: BoundariesMutation;
  onClose: () => void;
}) {
  const form = useForm<TokenFormValues, unknown, UpdateTokenRequest>({
    resolver: editResolver(token),
    defaultValues: {
      ...tokenFormDefaults,
      userTokenName: token.userTokenName,
      scopeNames: token.scopeNames,
      ipsWhitelist: ownIps(token),
      gatewayOnly: token.gatewayOnly ?? false,
      expiryPreset: "keep",
      boundaryDraft: draftFromBoundaries(token.boundaries ?? NO_BOUNDARIES),
    },
    shouldFocusError: false,
  });
  const { submission } = useTokenFormSubmit(form, { fieldOrder: TOKEN_FIELD_ORDER });
  const [scopeNames, ipsWhitelist, expiryPreset, gatewayOnly, boundaryDraft] = useWatch({
    control: form.control,
    name: ["scopeNames", "ipsWhitelist", "expiryPreset", "gatewayOnly", "boundaryDraft"],
  });
  const changes = changesFrom(token)({ scopeNames, ipsWhitelist, gatewayOnly, expiresAt: expiryPreset === "keep" ? undefined : "changed" });
  const newBoundaries = boundariesChanged(token, boundaryDraft);
  const changed = Object.keys(changes).length > 0 || newBoundaries;

  async function save(changes: UpdateTokenRequest) {
    const ids = { portfolioId: portfolio.agentPortfolioId, tokenId: token.userTokenId };
    if (Object.keys(changes).length > 0) await update.mutateAsync({ ...ids, changes });
    const checked = checkBoundaryDraft(form.getValues("boundaryDraft"));
    if (token.boundaries !== null && "boundaries" in checked && !sameBoundaries(checked.boundaries, token.boundaries)) {
      await bound.mutateAsync({ ...ids, boundaries: checked.boundaries });
    }
    toast.success("Token updated");
    onClose();
  }

  return (
    <TokenFormDialog
      heading={{
        title: `Edit ${token.userTokenName}`,
        description: `Change what this token of ${portfolio.agentPortfolioName} may do, within which boundaries, from where, and until when. The agent keeps its secret; only the changed settings are sent to eToro, and boundaries change at the console's gateway.`,
      }}
      form={form}
      settings={{ before: token }}
      submission={submission(save)}
      failure={{ title: `Could not update ${token.userTokenName}` }}
      footer={
        <FormFooter
          onCancel={onClose}
          pending={update.isPending || bound.isPending}
          submitDisabled={!changed}
          submitLabel={changed ? "Save changes" : "No changes"}
          pendingLabel="Saving…"
        />
      }
    >
      <ScopePicker />
      <IpWhitelistField gatewayChoice gatewayBefore={token.gatewayOnly} />
      <ExpiryField choices="edit" />
      <Separator />
      {token.boundaries === null ? (
        <section aria-label="Boundaries" className="space-y-1 text-sm">
          <p className="font-medium">Boundaries</p>
          <FieldWarning>
            The console&apos;s gateway does not know this token (it was minted elsewhere, or before the gateway), so no boundary can
            hold it. Roll it to get a token the gateway knows.
          </FieldWarning>
        </section>
      ) : (
        <BoundariesField gatewayOnly={token.gatewayOnly} />
      )}
      <RiskAcknowledgement />
    </TokenFormDialog>
  );
}
