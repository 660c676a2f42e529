/**
 * HTTP load and sessions for the app-level benchmarks: autocannon for
 * requests/second at a fixed concurrency, and a signed-in session cookie for
 * the console (POST /api/session, as the login form does).
 */
import autocannon from "autocannon";
import { gzipSync } from "node:zlib";

export const CONCURRENCY = 16;

export type Throughput = { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };

/** Requests per second at CONCURRENCY, after a short warm-up that is not counted. */
export async function throughput(url: string, options: { cookie?: string; seconds?: number } = {}): Promise<Throughput> {
  const headers = options.cookie ? { cookie: options.cookie } : undefined;
  await autocannon({ url, connections: CONCURRENCY, duration: 2, headers });
  const result = await autocannon({ url, connections: CONCURRENCY, duration: options.seconds ?? 8, headers });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Signs in as the sandbox's alice (or another key) and returns the session cookie. */
export async function signIn(baseUrl: string, userKey = "sandbox-alice", apiKey?: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(apiKey ? { userKey, apiKey } : { userKey }),
  });
  if (res.status !== 204) throw new Error(`sign-in at ${baseUrl} answered ${res.status}: ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (!cookies.length) throw new Error("sign-in set no cookie");
  return cookies.join("; ");
}

/** The size of one JSON answer, raw and gzipped (what a browser would download). */
export async function bodySize(url: string, cookie: string): Promise<{ status: number; bytes: number; gzipBytes: number }> {
  const res = await fetch(url, { headers: { cookie } });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, bytes: body.byteLength, gzipBytes: gzipSync(body).byteLength };
}
