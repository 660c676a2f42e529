import type { ApiErrorBody, SecretLost } from "@/lib/domain/types";

/** An error the BFF answers with: a 4xx/5xx status and the shared JSON error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { requestId?: string; fields?: Record<string, string>; retryAfterSeconds?: number; secretLost?: SecretLost } = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export const notSignedIn = () =>
  new ApiError(401, "NotSignedIn", "You are not signed in, or your session has expired. Sign in again.");
