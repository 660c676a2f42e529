import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getConfig } from "@/lib/config";
import { currentSession } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await currentSession()) redirect("/portfolios");
  const config = getConfig();
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <LoginForm
        needsApiKey={!config.apiKey}
        sandbox={config.sandboxMode ? { userKeys: config.sandboxUserKeys, ephemeralSecret: config.ephemeralSessionSecret } : null}
      />
    </main>
  );
}
