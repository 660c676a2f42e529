import { changeLines, changeText, type ChangeLine } from "@/lib/domain/audit-change";
import { describeScope } from "@/lib/domain/scopes";
import type { LedgerSnapshot } from "@/lib/db/schema";
import { formatUtc } from "@/lib/format";
import { approvalSummary } from "./approval-summary";
import { jobSummary } from "./job-summary";

const ips = (list: string[] | null) => (list === null ? "—" : list.length ? list.join(", ") : "any IP");
const expiry = (iso: string | null | undefined) => (iso === undefined ? "—" : iso === null ? "never" : formatUtc(iso));

function Line({ line }: { line: ChangeLine }) {
  switch (line.field) {
    case "scopes":
      return (
        <li>
          <span className="text-muted-foreground">Scopes: </span>
          {line.added.map((s) => (
            <ins key={s} className="mr-1 text-emerald-700 no-underline dark:text-emerald-400" title={s}>
              +{describeScope(s).label}
            </ins>
          ))}
          {line.removed.map((s) => (
            <del key={s} className="mr-1 text-destructive" title={s}>
              −{describeScope(s).label}
            </del>
          ))}
          {!line.added.length && !line.removed.length && (line.kept.map((s) => describeScope(s).label).join(", ") || "none")}
        </li>
      );
    case "ips":
      return (
        <li>
          <span className="text-muted-foreground">IPs: </span>
          {ips(line.from)} → {ips(line.to)}
        </li>
      );
    case "expiry":
      return (
        <li>
          <span className="text-muted-foreground">Expiry: </span>
          {expiry(line.from)} → {expiry(line.to)}
        </li>
      );
    case "boundaries":
      return (
        <li>
          <span className="text-muted-foreground">Boundaries: </span>
          {line.from === null ? line.to : `${line.from} → ${line.to ?? "—"}`}
        </li>
      );
  }
}

/** before → after in words: scopes added (+) and removed (−), IPs and expiry as they changed. */
export function ChangeCell({ before, after }: { before: LedgerSnapshot | null; after: LedgerSnapshot | null }) {
  const lines = changeLines(before, after);
  if (!lines.length) return <span className="text-muted-foreground">{jobSummary(after) ?? approvalSummary(after) ?? "—"}</span>;
  return (
    <ul className="space-y-0.5" aria-label={changeText(lines)}>
      {lines.map((line) => (
        <Line key={line.field} line={line} />
      ))}
    </ul>
  );
}
