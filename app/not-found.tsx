import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground">There is nothing at this address. Your portfolios are one click away.</p>
      <Button asChild>
        <Link href="/portfolios">Go to Agent portfolios</Link>
      </Button>
    </main>
  );
}
