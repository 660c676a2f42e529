import type { Metadata } from "next";
import { ExpiryBanner } from "@/components/expiry/expiry-banner";
import { PortfoliosScreen } from "@/components/portfolios/portfolios-screen";

export const metadata: Metadata = { title: "Agent portfolios" };

export default function PortfoliosPage() {
  return (
    <>
      <ExpiryBanner />
      <PortfoliosScreen />
    </>
  );
}
