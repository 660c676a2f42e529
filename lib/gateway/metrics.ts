/**
 * The gateway's Prometheus metrics, in a registry of their own (never the global
 * one, so several gateways in one process, or the tests, never share counts).
 * Labels are operation ids, status classes and refusal reasons: a closed set
 * from the spec and this code, never a token, key, address or raw path.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type RefusalReason =
  | "not-allowed"
  | "bad-request-id"
  | "no-user-key"
  | "no-api-key"
  | "unknown-token"
  | "throttled"
  | "policy"
  | "body-too-large"
  | "bad-content-type"
  | "bad-body"
  | "bad-request"
  | "upstream-unavailable"
  | "upstream-timeout"
  | "upstream-redirect"
  | "state-unavailable"
  | "internal";

/** The label for requests that matched no operation. */
export const UNMATCHED = "unmatched";

export type GatewayMetrics = {
  registry: Registry;
  /** Counts one answered request and its latency. */
  observe(operationId: string, status: number, seconds: number): void;
  refused(reason: RefusalReason): void;
};

const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"] as const;

export function createGatewayMetrics(options: { operationIds: readonly string[]; usagePending: () => number; usageDropped: () => number }): GatewayMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: "gateway_requests_total",
    help: "Requests answered by the gateway, by eToro operation and status class.",
    labelNames: ["operation", "status_class"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "gateway_request_duration_seconds",
    help: "Time from a request's arrival to the end of its answer, upstream time included.",
    labelNames: ["operation"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const refusals = new Counter({
    name: "gateway_refusals_total",
    help: "Requests the gateway refused itself, by reason.",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "gateway_usage_rows_pending",
    help: "Usage records waiting to be written to the database.",
    registers: [registry],
    collect() {
      this.set(options.usagePending());
    },
  });
  new Gauge({
    name: "gateway_usage_rows_dropped",
    help: "Usage records dropped since start because the buffer was full.",
    registers: [registry],
    collect() {
      this.set(options.usageDropped());
    },
  });

  // Children bound up front, so the request path does no label hashing.
  const children = new Map<string, { latency: ReturnType<typeof latency.labels>; byClass: ReturnType<typeof requests.labels>[] }>();
  for (const operation of [...options.operationIds, UNMATCHED]) {
    children.set(operation, {
      latency: latency.labels(operation),
      byClass: STATUS_CLASSES.map((statusClass) => requests.labels(operation, statusClass)),
    });
  }
  const unmatched = children.get(UNMATCHED)!;

  return {
    registry,
    observe(operationId, status, seconds) {
      const child = children.get(operationId) ?? unmatched;
      child.latency.observe(seconds);
      child.byClass[Math.min(4, Math.max(0, Math.floor(status / 100) - 1))].inc();
    },
    refused(reason) {
      refusals.labels(reason).inc();
    },
  };
}
