/**
 * What an agent pastes to call eToro through the console's gateway with a new
 * token: the gateway serves eToro's own paths, so each snippet is an ordinary eToro
 * call with the gateway as its base URL. Only the .env lines and the MCP config hold
 * the secret; the code reads it from the environment. The API key is always a
 * placeholder: the console's own key must never end up in a snippet.
 */
export const API_KEY_PLACEHOLDER = "<your API key>";

/** A first read that costs nothing and shows the token works: the demo portfolio. */
const FIRST_READ = "/api/v1/trading/info/demo/portfolio";

export type AgentSnippets = { env: string; curl: string; python: string; typescript: string; mcp: string };

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
    mcp: JSON.stringify(
      {
        mcpServers: {
          etoro: {
            command: "npx",
            args: ["-y", "<your eToro MCP server>"],
            env: { ETORO_API_BASE_URL: gatewayUrl, ETORO_USER_KEY: secret, ETORO_API_KEY: API_KEY_PLACEHOLDER },
          },
        },
      },
      null,
      2,
    ),
  };
}
