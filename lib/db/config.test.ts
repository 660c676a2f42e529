import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLedgerConfig } from "./config";
import { ledgerOptionsFromEnv } from "./open";

const env = (vars: Record<string, string> = {}) => vars as unknown as NodeJS.ProcessEnv;

describe("ledger configuration", () => {
  it("defaults to PGlite in .data/ledger with a pool of 10", () => {
    expect(readLedgerConfig(env())).toEqual({
      databaseUrl: undefined,
      pgliteDataDir: ".data/ledger",
      poolMax: 10,
      migrationsDir: undefined,
      outboxDir: path.resolve(".data/ledger-outbox"),
      pgliteThreadNice: 0,
    });
    expect(ledgerOptionsFromEnv(env())).toEqual({ dataDir: ".data/ledger" });
  });

  it("uses PostgreSQL for a postgres:// DATABASE_URL, PGlite otherwise", () => {
    expect(ledgerOptionsFromEnv(env({ DATABASE_URL: "postgres://u@h/db" }))).toEqual({ databaseUrl: "postgres://u@h/db" });
    expect(ledgerOptionsFromEnv(env({ DATABASE_URL: "mysql://u@h/db", PGLITE_DATA_DIR: "/tmp/x" }))).toEqual({ dataDir: "/tmp/x" });
  });

  it("reads PGLITE_THREAD_NICE into the PGlite options, refusing anything but 0 to 19", () => {
    expect(ledgerOptionsFromEnv(env({ PGLITE_THREAD_NICE: "10", PGLITE_DATA_DIR: "/tmp/x" }))).toEqual({ dataDir: "/tmp/x", threadNice: 10 });
    expect(ledgerOptionsFromEnv(env({ PGLITE_THREAD_NICE: "0" }))).toEqual({ dataDir: ".data/ledger" });
    for (const bad of ["-1", "20", "1.5", "low"]) expect(() => readLedgerConfig(env({ PGLITE_THREAD_NICE: bad }))).toThrow(/PGLITE_THREAD_NICE/);
  });

  it("reads LEDGER_POOL_MAX and LEDGER_MIGRATIONS_DIR, refusing a nonsense pool size", () => {
    expect(readLedgerConfig(env({ LEDGER_POOL_MAX: "3", LEDGER_MIGRATIONS_DIR: "db/sql" }))).toMatchObject({ poolMax: 3, migrationsDir: "db/sql" });
    expect(() => readLedgerConfig(env({ LEDGER_POOL_MAX: "lots" }))).toThrow(/LEDGER_POOL_MAX/);
    expect(() => readLedgerConfig(env({ LEDGER_POOL_MAX: "0" }))).toThrow(/LEDGER_POOL_MAX/);
  });
});
