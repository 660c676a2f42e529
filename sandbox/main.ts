/**
 * `npm run sandbox`: starts the sandbox from SANDBOX_* env and stops it on SIGINT/SIGTERM.
 */
import { resolveConfig } from "./config";
import { startSandbox } from "./server";

async function main(): Promise<void> {
  const config = resolveConfig();
  const sandbox = await startSandbox(config);
  console.log(`eToro sandbox listening on ${sandbox.url} (user keys: ${config.userKeys.join(", ")})`);

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`eToro sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
