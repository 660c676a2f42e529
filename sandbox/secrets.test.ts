import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, testSandboxOptions } from "../tests/support/sandbox-client";
import { generateSecret, hashSecret, randomBase62 } from "./secrets";
import { startSandbox, type RunningSandbox } from "./server";

const V1 = "/api/v1/agent-portfolios";
const V2 = "/api/v2/agent-portfolios";
const SECRET = /^sk_sandbox_[A-Za-z0-9]{40}$/;

describe("token secrets", () => {
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox(testSandboxOptions());
  });
  afterEach(() => sandbox.close());

  async function firstPortfolioId(): Promise<string> {
    return (await call(sandbox, "GET", V1)).body.agentPortfolios[0].agentPortfolioId;
  }

  it("are sk_sandbox_ + 40 base62 characters, different on every mint", async () => {
    const id = await firstPortfolioId();
    const mint = (name: string) =>
      call(sandbox, "POST", `${V2}/${id}/user-tokens`, {
        body: { userTokenName: name, scopeNames: ["etoro-public:trade.demo:read"] },
      });
    const [a, b] = [await mint("one"), await mint("two")];
    expect(a.body.userToken).toMatch(SECRET);
    expect(b.body.userToken).toMatch(SECRET);
    expect(a.body.userToken).not.toBe(b.body.userToken);
  });

  it("are returned once: create and mint show them, the list never does", async () => {
    const created = await call(sandbox, "POST", V2, {
      body: {
        agentPortfolioName: "Secretive",
        investmentAmountInUsd: 500,
        userTokenName: "first",
        scopeNames: ["etoro-public:trade.demo:read"],
      },
    });
    const v1Created = await call(sandbox, "POST", V1, {
      body: { agentPortfolioName: "SecretV1", investmentAmountInUsd: 500, userTokenName: "first", scopeIds: [201] },
    });
    const minted = await call(sandbox, "POST", `${V1}/${created.body.agentPortfolioId}/user-tokens`, {
      body: { userTokenName: "second", scopeIds: [200] },
    });
    const secrets = [created.body.userTokens[0].userToken, v1Created.body.userTokens[0].userToken, minted.body.userToken];
    for (const secret of secrets) expect(secret).toMatch(SECRET);

    const list = await call(sandbox, "GET", V1);
    expect(list.text).not.toContain("userToken\"");
    expect(list.text).not.toContain("sk_sandbox_");
    for (const secret of secrets) expect(list.text).not.toContain(secret);
    for (const portfolio of list.body.agentPortfolios) {
      for (const token of portfolio.userTokens) expect(token).not.toHaveProperty("userToken");
    }
  });
});

describe("secret generation", () => {
  it("draws only base62 characters, roughly evenly", () => {
    const sample = randomBase62(62 * 400);
    expect(sample).toMatch(/^[A-Za-z0-9]+$/);
    const counts = new Map<string, number>();
    for (const char of sample) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const count of counts.values()) expect(count).toBeGreaterThan(250);
  });

  it("keeps a sha256 hash, never the secret", () => {
    const { secret, hash } = generateSecret();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashSecret(secret));
    expect(hash).not.toContain(secret.slice(11));
  });
});
