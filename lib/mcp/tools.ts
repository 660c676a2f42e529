/**
 * The MCP server's tools, each a thin map onto one or two of eToro's trading
 * operations sent through the gateway (never around it). Registered per token:
 * read tools for the environments its eToro scopes can read, write tools only
 * for those it can trade in — a read-only token never sees a write tool.
 * Descriptions are written for a model: what the call does, what it costs and
 * which of the console's limits apply.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { GatewayAnswer, GatewayCall } from "./gateway-door";
import { toolAnswer } from "./tool-answer";

export type Environment = "demo" | "real";

export type ToolContext = {
  /** One gateway request with the calling token (the endpoint fills in the key and the caller's address). */
  call(request: Omit<GatewayCall, "userKey" | "clientAddress">): Promise<GatewayAnswer>;
  /** Environments the token's eToro scopes can read, and trade in. */
  readable: Environment[];
  writable: Environment[];
  /**
   * The token's boundaries and budget left, for preview_order; null when the
   * console holds none for it. The seam the boundaries work plugs into.
   */
  boundaries?(): Promise<unknown>;
};

const LIMITS =
  "The gateway judges every call against this token's rules in the console before eToro sees it: a revoked token is refused, a frozen token may only read, and the token's boundaries (most per order, most leverage, daily/weekly budget, instruments allowed or refused, trading hours, request rate) refuse with the limit, its value and what is left.";
const APPROVAL =
  "An order a person must approve is not sent: the answer says waiting-for-approval with an approvalId; once approved, call this tool again with the same arguments plus that approvalId and the same requestId.";
const RETRY =
  "requestId (a UUID) names this order at eToro; it is made for you when left out and returned in the answer. The gateway never retries a write: after a timeout or a broken answer, call look_up_order with that requestId before ordering again.";
const MONEY = (what: string) =>
  `${what} This moves money: on environment "real" it is the account's real funds, on "demo" virtual money. Run preview_order first to see its costs and whether the instrument can be traded that way.`;

const uuid = z.string().uuid();
const instrumentId = z.number().int().positive().describe("eToro's instrument id (search_instruments finds it).");
const side = z.enum(["buy", "sell"]).describe("buy opens a long position, sell a short one.");
const leverage = z.number().int().min(1).max(100).default(1).describe("Leverage multiplier; 1 means none. The token may allow less.");
const rate = (what: string) => z.number().positive().optional().describe(what);

function environment(allowed: Environment[]) {
  const [first, ...rest] = allowed.includes("demo") ? (["demo", ...allowed.filter((e) => e !== "demo")] as Environment[]) : allowed;
  return z
    .enum([first, ...rest] as [Environment, ...Environment[]])
    .default(first)
    .describe(`Which eToro account: ${allowed.map((e) => (e === "demo" ? '"demo" (virtual money)' : '"real" (real money)')).join(" or ")}.`);
}

const info = (env: Environment, path: string) => `/api/v1/trading/info/${env === "demo" ? "demo/" : "real/"}${path}`;
const infoV2 = (env: Environment, path: string) => `/api/v2/trading/info/${env === "demo" ? "demo/" : ""}${path}`;
const execution = (env: Environment, path: string) => `/api/v1/trading/execution/${env === "demo" ? "demo/" : ""}${path}`;

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true } as const;
const WRITE = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true } as const;

function refused(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}

