/**
 * A small trading agent, as a customer would write one: plain fetch against
 * eToro's trading API, pointed at the console's gateway instead of eToro.
 *
 *   ETORO_USER_KEY=<the minted token> npm run agent:example            # one round
 *   ETORO_USER_KEY=<…> npm run agent:example -- --loop --every 2       # a round every 2 s until stopped
 *
 * A round reads who the token is (/api/v1/me) and its demo portfolio, looks up
 * a rate, and places one demo order by amount with its own x-request-id (eToro
 * de-duplicates on it). Every answer is printed in words; a refusal prints
 * eToro's own error message.
 *
 * Settings (environment):
 *   ETORO_USER_KEY   required: the user token minted in the console
 *   ETORO_BASE_URL   default http://127.0.0.1:3000/gateway (the console's gateway; the sandbox by default)
 *   ETORO_API_KEY    optional: the gateway supplies the console's key when none is sent
 *   AGENT_INSTRUMENT_ID  default 1001 (AAPL in the sandbox)
 *   AGENT_AMOUNT_USD     default 10
 *
 * Exit codes: 0 all went as asked; 2 a refusal ended a single round; 1 something
 * unexpected (no answer, a 5xx, an answer that is not eToro's shape). In --loop
 * mode refusals are printed and the loop goes on (a frozen token still reads).
 */
import { randomUUID } from "node:crypto";

type Answer = { ok: true; status: number; body: unknown } | { ok: false; status: number; code: string; message: string };

class Unexpected extends Error {}

const settings = readSettings(process.argv.slice(2), process.env);

function readSettings(args: string[], env: NodeJS.ProcessEnv) {
  const userKey = env.ETORO_USER_KEY?.trim();
  if (!userKey) {
    console.error("ETORO_USER_KEY is not set: paste the token the console showed you once (Copy your token now).");
    process.exit(1);
  }
  const everyAt = args.indexOf("--every");
  const every = everyAt >= 0 ? Number(args[everyAt + 1]) : 5;
  if (!(every > 0)) {
    console.error("--every takes a number of seconds greater than 0, e.g. --every 2");
    process.exit(1);
  }
  const apiKey = env.ETORO_API_KEY?.trim();
  return {
    userKey,
    // Placeholders copied from the console's .env snippet count as "not set".
    apiKey: apiKey && !apiKey.startsWith("<") ? apiKey : null,
    baseUrl: (env.ETORO_BASE_URL?.trim() || "http://127.0.0.1:3000/gateway").replace(/\/+$/, ""),
    instrumentId: Number(env.AGENT_INSTRUMENT_ID || 1001),
    amount: Number(env.AGENT_AMOUNT_USD || 10),
    loop: args.includes("--loop"),
    everyMs: every * 1000,
  };
}

function say(line: string) {
  console.log(`${new Date().toISOString()} ${line}`);
}

async function call(method: "GET" | "POST", path: string, body?: unknown, requestId?: string): Promise<Answer> {
  const headers: Record<string, string> = { "x-user-key": settings.userKey };
  if (settings.apiKey) headers["x-api-key"] = settings.apiKey;
  if (requestId) headers["x-request-id"] = requestId;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(`${settings.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new Unexpected(`no answer from ${settings.baseUrl} (${(error as Error).message}): is the console running?`);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw new Unexpected(`${method} ${path} answered ${response.status} with something that is not JSON`);
  }
  if (response.ok) return { ok: true, status: response.status, body: parsed };
  if (response.status >= 500) throw new Unexpected(`${method} ${path} failed with ${response.status}: ${errorText(parsed)}`);
  const error = parsed as { errorCode?: string; errorMessage?: string } | null;
  return { ok: false, status: response.status, code: error?.errorCode ?? "Unknown", message: error?.errorMessage ?? errorText(parsed) };
}

function errorText(body: unknown): string {
  const error = body as { errorMessage?: string } | null;
  return error?.errorMessage ?? JSON.stringify(body);
}

const money = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** One round; true when nothing was refused. */
async function round(): Promise<boolean> {
  let clean = true;
  const refused = (what: string, answer: Extract<Answer, { ok: false }>) => {
    clean = false;
    say(`${what} refused (${answer.status} ${answer.code}): ${answer.message}`);
  };

  const me = await call("GET", "/api/v1/me");
  if (me.ok) {
    const who = me.body as { username?: string; gcid?: number };
    say(`me: ${who.username ?? "unknown"} (gcid ${who.gcid ?? "?"})`);
  } else refused("me", me);

  const portfolio = await call("GET", "/api/v1/trading/info/demo/portfolio");
  if (portfolio.ok) {
    const book = (portfolio.body as { clientPortfolio?: { positions?: unknown[]; credit?: number } }).clientPortfolio;
    say(`portfolio: ${book?.positions?.length ?? 0} open positions, ${money(book?.credit ?? 0)} available`);
  } else refused("portfolio", portfolio);

  const rates = await call("GET", `/api/v1/market-data/instruments/rates?instrumentIds=${settings.instrumentId}`);
  if (rates.ok) {
    const [rate] = (rates.body as { rates?: { ask?: number; bid?: number }[] }).rates ?? [];
    say(`rate: instrument ${settings.instrumentId} bid ${rate?.bid ?? "?"} ask ${rate?.ask ?? "?"}`);
  } else refused("rate", rates);

  const requestId = randomUUID();
  const order = await call(
    "POST",
    "/api/v1/trading/execution/demo/market-open-orders/by-amount",
    { InstrumentID: settings.instrumentId, IsBuy: true, Leverage: 1, Amount: settings.amount },
    requestId,
  );
  if (order.ok) {
    const placed = (order.body as { orderForOpen?: { orderID?: number } }).orderForOpen;
    say(`order placed: bought ${money(settings.amount)} of instrument ${settings.instrumentId}, order ${placed?.orderID ?? "?"} (request ${requestId})`);
  } else refused("order", order);
  return clean;
}

async function main() {
  say(`agent: calling ${settings.baseUrl}${settings.loop ? `, a round every ${settings.everyMs / 1000} s until stopped` : ""}`);
  if (!settings.loop) {
    process.exitCode = (await round()) ? 0 : 2;
    return;
  }
  let stopping = false;
  let wake = () => {};
  const stop = () => {
    stopping = true;
    wake();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  while (!stopping) {
    await round();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, settings.everyMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  say("agent: stopped");
}

main().catch((error: unknown) => {
  console.error(error instanceof Unexpected ? `unexpected: ${error.message}` : error);
  process.exit(1);
});
