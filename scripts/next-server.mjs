// Runs Next behind a thin node:http server so the console knows who is calling.
// Next fills X-Forwarded-For from the socket only when the header is absent, so
// a caller could claim any address. Unless the operator vouches for a reverse
// proxy (TRUST_PROXY=1), the forwarding headers a caller sent are dropped here
// and Next sets them from the real connection.
// It also answers the /api requests Next would answer with a 500 or an empty
// 405 (see api-guard.mjs), so every /api answer is JSON.
import { createServer } from "node:http";
import next from "next";
import { ROUTE_METHODS, isApiPath, malformedPath, methodNotAllowed, notFound, undecodable } from "./api-guard.mjs";

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

export async function startNextServer({ dev, port, hostname, trustProxy }) {
  const app = next({ dev, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

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

  /** Next's empty 405 becomes the JSON error with an Allow header. */
  function jsonFor405(req, res) {
    const end = res.end;
    res.end = function (chunk, ...rest) {
      if (res.statusCode !== 405 || res.headersSent || (chunk && chunk.length)) return end.call(this, chunk, ...rest);
      res.end = end;
      allowedMethods(req.url).then((allow) => {
        const answer = methodNotAllowed(allow);
        for (const [k, v] of Object.entries(answer.headers)) res.setHeader(k, v);
        end.call(res, answer.body);
      });
      return res;
    };
  }

  const server = createServer((req, res) => {
    if (!trustProxy) for (const h of FORWARDING_HEADERS) delete req.headers[h];
    const rawPath = req.url ?? "/";
    if (isApiPath(rawPath)) {
      if (undecodable(rawPath)) return send(res, malformedPath());
      if (!ROUTE_METHODS.has(req.method)) {
        return void allowedMethods(rawPath).then((allow) => send(res, allow ? methodNotAllowed(allow) : notFound()));
      }
      jsonFor405(req, res);
    }
    handle(req, res);
  });
  server.on("upgrade", (req, socket, head) => upgrade(req, socket, head));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  return {
    close: () => new Promise((resolve) => server.close(() => app.close().then(resolve, resolve))),
  };
}
