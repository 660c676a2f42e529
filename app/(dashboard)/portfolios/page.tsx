import type { Metadata } from "next";
import { ExpiryBanner } from "@/components/expiry/expiry-banner";
import { PortfoliosScreen } from "@/components/portfolios/portfolios-screen";
import { firstPortfolioPage } from "@/lib/bff/read-models/first-portfolio-page";

export const metadata: Metadata = { title: "Agent portfolios" };

/** The first page and the expiry banner come with the HTML when the account's list is at hand (lib/bff/read-models/account-view-in-time.ts). */
export default async function PortfoliosPage() {
  const first = await firstPortfolioPage();
  return (
    <>
      <ExpiryBanner initial={first?.expiry} />
      <PortfoliosScreen initial={first?.page} />
    </>
  );
}
