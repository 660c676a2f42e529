import { describe, expect, it } from "vitest";
import { toolAnswer } from "./tool-answer";

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  requestId: "6f1c2b1e-3d4a-4c1b-9e2f-0a1b2c3d4e5f",
  text: typeof body === "string" ? body : JSON.stringify(body),
  headers,
});
const text = (r: ReturnType<typeof toolAnswer>) => (r.content[0] as { text: string }).text;

describe("toolAnswer", () => {
  it("an order waiting for a person says so, with the approval id and how to continue", () => {
    const r = toolAnswer(answer(202, { approvalId: "ap-1", status: "pending", message: "Above 500 USD", expiresAt: "2026-12-06T04:00:00Z" }), "open_position_by_amount");
    expect(r.isError).toBeUndefined();
    expect(text(r)).toMatch(/^Waiting for a person's approval: id ap-1\. /);
    expect(text(r)).toContain('call open_position_by_amount again with exactly the same arguments plus approvalId "ap-1"');
    expect(JSON.parse(text(r).slice(text(r).indexOf("{")))).toMatchObject({ outcome: "waiting-for-approval", approvalId: "ap-1", expiresAt: "2026-12-06T04:00:00Z" });
  });

  it("a refusal is a tool error with eToro's code, the reason, the request id and when to retry", () => {
    const r = toolAnswer(answer(429, { errorCode: "TooManyRequests", errorMessage: "Slow down" }, { "retry-after": "3" }), "get_rates");
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^TooManyRequests \(429\): Slow down\n/);
    expect(JSON.parse(text(r).split("\n")[1])).toEqual({
      outcome: "refused",
      status: 429,
      errorCode: "TooManyRequests",
      errorMessage: "Slow down",
      requestId: "6f1c2b1e-3d4a-4c1b-9e2f-0a1b2c3d4e5f",
      retryAfterSeconds: 3,
    });
  });

  it("an answer is eToro's JSON with its status and request id", () => {
    expect(JSON.parse(text(toolAnswer(answer(200, { rates: [] }), "get_rates")))).toEqual({ status: 200, requestId: "6f1c2b1e-3d4a-4c1b-9e2f-0a1b2c3d4e5f", answer: { rates: [] } });
  });
});
