/**
 * Request counters for the control API: how many API requests reached the sandbox, in
 * total and per route ("GET /api/v1/agent-portfolios"). Tests use them to prove that
 * the app's caching saves upstream calls.
 */

export interface StatsSnapshot {
  total: number;
  byRoute: Record<string, number>;
}

export class RequestStats {
  private total = 0;
  private byRoute = new Map<string, number>();

  /** `route` is "METHOD /template", e.g. "DELETE /api/v1/agent-portfolios/{agentPortfolioId}". */
  record(route: string): void {
    this.total += 1;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    return { total: this.total, byRoute: Object.fromEntries(this.byRoute) };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
  }
}
