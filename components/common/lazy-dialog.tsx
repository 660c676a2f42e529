"use client";

import { useEffect, useState, type ComponentType } from "react";

/** A dialog component whose code loads on first open; `preload` fetches it early (hover, focus). */
export type LazyDialog<P> = ComponentType<P> & { preload: () => void };

/**
 * Wraps a dialog so its code (form, validation, Radix parts) loads the first time
 * it opens instead of with the page. Until then it renders nothing, as a closed
 * dialog does; once loaded it stays mounted, so closing animates and hands focus
 * back exactly as the eager dialog did, and every later instance renders at once.
 */
export function lazyDialog<P extends object>(load: () => Promise<ComponentType<P>>, isOpen: (props: P) => boolean): LazyDialog<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchCode = () => {
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null; // a failed fetch (offline) is tried again on the next open
        throw error;
      },
    );
    return loading;
  };

  function Lazy(props: P) {
    const open = isOpen(props);
    const [Dialog, setDialog] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (!open || Dialog) return;
      let live = true;
      fetchCode().then(
        (component) => live && setDialog(() => component),
        () => {},
      );
      return () => {
        live = false;
      };
    }, [open, Dialog]);
    return Dialog ? <Dialog {...props} /> : null;
  }
  return Object.assign(Lazy, { preload: () => void fetchCode().catch(() => {}) });
}
