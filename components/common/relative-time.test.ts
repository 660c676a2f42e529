import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RelativeTime } from "./relative-time";
import { ServerNowProvider } from "./server-now";

const RENDERED_AT = Date.parse("2026-03-02T10:00:00Z");

describe("RelativeTime on the server", () => {
  afterEach(() => vi.useRealTimers());

  it("counts from the page's render time, the instant the browser will hydrate against, not from the clock as each row renders", () => {
    // The clock has moved on since the page began rendering (a slow upstream read, a long list).
    vi.useFakeTimers({ now: RENDERED_AT + 90_000 });
    const html = renderToString(
      createElement(ServerNowProvider, { now: RENDERED_AT }, createElement(RelativeTime, { iso: new Date(RENDERED_AT - 5_000).toISOString() })),
    );
    expect(html).toContain("5 seconds ago");
    expect(html).toContain("2026-03-02 09:59 UTC");
  });
});
