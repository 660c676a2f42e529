/** Ports of the servers the browser tests start (apart from dev's 3000/4010). */
export const APP_PORT = Number(process.env.E2E_APP_PORT || 3100);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT || 4110);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;

/** The console in eToro mode (the sandbox standing in for eToro), with no API key configured. */
export const ETORO_MODE_URL = `http://127.0.0.1:${APP_PORT + 1}`;
/** Two instances sharing one PostgreSQL ledger and one SESSION_SECRET, as behind a load balancer. */
export const INSTANCE_B_URL = `http://127.0.0.1:${APP_PORT + 2}`;
export const INSTANCE_C_URL = `http://127.0.0.1:${APP_PORT + 3}`;
/** The console with an admin policy set (MAX_TOKEN_LIFETIME_DAYS, REQUIRE_IP_WHITELIST_FOR_REAL_WRITE). */
export const POLICY_URL = `http://127.0.0.1:${APP_PORT + 4}`;
/** APP_PORT+5…+7: the consoles e2e/ledger-safety.spec.ts starts and stops itself. */
