import "server-only";
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/canonical-json";
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
