// Headers on every answer, pages and /api alike: set by next.config.ts for what Next
// serves and by the runtime (console.ts) for what it answers itself. The CSP is per
// request (a nonce), so proxy.ts sets it.

/** HSTS in production only: browsers ignore it over plain http, and a dev on localhost must not be pinned to https. */
export function securityHeaders(production: boolean): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
