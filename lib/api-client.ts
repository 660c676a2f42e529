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

/** fetch for the BFF: same-origin JSON in and out, errors as ApiClientError. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
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
  if (res.status === 204) return undefined as T;
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
  return data as T;
}
