/**
 * Everything that can go wrong talking to eToro, as one typed error.
 * `kind` separates eToro's documented answers from transport failures.
 */
export type EtoroErrorKind = "upstream" | "timeout" | "network" | "bad-response";

export class EtoroError extends Error {
  readonly kind: EtoroErrorKind;
  /** HTTP status from eToro (0 when no answer arrived). */
  readonly status: number;
  /** eToro's errorCode, e.g. "UserKeyNameAlreadyExists". */
  readonly errorCode: string;
  /** The x-request-id this call was sent with. */
  readonly requestId: string;
  /** Seconds from Retry-After, when eToro sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    kind: EtoroErrorKind;
    status: number;
    errorCode: string;
    message: string;
    requestId: string;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = "EtoroError";
    this.kind = init.kind;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/** Retry-After as whole seconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - now) / 1000));
}
