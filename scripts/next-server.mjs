// Runs Next behind a thin node:http server so the console knows who is calling.
// Next fills X-Forwarded-For from the socket only when the header is absent, so
// a caller could claim any address. Unless the operator vouches for a reverse
// proxy (TRUST_PROXY=1), the forwarding headers a caller sent are dropped here
// and Next sets them from the real connection.
// It also answers the /api requests Next would answer with a 500 or an empty
// 405 (see api-guard.mjs), so every /api answer is JSON.
import { createServer } from "node:http";
import next from "next";
import { ROUTE_METHODS, badRequest, isApiPath, malformed, malformedPath, methodNotAllowed, notFound } from "./api-guard.mjs";

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/**
 * Binds the port FIRST, then prepares Next (which opens the ledger through
 * instrumentation.ts): a second server on a taken port stops before touching the
 * ledger. Requests arriving while Next prepares wait for it.
 */
export async function startNextServer({ dev, port, hostname, trustProxy }) {
  let ready;
  const prepared = new Promise((resolve, reject) => (ready = { resolve, reject }));
  prepared.catch(() => undefined);

  /** The methods a route exports, from Next's own OPTIONS answer (its Allow header); null for no route. */
  async function allowedMethods(rawPath) {
    try {
      const res = await fetch(`http://127.0.0.1:${server.address().port}${rawPath}`, { method: "OPTIONS", signal: AbortSignal.timeout(5_000) });
      return res.status === 204 ? res.headers.get("allow") : null;
    } catch {
      return null;
    }
  }

  function send(res, answer) {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  /**
   * Next's empty 405 becomes the JSON error with an Allow header. Next may send its
   * headers before the (empty) body, so from the moment it sets 405 everything it
   * writes is held back and the JSON answer goes out at the end instead.
   */
  function jsonFor405(req, res) {
    const { writeHead, flushHeaders, write, end } = res;
    const is405 = () => res.statusCode === 405;
    res.writeHead = function (status, ...rest) {
      if (status !== 405) return writeHead.call(this, status, ...rest);
      res.statusCode = 405;
      const headers = rest.find((r) => r && typeof r === "object");
      for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
      return res;
    };
    res.flushHeaders = function () {
      if (!is405()) return flushHeaders.call(this);
    };
    res.write = function (chunk, ...rest) {
      if (!is405()) return write.call(this, chunk, ...rest);
      rest.find((r) => typeof r === "function")?.();
      return true;
    };
    res.end = function (...args) {
      if (!is405()) return end.apply(this, args);
      Object.assign(res, { writeHead, flushHeaders, write, end });
      allowedMethods(req.url).then((allow) => {
        const answer = methodNotAllowed(allow);
        res.removeHeader("transfer-encoding");
        writeHead.call(res, 405, answer.headers);
        end.call(res, answer.body);
      });
      return res;
    };
  }

  /** Every /api answer is JSON: undecodable paths, unknown methods and Next's empty 405s are answered here. */
  function serve(req, res, handle) {
    const rawPath = req.url ?? "/";
    if (isApiPath(rawPath)) {
      if (malformed(rawPath)) return send(res, malformedPath());
      if (!ROUTE_METHODS.has(req.method)) {
        return void allowedMethods(rawPath).then((allow) => send(res, allow ? methodNotAllowed(allow) : notFound()));
      }
      jsonFor405(req, res);
      // Every /api answer is private; routes set this too, this covers Next's own (OPTIONS, HEAD).
      res.setHeader("Cache-Control", "no-store, max-age=0");
    }
    handle(req, res);
  }

  const server = createServer((req, res) => {
    if (!trustProxy) for (const h of FORWARDING_HEADERS) delete req.headers[h];
    prepared.then(
      ({ handle }) => serve(req, res, handle),
      () => {
        res.statusCode = 503;
        res.end();
      },
    );
  });
  // What Node's HTTP parser cannot read (a method it does not know, a broken header)
  // never reaches Next; it too gets the JSON error instead of Node's bare 400.
  server.on("clientError", (error, socket) => {
    if (!socket.writable || error.code === "ECONNRESET") return socket.destroy();
    const answer = badRequest();
    const head = Object.entries({ ...answer.headers, Connection: "close" }).map(([k, v]) => `${k}: ${v}\r\n`).join("");
    socket.end(`HTTP/1.1 ${answer.status} Bad Request\r\n${head}\r\n${answer.body}`);
  });
  await new Promise((resolve, reject) => {
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
    close: () => new Promise((resolve) => server.close(() => app.close().then(resolve, resolve))),
  };
}
