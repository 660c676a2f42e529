import type { JobKind } from "@/lib/jobs/types";

/** A duration in words for ETAs: "under a minute", "about 4 min", "about 1 h 5 min". */
export function etaWords(seconds: number): string {
  if (seconds <= 0) return "moments";
  if (seconds < 60) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
}

/** One label per kind of JOB_KINDS: a new kind without words fails the type check. */
const KIND_WORDS = {
  revoke: { running: "Revoking tokens", noun: "token" },
  freeze: { running: "Freezing tokens", noun: "token" },
  unfreeze: { running: "Unfreezing tokens", noun: "token" },
  "delete-portfolio": { running: "Deleting portfolios", noun: "portfolio" },
} as const satisfies Record<JobKind, { running: string; noun: string }>;

export function jobTitle(kind: JobKind): string {
  return KIND_WORDS[kind].running;
}

export function jobNoun(kind: JobKind, count: number): string {
  const noun = KIND_WORDS[kind].noun;
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
