"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useForm, useWatch, type Path } from "react-hook-form";
import { useMintToken } from "@/components/tokens/use-token-mutations";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { MintedTokenView, PortfolioView } from "@/lib/domain/types";
import { mintTokenSchema, type MintTokenRequest } from "@/lib/schemas/token";
import { ExpiryField } from "@/components/tokens/form/expiry-field";
import { focusFirst } from "@/components/common/focus-first";
import { IpWhitelistField } from "@/components/tokens/form/ip-whitelist-field";
import { ErrorBlock } from "@/components/common/error-block";
import { LostSecretRevoke, isSecretLost } from "./lost-secret-revoke";
import { revealed } from "./revealed-token";
import { RiskAcknowledgement } from "@/components/tokens/form/risk-acknowledgement";
import { ScopePicker } from "@/components/tokens/form/scope-picker";
import { BoundariesField } from "@/components/tokens/form/boundaries-field";
import { TOKEN_FIELD_ORDER, tokenFormDefaults, tokenFormResolver, type TokenFormValues } from "@/components/tokens/form/token-form";
import { TokenFormProvider } from "@/components/tokens/form/token-form-provider";
import { TokenNameField } from "@/components/tokens/form/token-name-field";
import { TokenReview } from "@/components/tokens/form/token-review";
import { WizardSteps } from "@/components/tokens/form/wizard-steps";
import { guardCloseWhilePending } from "@/components/common/guard-close-while-pending";
import { scopesQuery } from "@/components/tokens/use-scopes";
import { useTokenFormSubmit } from "@/components/tokens/form/use-token-form-submit";
import { GatewayOnlyDefault } from "@/components/tokens/form/use-gateway-only";

/** Each step owns the fields it validates before moving on, and where server errors send the person back to. */
const STEPS: readonly { label: string; fields: readonly Path<TokenFormValues>[] }[] = [
  { label: "Name", fields: ["userTokenName"] },
  { label: "Scopes", fields: ["scopeNames"] },
  { label: "Boundaries", fields: ["boundaryDraft"] },
  { label: "IP whitelist", fields: ["ipsWhitelist", "ipDraft"] },
  { label: "Expiry", fields: ["expiresAt"] },
  { label: "Review", fields: ["acknowledgeRisk"] },
];
const REVIEW = STEPS.length - 1;
const STEP_LABELS = STEPS.map((s) => s.label);

type MintMutation = ReturnType<typeof useMintToken>;

export type MintTokenDialogProps = {
  portfolio: Pick<PortfolioView, "agentPortfolioId" | "agentPortfolioName" | "userTokens">;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Receives the new token with its secret, once; hand it to the copy-once dialog. */
  onMinted: (token: MintedTokenView) => void;
};

/** The mint wizard: Name, Scopes, Boundaries, IP whitelist, Expiry, Review, then Mint token. */
export function MintTokenDialog({ portfolio, open, onOpenChange, onMinted }: MintTokenDialogProps) {
  // Held here, not in the wizard, so the dialog can refuse to close while a mint is in flight:
  // closing then would drop the only copy of the secret on the floor.
  const mutation = useMintToken();

  const changeOpen = guardCloseWhilePending({ mutations: [mutation] }, onOpenChange);

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent
        className="max-h-[calc(100dvh-2rem)] overflow-y-auto p-4 sm:max-w-xl sm:p-6"
        onOpenAutoFocus={(e) => {
          // Start in the first field rather than on the step list.
          const panel = (e.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>("[data-wizard-panel]") ?? null;
          if (focusFirst(panel)) e.preventDefault();
        }}
      >
        <DialogHeader>
          <DialogTitle className="leading-snug break-words">Mint token for {portfolio.agentPortfolioName}</DialogTitle>
          <DialogDescription>
            Name the token, choose what it may do and within which boundaries, from where and until when, then review. Its secret is shown once,
            right after minting.
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts from a clean form. */}
        <MintTokenWizard
          portfolioId={portfolio.agentPortfolioId}
          takenNames={portfolio.userTokens.map((t) => t.userTokenName)}
          mutation={mutation}
          onMinted={onMinted}
          onDone={() => onOpenChange(false)}
        />
      </DialogContent>
    </Dialog>
  );
}

