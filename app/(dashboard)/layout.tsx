import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { AppHeader } from "@/components/layout/app-header";
import { QueryProvider } from "@/components/providers/query-provider";
import { getConfig } from "@/lib/config";
import { accountLabel, currentSession } from "@/lib/session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // A missing, tampered or expired cookie lands here as "no credentials": back to sign-in.
  const signedIn = await currentSession();
  if (!signedIn) redirect("/login");
  // React Query lives here, not in the root layout: the sign-in page reads nothing through it.
  return (
    <QueryProvider>
      <div className="min-h-screen">
        <AppHeader sandboxMode={getConfig().sandboxMode} accountLabel={accountLabel(signedIn.account)} />
        <JobProgress />
        <main className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6">{children}</main>
      </div>
    </QueryProvider>
  );
}
