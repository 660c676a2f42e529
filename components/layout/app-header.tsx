import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ApprovalsBadge } from "@/components/approvals/approvals-badge";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { AccountMenu } from "./account-menu";

export function AppHeader({ sandboxMode, accountLabel }: { sandboxMode: boolean; accountLabel: string }) {
  return (
    <header className="border-b bg-background/95">
      <div className="mx-auto flex h-14 w-full max-w-6xl items-center gap-3 px-4 sm:px-6">
        <Link href="/portfolios" className="text-sm font-semibold tracking-tight sm:text-base">
          Agent Portfolio Console
        </Link>
        {sandboxMode && (
          <Badge variant="secondary" title="Talking to the built-in sandbox: no real money">
            Sandbox
          </Badge>
        )}
        <nav aria-label="Main" className="ml-2 hidden gap-4 text-sm sm:flex">
          <Link href="/portfolios" className="text-muted-foreground hover:text-foreground">
            Portfolios
          </Link>
          <Link href="/tokens" className="text-muted-foreground hover:text-foreground">
            Tokens
          </Link>
          <Link href="/audit" className="text-muted-foreground hover:text-foreground">
            Audit
          </Link>
          <Link href="/playground" className="text-muted-foreground hover:text-foreground">
            Playground
          </Link>
          <Link href="/settings/webhooks" className="text-muted-foreground hover:text-foreground">
            Webhooks
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-1">
          <ApprovalsBadge />
          <ThemeToggle />
          <AccountMenu accountLabel={accountLabel} />
        </div>
      </div>
    </header>
  );
}
