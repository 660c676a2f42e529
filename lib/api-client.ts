import { resolveRoute, type ParamsOf, type RequestOf, type ResponseOf, type RouteKey } from "@/lib/bff/contract";
import type { ApiErrorBody, SecretLost } from "@/lib/domain/types";

/** An error from the console's own API, as the browser sees it. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
    /** A timed-out mint or create that did happen: the token to revoke. */
    readonly secretLost?: SecretLost,
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

/** What a typed call takes besides the route: its path ids, its body, an abort signal (each only when the route has one). */
export type ApiCallInit<K extends RouteKey> = {
  signal?: AbortSignal;
  /** A query string (without "?") appended to the path, e.g. GET /api/tokens's filters. */
  query?: string;
} & (keyof ParamsOf<K> extends never
  ? { params?: undefined }
  : { params: ParamsOf<K> }) &
  ([RequestOf<K>] extends [never] ? { body?: undefined } : { body: RequestOf<K> });

/**
 * fetch for the BFF, the browser's one way to call it: same-origin JSON in and out,
 * errors as ApiClientError. Call it with a route of the contract
 * (lib/bff/contract.ts), e.g.
 * `apiFetch("PATCH /api/portfolios/:portfolioId/tokens/:tokenId", { params, body })`:
 * the body and the answer are typed from that one map.
 */
export async function apiFetch<K extends RouteKey>(
  route: K,
  ...args: Partial<ApiCallInit<K>> extends ApiCallInit<K> ? [init?: ApiCallInit<K>] : [init: ApiCallInit<K>]
): Promise<ResponseOf<K>> {
  const init: { params?: ParamsOf<K>; query?: string; body?: unknown; signal?: AbortSignal } = args[0] ?? {};
  const { method, path } = resolveRoute(route, init.params);
  return (await send(method, init.query ? `${path}?${init.query}` : path, init)) as ResponseOf<K>;
}

async function send(method: string, path: string, init: { body?: unknown; signal?: AbortSignal }): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: init.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiClientError(0, "NetworkError", "The console's server could not be reached. Check your connection and try again.");
  }
  if (res.status === 204) return undefined;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as Partial<ApiErrorBody> | undefined)?.error;
    const retryHeader = Number(res.headers.get("retry-after"));
    throw new ApiClientError(
      res.status,
      err?.code ?? `Http${res.status}`,
      err?.message ?? `The console answered HTTP ${res.status}. Try again.`,
      err?.requestId ?? res.headers.get("x-request-id") ?? undefined,
      err?.fields,
      err?.retryAfterSeconds ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined),
      err?.secretLost,
    );
  }
  return data;
}

/** A route's method and path, for the browser's links to the BFF (the CSV export). */
export { resolveRoute };
