// Runs Next behind a thin node:http server so the console knows who is calling.
// Next fills X-Forwarded-For from the socket only when the header is absent, so
// a caller could claim any address. Unless the operator vouches for a reverse
// proxy (TRUST_PROXY=1), the forwarding headers a caller sent are dropped here
// and Next sets them from the real connection.
import { createServer } from "node:http";
import next from "next";

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

export async function startNextServer({ dev, port, hostname, trustProxy }) {
  const app = next({ dev, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  const server = createServer((req, res) => {
    if (!trustProxy) for (const h of FORWARDING_HEADERS) delete req.headers[h];
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
