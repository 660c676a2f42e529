"use client";

import { Button } from "@/components/ui/button";
import { useRevokeToken } from "@/components/tokens/use-token-mutations";
import { ApiClientError } from "@/lib/api-client";

/** The error of a mint or create that did happen upstream, its secret lost on the way. */
export function isSecretLost(error: unknown): error is ApiClientError {
  return error instanceof ApiClientError && error.code === "SecretLost" && !!error.secretLost?.tokenId;
}

/**
 * After a mint or create timed out but the token was made anyway (SecretLost), nobody
 * holds its secret, yet it works: offer to revoke it right here.
 */
export function LostSecretRevoke({ error }: { error: unknown }) {
  const revoke = useRevokeToken();
  if (!isSecretLost(error)) return null;
  const { portfolioId, tokenId, tokenName } = error.secretLost!;
  const name = tokenName ?? "the token";

  if (revoke.isSuccess) {
    return (
      <p role="status" className="text-sm">
        Revoked {name}. Mint a new token to get a secret you can store.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <Button
        type="button"
        variant="destructive"
        disabled={revoke.isPending}
        onClick={() => revoke.mutate({ portfolioId, tokenId: tokenId! })}
      >
        {revoke.isPending ? `Revoking ${name}…` : `Revoke ${name} now`}
      </Button>
      {revoke.isError && (
        <p role="alert" className="text-destructive text-sm">
          {revoke.error instanceof Error ? revoke.error.message : "The revoke failed."} Revoke it from the list.
        </p>
      )}
    </div>
  );
}
