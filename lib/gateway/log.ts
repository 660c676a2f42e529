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

/**
 * Stdout, a turn of the event loop at a time: a write to a pipe or a terminal is
 * a blocking system call in Node, so one per request would cost the gateway a
 * tenth of its throughput; the lines of one turn go out in one write instead. What
 * is still held when the process exits is written then.
 */
function stdoutByTurn(): (line: string) => void {
  let held: string[] = [];
  const flush = () => {
    if (held.length === 0) return;
    const text = held.join("");
    held = [];
    process.stdout.write(text);
  };
  process.once("exit", flush);
  return (line) => {
    if (held.push(line) === 1) setImmediate(flush);
  };
}

/** A log that writes each entry as one JSON line (to stdout unless told otherwise). */
export function jsonLinesLog(write: (line: string) => void = stdoutByTurn()): GatewayLog {
  return (entry) => {
    write(`${JSON.stringify({ at: new Date().toISOString(), source: "gateway", ...entry })}\n`);
  };
}
