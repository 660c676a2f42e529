import { describe, expect, it } from "vitest";
import { approvalSummary } from "./approval-summary";

describe("an approval event in words", () => {
  it("names the order, the outcome and who decided", () => {
    expect(approvalSummary({ approvalId: "a", decision: "approved", order: "buy $600 of AAPL", decidedBy: "3f9ac2aa", decidedByLabel: "Account 3f9a·c2" })).toBe(
      "buy $600 of AAPL: approved by Account 3f9a·c2",
    );
    expect(approvalSummary({ approvalId: "a", decision: "denied", order: "sell 3 units of TSLA", decidedBy: "3f9ac2aa", denialReason: "Not today." })).toBe(
      "sell 3 units of TSLA: denied by 3f9ac2aa (Not today.)",
    );
    expect(approvalSummary({ approvalId: "a", decision: "expired", order: "buy $600 of AAPL" })).toBe("buy $600 of AAPL: expired, nobody decided in time");
    expect(approvalSummary({ jobId: "j" })).toBeNull();
    expect(approvalSummary(null)).toBeNull();
  });
});
