"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ApiClientError, apiFetch } from "@/lib/api-client";
import { signInFieldError, type SignInField } from "@/lib/schemas/sign-in-rules";

type Props = {
  needsApiKey: boolean;
  sandbox: { userKeys: string[]; ephemeralSecret: boolean } | null;
};

type Values = Record<SignInField, string>;
type Errors = Partial<Record<SignInField, { message: string }>>;

/**
 * Two fields checked by hand (sign-in-rules.ts, the same rules and words as the
 * BFF's signInSchema) rather than with react-hook-form and zod: the login page is
 * the first page most people load, and those libraries would double its script.
 * Like the form library did: check on submit, then again on every change.
 */
export function LoginForm({ needsApiKey, sandbox }: Props) {
  const router = useRouter();
  const [failure, setFailure] = useState<{ message: string; requestId?: string } | null>(null);
  const [values, setValues] = useState<Values>({ userKey: "", apiKey: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [submitted, setSubmitted] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);
  const userKeyInput = useRef<HTMLInputElement>(null);
  const apiKeyInput = useRef<HTMLInputElement>(null);

  const fields: SignInField[] = needsApiKey ? ["apiKey", "userKey"] : ["userKey"];
  const check = (field: SignInField, value: string) => {
    const message = signInFieldError(field, value, { apiKeyRequired: needsApiKey });
    return message ? { message } : undefined;
  };
  const setField = (field: SignInField, value: string, validate = submitted) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (validate) setErrors((e) => ({ ...e, [field]: check(field, value) }));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSubmitting) return;
    setSubmitted(true);
    const found: Errors = Object.fromEntries(fields.map((f) => [f, check(f, values[f])]));
    setErrors(found);
    const firstBad = fields.find((f) => found[f]);
    if (firstBad) {
      (firstBad === "apiKey" ? apiKeyInput : userKeyInput).current?.focus();
      return;
    }
    setFailure(null);
    setSubmitting(true);
    // What the schema would hand on: the keys trimmed.
    const userKey = values.userKey.trim();
    try {
      await apiFetch("POST /api/session", {
        body: needsApiKey ? { userKey, apiKey: values.apiKey.trim() } : { userKey },
      });
      router.replace("/portfolios");
      router.refresh();
    } catch (e) {
      const err = e instanceof ApiClientError ? e : null;
      setFailure({ message: err?.message ?? "Sign-in failed. Try again.", requestId: err?.requestId });
      userKeyInput.current?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <h1 className="text-xl leading-none font-semibold">Agent Portfolio Console</h1>
        <CardDescription>
          Sign in with your eToro user key to manage agent portfolios and the tokens your agents trade with.
        </CardDescription>
      </CardHeader>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <CardContent className="space-y-4">
          {sandbox && (
            <Alert role="note">
              <AlertTitle>Sandbox mode</AlertTitle>
              <AlertDescription>
                <p>
                  This console talks to the built-in eToro sandbox: nothing here touches real money. Demo user keys:
                </p>
                <ul className="mt-1 flex flex-wrap gap-2">
                  {sandbox.userKeys.map((key) => (
                    <li key={key}>
                      <button
                        type="button"
                        className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs text-foreground underline-offset-2 hover:underline focus-visible:outline-2"
                        onClick={() => setField("userKey", key, true)}
                        aria-label={`Use demo key ${key}`}
                      >
                        {key}
                      </button>
                    </li>
                  ))}
                </ul>
                {sandbox.ephemeralSecret && (
                  <p className="mt-1 text-xs">Sessions last until the server restarts (no SESSION_SECRET set).</p>
                )}
              </AlertDescription>
            </Alert>
          )}
          {needsApiKey && (
            <div className="space-y-1.5">
              <Label htmlFor="apiKey">API key</Label>
              <Input
                id="apiKey"
                type="password"
                autoComplete="off"
                spellCheck={false}
                aria-invalid={!!errors.apiKey}
                aria-describedby={errors.apiKey ? "apiKey-error" : undefined}
                ref={apiKeyInput}
                name="apiKey"
                value={values.apiKey}
                onChange={(e) => setField("apiKey", e.target.value)}
              />
              {errors.apiKey && (
                <p id="apiKey-error" className="text-sm text-destructive">
                  {errors.apiKey.message}
                </p>
              )}
            </div>
          )}
          <div className="space-y-1.5">
            <Label htmlFor="userKey">User key</Label>
            <Input
              id="userKey"
              type="password"
              autoComplete="off"
              spellCheck={false}
              autoFocus
              aria-invalid={!!errors.userKey}
              aria-describedby={errors.userKey ? "userKey-error" : "userKey-help"}
              ref={userKeyInput}
              name="userKey"
              value={values.userKey}
              onChange={(e) => setField("userKey", e.target.value)}
            />
            {errors.userKey ? (
              <p id="userKey-error" className="text-sm text-destructive">
                {errors.userKey.message}
              </p>
            ) : (
              <p id="userKey-help" className="text-sm text-muted-foreground">
                It stays on the server, encrypted in your session; this page never sees it again.
              </p>
            )}
          </div>
          {failure && (
            <Alert variant="destructive" role="alert">
              <AlertTitle>Sign-in failed</AlertTitle>
              <AlertDescription>
                <p>{failure.message}</p>
                {failure.requestId && <p className="font-mono text-xs">Request id: {failure.requestId}</p>}
              </AlertDescription>
            </Alert>
          )}
        </CardContent>
        <CardFooter className="mt-6">
          <Button type="submit" className="w-full" disabled={isSubmitting}>
            {isSubmitting ? "Signing in…" : "Sign in"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
