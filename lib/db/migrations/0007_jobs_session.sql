ALTER TABLE "jobs" ADD COLUMN "session_id" uuid;--> statement-breakpoint
CREATE INDEX "jobs_account_session_idx" ON "jobs" USING btree ("account","session_id");