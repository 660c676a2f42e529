// The console: Next behind a thin node:http server so the console knows who is
// calling. Next fills X-Forwarded-For from the socket only when the header is
// absent, so a caller could claim any address. Unless the operator vouches for a
// reverse proxy (TRUST_PROXY=1), the forwarding headers a caller sent are dropped
// here and Next sets them from the real connection.
// It also answers what Next would answer with a 500 (an undecodable path, an
// unknown method: own-answers.ts), and turns Next's empty 405 on /api into the
// JSON error, so every /api answer is JSON and no path gets a 500.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { keepIdleConnectionsOpen } from "./keep-alive";
import {
  ROUTE_METHODS,
  badRequest,
  isApiPath,
  malformedApiPath,
  malformedPagePath,
  malformedPath,
  methodNotAllowed,
  notFound,
  pageMethodNotAllowed,
  undecodable,
  type OwnAnswer,
} from "./own-answers";

export const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export type ConsoleServer = { close: () => Promise<void> };

/** The agent gateway (lib/gateway/console-gateway.ts): served before Next, with no session, CSRF check or cookie. */
export type GatewayMount = { owns(url: string): boolean; handle(req: IncomingMessage, res: ServerResponse): void };

/**
 * Binds the port FIRST, then prepares Next (which opens the ledger through
 * instrumentation.ts): a second server on a taken port stops before touching the
 * ledger. Requests arriving while Next prepares wait for it.
 */
export async function startConsoleServer(options: {
  dev: boolean;
  port: number;
  hostname: string | undefined;
  trustProxy: boolean;
  gateway?: GatewayMount;
}): Promise<ConsoleServer> {
  const { dev, port, hostname, trustProxy, gateway } = options;
  let ready!: { resolve: (v: { handle: Handle }) => void; reject: (e: unknown) => void };
  const prepared = new Promise<{ handle: Handle }>((resolve, reject) => (ready = { resolve, reject }));
  prepared.catch(() => undefined);

  /** The methods a route exports, from Next's own OPTIONS answer (its Allow header); null for no route. */
  async function allowedMethods(rawPath: string): Promise<string | null> {
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${rawPath}`, { method: "OPTIONS", signal: AbortSignal.timeout(5_000) });
      return res.status === 204 ? res.headers.get("allow") : null;
    } catch {
      return null;
    }
  }

  function send(res: ServerResponse, answer: OwnAnswer) {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  /**
   * Next's empty 405 becomes the JSON error with an Allow header. Next may send its
   * headers before the (empty) body, so from the moment it sets 405 everything it
   * writes is held back and the JSON answer goes out at the end instead.
   */
  function jsonFor405(req: IncomingMessage, res: ServerResponse) {
    const { writeHead, flushHeaders, write, end } = res;
    const is405 = () => res.statusCode === 405;
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      if (status !== 405) return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest);
      res.statusCode = 405;
      const headers = rest.find((r): r is Record<string, string> => !!r && typeof r === "object");
      for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
      return res;
    } as ServerResponse["writeHead"];
    res.flushHeaders = function (this: ServerResponse) {
      if (!is405()) flushHeaders.call(this);
    };
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      if (!is405()) return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
      (rest.find((r) => typeof r === "function") as (() => void) | undefined)?.();
      return true;
    } as ServerResponse["write"];
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      if (!is405()) return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
      Object.assign(res, { writeHead, flushHeaders, write, end });
      void allowedMethods(req.url ?? "/").then((allow) => {
        const answer = methodNotAllowed(allow);
        res.removeHeader("transfer-encoding");
        (writeHead as (...a: unknown[]) => ServerResponse).call(res, 405, answer.headers);
        (end as (...a: unknown[]) => ServerResponse).call(res, answer.body);
      });
      return res;
    } as ServerResponse["end"];
  }

  /** Every /api answer is JSON, and no path gets Next's 500 for what it cannot read. */
  function serve(req: IncomingMessage, res: ServerResponse, handle: Handle) {
    const rawPath = req.url ?? "/";
    const method = req.method ?? "GET";
    if (isApiPath(rawPath)) {
      if (malformedApiPath(rawPath)) return send(res, malformedPath());
      if (!ROUTE_METHODS.has(method)) {
        return void allowedMethods(rawPath).then((allow) => send(res, allow ? methodNotAllowed(allow) : notFound()));
      }
      jsonFor405(req, res);
      // Every /api answer is private; routes set this too, this covers Next's own (OPTIONS, HEAD).
      res.setHeader("Cache-Control", "no-store, max-age=0");
    } else {
      if (undecodable(rawPath)) return send(res, malformedPagePath());
      if (!ROUTE_METHODS.has(method)) return send(res, pageMethodNotAllowed());
    }
    void handle(req, res);
  }

  const server = createServer((req, res) => {
    if (!trustProxy) for (const h of FORWARDING_HEADERS) delete req.headers[h];
    if (gateway?.owns(req.url ?? "")) return gateway.handle(req, res);
    prepared.then(
      ({ handle }) => serve(req, res, handle),
      () => {
        res.statusCode = 503;
        res.end();
      },
    );
  });
  keepIdleConnectionsOpen(server);
  // What Node's HTTP parser cannot read (a method it does not know, a broken header)
  // never reaches Next; it too gets the JSON error instead of Node's bare 400.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === "ECONNRESET") return socket.destroy();
    const answer = badRequest();
    const head = Object.entries({ ...answer.headers, Connection: "close" }).map(([k, v]) => `${k}: ${v}\r\n`).join("");
    socket.end(`HTTP/1.1 ${answer.status} Bad Request\r\n${head}\r\n${answer.body}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  const app = next({ dev, hostname, port });
  try {
    await app.prepare();
  } catch (e) {
    ready.reject(e);
    await new Promise((resolve) => server.close(resolve));
    throw e;
  }
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => upgrade(req, socket, head));
  ready.resolve({ handle });
  return {
    close: () => new Promise<void>((resolve) => server.close(() => app.close().then(resolve, resolve))),
  };
}
