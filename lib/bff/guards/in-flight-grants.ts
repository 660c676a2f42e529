import "server-only";
import { createHash } from "node:crypto";
import { ApiError } from "../http/api-error";

/**
 * Grants being sent upstream right now, by account + target + canonical body. A
 * double-click or a script firing the same mint twenty times spends one eToro call:
 * the duplicates are answered here with 409, never with the secret (shown once, to
 * the first caller only). Per process: instances behind a load balancer each let
 * one through, which eToro's unique token names then settle.
 */
const inFlight = new Set<string>();

export async function oneAtATime<T>(what: "mint" | "create", parts: unknown[], run: () => Promise<T>): Promise<T> {
  const key = createHash("sha256").update(canonicalJson([what, ...parts])).digest("base64url");
  if (inFlight.has(key)) {
    throw new ApiError(
      409,
      "AlreadyInProgress",
      `The same ${what} is already in progress. Wait for it to finish: its result (and any secret) is shown once, where it was sent from.`,
    );
  }
  inFlight.add(key);
  try {
    return await run();
  } finally {
    inFlight.delete(key);
  }
}

/** JSON with object keys sorted, so equal bodies give equal keys whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
