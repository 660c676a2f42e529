import { describe, expect, it } from "vitest";
import { mintTokenSchema, updateTokenSchemaFor } from "@/lib/schemas/token";
import { validationError } from "./read-json";

const REAL_WRITE = "etoro-public:trade.real:write";

describe("validationError", () => {
  it("answers the risk rule's own code, the same for a mint and an update", () => {
    const mint = mintTokenSchema.safeParse({ userTokenName: "x", scopeNames: [REAL_WRITE] });
    const update = updateTokenSchemaFor({ scopeNames: [], ipsWhitelist: [], expiresAt: null }).safeParse({ scopeNames: [REAL_WRITE] });
    for (const parsed of [mint, update]) {
      expect(parsed.success).toBe(false);
      const err = validationError(parsed.error!);
      expect(err.status).toBe(400);
      expect(err.code).toBe("RiskNotAcknowledged");
      expect(err.extra.fields).toHaveProperty("acknowledgeRisk");
    }
  });

  it("is ValidationFailed for anything else, naming the field", () => {
    const parsed = mintTokenSchema.safeParse({ userTokenName: "", scopeNames: [] });
    const err = validationError(parsed.error!);
    expect(err.code).toBe("ValidationFailed");
    expect(err.extra.fields).toHaveProperty("userTokenName");
  });
});
