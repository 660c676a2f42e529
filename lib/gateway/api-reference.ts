/**
 * The gateway's API reference, `GET /gateway/openapi.json`: eToro's vendored
 * trading spec as an agent calls it through this console — served from the
 * gateway itself (`servers: /gateway`), the user token as the one credential
 * (a security scheme, so a reference UI asks for it once), `x-api-key`
 * optional (the gateway lends the console's) and `x-request-id` optional (the
 * gateway makes one). The playground page renders it; any OpenAPI tool can.
 */
import tradingSpec from "../etoro/trading-openapi.json";

type Parameter = { name?: string; in?: string; $ref?: string };
type Operation = { parameters?: Parameter[]; responses?: Record<string, unknown>; security?: unknown };

/** Headers the security schemes (or the gateway) supply, so they are not asked for on each operation. */
const SUPPLIED = new Set(["x-user-key", "x-api-key", "x-request-id"]);

const APPROVAL_WAIT = {
  description:
    "The order waits for a person's approval in the console; nothing was sent to eToro. Send the identical request again with header x-approval-id once it is approved.",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: {
          approvalId: { type: "string" },
          status: { type: "string", enum: ["pending"] },
          message: { type: "string" },
          expiresAt: { type: "string", format: "date-time" },
        },
      },
    },
  },
};

export function gatewayApiReference(): Record<string, unknown> {
  const spec = structuredClone(tradingSpec) as unknown as { info: Record<string, unknown>; paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };
  for (const item of Object.values(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation !== "object" || !operation || !("responses" in operation)) continue;
      operation.parameters = operation.parameters?.filter((p) => !(p.in === "header" && p.name && SUPPLIED.has(p.name.toLowerCase())));
      if (method !== "get" && operation.responses && !operation.responses["202"]) operation.responses["202"] = APPROVAL_WAIT;
    }
  }
  return {
    ...spec,
    info: {
      ...spec.info,
      title: "eToro trading API through the Agent Portfolio Console's gateway",
      description:
        "eToro's trading, market-data and /api/v1/me operations, spelled as eToro spells them, served by this console's gateway. Send the user token the console minted as x-user-key; x-api-key is optional (the console lends its own) and x-request-id too (the gateway makes one). Every call is judged against the token's rules in the console (freeze, boundaries, budget, approvals) and recorded in its usage.",
    },
    servers: [{ url: "/gateway", description: "This console's agent gateway" }],
    components: {
      ...spec.components,
      securitySchemes: {
        userToken: { type: "apiKey", in: "header", name: "x-user-key", description: "The user token this console minted for the agent." },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key", description: "Optional: your eToro API key. Without one the gateway uses the console's." },
      },
    },
    security: [{ userToken: [] }, { userToken: [], apiKey: [] }],
  };
}
