/**
 * What an agent pastes to call eToro through the console's gateway with a new
 * token: the gateway serves eToro's own paths, so each snippet is an ordinary eToro
 * call with the gateway as its base URL. Only the .env lines and the MCP settings hold
 * the secret (an editor's MCP settings have no environment to read it from); the
 * code reads it from the environment. The MCP settings point a client at the
 * gateway's own MCP server, `<gateway>/mcp`, with the token as a bearer token. The API key is always a
 * placeholder: the console's own key must never end up in a snippet.
 */
export const API_KEY_PLACEHOLDER = "<your API key>";

/** A first read that costs nothing and shows the token works: the demo portfolio. */
const FIRST_READ = "/api/v1/trading/info/demo/portfolio";

export type AgentSnippets = { env: string; curl: string; python: string; typescript: string; claude: string; mcp: string };

export function agentSnippets(secret: string, gatewayUrl: string): AgentSnippets {
  return {
    env: `ETORO_API_BASE_URL=${gatewayUrl}\nETORO_USER_KEY=${secret}\nETORO_API_KEY=${API_KEY_PLACEHOLDER}`,
    curl: `curl -H "x-api-key: $ETORO_API_KEY" -H "x-user-key: $ETORO_USER_KEY" -H "x-request-id: $(uuidgen)" "$ETORO_API_BASE_URL${FIRST_READ}"`,
    python: [
      "import os, uuid, requests",
      "",
      "res = requests.get(",
      `    os.environ["ETORO_API_BASE_URL"] + "${FIRST_READ}",`,
      "    headers={",
      '        "x-api-key": os.environ["ETORO_API_KEY"],',
      '        "x-user-key": os.environ["ETORO_USER_KEY"],',
      '        "x-request-id": str(uuid.uuid4()),',
      "    },",
      "    timeout=10,",
      ")",
      "res.raise_for_status()",
      "print(res.json())",
    ].join("\n"),
    typescript: [
      `const res = await fetch(\`\${process.env.ETORO_API_BASE_URL}${FIRST_READ}\`, {`,
      "  headers: {",
      '    "x-api-key": process.env.ETORO_API_KEY!,',
      '    "x-user-key": process.env.ETORO_USER_KEY!,',
      '    "x-request-id": crypto.randomUUID(),',
      "  },",
      "});",
      "if (!res.ok) throw new Error(`eToro answered ${res.status}`);",
      "console.log(await res.json());",
    ].join("\n"),
    claude: `claude mcp add --transport http etoro ${gatewayUrl}/mcp --header "Authorization: Bearer ${secret}"`,
    // Cursor's mcp.json, and the shape most MCP clients read: a remote server by URL and headers.
    mcp: JSON.stringify({ mcpServers: { etoro: { url: `${gatewayUrl}/mcp`, headers: { Authorization: `Bearer ${secret}` } } } }, null, 2),
  };
}