export function registerTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    "search_instruments",
    {
      title: "Search instruments",
      description:
        "Finds eToro instruments by name or symbol. Returns for each its instrumentId (every order tool needs it), symbol, name, type, whether it is tradable now and its current rate. One gateway request, counted in the token's usage; read-only, free of trading costs.",
      inputSchema: {
        query: z.string().min(1).max(100).describe("Words of the instrument's name or symbol, e.g. AAPL or Bitcoin."),
        limit: z.number().int().min(1).max(50).default(10).describe("Most results to return."),
      },
      annotations: { title: "Search instruments", ...READ },
    },
    async ({ query, limit }) =>
      toolAnswer(
        await ctx.call({
          method: "GET",
          path: "/api/v1/market-data/search",
          query: { searchText: query, pageSize: limit, fields: "instrumentId,symbol,displayname,instrumentType,isCurrentlyTradable,currentRate" },
        }),
        "search_instruments",
      ),
  );

  server.registerTool(
    "get_rates",
    {
      title: "Get rates",
      description:
        "Current bid and ask of up to 100 instruments by instrumentId. One gateway request, counted in the token's usage; read-only. A market order fills at the rate when eToro executes it, which may differ.",
      inputSchema: { instrumentIds: z.array(instrumentId).min(1).max(100).describe("The instruments' ids.") },
      annotations: { title: "Get rates", ...READ },
    },
    async ({ instrumentIds }) =>
      toolAnswer(
        await ctx.call({ method: "GET", path: "/api/v1/market-data/instruments/rates", query: { instrumentIds: instrumentIds.join(",") } }),
        "get_rates",
      ),
  );

  if (ctx.readable.length > 0) {
    const env = environment(ctx.readable);
    server.registerTool(
      "get_portfolio",
      {
        title: "Get my portfolio and PnL",
        description:
          "The agent portfolio's open positions (positionId, instrumentId, units, open rate), pending orders, available credit and unrealised profit and loss. One gateway request; read-only. Long lists are shortened to fit.",
        inputSchema: { environment: env },
        annotations: { title: "Get my portfolio and PnL", ...READ },
      },
      async ({ environment }) => toolAnswer(await ctx.call({ method: "GET", path: info(environment, "pnl") }), "get_portfolio"),
    );

    server.registerTool(
      "look_up_order",
      {
        title: "Look up an order",
        description:
          "An order's status and the positions it opened, by eToro's orderId or by the requestId it was sent with (use that after a timeout to learn whether an order landed before sending it again). One gateway request; read-only.",
        inputSchema: {
          environment: env,
          orderId: z.number().int().positive().optional().describe("eToro's order id, from an order tool's answer."),
          requestId: uuid.optional().describe("The requestId the order was sent with."),
        },
        annotations: { title: "Look up an order", ...READ },
      },
      async ({ environment, orderId, requestId }) => {
        if ((orderId === undefined) === (requestId === undefined)) return refused("Give exactly one of orderId or requestId.");
        return toolAnswer(
          await ctx.call({ method: "GET", path: infoV2(environment, "orders:lookup"), query: orderId !== undefined ? { orderId } : { referenceId: requestId } }),
          "look_up_order",
        );
      },
    );

    server.registerTool(
      "preview_order",
      {
        title: "Preview an order",
        description:
          "What opening a position would cost (eToro's spread, fees and overnight costs) and whether the instrument can be traded that way (eToro's eligibility: allowed sides, leverages, minimum size), plus this token's boundaries and budget left when the console holds any. Two gateway requests; places nothing and moves no money.",
        inputSchema: {
          environment: env,
          instrumentId,
          side,
          amount: z.number().positive().optional().describe("USD to invest (give amount or units)."),
          units: z.number().positive().optional().describe("Units of the instrument (give amount or units)."),
          leverage,
        },
        annotations: { title: "Preview an order", ...READ },
      },
      async ({ environment, instrumentId, side, amount, units, leverage }) => {
        if ((amount === undefined) === (units === undefined)) return refused("Give exactly one of amount or units.");
        const [costs, eligibility, boundaries] = await Promise.all([
          ctx.call({
            method: "POST",
            path: infoV2(environment, "costs"),
            body: { action: "open", transaction: side, instrumentId, orderType: "mkt", leverage, ...(amount !== undefined ? { amount } : { units }) },
          }),
          ctx.call({ method: "POST", path: infoV2(environment, "eligibility"), body: { instrumentIds: [instrumentId] } }),
          ctx.boundaries ? ctx.boundaries() : Promise.resolve(null),
        ]);
        const parts = [toolAnswer(costs, "preview_order"), toolAnswer(eligibility, "preview_order")];
        const budget = boundaries === null ? "The console holds no boundaries or budget for this token." : JSON.stringify({ boundaries });
        return {
          isError: parts.some((p) => p.isError) || undefined,
          content: [
            { type: "text", text: `Costs: ${(parts[0].content[0] as { text: string }).text}` },
            { type: "text", text: `Eligibility: ${(parts[1].content[0] as { text: string }).text}` },
            { type: "text", text: `Boundaries: ${budget}` },
          ],
        };
      },
    );
  }

  if (ctx.writable.length === 0) return;
  const env = environment(ctx.writable);
  const orderArgs = {
    environment: env,
    requestId: uuid.optional().describe("Reuse it when retrying this same order; made for you when left out."),
    approvalId: z.string().min(1).max(100).optional().describe("A person's approval of this exact order, from an earlier waiting-for-approval answer."),
  };

  server.registerTool(
    "open_position_by_amount",
    {
      title: "Open a position by amount",
      description: `${MONEY("Opens a market position investing `amount` USD (exposure is amount × leverage) at the rate when eToro fills it.")} ${LIMITS} ${APPROVAL} ${RETRY}`,
      inputSchema: {
        ...orderArgs,
        instrumentId,
        side,
        amount: z.number().positive().describe("USD to invest."),
        leverage,
        stopLossRate: rate("Close the position when the rate gets this bad."),
        takeProfitRate: rate("Close the position when the rate gets this good."),
      },
      annotations: { title: "Open a position by amount", ...WRITE },
    },
    async ({ environment, requestId, approvalId, instrumentId, side, amount, leverage, stopLossRate, takeProfitRate }) =>
      toolAnswer(
        await ctx.call({
          method: "POST",
          path: execution(environment, "market-open-orders/by-amount"),
          body: { InstrumentID: instrumentId, IsBuy: side === "buy", Leverage: leverage, Amount: amount, StopLossRate: stopLossRate, TakeProfitRate: takeProfitRate },
          requestId,
          approvalId,
        }),
        "open_position_by_amount",
      ),
  );

  server.registerTool(
    "open_position_by_units",
    {
      title: "Open a position by units",
      description: `${MONEY("Opens a market position of `units` of the instrument at the rate when eToro fills it; the USD it takes is units × rate ÷ leverage.")} ${LIMITS} ${APPROVAL} ${RETRY}`,
      inputSchema: {
        ...orderArgs,
        instrumentId,
        side,
        units: z.number().positive().describe("Units of the instrument."),
        leverage,
        stopLossRate: rate("Close the position when the rate gets this bad."),
        takeProfitRate: rate("Close the position when the rate gets this good."),
      },
      annotations: { title: "Open a position by units", ...WRITE },
    },
    async ({ environment, requestId, approvalId, instrumentId, side, units, leverage, stopLossRate, takeProfitRate }) =>
      toolAnswer(
        await ctx.call({
          method: "POST",
          path: execution(environment, "market-open-orders/by-units"),
          body: { InstrumentID: instrumentId, IsBuy: side === "buy", Leverage: leverage, AmountInUnits: units, StopLossRate: stopLossRate, TakeProfitRate: takeProfitRate },
          requestId,
          approvalId,
        }),
        "open_position_by_units",
      ),
  );

  server.registerTool(
    "close_position",
    {
      title: "Close a position",
      description: `Closes an open position at the market rate, whole or in part (give units to close part of it). Realises its profit or loss; cannot be undone. ${LIMITS} ${APPROVAL} ${RETRY}`,
      inputSchema: {
        ...orderArgs,
        positionId: z.number().int().positive().describe("The position's id (get_portfolio lists them)."),
        instrumentId,
        units: z.number().positive().optional().describe("Units to close; leave out to close the whole position."),
      },
      annotations: { title: "Close a position", ...WRITE },
    },
    async ({ environment, requestId, approvalId, positionId, instrumentId, units }) =>
      toolAnswer(
        await ctx.call({
          method: "POST",
          path: execution(environment, `market-close-orders/positions/${positionId}`),
          body: { InstrumentID: instrumentId, ...(units !== undefined ? { UnitsToDeduct: units } : {}) },
          requestId,
          approvalId,
        }),
        "close_position",
      ),
  );

  server.registerTool(
    "place_limit_order",
    {
      title: "Place a limit order",
      description: `${MONEY("Places an order that opens a position when the instrument's rate reaches `rate` (eToro's market-if-touched order); it waits until then or until cancelled.")} ${LIMITS} ${APPROVAL} ${RETRY}`,
      inputSchema: {
        ...orderArgs,
        instrumentId,
        side,
        rate: z.number().positive().describe("The rate at which the order opens the position."),
        amount: z.number().positive().optional().describe("USD to invest (give amount or units)."),
        units: z.number().positive().optional().describe("Units of the instrument (give amount or units)."),
        leverage,
        stopLossRate: rate("Close the position when the rate gets this bad."),
        takeProfitRate: rate("Close the position when the rate gets this good."),
      },
      annotations: { title: "Place a limit order", ...WRITE },
    },
    async ({ environment, requestId, approvalId, instrumentId, side, rate, amount, units, leverage, stopLossRate, takeProfitRate }) => {
      if ((amount === undefined) === (units === undefined)) return refused("Give exactly one of amount or units.");
      return toolAnswer(
        await ctx.call({
          method: "POST",
          path: execution(environment, "limit-orders"),
          body: {
            InstrumentID: instrumentId,
            IsBuy: side === "buy",
            Leverage: leverage,
            Rate: rate,
            ...(amount !== undefined ? { Amount: amount } : { AmountInUnits: units }),
            StopLossRate: stopLossRate,
            TakeProfitRate: takeProfitRate,
          },
          requestId,
          approvalId,
        }),
        "place_limit_order",
      );
    },
  );

  server.registerTool(
    "cancel_limit_order",
    {
      title: "Cancel a limit order",
      description: `Cancels a limit order that has not opened its position yet. Moves no money; cancelling one already cancelled or filled is refused by eToro. ${LIMITS} ${RETRY}`,
      inputSchema: {
        environment: env,
        requestId: orderArgs.requestId,
        orderId: z.number().int().positive().describe("The limit order's id."),
      },
      annotations: { title: "Cancel a limit order", readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    async ({ environment, requestId, orderId }) =>
      toolAnswer(await ctx.call({ method: "DELETE", path: execution(environment, `limit-orders/${orderId}`), requestId }), "cancel_limit_order"),
  );
}
