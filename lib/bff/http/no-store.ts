/**
 * Every BFF answer is private and per-person, and some carry a secret once: none
 * may be stored by a browser or a proxy. The runtime (server/) sends the same on
 * the answers it gives itself.
 */
export const NO_STORE = { "Cache-Control": "no-store, max-age=0", Pragma: "no-cache" };
