import type { Server } from "node:http";

// Who closes an idle keep-alive connection first matters: a client that sends its
// next request on a socket the server is closing at that moment gets a reset (a
// 502 from a load balancer, ECONNRESET for an agent's pooled connection). Node's
// default of 5 s makes the server close first for almost every client; 65 s
// outlasts the usual proxies' idle timeouts (60 s by default on AWS ALB and for
// nginx's upstream connections), so they, not we, end a quiet connection.
export const KEEP_ALIVE_SECONDS = 65;

export function keepIdleConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_SECONDS * 1_000;
}
