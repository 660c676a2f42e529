/**
 * Runs once when a server process starts: opens the audit ledger and drains its
 * outbox (a PGlite directory locked by another process stops this one, see
 * lib/ledger/startup.ts), then starts this instance's job worker (lib/jobs/worker.ts)
 * its approval expiry sweeper (lib/approvals/process-sweeper.ts) and its webhook
 * worker (lib/webhooks/worker.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { openLedgerAtStartup } = await import("./lib/ledger/startup");
  await openLedgerAtStartup();
  // Bulk jobs live in the ledger's database; this instance runs its share of them.
  const { startJobWorker } = await import("./lib/jobs/process-worker");
  await startJobWorker();
  const { startApprovalSweeper } = await import("./lib/approvals/process-sweeper");
  startApprovalSweeper();
  // Webhook deliveries live there too (lib/webhooks/worker.ts).
  const { startWebhookWorker } = await import("./lib/webhooks/process-worker");
  await startWebhookWorker();
}
