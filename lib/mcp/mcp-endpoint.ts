/**
 * The gateway's MCP door, `POST /gateway/mcp`: the official SDK's Streamable
 * HTTP transport in stateless mode (a fresh server per request, JSON answers),
 * so any instance can answer any request and nothing is kept between them.
 *
 * Authentication follows the MCP authorization spec's resource-server side
 * with a static bearer credential: the user token the console minted, as
 * `Authorization: Bearer <token>` (what editors' `headers` settings send) or
 * as `x-user-key` (what eToro clients send). A missing or unknown token gets a
 * 401 with `WWW-Authenticate: Bearer` (RFC 6750); there is no OAuth flow, since
 * the console mints the credential. The token is checked by sending eToro's
 * `GET /api/v1/me` through the gateway (so identification, its guess throttle
 * and the policy are the gateway's own), whose scopes decide which tools the
 * token sees; that answer is kept 30 s per token, in memory, under a hash.
 *
 * Malformed JSON-RPC gets a JSON-RPC error with a 4xx, never a 5xx.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { LRUCache } from "lru-cache";
import type { GatewayDoor } from "./gateway-door";
import { registerTools, type Environment } from "./tools";

export type McpEndpointOptions = {
  door: GatewayDoor;
  /** The MCP client's address, as the gateway would see it. */
  clientAddress(req: IncomingMessage): string;
  /** Largest JSON-RPC body accepted (default 64 KiB). */
  maxBodyBytes?: number;
  /** How long a token's scopes are reused (default 30 s). */
  scopesTtlMs?: number;
  /** The token's boundaries and budget left, for preview_order (see ToolContext). */
  boundaries?(userKey: string): Promise<unknown>;
};

export const MCP_PATH = "/gateway/mcp";
const REALM = 'Bearer realm="etoro-gateway"';
const SCOPES = { demo: "etoro-public:trade.demo", real: "etoro-public:trade.real" } as const;

type Access = { readable: Environment[]; writable: Environment[] };

function sendRpcError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}) {
  const text = JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null });
  // A body not read before the answer must not be read after it either: close instead.
  if (!res.req.complete) headers = { ...headers, connection: "close" };
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The credential the client sent: a bearer token, else x-user-key; null when neither. */
function credentialOf(req: IncomingMessage): string | null {
  const authorization = req.headers.authorization;
  if (typeof authorization === "string") {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1] : null;
  }
  const key = req.headers["x-user-key"];
  return typeof key === "string" && key !== "" ? key : null;
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners("data");
        req.pause();
        resolve("too-large");
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function accessOf(profile: unknown): Access {
  const scopes = (profile as { scopes?: unknown } | null)?.scopes;
  const names = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string") : [];
  const has = (env: Environment, level: "read" | "write") => names.includes(`${SCOPES[env]}:${level}`);
  const envs: Environment[] = ["demo", "real"];
  return { readable: envs.filter((e) => has(e, "read") || has(e, "write")), writable: envs.filter((e) => has(e, "write")) };
}

export function createMcpEndpoint(options: McpEndpointOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const access = new LRUCache<string, Access>({ max: 10_000, ttl: options.scopesTtlMs ?? 30_000 });

  /** The token's access, or the gateway's answer when it refused the token. */
  async function accessFor(userKey: string, clientAddress: string): Promise<Access | { status: number; text: string; retryAfter?: string }> {
    const key = createHash("sha256").update(userKey).digest("base64url");
    const known = access.get(key);
    if (known) return known;
    const answer = await options.door.call({ method: "GET", path: "/api/v1/me", userKey, clientAddress });
    if (answer.status !== 200) {
      const retryAfter = answer.headers["retry-after"];
      return { status: answer.status, text: answer.text, ...(typeof retryAfter === "string" ? { retryAfter } : {}) };
    }
    let profile: unknown = null;
    try {
      profile = JSON.parse(answer.text);
    } catch {
      // A profile that is not JSON grants the market-data tools only.
    }
    const granted = accessOf(profile);
    access.set(key, granted);
    return granted;
  }

  return async function handleMcp(req, res) {
    if (req.method !== "POST") {
      // Stateless: no server-to-client stream (GET) and no session to end (DELETE).
      return sendRpcError(res, 405, -32000, "This MCP server is stateless: send JSON-RPC requests with POST.", { allow: "POST" });
    }
    const userKey = credentialOf(req);
    if (!userKey) {
      return sendRpcError(res, 401, -32001, "Send the user token the console minted for your agent as Authorization: Bearer <token>.", {
        "www-authenticate": REALM,
      });
    }
    const clientAddress = options.clientAddress(req);
    const granted = await accessFor(userKey, clientAddress);
    if ("status" in granted) {
      let message = "The gateway refused this token.";
      try {
        message = (JSON.parse(granted.text) as { errorMessage?: string }).errorMessage ?? message;
      } catch {
        // Keep the plain message.
      }
      if (granted.status === 401) {
        return sendRpcError(res, 401, -32001, message, {
          "www-authenticate": `${REALM}, error="invalid_token", error_description="${message.replace(/["\\]/g, "")}"`,
        });
      }
      const status = granted.status >= 500 ? 503 : granted.status;
      return sendRpcError(res, status, -32001, message, granted.retryAfter ? { "retry-after": granted.retryAfter } : {});
    }

    const raw = await readBody(req, maxBody);
    if (raw === "too-large") {
      res.setHeader("connection", "close");
      return sendRpcError(res, 413, -32600, `The request is larger than this server accepts (${maxBody} bytes).`);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return sendRpcError(res, 400, -32700, "Parse error: the body is not JSON.");
    }

    const server = new McpServer(
      { name: "etoro-agent-gateway", version: "1.0.0" },
      {
        instructions:
          "Trades on eToro for one agent portfolio through the Agent Portfolio Console's gateway. Every tool call is a gateway request under this token's rules (scopes, boundaries, budget, approvals, freeze) and is recorded in the console. Prefer demo unless told otherwise; preview an order before placing it.",
      },
    );
    registerTools(server, {
      readable: granted.readable,
      writable: granted.writable,
      call: (request) => options.door.call({ ...request, userKey, clientAddress }),
      ...(options.boundaries ? { boundaries: () => options.boundaries!(userKey) } : {}),
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };
}
