import type { Metadata } from "next";
import { firstTokenWindow } from "@/lib/bff/read-models/first-token-window";
import { TokensScreen } from "@/components/tokens/table/tokens-screen";

export const metadata: Metadata = { title: "Tokens" };

/** The first rows come with the HTML when the account's list is at hand (lib/bff/read-models/first-token-window.ts). */
export default async function TokensPage() {
  return <TokensScreen initial={await firstTokenWindow()} />;
}
