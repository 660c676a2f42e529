CREATE TABLE "job_budgets" (
	"account" text PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"portfolio_id" text NOT NULL,
	"portfolio_name" text,
	"token_id" text,
	"token_name" text,
	"before" jsonb,
	"scope_names" jsonb,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"request_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account" text NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"interval_ms" integer NOT NULL,
	"sealed_credentials" text,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"client_ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "jobs_no_key_after_end" CHECK ("jobs"."sealed_credentials" is null or "jobs"."state" in ('queued', 'running'))
);
--> statement-breakpoint
ALTER TABLE "job_items" ADD CONSTRAINT "job_items_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "job_items_job_position_idx" ON "job_items" USING btree ("job_id","position");--> statement-breakpoint
CREATE INDEX "job_items_token_idx" ON "job_items" USING btree ("token_id");--> statement-breakpoint
CREATE INDEX "jobs_account_created_idx" ON "jobs" USING btree ("account","created_at");--> statement-breakpoint
CREATE INDEX "jobs_claimable_idx" ON "jobs" USING btree ("state","lease_expires_at") WHERE "jobs"."state" in ('queued', 'running');