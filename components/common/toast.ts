"use client";

import type { toast as sonnerToast } from "sonner";

/**
 * The console's toasts. Sonner (and its Toaster) is not first-load code: the first
 * toast mounts the Toaster (<LazyToaster />) and loads sonner, then shows the toast.
 * Sonner replays toasts created before its Toaster subscribed, so none is lost.
 */
type Kind = "success" | "error" | "warning" | "info";
type Args = Parameters<typeof sonnerToast.success>;

let wanted = false;
const listeners = new Set<() => void>();

export function subscribeToaster(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const toasterWanted = () => wanted;

function show(kind: Kind) {
  return (...args: Args): void => {
    if (!wanted) {
      wanted = true;
      listeners.forEach((listener) => listener());
    }
    void import("sonner").then(({ toast }) => toast[kind](...args));
  };
}

export const toast = { success: show("success"), error: show("error"), warning: show("warning"), info: show("info") };
