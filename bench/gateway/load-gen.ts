/**
 * The gateway bench's load generator, run as its own process so its work is not
 * counted against the server it measures: `connections` keep-alive connections
 * (an undici Pool, no pipelining), each sending one request after another.
 *
 * Closed loop (no `rate`): each connection sends its next request when the last
 * answered, for `durationMs` or until `requests` have been sent. Open loop (`rate`
 * requests/s over all connections): each request has a planned start and its
 * latency is counted from that plan, so a stalled server is not hidden by requests
 * that were never sent (coordinated omission). Every request started is awaited, so
 * "sent" is exactly the number the server answered. Forked by the bench it takes
 * one run per IPC message; from a shell it prints one JSON line.
 *
 *   tsx bench/gateway/load-gen.ts '{"url":…,"method":"GET","headers":{…},"connections":50,"durationMs":5000}'
 */
import { randomUUID } from "node:crypto";
import { Pool } from "undici";

export type LoadSpec = {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  /** When given, request i sends headerSets[i % length] instead of `headers` (e.g. several tokens). */
  headerSets?: Record<string, string>[];
  body?: string;
  connections: number;
  durationMs?: number;
  requests?: number;
  /** Requests per second over all connections (open loop); closed loop when absent. */
  rate?: number;
  /** A fresh x-request-id per request (eToro de-duplicates on it). */
  requestIds?: boolean;
};

export type LoadResult = {
  sent: number;
  durationMs: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<string, number>;
  errors: number;
};

function percentileOf(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const target = new URL(spec.url);
  const path = `${target.pathname}${target.search}`;
  const pool = new Pool(target.origin, { connections: spec.connections, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  const limit = spec.requests ?? Number.POSITIVE_INFINITY;
  const started = performance.now();
  const deadline = spec.durationMs === undefined ? Number.POSITIVE_INFINITY : started + spec.durationMs;
  const more = () => sent < limit && performance.now() < deadline;

  async function once(plannedAt: number): Promise<void> {
    const base = spec.headerSets ? spec.headerSets[sent % spec.headerSets.length] : spec.headers;
    sent += 1;
    const headers = spec.requestIds ? { ...base, "x-request-id": randomUUID() } : base;
    try {
      const res = await pool.request({ path, method: spec.method, headers, body: spec.body });
      await res.body.dump({ limit: Number.POSITIVE_INFINITY }).catch(() => res.body.text());
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    } catch {
      errors += 1;
    }
    latencies.push(performance.now() - plannedAt);
  }

  const perConnectionGapMs = spec.rate ? (1000 * spec.connections) / spec.rate : 0;
  async function connection(index: number): Promise<void> {
    let planned = started + (perConnectionGapMs * index) / spec.connections;
    while (more()) {
      if (spec.rate) {
        const wait = planned - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (!more()) return;
        await once(planned);
        planned += perConnectionGapMs;
      } else {
        await once(performance.now());
      }
    }
  }
  await Promise.all(Array.from({ length: spec.connections }, (_, i) => connection(i)));
  const durationMs = performance.now() - started;
  await pool.close();
  const sorted = Float64Array.from(latencies).sort();
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    sent,
    durationMs: Math.round(durationMs),
    rps: Math.round((sent / durationMs) * 1000),
    p50Ms: r3(percentileOf(sorted, 50)),
    p90Ms: r3(percentileOf(sorted, 90)),
    p99Ms: r3(percentileOf(sorted, 99)),
    maxMs: r3(sorted.at(-1) ?? Number.NaN),
    statuses,
    errors,
  };
}

if (process.send) {
  // Forked by the bench: one run per message, in this one warm process.
  process.on("message", (message: { id: number; spec: LoadSpec }) => {
    void run(message.spec).then((result) => process.send!({ id: message.id, result }));
  });
  process.on("disconnect", () => process.exit(0));
} else {
  process.stdout.write(`${JSON.stringify(await run(JSON.parse(process.argv[2] ?? "{}") as LoadSpec))}\n`);
}
