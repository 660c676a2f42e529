/**
 * One JSON line per gateway request. The entry type has no place for a token,
 * a key or a header: only what identifies the request (its id, the operation,
 * the token's id) and how it went. Off unless a sink is given.
 */
export type GatewayLogEntry = {
  method: string;
  operation: string;
  status: number;
  latencyMs: number;
  requestId: string | null;
  userTokenId: string | null;
  /** Why the gateway refused it, when it did. */
  refusal?: string;
};

export type GatewayLog = (entry: GatewayLogEntry) => void;

/** A log that writes each entry as one JSON line (to stdout unless told otherwise). */
export function jsonLinesLog(write: (line: string) => void = (line) => process.stdout.write(line)): GatewayLog {
  return (entry) => {
    write(`${JSON.stringify({ at: new Date().toISOString(), source: "gateway", ...entry })}\n`);
  };
}
