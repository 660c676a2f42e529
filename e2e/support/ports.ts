/** Ports of the app and sandbox the browser tests start (apart from dev's 3000/4010). */
export const APP_PORT = Number(process.env.E2E_APP_PORT || 3100);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT || 4110);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