function MintTokenWizard({
  portfolioId,
  takenNames,
  mutation,
  onMinted,
  onDone,
}: {
  portfolioId: string;
  takenNames: readonly string[];
  mutation: MintMutation;
  onMinted: (token: MintedTokenView) => void;
  onDone: () => void;
}) {
  const form = useForm<TokenFormValues, unknown, MintTokenRequest>({
    resolver: tokenFormResolver(zodResolver(mintTokenSchema), { takenNames, withBoundaries: true }),
    defaultValues: tokenFormDefaults,
    // On change, not on blur: an error appearing on blur moves Next away between mouse-down and mouse-up.
    mode: "onChange",
    // Focus is moved by step instead: the errored field may sit on a step that is not shown.
    shouldFocusError: false,
  });
  const id = useId();
  const [step, setStep] = useState(0);
  const [focusRequest, setFocusRequest] = useState(0);
  const panelRef = useRef<HTMLDivElement>(null);
  const reviewHeadingRef = useRef<HTMLHeadingElement>(null);
  const { failure, submit, inFlight } = useTokenFormSubmit(form, {
    root: panelRef,
    fieldOrder: TOKEN_FIELD_ORDER,
    // The errored field may sit on a step that is not shown: go to the first such step.
    onInvalid: (errors) => showStepOf(Object.keys(errors)),
    onServerFields: showStepOf,
  });
  const pending = mutation.isPending;
  const gatewayOnly = useWatch({ control: form.control, name: "gatewayOnly" }) === true;
  // Watched, not fetched (the Scopes step fetches them): when they arrive after the step opened,
  // the effect below runs again and focus still lands on the first checkbox.
  const scopesLoaded = useQuery({ ...scopesQuery, enabled: false }).isSuccess;

  // After each navigation: focus the first invalid field, else the step's first field (Review: its heading,
  // so a held Enter cannot fall through onto Mint token). Never steals focus already in the step.
  useEffect(() => {
    if (focusRequest === 0) return;
    const panel = panelRef.current;
    if (panel?.contains(document.activeElement)) return;
    if (step === REVIEW) {
      if (!focusFirst(panel, { invalidOnly: true })) reviewHeadingRef.current?.focus();
    } else {
      focusFirst(panel);
    }
  }, [focusRequest, step, scopesLoaded]);

  function show(target: number) {
    setStep(target);
    setFocusRequest((n) => n + 1);
  }

  /** Back is free; forward validates every step on the way and stops at the first that fails. */
  async function goTo(target: number) {
    if (pending || inFlight.current || target === step) return;
    if (target < step) return show(target);
    for (let i = step; i < target; i++) {
      const ok = await form.trigger([...STEPS[i].fields]);
      if (!ok) return show(i);
    }
    show(target);
  }

  function showStepOf(fields: readonly string[]) {
    const target = STEPS.findIndex((s) => s.fields.some((f) => fields.includes(f)));
    if (target >= 0) show(target);
  }

  async function mint(input: MintTokenRequest) {
    onMinted(revealed(await mutation.mutateAsync({ portfolioId, input })));
    // The secret is now the copy-once dialog's alone: drop it from TanStack's mutation state.
    mutation.reset();
    form.reset(tokenFormDefaults);
    onDone();
  }

  /*
   * Enter in a text field submits the form implicitly; before Review that means
   * Next, never Mint token (the IP field keeps Enter to add a typed address;
   * in an empty IP field Enter moves on).
   */
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (step < REVIEW) {
      void goTo(step + 1);
      return;
    }
    submit(mint)(e);
  }

  return (
    <TokenFormProvider form={form} takenNames={takenNames}>
      <GatewayOnlyDefault />
      <form onSubmit={onSubmit} noValidate className="grid min-w-0 gap-4">
        <WizardSteps label="Mint steps" steps={STEP_LABELS} current={step} onSelect={(i) => void goTo(i)} disabled={pending} />
        <p className="text-sm text-muted-foreground" aria-live="polite">
          Step {step + 1} of {STEPS.length}: {STEPS[step].label}
        </p>

        <div ref={panelRef} data-wizard-panel className="min-w-0 space-y-4">
          {step === 0 && <TokenNameField />}
          {step === 1 && <ScopePicker />}
          {step === 2 && <BoundariesField gatewayOnly={gatewayOnly} />}
          {step === 3 && <IpWhitelistField gatewayChoice />}
          {step === 4 && <ExpiryField />}
          {step === REVIEW && (
            <section aria-labelledby={`${id}-review`} className="space-y-4">
              <h3 id={`${id}-review`} ref={reviewHeadingRef} tabIndex={-1} className="font-medium outline-none">
                Review
              </h3>
              <TokenReview />
              <RiskAcknowledgement />
            </section>
          )}
        </div>

        {failure !== null && (
          <ErrorBlock title={isSecretLost(failure) ? "Minted, but the secret was lost" : "The token was not minted"} error={failure}>
            <LostSecretRevoke error={failure} />
          </ErrorBlock>
        )}

        <DialogFooter>
          {step > 0 && (
            <Button type="button" variant="outline" onClick={() => void goTo(step - 1)} disabled={pending}>
              Back
            </Button>
          )}
          {step < REVIEW ? (
            <Button key="next" type="submit">
              Next
            </Button>
          ) : (
            <Button key="mint" type="submit" disabled={pending}>
              {pending ? "Minting…" : "Mint token"}
            </Button>
          )}
        </DialogFooter>
      </form>
    </TokenFormProvider>
  );
}
