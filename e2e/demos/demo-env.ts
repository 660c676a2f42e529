import path from "node:path";

/** Where the demo writes (ignored by git) and the ports of the servers it starts. */
export const DEMO_OUTPUT_DIR = path.resolve(process.env.DEMO_OUTPUT_DIR || "demo-output");
export const DEMO_PORT = Number(process.env.DEMO_PORT || 3800);
export const DEMO_SANDBOX_PORT = Number(process.env.DEMO_SANDBOX_PORT || 4800);
export const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}`;
export const DEMO_SANDBOX_URL = `http://127.0.0.1:${DEMO_SANDBOX_PORT}`;
