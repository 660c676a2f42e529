"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ApiClientError, apiFetch } from "@/lib/api-client";
import { signInSchema, type SignInInput } from "@/lib/schemas/session";

type Props = {
  needsApiKey: boolean;
  sandbox: { userKeys: string[]; ephemeralSecret: boolean } | null;
};

export function LoginForm({ needsApiKey, sandbox }: Props) {
  const router = useRouter();
  const [failure, setFailure] = useState<{ message: string; requestId?: string } | null>(null);
  const form = useForm<SignInInput>({
    resolver: zodResolver(
      needsApiKey
        ? signInSchema.refine((v) => !!v.apiKey, { path: ["apiKey"], message: "Enter the API key." })
        : signInSchema,
    ),
    defaultValues: { userKey: "", apiKey: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await apiFetch("/api/session", {
        method: "POST",
        body: needsApiKey ? values : { userKey: values.userKey },
      });
      router.replace("/portfolios");
      router.refresh();
    } catch (e) {
      const err = e instanceof ApiClientError ? e : null;
      setFailure({ message: err?.message ?? "Sign-in failed. Try again.", requestId: err?.requestId });
      form.setFocus("userKey");
    }
  });

  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <h1 className="text-xl leading-none font-semibold">Agent Portfolio Console</h1>
        <CardDescription>
          Sign in with your eToro user key to manage agent portfolios and the tokens your agents trade with.
        </CardDescription>
      </CardHeader>
      <form onSubmit={onSubmit} noValidate>
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
                        onClick={() => form.setValue("userKey", key, { shouldValidate: true })}
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
                {...form.register("apiKey")}
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
              {...form.register("userKey")}
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
