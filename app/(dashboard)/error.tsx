"use client";

import { Button } from "@/components/ui/button";

/** A rendering failure inside the dashboard: say so, offer a retry, keep the header. */
export default function DashboardError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-destructive/50 p-6">
      <h1 className="text-lg font-semibold">This page failed to load</h1>
      <p className="mt-1 text-sm text-muted-foreground">
        Nothing was changed. Try again; if it keeps happening, reload the page or sign in again.
      </p>
      <Button type="button" className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
