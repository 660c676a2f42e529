/**
 * What the BFF sends the browser about jobs (DTOs: never a row, never the sealed key).
 * Plain types and constants, safe to import from client components.
 */
/** The one list of bulk actions: the request schema, the table, the labels and the worker derive from it. */
export const JOB_KINDS = ["revoke", "freeze", "unfreeze", "delete-portfolio"] as const;
export type JobKind = (typeof JOB_KINDS)[number];
/** queued → running → finished; or cancelled from queued/running. Retry puts a finished job back to queued. */
export type JobState = "queued" | "running" | "finished" | "cancelled";
export type JobItemState = "pending" | "done" | "failed" | "skipped";

export type JobItemView = {
  position: number;
  portfolioId: string;
  portfolioName: string | null;
  tokenId: string | null;
  tokenName: string | null;
  state: JobItemState;
  /** Why it failed or was skipped, or a note on a done item ("already gone"). */
  reason: string | null;
  requestId: string | null;
  attempts: number;
};

export type JobView = {
  id: string;
  kind: JobKind;
  state: JobState;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  left: number;
  /** Seconds until the last call, at the account's pace; 0 when nothing is left. */
  etaSeconds: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  items?: JobItemView[];
};

/** What POST /api/jobs answers with dryRun, and alongside a created job. */
export type JobPlan = {
  kind: JobKind;
  /** One upstream call per item. */
  calls: number;
  etaSeconds: number;
  callsPerMinute: number;
  /** Targets left out, with the reason (e.g. a token with nothing to freeze). */
  skipped: { portfolioName: string | null; tokenName: string | null; reason: string }[];
  /** What the job would touch, for the confirmation dialog (names only). */
  targets: { portfolioId: string; portfolioName: string | null; tokenId: string | null; tokenName: string | null }[];
};

export type JobList = { jobs: JobView[] };
