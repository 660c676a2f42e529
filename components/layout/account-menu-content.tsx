"use client";

import { LogOut, MonitorSmartphone, Webhook } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { buttonVariants } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { AccountButton } from "./account-button";
import { SessionMenuItems } from "./session-menu-items";
import { useSignOut, useSignOutEverywhere } from "./use-account-sessions";

/**
 * The signed-in account (a short label of its fingerprint, never the key) and what
 * a person does with their sessions: sign out, sign out everywhere, end another one.
 * Loaded by account-menu.tsx when the menu is first opened, and mounted open.
 */
export function AccountMenuContent({ accountLabel }: { accountLabel: string }) {
  const [open, setOpen] = useState(true);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const signOut = useSignOut();
  const everywhere = useSignOutEverywhere();
  return (
    <>
      <DropdownMenu open={open} onOpenChange={setOpen}>
        <DropdownMenuTrigger asChild>
          <AccountButton accountLabel={accountLabel} />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-80 max-w-[calc(100vw-1rem)]">
          <DropdownMenuLabel className="font-normal">
            <span className="text-muted-foreground">Signed in as </span>
            <span className="font-mono">{accountLabel}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/settings/webhooks">
              <Webhook aria-hidden />
              Webhooks
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem disabled={signOut.isPending} onSelect={() => signOut.mutate()}>
            <LogOut aria-hidden />
            Sign out
          </DropdownMenuItem>
          <DropdownMenuItem variant="destructive" onSelect={() => setConfirmEverywhere(true)}>
            <MonitorSmartphone aria-hidden />
            Sign out everywhere
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuGroup aria-label="Active sessions">
            <DropdownMenuLabel className="text-xs text-muted-foreground">Active sessions</DropdownMenuLabel>
            <SessionMenuItems enabled={open} />
          </DropdownMenuGroup>
        </DropdownMenuContent>
      </DropdownMenu>
      <AlertDialog open={confirmEverywhere} onOpenChange={setConfirmEverywhere}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Sign out everywhere?</AlertDialogTitle>
            <AlertDialogDescription>
              Every browser signed in to {accountLabel}, this one included, is signed out at once. Copies of their cookies stop working too.
              Tokens your agents use are not affected.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className={buttonVariants({ variant: "destructive" })}
              disabled={everywhere.isPending}
              onClick={(e) => {
                e.preventDefault();
                everywhere.mutate();
              }}
            >
              Sign out everywhere
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
