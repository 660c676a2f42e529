import { describe, expect, it } from "vitest";
import { gatewayApiReference } from "./api-reference";
import { operationsFromSpec } from "./operations";

type Op = { operationId?: string; parameters?: { name: string; in: string }[]; responses?: Record<string, unknown> };

describe("the gateway's API reference", () => {
  const reference = gatewayApiReference() as { servers: { url: string }[]; paths: Record<string, Record<string, Op>>; components: { securitySchemes: Record<string, { name: string }> } };
  const operations = Object.entries(reference.paths).flatMap(([, item]) => Object.entries(item).filter(([, op]) => op.operationId));

  it("is served by the gateway, with every operation the gateway forwards", () => {
    expect(reference.servers).toEqual([{ url: "/gateway", description: "This console's agent gateway" }]);
    expect(operations.map(([, op]) => op.operationId).sort()).toEqual(operationsFromSpec().map((o) => o.operationId).sort());
  });

  it("asks for the user token once (a security scheme), never per operation, and leaves x-request-id to the gateway", () => {
    expect(reference.components.securitySchemes.userToken.name).toBe("x-user-key");
    for (const [, op] of operations) {
      expect((op.parameters ?? []).filter((p) => p.in === "header").map((p) => p.name)).toEqual([]);
    }
  });

  it("says an order may wait for a person's approval (202)", () => {
    for (const [method, op] of operations) if (method !== "get") expect(op.responses).toHaveProperty("202");
  });
});
