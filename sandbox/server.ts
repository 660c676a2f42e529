/**
 * The eToro sandbox: a stateful emulator of lib/etoro/openapi.json (agent portfolios) and
 * lib/etoro/trading-openapi.json (the trading an agent does) over real HTTP (node:http
 * only). `/api/*` is the contract; `/__sandbox/*` is the control API.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleApiRequest } from "./api-pipeline";
import { Authenticator } from "./auth";
import { resolveConfig, type SandboxOptions } from "./config";
import { handleControlRequest, type ResetSeed } from "./control-api";
import { apiErrors } from "./errors";
import { FaultRegistry } from "./faults";
import { readBody, sendError } from "./http";
import { createRequestLogger } from "./logger";
import { RateLimiter } from "./rate-limit";
import { createApiRouter } from "./routes";
import { seedStore } from "./seed";
import { RequestStats } from "./stats";
import { SandboxStore } from "./store";
import { TradingDesk } from "./trading/accounts";

export type { SandboxOptions } from "./config";

export interface StartOptions extends SandboxOptions {
  /** Milliseconds since the epoch; tests pass their own to make rates and expiry deterministic. Default Date.now. */
  clock?: () => number;
}

export interface RunningSandbox {
  /** e.g. "http://127.0.0.1:4010" (no trailing slash). */
  url: string;
  port: number;
  /** Stops listening, drops open connections; safe to call twice. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** Starts a sandbox; options win over SANDBOX_* env, which wins over the defaults. */
export async function startSandbox(options: StartOptions = {}): Promise<RunningSandbox> {
  const { clock = Date.now, ...sandboxOptions } = options;
  const config = resolveConfig(sandboxOptions);
  const store = new SandboxStore(config.userKeys);
  const desk = new TradingDesk();
  const limiter = new RateLimiter(config.rateLimit, config.quotaWindowMs);
  const stats = new RequestStats();
  const faults = new FaultRegistry();
  const auth = new Authenticator(config.apiKey, config.userKeys);
  const router = createApiRouter();
  const log = createRequestLogger(config.log);

  const reset = (seed?: ResetSeed) => {
    const generated = seed?.seedPortfolios ?? config.seedPortfolios;
    seedStore(store, { userKey: config.userKeys[0], generatedPortfolios: generated, tokensPerPortfolio: seed?.seedTokens ?? config.seedTokens });
    desk.clear();
    faults.clear();
    limiter.reset();
    stats.reset();
  };
  reset();

  const pendingSleeps = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pendingSleeps.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pendingSleeps.add(done);
    });
  const onUnexpectedError = (error: unknown) => {
    console.error(`[sandbox] unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const pathname = (req.url ?? "/").split("?")[0] || "/";
    let status = 500;
    try {
      const rawBody = await readBody(req);
      if (rawBody.aborted) return;
      if (isUnder(pathname, "/__sandbox")) {
        status = handleControlRequest(req, res, pathname, rawBody, { faults, stats, reset });
      } else if (isUnder(pathname, "/api")) {
        status = await handleApiRequest(req, res, pathname, rawBody, {
          auth,
          limiter,
          stats,
          faults,
          store,
          desk,
          clock,
          router,
          sleep,
          onUnexpectedError,
        });
      } else {
        status = 404;
        sendError(res, apiErrors.routeNotFound());
      }
    } catch (error) {
      onUnexpectedError(error);
      sendError(res, apiErrors.unhandled());
    }
    const requestId = req.headers["x-request-id"];
    log({
      method: req.method ?? "GET",
      path: pathname,
      status,
      durationMs: Math.round(performance.now() - started),
      requestId: typeof requestId === "string" ? requestId : undefined,
    });
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(config.port, config.host, () => {
      server.off("error", onError);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(config.host)}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const wake of [...pendingSleeps]) wake();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
