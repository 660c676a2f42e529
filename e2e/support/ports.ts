/**
 * Ports of the servers the browser tests start (apart from dev's 3000/4010).
 *
 * The suite runs in two lanes, one per Playwright worker: each lane has its own
 * console and its own sandbox, so two spec files never share upstream state. A
 * worker's lane is its parallel index (set before any spec file loads); the
 * runner process itself, which starts the servers, is lane 0.
 */
export const LANES = 2;
const BASE_APP_PORT = Number(process.env.E2E_APP_PORT || 3100);
const BASE_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT || 4110);

/** Lane 0 keeps E2E_APP_PORT…+7 as before; lane N's console is E2E_APP_PORT+8N, its sandbox E2E_SANDBOX_PORT+N. */
export function lanePorts(lane: number) {
  const app = lane === 0 ? BASE_APP_PORT : BASE_APP_PORT + 8 * lane;
  const sandbox = BASE_SANDBOX_PORT + lane;
  return { app, sandbox, appUrl: `http://127.0.0.1:${app}`, sandboxUrl: `http://127.0.0.1:${sandbox}` };
}

export const LANE = Number(process.env.TEST_PARALLEL_INDEX || 0);
const own = lanePorts(LANE);
export const APP_PORT = own.app;
export const SANDBOX_PORT = own.sandbox;
export const APP_URL = own.appUrl;
export const SANDBOX_URL = own.sandboxUrl;

/*
 * The consoles below exist once and talk to a sandbox of their own (the shared
 * sandbox, E2E_SANDBOX_PORT+LANES): the specs that use them run in the "shared"
 * project, one file at a time beside the lanes, on whichever lane is free then.
 */
const LANE_0 = lanePorts(0);
export const SHARED_SANDBOX_PORT = BASE_SANDBOX_PORT + LANES;
export const SHARED_SANDBOX_URL = `http://127.0.0.1:${SHARED_SANDBOX_PORT}`;
/** The console in eToro mode (the sandbox standing in for eToro), with no API key configured. */
export const ETORO_MODE_URL = `http://127.0.0.1:${LANE_0.app + 1}`;
/** Two instances sharing one PostgreSQL ledger and one SESSION_SECRET, as behind a load balancer. */
export const INSTANCE_B_URL = `http://127.0.0.1:${LANE_0.app + 2}`;
export const INSTANCE_C_URL = `http://127.0.0.1:${LANE_0.app + 3}`;
/** The console with an admin policy set (MAX_TOKEN_LIFETIME_DAYS, REQUIRE_IP_WHITELIST_FOR_REAL_WRITE). */
export const POLICY_URL = `http://127.0.0.1:${LANE_0.app + 4}`;
/** APP_PORT+5…+7 of the lane it runs on: the consoles e2e/ledger-safety.spec.ts and e2e/production-runtime.spec.ts start and stop themselves (shared specs, one file at a time). */
