/**
 * A ledger event's before → after in words: which scopes were added or removed, the IP
 * whitelist and the expiry, each only when it changed (or, with no "before", as set).
 * One description for the /audit table and the CSV export.
 */
import { boundariesFromSnapshot, boundariesSummary } from "./boundary-words";
import { compareScopes, describeScope } from "./scopes";

type Snapshot = { scopeNames?: unknown; ipsWhitelist?: unknown; expiresAt?: unknown; boundaries?: unknown } | null | undefined;

export type ChangeLine =
  | { field: "scopes"; added: string[]; removed: string[]; kept: string[] }
  | { field: "ips"; from: string[] | null; to: string[] | null }
  | { field: "expiry"; from: string | null | undefined; to: string | null | undefined }
  /** Each side in short words ("$100/order, $500/day"; "none"); null: that side has no boundaries recorded. */
  | { field: "boundaries"; from: string | null; to: string | null };

/** A snapshot's boundaries in short words, or null when it has none recorded (or unreadable ones). */
function boundariesText(s: Snapshot): string | null {
  if (!s || !("boundaries" in s) || s.boundaries == null) return null;
  const read = boundariesFromSnapshot(s.boundaries);
  return read ? boundariesSummary(read) : null;
}

const strings = (v: unknown): string[] | null => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : null);
const instant = (v: unknown): string | null | undefined => (v === null ? null : typeof v === "string" ? v : undefined);
const same = (a: string[] | null, b: string[] | null) => (a ?? []).join(",") === (b ?? []).join(",");

export function changeLines(before: Snapshot, after: Snapshot): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const fromScopes = strings(before?.scopeNames);
  const toScopes = strings(after?.scopeNames);
  if (fromScopes || toScopes) {
    const from = new Set(fromScopes ?? []);
    const to = new Set(toScopes ?? fromScopes ?? []);
    const added = [...to].filter((s) => !from.has(s)).sort(compareScopes);
    const removed = toScopes ? [...from].filter((s) => !to.has(s)).sort(compareScopes) : [];
    const kept = [...to].filter((s) => from.has(s)).sort(compareScopes);
    if (added.length || removed.length || !before || !after) lines.push({ field: "scopes", added, removed, kept });
  }
  const fromIps = strings(before?.ipsWhitelist);
  const toIps = strings(after?.ipsWhitelist);
  if ((fromIps || toIps) && (!before || !after || (toIps && !same(fromIps, toIps)))) {
    lines.push({ field: "ips", from: before ? fromIps : null, to: after ? toIps : null });
  }
  const fromExpiry = instant(before?.expiresAt);
  const toExpiry = instant(after?.expiresAt);
  const hasExpiry = (s: Snapshot) => !!s && "expiresAt" in s;
  if ((hasExpiry(before) || hasExpiry(after)) && (!before || !after || (hasExpiry(after) && fromExpiry !== toExpiry))) {
    lines.push({ field: "expiry", from: before ? fromExpiry : undefined, to: after ? toExpiry : undefined });
  }
  const fromBoundaries = boundariesText(before);
  const toBoundaries = boundariesText(after);
  if ((fromBoundaries !== null || toBoundaries !== null) && fromBoundaries !== toBoundaries) {
    lines.push({ field: "boundaries", from: fromBoundaries, to: toBoundaries });
  }
  return lines;
}

const scopeLabel = (name: string) => describeScope(name).label;
const ipList = (ips: string[] | null) => (ips === null ? "—" : ips.length ? ips.join(", ") : "any IP");
const expiry = (iso: string | null | undefined) => (iso === undefined ? "—" : iso === null ? "never" : iso);

/** One line of plain text per change, for the CSV (and screen readers). */
export function changeText(lines: ChangeLine[]): string {
  return lines
    .map((line) => {
      switch (line.field) {
        case "scopes": {
          const parts = [
            ...line.added.map((s) => `+${scopeLabel(s)}`),
            ...line.removed.map((s) => `−${scopeLabel(s)}`),
            ...(line.added.length || line.removed.length ? [] : line.kept.map(scopeLabel)),
          ];
          return `Scopes: ${parts.join(", ") || "none"}`;
        }
        case "ips":
          return `IPs: ${ipList(line.from)} → ${ipList(line.to)}`;
        case "expiry":
          return `Expiry: ${expiry(line.from)} → ${expiry(line.to)}`;
        case "boundaries":
          return line.from === null ? `Boundaries: ${line.to ?? "none"}` : `Boundaries: ${line.from} → ${line.to ?? "—"}`;
      }
    })
    .join("; ");
}
