"use client";

import { Search } from "lucide-react";
import { memo, useEffect, useState } from "react";
import { Input } from "@/components/ui/input";

/** How long typing pauses before the list is searched: one request per pause, not per key. */
const SEARCH_DELAY_MS = 150;

/**
 * The Search box. Holds what is typed itself, so a keystroke re-renders only this
 * box; the list hears the words once typing pauses (at once when cleared).
 */
export const PortfolioSearchBox = memo(function PortfolioSearchBox({ onSearch }: { onSearch: (q: string) => void }) {
  const [text, setText] = useState("");
  const q = text.trim();
  useEffect(() => {
    const timer = setTimeout(() => onSearch(q), q ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [q, onSearch]);
  return (
    <div className="relative max-w-sm">
      <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
      <Input
        type="search"
        aria-label="Search"
        placeholder="Search portfolios, tokens, scopes, IPs"
        className="pl-8"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
});
