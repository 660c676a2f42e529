/**
 * A tiny fetch helper for tests that talk to the sandbox (or anything serving the
 * contract). Every API response it sees is checked against lib/etoro/openapi.json in
 * strict mode (no undeclared properties, errors carry errorCode + errorMessage); a
 * mismatch throws, so a test cannot pass on an off-contract answer.
 *
 *   call(sandbox, method, path, { userKey?, apiKey?, body?, rawBody?, requestId?, headers?, validate? })
 *     → { status, headers, body, text }
 *   control(sandbox, method, path, body?)  → { status, body }      (/__sandbox/*, not validated)
 *   testSandboxOptions(overrides?)          options for startSandbox: port 0, default keys, no quota
 *
 * Defaults: api key "sandbox-api-key", user key "sandbox-alice", a fresh UUID x-request-id
 * (`requestId: null` sends none). `body` is sent as JSON; `rawBody` as-is.
 */
import { randomUUID } from "node:crypto";
import type { SandboxOptions } from "../../sandbox/server";

export const TEST_API_KEY = "sandbox-api-key";
export const ALICE = "sandbox-alice";
export const BOB = "sandbox-bob";

/** Sandbox options for tests: random port, the default keys, no quota, no log, hand-written seed. */
export function testSandboxOptions(overrides: SandboxOptions = {}): SandboxOptions {
  return {
    port: 0,
    host: "127.0.0.1",
    apiKey: TEST_API_KEY,
    userKeys: [ALICE, BOB],
    rateLimit: 0,
    seedPortfolios: null,
    log: false,
    ...overrides,
  };
}

export interface Target {
  url: string;
}

export interface CallOptions {
  userKey?: string;
  apiKey?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent verbatim (for invalid-JSON tests); wins over `body`. */
  rawBody?: string;
  /** undefined = a fresh UUID; null = no x-request-id header. */
  requestId?: string | null;
  headers?: Record<string, string>;
  /** false skips the spec check (only for deliberately broken answers, e.g. the malformed fault). */
  validate?: boolean;
}

// Bodies are `any` on purpose: tests read them freely, and each one has passed the spec check first.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface CallResult<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON; undefined for an empty body (or unparseable text with validate: false). */
  body: T;
  text: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call<T = any>(
  target: Target,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = {
    "x-api-key": options.apiKey ?? TEST_API_KEY,
    "x-user-key": options.userKey ?? ALICE,
    ...options.headers,
  };
  if (options.requestId !== null) headers["x-request-id"] = options.requestId ?? randomUUID();
  let payload: string | undefined;
  if (options.rawBody !== undefined) payload = options.rawBody;
  else if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers["content-type"] = "application/json";

  const response = await fetch(`${target.url}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let body: unknown;
  let parsed = true;
  if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      parsed = false;
    }
  }

  if (options.validate !== false) {
    const where = `${method.toUpperCase()} ${path} → ${response.status}`;
    if (!parsed) throw new Error(`${where}: the body is not JSON: ${text.slice(0, 200)}`);
    // Loaded on first use: ajv and the two compiled contracts cost about half a second
    // per test file, and most files that start a sandbox never call() it.
    const { matchPathTemplate, validateResponse } = await import("./spec-validator");
    const template = matchPathTemplate(path) ?? path.split("?")[0];
    const result = validateResponse(method, template, response.status, body, { strict: true });
    if (!result.valid) throw new Error(`${where} does not match the spec: ${result.errors}`);
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function control<T = any>(
  target: Target,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${target.url}${path}`, {
    method,
    // The control API refuses requests without it (a web page cannot send it).
    headers: body === undefined ? { "x-sandbox-control": "1" } : { "x-sandbox-control": "1", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === "" ? undefined : JSON.parse(text)) as T };
}
