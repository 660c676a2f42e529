// Runs Next behind a thin node:http server so the console knows who is calling.
// Next fills X-Forwarded-For from the socket only when the header is absent, so
// a caller could claim any address. Unless the operator vouches for a reverse
// proxy (TRUST_PROXY=1), the forwarding headers a caller sent are dropped here
// and Next sets them from the real connection.
import { createServer } from "node:http";
import next from "next";

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
  const server = createServer((req, res) => {
    if (!trustProxy) for (const h of FORWARDING_HEADERS) delete req.headers[h];
    prepared.then(
      ({ handle }) => handle(req, res),
      () => {
        res.statusCode = 503;
        res.end();
      },
    );
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
