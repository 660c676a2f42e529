"use client";

import { createContext, useContext, type PropsWithChildren } from "react";

const ServerNowContext = createContext<number | null>(null);

/**
 * The server's "now" as it rendered the page. Text relative to now ("5 seconds
 * ago") must read the same in the browser's first render as in the server's HTML,
 * or React discards the page with a hydration error (#418).
 */
export function ServerNowProvider({ now, children }: PropsWithChildren<{ now: number }>) {
  return <ServerNowContext value={now}>{children}</ServerNowContext>;
}

/** The server's render time, or null outside a page (tests rendering one component). */
export function useServerNow(): number | null {
  return useContext(ServerNowContext);
}
