"use client";

import { TriangleAlert } from "lucide-react";
import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { errorMessage, FieldError } from "@/components/common/field-error";
import type { TokenFormValues } from "./token-form";
import { useTokenDraft } from "./use-token-draft";

/**
 * A real-money trading token with no IP limit or no expiry is the most
 * dangerous thing this console makes: when the one risk rule asks for it (a
 * new such token, or a change that grants or widens into one), say so in
 * words and require an explicit "I understand" (the server refuses without it).
 */
export function RiskAcknowledgement() {
  const id = useId();
  const draft = useTokenDraft();
  const { control, setValue, formState } = useFormContext<TokenFormValues>();
  const acknowledged = useWatch({ control, name: "acknowledgeRisk" }) === true;
  if (!draft.needsAcknowledgement) return null;

  const noIpLimit = draft.bounds.ipsWhitelist.length === 0;
  const neverExpires = draft.bounds.expiresAt === null;
  const unbounded = [noIpLimit && "from any IP address", neverExpires && "for as long as it exists, because it never expires"]
    .filter(Boolean)
    .join(" and ");
  const error = errorMessage(formState.errors.acknowledgeRisk);
  // Boundaries at the gateway cap it, so "without limits" would be untrue; the missing IP limit or expiry still is.
  const capped = draft.risk.flags.includes("held-by-boundaries");

  return (
    <div className="space-y-3">
      <Alert variant="destructive" className="border-destructive/60">
        <TriangleAlert aria-hidden />
        <AlertTitle className="line-clamp-none">
          {capped ? `This token can trade real money ${unbounded}` : "This token can trade real money without limits"}
        </AlertTitle>
        <AlertDescription>
          <p>
            It can open and close positions with real money {unbounded}. Anyone who gets hold of it can do the same
            until it is revoked{capped ? ", within the boundaries the gateway holds it to" : ""}.
          </p>
          <p>
            {noIpLimit && neverExpires
              ? "Add the agent's IP address or pick an expiry to lower the risk."
              : noIpLimit
                ? "Add the agent's IP address to lower the risk."
                : "Pick an expiry to lower the risk."}
          </p>
        </AlertDescription>
      </Alert>
      <div className="flex items-start gap-3">
        <Checkbox
          id={`${id}-ack`}
          className="mt-0.5"
          checked={acknowledged}
          onCheckedChange={(checked) =>
            setValue("acknowledgeRisk", checked === true, { shouldValidate: true, shouldDirty: true, shouldTouch: true })
          }
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <div className="space-y-1">
          <Label htmlFor={`${id}-ack`} className="leading-snug font-normal">
            I understand that this token can trade real money {unbounded}.
          </Label>
          <FieldError id={`${id}-error`} message={error} />
        </div>
      </div>
    </div>
  );
}
