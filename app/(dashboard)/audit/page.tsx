import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditScreen } from "@/components/audit/audit-screen";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  // useSearchParams needs a Suspense boundary in a prerendered tree.
  return (
    <Suspense>
      <AuditScreen />
    </Suspense>
  );
}
