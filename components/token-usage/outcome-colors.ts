import type { Outcome } from "@/lib/domain/token-usage";

/** One colour per outcome, readable on light and dark; the words always come with them (legend, tables). */
export const OUTCOME_COLORS: Record<Outcome, string> = { ok: "#10b981", failed: "#f59e0b", refused: "#ef4444" };
export const OUTCOME_LABELS: Record<Outcome, string> = { ok: "OK", failed: "Failed upstream", refused: "Refused by the gateway" };
