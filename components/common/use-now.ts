"use client";

import { useSyncExternalStore } from "react";
import { useServerNow } from "./server-now";

const TICK_MS = 30_000;

/** One clock for every "now"-relative text on the page: one timer, however many rows. */
let current = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  if (listeners.size === 0) {
    // Idle since the last tick: React re-reads the snapshot after subscribing, so this shows at once.
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      listeners.forEach((listener) => listener());
    }, TICK_MS);
  }
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0) clearInterval(timer);
  };
}

/**
 * The current time, refreshed every 30 s, for text such as "expires in 7 days".
 * While the page hydrates it is the server's render time, so the browser's first
 * render writes the words the server wrote; then the browser's clock.
 */
export function useNow(): number {
  const serverNow = useServerNow();
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => serverNow ?? current,
  );
}
