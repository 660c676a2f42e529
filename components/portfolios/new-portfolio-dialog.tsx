"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId } from "react";
import { useForm, useFormContext, useWatch, type DefaultValues, type Path } from "react-hook-form";
import { ExpiryField } from "@/components/tokens/form/expiry-field";
import { errorMessage, FieldError } from "@/components/common/field-error";
import { IpWhitelistField } from "@/components/tokens/form/ip-whitelist-field";
import { ErrorBlock } from "@/components/common/error-block";
import { LostSecretRevoke, isSecretLost } from "@/components/tokens/dialogs/lost-secret-revoke";
import { RiskAcknowledgement } from "@/components/tokens/form/risk-acknowledgement";
import { ScopePicker } from "@/components/tokens/form/scope-picker";
import { BoundariesField } from "@/components/tokens/form/boundaries-field";
import { TOKEN_FIELD_ORDER, tokenFormDefaults, tokenFormResolver, type TokenFormExtras } from "@/components/tokens/form/token-form";
import { FormFooter } from "@/components/tokens/form/token-form-dialog";
import { TokenFormProvider } from "@/components/tokens/form/token-form-provider";
import { GatewayOnlyDefault } from "@/components/tokens/form/use-gateway-only";
import { TokenNameField } from "@/components/tokens/form/token-name-field";
import { useTokenFormSubmit } from "@/components/tokens/form/use-token-form-submit";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Separator } from "@/components/ui/separator";
import { Textarea } from "@/components/ui/textarea";
import { formatUsd } from "@/lib/format";
import { createPortfolioSchema, MIN_INVESTMENT_USD, type CreatePortfolioInput, type CreatePortfolioRequest } from "@/lib/schemas/portfolio";
import { useCreatePortfolio, type CreatePortfolioResult } from "./use-portfolio-mutations";
import { guardCloseWhilePending } from "@/components/common/guard-close-while-pending";

type NewPortfolioValues = CreatePortfolioInput & TokenFormExtras;
type CreateMutation = ReturnType<typeof useCreatePortfolio>;

const FIELD_ORDER: readonly Path<NewPortfolioValues>[] = [
  "agentPortfolioName",
  "investmentAmountInUsd",
  "agentPortfolioDescription",
  ...TOKEN_FIELD_ORDER,
];

/** eToro assigns the virtual balance on creation; this is the usual figure, used only to illustrate the ratio. */
const TYPICAL_VIRTUAL_BALANCE = 10_000;
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 2 });

export type NewPortfolioDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** 201: `token` carries the first token's secret, once. 207: `token` is null and `message` says why. */
  onCreated: (result: CreatePortfolioResult) => void;
};

