import { describe, expect, it } from "vitest";
import { testRequest } from "@/tests/support/next-request";
import { ApiError } from "./api-error";
import { assertSameOrigin } from "./same-origin";

const check = (headers: Record<string, string>) => () => assertSameOrigin(testRequest("POST", { headers }));

describe("assertSameOrigin", () => {
  it("allows the console's own pages", () => {
    expect(check({ origin: "http://console.test", "sec-fetch-site": "same-origin" })).not.toThrow();
    expect(check({ origin: "http://console.test" })).not.toThrow();
    // No Origin, but the browser itself vouches for the request.
    expect(check({ "sec-fetch-site": "same-origin" })).not.toThrow();
  });

  it("refuses another site", () => {
    for (const headers of <Record<string, string>[]>[
      { origin: "https://evil.test", "sec-fetch-site": "cross-site" },
      { origin: "https://evil.test" },
      { origin: "http://console.test.evil.test" },
      { origin: "http://console.test", "sec-fetch-site": "cross-site" },
      { origin: "http://console.test", "sec-fetch-site": "same-site" },
      { origin: "null" },
    ]) {
      expect(check(headers), JSON.stringify(headers)).toThrow(ApiError);
    }
  });

  it("refuses a request with neither Origin nor Sec-Fetch-Site (a script, not a page)", () => {
    expect(check({})).toThrow(expect.objectContaining({ status: 403, code: "CrossSiteRequest" }));
  });
});
