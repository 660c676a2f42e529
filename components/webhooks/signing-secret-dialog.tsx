"use client";

import { Check, Copy } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { guardCloseWhilePending } from "@/components/common/guard-close-while-pending";

export type ShownSecret = { secret: string; urlHint: string; rolled: boolean };

const VERIFY_SNIPPET = `import { Webhook } from "standardwebhooks";
// secret: the whsec_… above; body: the raw request body, as a string
const event = new Webhook(secret).verify(body, headers); // throws if forged`;

/**
 * A webhook's signing secret, shown exactly once (after Add webhook or Roll
 * secret). Like the token dialog: only Done closes it, once the person says
 * they stored it; the secret lives only in the parent's state until then.
 */
export function SigningSecretDialog({ shown, onDone }: { shown: ShownSecret | null; onDone: () => void }) {
  const ids = useId();
  const [stored, setStored] = useState(false);
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  if (!shown) return null;

  async function copy() {
    try {
      await navigator.clipboard.writeText(shown!.secret);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      setCopyFailed(true);
    }
  }

  return (
    <Dialog open onOpenChange={guardCloseWhilePending({ holdsSecret: true }, () => {})}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-lg" showCloseButton={false}>
        <DialogHeader>
          <DialogTitle>Copy your signing secret now</DialogTitle>
          <DialogDescription>
            {shown.rolled ? "The new secret signs every delivery from now on; the old one no longer does. " : ""}
            Your receiver at <span className="font-mono break-all">{shown.urlHint}</span> checks each delivery with it. It is shown only this once.
          </DialogDescription>
        </DialogHeader>
        <div className="min-w-0 space-y-3">
          <code aria-label="Signing secret" className="block rounded-md border bg-muted p-3 font-mono text-sm break-all select-all">
            {shown.secret}
          </code>
          <Button type="button" variant="outline" size="sm" onClick={() => void copy()}>
            {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
            {copied ? "Copied" : "Copy"}
          </Button>
          {copyFailed && <p className="text-sm text-destructive">Copy failed — select the text and copy it by hand.</p>}
          <p className="text-sm text-muted-foreground">Check each delivery with the Standard Webhooks library:</p>
          <pre className="max-w-full overflow-x-auto rounded-md border bg-muted p-3 text-xs">{VERIFY_SNIPPET}</pre>
          <div className="flex items-center gap-2">
            <Checkbox id={`${ids}-stored`} checked={stored} onCheckedChange={(v) => setStored(v === true)} />
            <Label htmlFor={`${ids}-stored`}>I have stored this secret securely</Label>
          </div>
        </div>
        <DialogFooter>
          <Button
            type="button"
            disabled={!stored}
            onClick={() => {
              setStored(false);
              setCopied(false);
              onDone();
            }}
          >
            Done
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
