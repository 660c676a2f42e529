/**
 * How an MCP tool call becomes a gateway request: an in-process HTTP request
 * (light-my-request builds a real IncomingMessage/ServerResponse pair) handed to
 * the very handler that serves `/gateway/…`, with the token as x-user-key. So a
 * tool passes everything a REST call passes — the operation allow-list, token
 * identification and its guess throttle, the policy (revoked, frozen, allow-list,
 * boundaries, budgets, approvals), the one upstream, usage and ledger — and
 * nothing can be reached by a tool that a REST call could not reach.
 *
 * The door remembers which requests it made (a WeakMap, gone with the request),
 * so the gateway records them with the MCP client's own address and `via: mcp`.
 * A header could not do that: any REST caller could send it.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import inject from "light-my-request";

export type GatewayCall = {
  method: "GET" | "POST" | "DELETE";
  /** eToro's path, e.g. /api/v1/trading/info/demo/pnl (the door adds the gateway's prefix). */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  userKey: string;
  /** A UUID the agent may reuse on a retry; one is made when absent. */
  requestId?: string;
  /** A person's approval of this exact order, from an earlier 202 answer. */
  approvalId?: string;
  /** The MCP client's address, recorded as the caller's. */
  clientAddress: string;
};

export type GatewayAnswer = { status: number; requestId: string; text: string; headers: Record<string, string | string[] | number | undefined> };

export type GatewayDoor = {
  call(request: GatewayCall): Promise<GatewayAnswer>;
  /** The MCP client's address when `req` is one of the door's requests, else undefined. */
  callerOf(req: IncomingMessage): string | undefined;
};

export function createGatewayDoor(handle: (req: IncomingMessage, res: ServerResponse) => void, prefix = "/gateway"): GatewayDoor {
  const callers = new WeakMap<IncomingMessage, string>();

  async function call(request: GatewayCall): Promise<GatewayAnswer> {
    const requestId = request.requestId ?? randomUUID();
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) search.set(name, String(value));
    const query = search.toString();
    const headers: Record<string, string> = { "x-user-key": request.userKey, "x-request-id": requestId, accept: "application/json" };
    if (request.approvalId) headers["x-approval-id"] = request.approvalId;
    if (request.body !== undefined) headers["content-type"] = "application/json";
    const answer = await inject(
      (req, res) => {
        callers.set(req, request.clientAddress);
        handle(req, res);
      },
      {
        method: request.method,
        url: `${prefix}${request.path}${query ? `?${query}` : ""}`,
        headers,
        ...(request.body !== undefined ? { payload: JSON.stringify(request.body) } : {}),
      },
    );
    const sent = answer.headers["x-request-id"];
    return { status: answer.statusCode, requestId: typeof sent === "string" ? sent : requestId, text: answer.payload, headers: answer.headers };
  }

  return { call, callerOf: (req) => callers.get(req) };
}
