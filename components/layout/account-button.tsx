"use client";

import { UserRound } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";

/** The account menu's trigger, the same before and after the menu's code has loaded. */
export function AccountButton({ accountLabel, ...props }: { accountLabel: string } & ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" size="sm" aria-label={`Account menu: ${accountLabel}`} {...props}>
      <UserRound aria-hidden />
      <span className="hidden font-mono text-xs sm:inline">{accountLabel}</span>
    </Button>
  );
}
