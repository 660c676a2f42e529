"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { compareScopes, describeScope } from "@/lib/domain/scopes";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { formatRelative, formatUtc } from "@/lib/format";
import { guardCloseWhilePending } from "@/components/common/guard-close-while-pending";
import { agentSnippets } from "./agent-snippets";
import type { RevealedToken } from "./revealed-token";

type Props = {
  /** The freshly minted token with its secret; the dialog is open while this is set. */
  token: RevealedToken | null;
  portfolioName: string;
  /** Called once the person confirms they stored it; the parent then drops the token. */
  onDone: () => void;
  /** Where focus goes after Done (the dialog opens from code, so it has no trigger to return to). */
  returnFocus?: () => HTMLElement | null;
};

const COPY_FAILED = "Copy failed — select the text and copy it by hand";
const FEEDBACK_MS = 2000;

type CopyTarget = "secret" | "env" | "curl" | "python" | "typescript" | "claude" | "mcp";

/**
 * Shows a new token's secret exactly once. It cannot be dismissed by accident
 * (no Escape, no outside click, no X): only Done, after the person confirms.
 */
export function CopyOnceDialog({ token, portfolioName, onDone, returnFocus }: Props) {
  return (
    <Dialog open={token !== null} onOpenChange={guardCloseWhilePending({ holdsSecret: true }, () => {})}>
      {/* Keyed by token so a second secret never inherits the first one's "stored" tick. */}
      {token && (
        <CopyOnceContent key={token.userTokenId} token={token} portfolioName={portfolioName} onDone={onDone} returnFocus={returnFocus} />
      )}
    </Dialog>
  );
}

function CopyOnceContent({ token, portfolioName, onDone, returnFocus }: Omit<Props, "token"> & { token: RevealedToken }) {
  const ids = useId();
  const [stored, setStored] = useState(false);
  const [copied, setCopied] = useState<CopyTarget | null>(null);
  const [failed, setFailed] = useState<CopyTarget | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const disarmUnloadGuard = useRef<() => void>(() => {});

  // Leaving the page would lose the secret for good, so the browser asks first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers only prompt when returnValue is a non-empty string.
      event.returnValue = "This token is shown only once.";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    const disarm = () => window.removeEventListener("beforeunload", onBeforeUnload);
    disarmUnloadGuard.current = disarm;
    return () => {
      disarm();
      clearTimeout(timer.current);
    };
  }, []);

  // Derived on each render from the prop: the secret lives in no state of ours.
  const secret = token.userToken;
  // The dialog opens only after a mint in the browser, so the page's own origin is known.
  const snippets = agentSnippets(secret, `${window.location.origin}/gateway`);

  async function copy(target: CopyTarget, text: string) {
    clearTimeout(timer.current);
    try {
      if (!navigator.clipboard?.writeText) throw new Error("Clipboard unavailable");
      await navigator.clipboard.writeText(text);
      setFailed(null);
      setCopied(target);
      timer.current = setTimeout(() => setCopied(null), FEEDBACK_MS);
    } catch {
      // Say so plainly; never log the text, it holds the secret.
      setCopied(null);
      setFailed(target);
    }
  }

  function done() {
    clearTimeout(timer.current);
    setStored(false);
    setCopied(null);
    setFailed(null);
    disarmUnloadGuard.current();
    onDone();
  }

  const scopes = [...token.scopeNames].sort(compareScopes).map((s) => describeScope(s).label);
  const hint = token.secretHint ?? secret.slice(-4);
  const secretId = `${ids}-secret`;
  const storedId = `${ids}-stored`;

  return (
    <DialogContent
      showCloseButton={false}
      onCloseAutoFocus={(e) => {
        const target = returnFocus?.();
        if (!target) return;
        e.preventDefault();
        target.focus();
      }}
      className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-xl"
    >
      <DialogHeader>
        <DialogTitle>Copy your token now</DialogTitle>
        <DialogDescription>
          This is the secret of <strong className="text-foreground">{token.userTokenName}</strong> for{" "}
          <strong className="text-foreground">{portfolioName}</strong>. It is shown once and cannot be shown again: store it
          where your agent reads its settings before you close this.
        </DialogDescription>
      </DialogHeader>

      {token.gatewayNotice && (
        <Alert variant="destructive">
          <AlertTitle>The console&apos;s gateway does not know this token</AlertTitle>
          <AlertDescription>
            <p>{token.gatewayNotice}</p>
            <p>Store the secret anyway: it works directly at eToro unless it is gateway-only. Then roll it (the Roll action on its row) to get one the gateway recognises.</p>
          </AlertDescription>
        </Alert>
      )}

      <div className="grid gap-2">
        <Label htmlFor={secretId}>Token secret</Label>
        <textarea
          id={secretId}
          readOnly
          rows={2}
          value={secret}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          onFocus={(e) => e.currentTarget.select()}
          className="w-full resize-none rounded-md border border-input bg-muted/50 px-3 py-2 font-mono text-sm wrap-anywhere outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50"
        />
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <CopyButton label="Copy" onCopy={() => copy("secret", secret)} copied={copied === "secret"} />
          <CopyFeedback copied={copied === "secret"} failed={failed === "secret"} />
        </div>
        <p className="text-xs text-muted-foreground">
          Ends in <span className="font-mono">…{hint}</span>. Can: {scopes.length ? scopes.join(", ") : "no scopes"}. From:{" "}
          {token.ipsWhitelist.length ? token.ipsWhitelist.join(", ") : "any IP"}. Expires:{" "}
          {token.expiresAt ? `${formatRelative(token.expiresAt)} (${formatUtc(token.expiresAt)})` : "never"}.
        </p>
      </div>

      <Tabs defaultValue="env" className="min-w-0">
        <TabsList aria-label="Snippets" className="h-auto flex-wrap">
          {SNIPPETS.map((t) => (
            <TabsTrigger key={t.key} value={t.key}>
              {t.tab}
            </TabsTrigger>
          ))}
        </TabsList>
        {SNIPPETS.map((t) => (
          <TabsContent key={t.key} value={t.key} className="grid gap-2">
            <p className="text-xs text-muted-foreground">{t.about}</p>
            <Snippet text={snippets[t.key]} />
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <CopyButton label={t.copy} onCopy={() => copy(t.key, snippets[t.key])} copied={copied === t.key} />
              <CopyFeedback copied={copied === t.key} failed={failed === t.key} />
            </div>
          </TabsContent>
        ))}
      </Tabs>

      <div className="flex items-start gap-2">
        <Checkbox id={storedId} checked={stored} onCheckedChange={(v) => setStored(v === true)} className="mt-0.5" />
        <Label htmlFor={storedId} className="leading-snug">
          I have stored this token securely
        </Label>
      </div>

      <DialogFooter>
        <Button onClick={done} disabled={!stored}>
          Done
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}

