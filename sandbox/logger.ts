/**
 * Request log: one line per API request with method, path, status, time and request id.
 * It never sees headers or bodies, so it cannot print a user key, API key or secret.
 */

export interface RequestLogLine {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId?: string;
}

export type RequestLogger = (line: RequestLogLine) => void;

export function createRequestLogger(enabled: boolean, write: (text: string) => void = console.log): RequestLogger {
  if (!enabled) return () => {};
  return ({ method, path, status, durationMs, requestId }) =>
    write(`[sandbox] ${method} ${path} ${status} ${durationMs}ms${requestId ? ` request-id=${requestId}` : ""}`);
}
