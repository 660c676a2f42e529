import "server-only";
import { FIRST_PORTFOLIO_PAGE } from "@/lib/domain/search-portfolios";
import type { ExpirySummary, PortfolioPage } from "@/lib/domain/types";
import { fromAccountViewInTime } from "./account-view-in-time";
import { expirySummary, portfolioPage } from "./portfolio-page";

export type FirstPortfolioPage = { page: PortfolioPage; expiry: ExpirySummary };

/** /portfolios' first page (no search) and the expiry banner, as their routes would answer, for the page's HTML. */
export function firstPortfolioPage(): Promise<FirstPortfolioPage | null> {
  return fromAccountViewInTime("/portfolios", (view) => ({
    page: portfolioPage(view, { q: "", offset: 0, limit: FIRST_PORTFOLIO_PAGE }),
    expiry: expirySummary(view),
  }));
}