const SNIPPETS: { key: Exclude<CopyTarget, "secret">; tab: string; copy: string; about: ReactNode }[] = [
  {
    key: "env",
    tab: ".env",
    copy: "Copy .env lines",
    about: (
      <>
        Lines for your agent&apos;s <code>.env</code> file: it calls eToro through this console&apos;s gateway. They contain
        the secret; put your own API key in place of the placeholder.
      </>
    ),
  },
  {
    key: "curl",
    tab: "curl",
    copy: "Copy curl command",
    about: "A first call through the gateway (the demo portfolio) to check the token works. It reads the secret from the environment, so it does not contain it.",
  },
  { key: "python", tab: "Python", copy: "Copy Python", about: "The same call with requests, reading the .env values from the environment." },
  { key: "typescript", tab: "TypeScript", copy: "Copy TypeScript", about: "The same call with fetch, reading the .env values from the environment." },
  {
    key: "claude",
    tab: "Claude Code",
    copy: "Copy Claude Code command",
    about: "Adds the gateway's MCP server to Claude Code: its tools trade under this token's rules. It contains the secret.",
  },
  {
    key: "mcp",
    tab: "MCP config",
    copy: "Copy MCP config",
    about: (
      <>
        For Cursor&apos;s <code>mcp.json</code> or any MCP client that takes a server URL and headers: the gateway&apos;s MCP server,
        with the token as a bearer token. It contains the secret.
      </>
    ),
  },
];

/** Wraps instead of scrolling sideways, so nothing needs a keyboard-scrollable region at 390 px. */
function Snippet({ text }: { text: string }) {
  return (
    <pre className="rounded-md border bg-muted/50 px-3 py-2 font-mono text-xs whitespace-pre-wrap wrap-anywhere select-all">
      <code>{text}</code>
    </pre>
  );
}

/** Its accessible name stays the same after copying; the feedback lives in a live region beside it. */
function CopyButton({ label, onCopy, copied }: { label: string; onCopy: () => void; copied: boolean }) {
  return (
    <Button type="button" variant="outline" size="sm" onClick={onCopy}>
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      {label}
    </Button>
  );
}

function CopyFeedback({ copied, failed }: { copied: boolean; failed: boolean }) {
  return (
    <span aria-live="polite" className={failed ? "text-sm text-destructive" : "text-sm text-muted-foreground"}>
      {copied ? "Copied" : failed ? COPY_FAILED : ""}
    </span>
  );
}
