import { describe, expect, it } from "vitest";
import { agentSnippets } from "./agent-snippets";

describe("agent snippets", () => {
  const s = agentSnippets("sk_sandbox_SECRET", "https://console.example/gateway");
  it("point the agent at the gateway, with the API key a placeholder", () => {
    expect(s.env).toBe("ETORO_API_BASE_URL=https://console.example/gateway\nETORO_USER_KEY=sk_sandbox_SECRET\nETORO_API_KEY=<your API key>");
    expect(JSON.parse(s.mcp)).toEqual({
      mcpServers: { etoro: { url: "https://console.example/gateway/mcp", headers: { Authorization: "Bearer sk_sandbox_SECRET" } } },
    });
    expect(s.claude).toBe('claude mcp add --transport http etoro https://console.example/gateway/mcp --header "Authorization: Bearer sk_sandbox_SECRET"');
    for (const code of [s.curl, s.python, s.typescript]) expect(code).toContain("ETORO_API_BASE_URL");
  });
  it("keep the secret out of the code snippets (they read it from the environment)", () => {
    for (const code of [s.curl, s.python, s.typescript]) expect(code).not.toContain("SECRET");
  });
  it("never put an API key in the MCP settings: the gateway lends the console's", () => {
    for (const text of [s.claude, s.mcp]) expect(text).not.toMatch(/api[-_ ]?key/i);
  });
});
