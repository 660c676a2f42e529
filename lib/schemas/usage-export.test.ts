import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { parseUsageExport } from "./usage-export";

const fieldOf = (query: string) => {
  try {
    parseUsageExport(new URLSearchParams(query));
  } catch (e) {
    if (!(e instanceof ZodError)) return "not a ZodError";
    const issue = e.issues[0];
    // An unknown parameter is named in the message (the route's 400 says it), not in the path.
    return issue.path.length ? String(issue.path[0]) : issue.message;
  }
  return null;
};

describe("usage export filters", () => {
  it("takes a token, a portfolio and a time range", () => {
    expect(parseUsageExport(new URLSearchParams("tokenId=00000000-0000-4000-8000-000000000001&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z"))).toEqual({
      tokenId: "00000000-0000-4000-8000-000000000001",
      from: "2026-01-01T00:00:00Z",
      to: "2026-02-01T00:00:00Z",
    });
  });
  it.each([
    ["tokenId=abc", "tokenId"],
    ["portfolioId=1", "portfolioId"],
    ["from=yesterday", "from"],
    ["to=0000-12-31T23:00:00Z", "to"],
    ["from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from"],
    ["colour=red", 'Unrecognized key: "colour"'],
    ["from=2026-01-01T00:00:00Z&from=2026-01-02T00:00:00Z", "from"],
  ])("%s is refused naming %s", (query, field) => {
    expect(fieldOf(query)).toBe(field);
  });
});
