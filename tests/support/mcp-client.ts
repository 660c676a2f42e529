/**
 * An MCP agent connected the way the README's snippets connect one: the
 * official SDK's client over Streamable HTTP to `<console>/gateway/mcp`, the
 * token the console minted as `Authorization: Bearer <token>` (or as
 * `x-user-key`, as eToro clients send it). The MCP suites and the browser test
 * share it, so each speaks to the server as an editor or agent framework would.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

export type ToolCall = { result: CallToolResult; /** Every text part of the result, one per line. */ text: string };

export async function connectMcp(url: string, secret: string, options: { how?: "bearer" | "x-user-key"; name?: string } = {}): Promise<Client> {
  const headers: Record<string, string> = options.how === "x-user-key" ? { "x-user-key": secret } : { authorization: `Bearer ${secret}` };
  const client = new Client({ name: options.name ?? "mcp-test-agent", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolCall> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { result, text: result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n") };
}

/** The JSON a tool answered with (after its first line for refusals and approvals). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toolJson(text: string): any {
  return JSON.parse(text.slice(text.indexOf("{")));
}
