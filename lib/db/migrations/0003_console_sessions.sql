CREATE TABLE "console_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"client_ip" text,
	"user_agent" text,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "console_sessions_account_active_idx" ON "console_sessions" USING btree ("account","started_at") WHERE "console_sessions"."ended_at" is null;