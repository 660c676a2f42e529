import { request as httpRequest } from "node:http";

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * One HTTP request exactly as written: the path is sent byte for byte (no URL
 * normalisation, so `%ff` and `%` arrive as they are) and any method is allowed.
 */
export function raw(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    // A body always goes with its length: without one, a GET/HEAD body would be read as the next request.
    const length = body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) };
    const req = httpRequest({ hostname, port, method, path, headers: { host: `${hostname}:${port}`, ...length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The apc_session value a Set-Cookie list gives, or undefined. */
export function sessionCookieFrom(res: RawResponse): string | undefined {
  const set = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  const line = set.find((c) => c.startsWith("apc_session="));
  return line?.slice("apc_session=".length).split(";")[0];
}

/** True when the answer tells the browser to drop its session cookie. */
export function clearsSessionCookie(res: RawResponse): boolean {
  const set = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  return set.some((c) => /^apc_session=;/.test(c) && /(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c));
}

/** Signs in over HTTP and returns the session cookie's value. */
export async function signInRaw(baseUrl: string, userKey: string, extraHeaders: Record<string, string> = {}): Promise<string> {
  const res = await raw(baseUrl, "POST", "/api/session", { origin: baseUrl, "content-type": "application/json", ...extraHeaders }, JSON.stringify({ userKey }));
  if (res.status !== 204) throw new Error(`sign-in answered ${res.status}: ${res.body}`);
  const cookie = sessionCookieFrom(res);
  if (!cookie) throw new Error("sign-in set no session cookie");
  return cookie;
}
