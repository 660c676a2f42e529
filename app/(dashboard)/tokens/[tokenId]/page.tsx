import type { Metadata } from "next";
import { TokenUsageScreen } from "@/components/token-usage/token-usage-screen";

export const metadata: Metadata = { title: "Token usage" };

export default async function TokenUsagePage({ params }: { params: Promise<{ tokenId: string }> }) {
  const { tokenId } = await params;
  return <TokenUsageScreen tokenId={tokenId} />;
}
