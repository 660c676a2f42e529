import "server-only";
import { getConfig } from "@/lib/config";
import { policyViolations } from "@/lib/domain/policy";
import { ApiError } from "../http/api-error";

type Settings = { scopeNames: string[]; ipsWhitelist: string[]; expiresAt: string | null };

/**
 * Refuses, before eToro is asked, a token the admin policy does not allow: 403
 * PolicyViolation, each broken rule's message on its field. `only` limits the check to
 * the rules a change touches (an edit that narrows scopes is not blocked by the
 * token's old expiry).
 */
export function assertPolicy(settings: Settings, only?: { lifetime: boolean; ips: boolean }): void {
  const violations = policyViolations(settings, getConfig().policy).filter(
    (v) => !only || (v.rule === "max-lifetime" ? only.lifetime : only.ips),
  );
  if (!violations.length) return;
  const fields = Object.fromEntries(violations.map((v) => [v.field, v.message]));
  throw new ApiError(403, "PolicyViolation", `The admin policy does not allow this token: ${violations.map((v) => v.message).join(" ")}`, { fields });
}
