import type { Metadata } from "next";
import { PortfolioDetailScreen } from "@/components/portfolio-detail/portfolio-detail-screen";

export const metadata: Metadata = { title: "Portfolio" };

export default async function PortfolioPage({ params }: { params: Promise<{ portfolioId: string }> }) {
  const { portfolioId } = await params;
  return <PortfolioDetailScreen portfolioId={portfolioId} />;
}
