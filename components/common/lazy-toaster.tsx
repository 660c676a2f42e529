"use client";

import { lazy, Suspense, useSyncExternalStore, type ComponentProps } from "react";
import type { Toaster as SonnerToaster } from "@/components/ui/sonner";
import { subscribeToaster, toasterWanted } from "./toast";

const Toaster = lazy(() => import("@/components/ui/sonner").then((m) => ({ default: m.Toaster })));

/** Mounts the Toaster with the first toast (components/common/toast.ts), not with every page. */
export function LazyToaster(props: ComponentProps<typeof SonnerToaster>) {
  const wanted = useSyncExternalStore(subscribeToaster, toasterWanted, () => false);
  return wanted ? (
    <Suspense fallback={null}>
      <Toaster {...props} />
    </Suspense>
  ) : null;
}
