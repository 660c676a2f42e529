"use client";

import { X } from "lucide-react";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ApiClientError, apiFetch } from "@/lib/api-client";
import { ipAdvice, ipv4Schema, MAX_IPS } from "@/lib/schemas/ip";
import { errorMessage } from "@/components/common/field-error";
import { FieldWarning } from "@/components/common/field-warning";
import type { TokenFormValues } from "./token-form";
import { useGatewayOnlyAvailability } from "./use-gateway-only";

/**
 * The IP whitelist: addresses are checked one by one as they are added
 * (IPv4 only, no duplicates, never 0.0.0.0 or the broadcast address), so
 * nothing invalid ever reaches the list or the server. Addresses eToro will
 * not see (private, loopback, CGNAT…) are kept but explained. An empty list
 * means any IP may use the token, and says so as a warning.
 */
export function IpWhitelistField({
  gatewayChoice = false,
  gatewayBefore,
}: {
  /** Offer "Only through the console gateway". */
  gatewayChoice?: boolean;
  /** Edit: whether the token is gateway-only now; null when the gateway does not know it (it cannot become one). */
  gatewayBefore?: boolean | null;
} = {}) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const { control, setValue, clearErrors, formState } = useFormContext<TokenFormValues>();
  const ips = useWatch({ control, name: "ipsWhitelist" }) ?? [];
  const draft = useWatch({ control, name: "ipDraft" }) ?? "";
  const gatewayOnly = (useWatch({ control, name: "gatewayOnly" }) ?? false) && gatewayChoice;
  const [problem, setProblem] = useState<string | null>(null);
  const [lookingUp, setLookingUp] = useState(false);
  const availability = useGatewayOnlyAvailability();
  // Turning it on needs the gateway's addresses and a token the gateway knows; turning it off never does.
  const gatewayLocked = gatewayBefore !== true && (!availability.available || gatewayBefore === null);

  const message = problem ?? errorMessage(formState.errors.ipDraft) ?? errorMessage(formState.errors.ipsWhitelist);

  function setDraft(value: string) {
    setValue("ipDraft", value);
    clearErrors("ipDraft");
    setProblem(null);
  }

  /** Validates and adds; true when the address is now on the list. */
  function add(raw: string): boolean {
    const parsed = ipv4Schema.safeParse(raw);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? "Enter an IPv4 address such as 203.0.113.7.");
      return false;
    }
    const ip = parsed.data;
    if (ips.includes(ip)) {
      setProblem(`${ip} is already in the list.`);
      return false;
    }
    if (ips.length >= MAX_IPS) {
      setProblem(`eToro allows at most ${MAX_IPS} addresses. Remove one first.`);
      return false;
    }
    setValue("ipsWhitelist", [...ips, ip], { shouldValidate: true, shouldDirty: true, shouldTouch: true });
    setValue("ipDraft", "");
    clearErrors("ipDraft");
    setProblem(null);
    // Ready for the next address, from Add and Add my IP alike.
    inputRef.current?.focus();
    return true;
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    // Enter adds what is typed; in an empty field it lets the form move on (Next, or Save).
    if (e.key !== "Enter" || !draft.trim()) return;
    e.preventDefault();
    add(draft);
  }

  async function addMyIp() {
    setLookingUp(true);
    setProblem(null);
    try {
      const { ip } = await apiFetch("GET /api/client-ip");
      if (!ip) {
        setProblem("The server could not tell your IP address. Type it in instead.");
      } else if (!ipv4Schema.safeParse(ip).success) {
        setProblem(`Your address as the server sees it (${ip}) is not IPv4, and eToro accepts only IPv4. Type an IPv4 address instead.`);
      } else {
        add(ip);
      }
    } catch (e) {
      const err = e instanceof ApiClientError ? e : null;
      setProblem(
        `Could not look up your IP address: ${err?.message ?? "try again"}${err?.requestId ? ` (Request id: ${err.requestId})` : ""}`,
      );
    } finally {
      setLookingUp(false);
      // The button was disabled during the look-up, which drops focus: bring it back to the field.
      inputRef.current?.focus();
    }
  }

  function remove(ip: string) {
    setValue(
      "ipsWhitelist",
      ips.filter((x) => x !== ip),
      { shouldValidate: true, shouldDirty: true, shouldTouch: true },
    );
    setProblem(null);
    // The remove button disappears with its row: keep focus in the field rather than losing it to the page.
    inputRef.current?.focus();
  }

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">IP whitelist</legend>
      {gatewayChoice && (
        <div className="flex items-start gap-2 rounded-md border bg-muted/30 p-3">
          <Checkbox
            id={`${id}-gateway`}
            checked={gatewayOnly}
            onCheckedChange={(v) => setValue("gatewayOnly", v === true, { shouldDirty: true })}
            disabled={gatewayLocked}
            className="mt-0.5"
            aria-describedby={`${id}-gateway-help`}
          />
          <div className="space-y-1">
            <Label htmlFor={`${id}-gateway`}>Only through the console gateway</Label>
            <p id={`${id}-gateway-help`} className="text-xs text-muted-foreground">
              {!availability.available
                ? `Not available here: ${availability.reason ?? "this console has no gateway egress addresses."} The token is limited by its own IP whitelist only.`
                : gatewayBefore === null
                  ? "The console's gateway does not know this token (it was not minted through this console's gateway), so it cannot be made gateway-only: roll it instead."
                  : "eToro will accept this token only from this console's gateway, so every call it makes is recorded here and can be stopped here."}
            </p>
            {gatewayBefore === true && !gatewayOnly && (
              <FieldWarning>
                eToro will accept this token from the addresses below directly, around the gateway: those calls are not recorded
                here, so its usage history becomes incomplete, and a freeze in the console no longer stops them at once.
              </FieldWarning>
            )}
            {gatewayBefore === false && gatewayOnly && (
              <p className="text-xs text-muted-foreground">
                eToro&apos;s IP whitelist becomes the gateway&apos;s addresses; the addresses below are then checked at the gateway.
              </p>
            )}
          </div>
        </div>
      )}
      <p id={`${id}-help`} className="text-sm text-muted-foreground">
        {gatewayOnly
          ? "The agent's own IPv4 addresses, checked at the gateway. Leave the list empty to let the agent call the gateway from any address."
          : "Only these IPv4 addresses may use the token. Leave the list empty to allow any address."}
      </p>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-ip`}>IP address</Label>
        <div className="flex flex-wrap gap-2">
          <Input
            id={`${id}-ip`}
            ref={inputRef}
            className="min-w-40 flex-1"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            placeholder="203.0.113.7"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            aria-invalid={!!message}
            aria-describedby={message ? `${id}-error ${id}-help` : `${id}-help`}
          />
          <Button type="button" variant="secondary" onClick={() => add(draft)}>
            Add
          </Button>
          <Button type="button" variant="outline" onClick={() => void addMyIp()} disabled={lookingUp} aria-busy={lookingUp}>
            Add my IP
          </Button>
        </div>
        <div aria-live="polite">
          {message && (
            <p id={`${id}-error`} className="text-sm text-destructive">
              {message}
            </p>
          )}
        </div>
      </div>
      {ips.length === 0 ? (
        <FieldWarning>No IP limit: anyone who gets hold of this token can use it from any address.</FieldWarning>
      ) : (
        // Not "Allowed IP addresses": that would also match the field's label "IP address".
        <ul aria-label="Whitelisted addresses" className="flex flex-wrap gap-2">
          {ips.map((ip) => (
            <li key={ip} className="flex items-center gap-1 rounded-md border py-0.5 pr-0.5 pl-2">
              <code className="text-sm">{ip}</code>
              <Button type="button" variant="ghost" size="icon-xs" aria-label={`Remove ${ip}`} onClick={() => remove(ip)}>
                <X aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      {ips.map((ip) => {
        const advice = ipAdvice(ip);
        return advice && <FieldWarning key={ip}>{advice}</FieldWarning>;
      })}
    </fieldset>
  );
}
