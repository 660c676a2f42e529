/**
 * Throwaway PostgreSQL databases for the ledger's tests and benchmarks: one per
 * suite (CREATE DATABASE <prefix>_<random>, dropped afterwards), so parallel and
 * repeated runs never collide. The admin URL is LEDGER_TEST_DATABASE_URL.
 */
import { randomBytes } from "node:crypto";
import { Client } from "pg";

export const ADMIN_URL = process.env.LEDGER_TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

/** The admin URL with any password masked, for messages. */
export function redactedAdminUrl(): string {
  try {
    const u = new URL(ADMIN_URL);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<invalid url>";
  }
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why PostgreSQL cannot be used (its error message), or null when it can. */
export async function probePostgres(): Promise<string | null> {
  try {
    await admin((c) => c.query("select 1"));
    return null;
  } catch (error) {
    return (error as Error).message || (error as Error).name;
  }
}

/**
 * A fresh database, empty or (with `template`) a copy of that database, which must
 * have no open connection; `url` connects to it, `drop()` removes it.
 */
export async function createPostgresDatabase(
  prefix = "ledger_test",
  options: { template?: string } = {},
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  if (options.template !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.template)) throw new Error("Not a database name");
  await admin((c) => c.query(`CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ""}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      admin(async (c) => {
        // pool.end() resolves before its sockets are closed; give them a moment so
        // FORCE does not terminate live clients (noisy "pool error" 57P01 logs).
        for (let i = 0; i < 40; i++) {
          const { rows } = await c.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
          if (rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
