import type { Metadata } from "next";
import { TokensScreen } from "@/components/admin-tokens/tokens-screen";

export const metadata: Metadata = { title: "Tokens" };

export default function TokensPage() {
  return <TokensScreen />;
}
