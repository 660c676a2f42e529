import { defineConfig } from "drizzle-kit";

// Only `generate` is used (migrations are applied by the app at first use, see lib/ledger/db.ts),
// so no credentials are needed here.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./lib/ledger/schema.ts", "./lib/jobs/schema.ts"],
  out: "./lib/ledger/migrations",
});
