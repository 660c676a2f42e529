"use client";

import dynamic from "next/dynamic";
import { useId, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";

// Swagger UI is large: it loads with this page only.
const ApiReference = dynamic(() => import("./api-reference"), {
  ssr: false,
  loading: () => (
    <div className="space-y-3" aria-busy="true" aria-label="Loading the API reference">
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-64 w-full" />
    </div>
  ),
});

/**
 * /playground: the gateway's API reference with every call ready to try, as an
 * agent would send it — through the gateway, under a pasted token's rules. The
 * token lives in this component's state only: a reload forgets it.
 */
export function PlaygroundScreen({ sandboxMode }: { sandboxMode: boolean }) {
  const [token, setToken] = useState("");
  const tokenId = useId();
  const hintId = useId();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Playground</h1>
        <p className="text-sm text-muted-foreground">
          Every eToro operation your agent can call through this console&apos;s gateway, ready to try. Paste a token this
          console minted, open an operation, choose <strong>Try it out</strong> and <strong>Execute</strong>: you see
          eToro&apos;s answer, the rule that refused the call, or the approval it waits for.
        </p>
      </div>

      {sandboxMode ? (
        <Alert>
          <AlertTitle>Calls go to the built-in sandbox</AlertTitle>
          <AlertDescription>No real money moves; orders land in the sandbox&apos;s demo and real books.</AlertDescription>
        </Alert>
      ) : (
        <Alert variant="destructive">
          <AlertTitle>Calls go to eToro</AlertTitle>
          <AlertDescription>Real-money operations spend real money. Try demo operations with a demo token first.</AlertDescription>
        </Alert>
      )}

      <Card className="grid gap-2 p-4">
        <Label htmlFor={tokenId}>User token</Label>
        <div className="flex flex-wrap gap-2">
          <Input
            id={tokenId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value.trim())}
            aria-describedby={hintId}
            placeholder="sk_…"
            className="min-w-0 flex-1 font-mono"
          />
          <Button type="button" variant="outline" onClick={() => setToken("")} disabled={!token}>
            Forget token
          </Button>
        </div>
        <p id={hintId} className="text-xs text-muted-foreground">
          Sent as <code>x-user-key</code> with each call you try. Kept in this page&apos;s memory only: never stored, and gone
          when you reload or leave. The gateway adds the console&apos;s API key and a request id.
        </p>
      </Card>

      <ApiReference token={token} />
    </div>
  );
}
