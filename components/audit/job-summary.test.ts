import { describe, expect, it } from "vitest";
import { jobSummary } from "./job-summary";

const target = (tokenName: string) => ({ portfolioId: "p", portfolioName: "Port", tokenId: "t", tokenName });

describe("jobSummary", () => {
  it("names a created job's first targets and counts the rest", () => {
    expect(jobSummary({ jobId: "j", kind: "freeze", targets: ["a", "b", "c", "d", "e", "f", "g"].map(target) })).toBe("freeze of 7: a, b, c, d, e and 2 more");
  });
  it("says a cancel came from sign-out, and how many items a retry ran", () => {
    expect(jobSummary({ jobId: "j", kind: "revoke", cause: "sign-out" })).toBe("by sign-out");
    expect(jobSummary({ jobId: "j", kind: "revoke", items: 1 })).toBe("1 failed item again");
  });
  it("is null for events that are not a job's", () => {
    expect(jobSummary({ scopeNames: [] })).toBeNull();
    expect(jobSummary(null)).toBeNull();
  });
});
