/**
 * An order's fingerprint: what an approval is bound to. The sha256 of the
 * canonical JSON (lib/canonical-json.ts: keys sorted, no whitespace) of the
 * operation, its path parameters and its body, so the same order written with
 * its keys in another order is the same order, and any other change is not.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/canonical-json";

export function orderFingerprint(operationId: string, params: Record<string, string>, body: unknown): string {
  return createHash("sha256").update(canonicalJson({ operationId, params, body: body ?? null }), "utf8").digest("hex");
}
