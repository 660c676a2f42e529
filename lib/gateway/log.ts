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

/** Held lines are written once they reach this size… */
const FLUSH_BYTES = 16 * 1024;
/** …or once the oldest has waited this long. */
const FLUSH_MS = 50;

/**
 * Stdout, in chunks: a write to a pipe or a terminal is a blocking system call in
 * Node, so one per request (or one per turn of the event loop, which under load is
 * still one per few requests) cost the gateway a tenth of its CPU. Lines are held
 * until 16 KiB have gathered or 50 ms have passed, and go out in one write (below
 * the 64 KiB a pipe holds, so a reader that is a little behind does not block the
 * gateway). What is still held when the process exits is written then.
 */
function stdoutInChunks(): (line: string) => void {
  let held: string[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (held.length === 0) return;
    const text = held.join("");
    held = [];
    size = 0;
    process.stdout.write(text);
  };
  process.once("exit", flush);
  return (line) => {
    held.push(line);
    size += line.length;
    if (size >= FLUSH_BYTES) flush();
    else if (!timer) {
      timer = setTimeout(flush, FLUSH_MS);
      // Never what keeps a finished process alive: exit writes what is held.
      timer.unref();
    }
  };
}

/** A log that writes each entry as one JSON line (to stdout unless told otherwise). */
export function jsonLinesLog(write: (line: string) => void = stdoutInChunks()): GatewayLog {
  return (entry) => {
    // Member by member (one line per request: the object spread and the walk of a whole
    // JSON.stringify were a few percent of the gateway's CPU); every value still goes
    // through JSON.stringify, so quoting and escaping are its own.
    let line = `{"at":"${new Date().toISOString()}","source":"gateway","method":${JSON.stringify(entry.method)},"operation":${JSON.stringify(entry.operation)}`;
    line += `,"status":${JSON.stringify(entry.status)},"latencyMs":${JSON.stringify(entry.latencyMs)},"requestId":${JSON.stringify(entry.requestId)}`;
    line += `,"userTokenId":${JSON.stringify(entry.userTokenId)}`;
    if (entry.refusal !== undefined) line += `,"refusal":${JSON.stringify(entry.refusal)}`;
    write(`${line}}\n`);
  };
}
