"use client";

import { PortfolioList } from "./portfolio-list";

/** /portfolios: the list, with the lifecycle actions wired in. */
export function PortfoliosScreen() {
  return <PortfolioList />;
}
