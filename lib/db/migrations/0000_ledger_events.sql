CREATE TABLE "ledger_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"account" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"error_code" text,
	"request_id" text,
	"portfolio_id" text,
	"portfolio_name" text,
	"token_id" text,
	"token_name" text,
	"secret_hint" text,
	"before" jsonb,
	"after" jsonb,
	"client_ip" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "ledger_events_secret_hint_len" CHECK (char_length("ledger_events"."secret_hint") <= 4)
);
--> statement-breakpoint
CREATE INDEX "ledger_events_account_seq_idx" ON "ledger_events" USING btree ("account","seq");--> statement-breakpoint
CREATE INDEX "ledger_events_account_token_idx" ON "ledger_events" USING btree ("account","token_id");