ALTER TABLE "gateway_tokens" ADD COLUMN "boundaries" jsonb DEFAULT '{}'::jsonb NOT NULL;
--> statement-breakpoint
CREATE TABLE "token_budgets" (
	"user_token_id" uuid NOT NULL,
	"period" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"used_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "token_budgets_user_token_id_period_window_start_pk" PRIMARY KEY("user_token_id","period","window_start")
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account" text NOT NULL,
	"user_token_id" uuid NOT NULL,
	"agent_portfolio_id" uuid NOT NULL,
	"user_token_name" text NOT NULL,
	"operation_id" text NOT NULL,
	"order_fingerprint" text NOT NULL,
	"order" jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"denial_reason" text,
	"used_at" timestamp with time zone,
	"request_id" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "approvals_account_status_idx" ON "approvals" USING btree ("account","status","requested_at");--> statement-breakpoint
CREATE INDEX "approvals_token_idx" ON "approvals" USING btree ("user_token_id");--> statement-breakpoint
CREATE TABLE "account_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"account" text NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"dispatched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "account_events_pending_idx" ON "account_events" USING btree ("dispatched_at","id");--> statement-breakpoint
CREATE INDEX "account_events_account_idx" ON "account_events" USING btree ("account","at");
