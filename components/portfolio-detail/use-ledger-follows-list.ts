"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";

/**
 * Every change made through this console lands in the ledger and then reloads the
 * portfolio list; so when the list reloads, ledger reads on screen (timeline, token
 * history) are stale too. Skips the first load: those reads just ran.
 */
export function useLedgerFollowsList(listUpdatedAt: number): void {
  const queryClient = useQueryClient();
  const first = useRef<number | null>(null);
  useEffect(() => {
    if (!listUpdatedAt) return;
    if (first.current === null) {
      first.current = listUpdatedAt;
      return;
    }
    if (listUpdatedAt !== first.current) void queryClient.invalidateQueries({ queryKey: ["audit"] });
  }, [listUpdatedAt, queryClient]);
}
