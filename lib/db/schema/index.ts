/** Every table of the console's database, one file each; Drizzle (drizzle.config.ts) and the queries import them from here. */
export * from "./console-sessions";
export * from "./job-budgets";
export * from "./job-items";
export * from "./jobs";
export * from "./ledger-events";
export * from "./gateway-tokens";
export * from "./usage-records";
export * from "./token-budgets";
export * from "./approvals";
export * from "./account-events";
export * from "./webhook-endpoints";
export * from "./webhook-deliveries";
export * from "./token-notices";
export * from "./usage-hourly";
export * from "./usage-totals";
