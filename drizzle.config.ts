import { defineConfig } from "drizzle-kit";

// Only `generate` is used (migrations are applied by the app at first use, see lib/db/open.ts),
// so no credentials are needed here.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./lib/db/migrations",
});