/** New portfolio: one scrolling form with the portfolio's fields and its first token's. */
export function NewPortfolioDialog({ open, onOpenChange, onCreated }: NewPortfolioDialogProps) {
  // Held here so the dialog can refuse to close mid-request: the reply may carry the only copy of a secret.
  const mutation = useCreatePortfolio();

  const changeOpen = guardCloseWhilePending({ mutations: [mutation] }, onOpenChange);

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto p-4 sm:max-w-xl sm:p-6">
        <DialogHeader>
          <DialogTitle>New portfolio</DialogTitle>
          <DialogDescription>
            Create an agent portfolio and the first token your agent will trade with. The token&apos;s secret is shown
            once, right after.
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts from a clean form. */}
        <NewPortfolioForm mutation={mutation} onCreated={onCreated} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function NewPortfolioForm({
  mutation,
  onCreated,
  onDone,
}: {
  mutation: CreateMutation;
  onCreated: (result: CreatePortfolioResult) => void;
  onDone: () => void;
}) {
  const id = useId();
  // No amount by default: the person must choose how much money this portfolio takes.
  const defaults: DefaultValues<NewPortfolioValues> = { ...tokenFormDefaults, agentPortfolioName: "", agentPortfolioDescription: "" };
  const form = useForm<NewPortfolioValues, unknown, CreatePortfolioRequest>({
    resolver: tokenFormResolver(zodResolver(createPortfolioSchema), { withBoundaries: true }),
    defaultValues: defaults,
    // Validated on submit (then as corrected), never on blur: an error appearing on blur pushed
    // Create portfolio down between mouse-down and mouse-up, and the first click was lost.
    mode: "onSubmit",
    // Focus goes to the first invalid control in screen order, which includes fields without a registered ref.
    shouldFocusError: false,
  });
  const { register, formState } = form;
  const { submission } = useTokenFormSubmit(form, { fieldOrder: FIELD_ORDER });
  const { formRef, onSubmit, failure } = submission(create);
  const pending = mutation.isPending;
  const gatewayOnly = useWatch({ control: form.control, name: "gatewayOnly" }) === true;

  async function create(values: CreatePortfolioRequest) {
    const result = await mutation.mutateAsync({
      ...values,
      agentPortfolioDescription: values.agentPortfolioDescription || undefined,
    });
    onCreated(result);
    // The secret (if any) now belongs to the copy-once dialog alone: drop it from TanStack's mutation state.
    mutation.reset();
    form.reset(defaults);
    onDone();
  }

  const nameError = errorMessage(formState.errors.agentPortfolioName);
  const amountError = errorMessage(formState.errors.investmentAmountInUsd);
  const descriptionError = errorMessage(formState.errors.agentPortfolioDescription);

  return (
    <TokenFormProvider form={form}>
      <GatewayOnlyDefault />
      <form ref={formRef} noValidate className="grid min-w-0 gap-5" onSubmit={onSubmit}>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-name`}>Portfolio name</Label>
          <Input
            id={`${id}-name`}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={!!nameError}
            aria-describedby={`${nameError ? `${id}-name-error ` : ""}${id}-name-count`}
            {...register("agentPortfolioName")}
          />
          <NameCounter id={`${id}-name-count`} />
          <FieldError id={`${id}-name-error`} message={nameError} />
        </div>

        <div className="space-y-1.5">
          <Label htmlFor={`${id}-amount`}>Investment (USD)</Label>
          <Input
            id={`${id}-amount`}
            type="number"
            inputMode="decimal"
            min={MIN_INVESTMENT_USD}
            step="0.01"
            placeholder={String(MIN_INVESTMENT_USD * 10)}
            aria-invalid={!!amountError}
            aria-describedby={`${amountError ? `${id}-amount-error ` : ""}${id}-blast`}
            {...register("investmentAmountInUsd", { valueAsNumber: true })}
          />
          <FieldError id={`${id}-amount-error`} message={amountError} />
          <BlastRadius id={`${id}-blast`} />
        </div>

        <div className="space-y-1.5">
          <Label htmlFor={`${id}-description`}>Description</Label>
          <Textarea
            id={`${id}-description`}
            rows={2}
            aria-invalid={!!descriptionError}
            aria-describedby={descriptionError ? `${id}-description-error` : `${id}-description-help`}
            {...register("agentPortfolioDescription")}
          />
          {descriptionError ? (
            <FieldError id={`${id}-description-error`} message={descriptionError} />
          ) : (
            <p id={`${id}-description-help`} className="text-sm text-muted-foreground">
              Optional. What this agent is for.
            </p>
          )}
        </div>

        <Separator />

        <section aria-labelledby={`${id}-token-heading`} className="grid min-w-0 gap-5">
          <div className="space-y-1">
            <h3 id={`${id}-token-heading`} className="font-medium">
              First token
            </h3>
            <p className="text-sm text-muted-foreground">The key your agent sends as its user key. You can mint more later.</p>
          </div>
          <TokenNameField />
          <ScopePicker />
          <BoundariesField gatewayOnly={gatewayOnly} />
          <IpWhitelistField gatewayChoice />
          <ExpiryField />
          <RiskAcknowledgement />
        </section>

        {failure !== null && (
          <ErrorBlock title={isSecretLost(failure) ? "Created, but the secret was lost" : "The portfolio was not created"} error={failure}>
            <LostSecretRevoke error={failure} />
          </ErrorBlock>
        )}

        <FormFooter onCancel={onDone} pending={pending} submitLabel="Create portfolio" pendingLabel="Creating…" />
      </form>
    </TokenFormProvider>
  );
}

/** 6–10 characters, counted as the server counts them (trimmed). */
function NameCounter({ id }: { id: string }) {
  const { control } = useFormContext<NewPortfolioValues>();
  const length = (useWatch({ control, name: "agentPortfolioName" }) ?? "").trim().length;
  const outside = length > 0 && (length < 6 || length > 10);
  return (
    <p id={id} className={outside ? "text-sm text-destructive" : "text-sm text-muted-foreground"}>
      {length}/10 characters (6 to 10, unique in your account)
    </p>
  );
}

/** What the amount means before anyone commits it: what leaves the balance, and how big the mirrored trades are. */
function BlastRadius({ id }: { id: string }) {
  const { control } = useFormContext<NewPortfolioValues>();
  const amount = useWatch({ control, name: "investmentAmountInUsd" });
  const valid = typeof amount === "number" && Number.isFinite(amount) && amount > 0;
  const typical = `$${TYPICAL_VIRTUAL_BALANCE.toLocaleString("en-US")}`;
  return (
    <p id={id} className="text-sm text-muted-foreground">
      {valid ? (
        <>
          <strong className="font-medium text-foreground">{formatUsd(amount)}</strong> is deducted from your eToro balance
          to copy this portfolio. Its trades are mirrored at a ratio of amount ÷ virtual balance (e.g.{" "}
          {percent.format(amount / TYPICAL_VIRTUAL_BALANCE)} of each position with a {typical} virtual balance).
        </>
      ) : (
        <>
          The amount (at least {formatUsd(MIN_INVESTMENT_USD)}) is deducted from your eToro balance to copy this
          portfolio. Its trades are mirrored at a ratio of amount ÷ virtual balance.
        </>
      )}{" "}
      eToro assigns the virtual balance when it creates the portfolio (typically {typical}).
    </p>
  );
}
