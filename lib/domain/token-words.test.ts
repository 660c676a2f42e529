import { describe, expect, it } from "vitest";
import { riskBadgeText } from "./token-words";

describe("the risk badge's words", () => {
  it("say why a token is high risk", () => {
    expect(riskBadgeText({ level: "high", flags: ["real-money-write", "no-ip-limit"] })).toBe("High risk: real money, any IP");
    expect(riskBadgeText({ level: "high", flags: ["real-money-write", "never-expires"] })).toBe("High risk: real money, never expires");
    expect(riskBadgeText({ level: "medium", flags: ["real-money-read"] })).toBe("Medium risk: reads real money");
  });
  it("show nothing for low risk", () => {
    expect(riskBadgeText({ level: "low", flags: ["no-ip-limit"] })).toBeNull();
  });
});
