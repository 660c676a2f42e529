import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createOperationTable, operationsFromSpec } from "./operations";

const table = createOperationTable();
const byId = new Map(table.operations.map((o) => [o.operationId, o]));

describe("the operations allowed through the gateway", () => {
  it("are every operation of eToro's trading spec, and only those", () => {
    const spec = JSON.parse(readFileSync(new URL("../etoro/trading-openapi.json", import.meta.url), "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const inSpec = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).filter((m) => ["get", "post", "put", "patch", "delete"].includes(m)).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(table.operations.map((o) => `${o.method} ${o.template}`).sort()).toEqual(inSpec.sort());
    expect(table.operations.length).toBeGreaterThan(30);
  });

  it("never include an agent-portfolio management path: none of the console's own contract matches", () => {
    const spec = JSON.parse(readFileSync(new URL("../etoro/openapi.json", import.meta.url), "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const tried: string[] = [];
    for (const [template, item] of Object.entries(spec.paths)) {
      const path = template.replace(/\{[^}]+\}/g, "123");
      for (const method of Object.keys(item)) {
        tried.push(path);
        expect(table.match(method.toUpperCase(), path), `${method} ${path}`).toBeNull();
      }
    }
    expect(tried.length).toBeGreaterThan(5);
    expect(table.operations.some((o) => o.template.includes("agent-portfolio"))).toBe(false);
  });

  it("know which are writes, on which account, and which order fields to record", () => {
    expect(byId.get("createDemoOrder")).toMatchObject({
      method: "POST",
      write: true,
      account: "demo",
      hasBody: true,
      orderFields: { instrument: "instrumentId", side: "transaction", amount: "amount", units: "units", leverage: "leverage" },
      resultIds: [["orderId"]],
    });
    expect(byId.get("openMarketPositionByUnits")).toMatchObject({
      write: true,
      account: "real",
      orderFields: { instrument: "InstrumentID", side: "IsBuy", units: "AmountInUnits", leverage: "Leverage" },
      resultIds: expect.arrayContaining([["orderForOpen", "orderID"]]),
    });
    expect(byId.get("closePositionByMarketRate")).toMatchObject({ write: true, params: ["positionId"], orderFields: { instrument: "InstrumentId", units: "UnitsToDeduct" } });
    expect(byId.get("cancelRealOrder")).toMatchObject({ method: "DELETE", write: true, account: "real", hasBody: false, params: ["orderId"] });
    // Costs and eligibility take a body but only read.
    expect(byId.get("getCost")).toMatchObject({ method: "POST", write: false, orderFields: null, resultIds: [] });
    expect(byId.get("getAuthenticatedUserProfile")).toMatchObject({ method: "GET", write: false, account: null });
    expect(byId.get("GetInstrumentsByFilters")).toMatchObject({ account: null });
    expect(byId.get("getRealAccountPnl")).toMatchObject({ account: "real", write: false });
  });
});

describe("the matcher", () => {
  it("matches exact paths, one-segment parameters and eToro's colon paths, with the query as received", () => {
    expect(table.match("GET", "/api/v1/me")).toMatchObject({ operation: { operationId: "getAuthenticatedUserProfile" }, params: {}, query: "" });
    expect(table.match("DELETE", "/api/v2/trading/execution/demo/orders/13902598")).toMatchObject({
      operation: { operationId: "cancelDemoOrder" },
      params: { orderId: "13902598" },
      path: "/api/v2/trading/execution/demo/orders/13902598",
    });
    expect(table.match("GET", "/api/v2/trading/info/orders:lookup?orderId=1&referenceId=1c94300c-90aa-4303-9d00-dec376d74efb")).toMatchObject({
      operation: { operationId: "lookupRealOrder" },
      query: "orderId=1&referenceId=1c94300c-90aa-4303-9d00-dec376d74efb",
    });
    expect(table.match("GET", "/api/v1/market-data/search?searchText=S%26P%20500&pageSize=5")?.query).toBe("searchText=S%26P%20500&pageSize=5");
  });

  it.each([
    ["GET", "/api/v1/me/"],
    ["GET", "//api/v1/me"],
    ["GET", "/api//v1/me"],
    ["GET", "/api/v1/./me"],
    ["GET", "/api/v1/x/../me"],
    ["GET", "/api/v1/%6De"],
    ["GET", "/API/v1/me"],
    ["GET", "/api/v2/trading/info/orders%3Alookup"],
    ["DELETE", "/api/v2/trading/execution/orders/.."],
    ["DELETE", "/api/v2/trading/execution/orders/."],
    ["DELETE", "/api/v2/trading/execution/orders/%2e%2e"],
    ["DELETE", "/api/v2/trading/execution/orders/1%2F2"],
    ["DELETE", "/api/v2/trading/execution/orders/1%5C2"],
    ["DELETE", "/api/v2/trading/execution/orders/1\\..\\2"],
    ["DELETE", "/api/v2/trading/execution/orders/"],
    ["DELETE", "/api/v2/trading/execution/orders/1/2"],
    ["DELETE", "/api/v2/trading/execution/orders/1;x=2"],
    ["GET", "/api/v1/me?a=%zz"],
    ["GET", "/api/v1/me?a=%C3"],
    ["GET", "/api/v1/me?a=b c"],
    ["GET", "/api/v1/me#frag"],
    ["GET", "api/v1/me"],
    ["GET", "http://evil.example/api/v1/me"],
    ["PUT", "/api/v1/me"],
    ["get", "/api/v1/me"],
    ["GET", `/api/v1/me?${"a".repeat(5000)}`],
  ])("refuses %s %s", (method, target) => {
    expect(table.match(method, target)).toBeNull();
  });

  it("builds from any spec given, so a test can hold the derivation", () => {
    const ops = operationsFromSpec({
      paths: { "/api/v1/things/{thingId}": { get: { operationId: "getThing" }, parameters: {} as never } },
    });
    expect(ops).toEqual([expect.objectContaining({ operationId: "getThing", method: "GET", params: ["thingId"], write: false, account: null, orderFields: null })]);
  });
});
