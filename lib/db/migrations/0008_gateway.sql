CREATE TABLE "gateway_tokens" (
	"user_token_id" uuid PRIMARY KEY NOT NULL,
	"lookup_key" text NOT NULL,
	"account" text NOT NULL,
	"agent_portfolio_id" uuid NOT NULL,
	"user_token_name" text NOT NULL,
	"gateway_only" boolean DEFAULT false NOT NULL,
	"agent_ips" text[] DEFAULT '{}' NOT NULL,
	"frozen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"minted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "gateway_tokens_lookup_key_unique" UNIQUE("lookup_key")
);
--> statement-breakpoint
CREATE TABLE "usage_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "usage_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"account" text NOT NULL,
	"user_token_id" uuid NOT NULL,
	"agent_portfolio_id" uuid NOT NULL,
	"operation_id" text NOT NULL,
	"environment" text NOT NULL,
	"write" boolean NOT NULL,
	"status" integer NOT NULL,
	"latency_ms" real NOT NULL,
	"request_id" text NOT NULL,
	"client_address" text NOT NULL,
	"via" text DEFAULT 'rest' NOT NULL,
	"refusal" text,
	"instrument" text,
	"side" text,
	"amount" double precision,
	"units" double precision,
	"leverage" double precision,
	"order_id" text,
	"position_id" text
);
--> statement-breakpoint
CREATE INDEX "gateway_tokens_account_idx" ON "gateway_tokens" USING btree ("account");--> statement-breakpoint
CREATE INDEX "gateway_tokens_version_idx" ON "gateway_tokens" USING btree ("version");--> statement-breakpoint
CREATE INDEX "usage_records_token_at_idx" ON "usage_records" USING btree ("user_token_id","at");--> statement-breakpoint
CREATE INDEX "usage_records_account_at_idx" ON "usage_records" USING btree ("account","at");--> statement-breakpoint
CREATE INDEX "usage_records_at_idx" ON "usage_records" USING btree ("at");