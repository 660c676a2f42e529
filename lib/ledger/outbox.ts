/**
 * The outbox: ledger events whose append failed (database down, disk full) wait here
 * and are appended as soon as the ledger takes writes again. Revocations and other
 * narrowing changes go through while the ledger is down (stopping a compromised agent
 * must not wait for a database), so their rows must not be lost: each waits as one
 * small JSON file, written before the request is answered, so it survives a restart.
 *
 * Files, not memory: a process that crashes or is restarted drains what the previous
 * one left. Several instances may share one directory: each event keeps its id and
 * `appendEventOnce` skips an id already in the ledger, so draining twice records once.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { appendEventOnce } from "./append";
import { LedgerSecretError, LedgerValidationError, type LedgerEventInput } from "./event";
import { readLedgerConfig } from "../db/config";
import type { LedgerDb } from "../db/open";

/** How often a non-empty outbox retries while the ledger stays down. */
export const OUTBOX_RETRY_MS = 5_000;

type Stored = Omit<LedgerEventInput, "at"> & { id: string; at: string };

/** Where the outbox keeps its files: LEDGER_OUTBOX_DIR, else beside the ledger (lib/db/config.ts). */
export function outboxDirFromEnv(env?: Record<string, string | undefined>): string {
  return readLedgerConfig(env).outboxDir;
}

export class Outbox {
  /** Events kept only in memory because their file could not be written either. */
  private readonly unsaved: Stored[] = [];
  private draining: Promise<number> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly dir: string,
    private readonly db: () => Promise<LedgerDb>,
  ) {}

  /** Keeps an event for later; never throws. The event gets its id and time now. */
  keep(event: LedgerEventInput): void {
    const stored: Stored = { ...event, id: event.id ?? randomUUID(), at: (event.at ?? new Date()).toISOString() };
    try {
      mkdirSync(this.dir, { recursive: true });
      // Named by time then id, so a drain appends in the order things happened.
      const name = `${stored.at.replace(/[:.]/g, "-")}_${stored.id}.json`;
      const tmp = path.join(this.dir, `.${name}.tmp`);
      writeFileSync(tmp, JSON.stringify(stored), { mode: 0o600 });
      renameSync(tmp, path.join(this.dir, name)); // whole file or none
    } catch (error) {
      console.error(`[ledger] outbox write failed (kept in memory): ${error instanceof Error ? error.name : typeof error}`);
      this.unsaved.push(stored);
    }
    this.retryLater();
  }

  /** Events waiting (files and memory). */
  pending(): number {
    return this.files().length + this.unsaved.length;
  }

  /**
   * Appends everything waiting, oldest first; stops at the first failure (the ledger
   * is still down) and retries later. Concurrent calls share one drain. Resolves with
   * how many events were appended.
   */
  drain(): Promise<number> {
    this.draining ??= this.drainOnce().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async drainOnce(): Promise<number> {
    let appended = 0;
    try {
      const db = await this.db();
      while (this.unsaved.length) {
        await appendEventOnce(db, revive(this.unsaved[0]));
        this.unsaved.shift();
        appended++;
      }
      for (const name of this.files()) {
        const file = path.join(this.dir, name);
        let stored: Stored;
        try {
          stored = JSON.parse(readFileSync(file, "utf8")) as Stored;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // another instance drained it
          setAside(file);
          continue;
        }
        try {
          if (await appendEventOnce(db, revive(stored))) appended++;
        } catch (error) {
          // An event the ledger will never take must not block the others behind it.
          if (error instanceof LedgerValidationError || error instanceof LedgerSecretError) {
            setAside(file);
            continue;
          }
          throw error;
        }
        try {
          unlinkSync(file);
        } catch {
          /* another instance removed it */
        }
      }
    } catch (error) {
      console.error(`[ledger] outbox drain stopped (ledger still down?): ${error instanceof Error ? error.name : typeof error}`);
      this.retryLater();
    }
    if (appended) console.error(`[ledger] outbox: appended ${appended} event(s) kept while the ledger was down`);
    return appended;
  }

  private files(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((name) => name.endsWith(".json") && !name.startsWith("."))
        .sort();
    } catch {
      return [];
    }
  }

  private retryLater(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.pending()) void this.drain();
    }, OUTBOX_RETRY_MS);
    this.timer.unref?.();
  }
}

function revive(stored: Stored): LedgerEventInput & { id: string } {
  return { ...stored, at: new Date(stored.at) };
}

/** Keeps an unreadable or refused event for a person to look at, out of the queue. */
function setAside(file: string): void {
  try {
    renameSync(file, `${file}.rejected`);
    console.error(`[ledger] outbox: set aside an event the ledger refuses: ${path.basename(file)}.rejected`);
  } catch {
    /* gone already */
  }
}
