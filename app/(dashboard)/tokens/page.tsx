import type { Metadata } from "next";
import { TokensScreen } from "@/components/tokens/table/tokens-screen";
import { firstTokenWindow } from "@/lib/bff/first-token-window";

export const metadata: Metadata = { title: "Tokens" };

/** The first rows come with the HTML when the account's list is at hand (lib/bff/first-token-window.ts). */
export default async function TokensPage() {
  return <TokensScreen initial={await firstTokenWindow()} />;
}
