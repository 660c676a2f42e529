import "server-only";
import { DEFAULT_SORT, NO_FILTERS, PAGE_ROWS, type TokenPage } from "@/lib/domain/token-table";
import { fromAccountViewInTime } from "./account-view-in-time";
import { tokenPage } from "./token-rows";

export { FIRST_WINDOW_WAIT_MS } from "./account-view-in-time";

/** The first window of /tokens as GET /api/tokens would answer it with no filters, for the page's HTML. */
export function firstTokenWindow(): Promise<TokenPage | null> {
  return fromAccountViewInTime("/tokens", (view) =>
    tokenPage(view, { filters: NO_FILTERS, sort: DEFAULT_SORT, offset: 0, limit: PAGE_ROWS, ids: false }),
  );
}
