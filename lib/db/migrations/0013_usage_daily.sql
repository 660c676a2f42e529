-- A token's usage view must answer within 100 ms over a million usage records, and a
-- busy token alone can own most of them: its totals, operations, addresses and daily
-- chart come from this roll-up (one row per token, UTC day, operation, address and
-- channel: REST or MCP)
-- instead of scanning every record. Triggers on usage_records keep it exact whoever
-- writes, prunes or truncates the records, in the same transaction.
CREATE TABLE "usage_daily" (
	"account" text NOT NULL,
	"user_token_id" uuid NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"operation_id" text NOT NULL,
	"client_address" text NOT NULL,
	"via" text DEFAULT 'rest' NOT NULL,
	"ok" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_daily_pk" PRIMARY KEY("account","user_token_id","day","operation_id","client_address","via")
);
--> statement-breakpoint
CREATE FUNCTION "usage_daily_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO usage_daily AS d (account, user_token_id, day, operation_id, client_address, via, ok, failed, refused, last_at)
  SELECT account, user_token_id, date_trunc('day', at, 'UTC'), operation_id, client_address, via,
         count(*) FILTER (WHERE refusal IS NULL AND status BETWEEN 200 AND 299),
         count(*) FILTER (WHERE refusal IS NULL AND status NOT BETWEEN 200 AND 299),
         count(*) FILTER (WHERE refusal IS NOT NULL),
         max(at)
  FROM added GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (account, user_token_id, day, operation_id, client_address, via) DO UPDATE
    SET ok = d.ok + excluded.ok, failed = d.failed + excluded.failed, refused = d.refused + excluded.refused,
        last_at = greatest(d.last_at, excluded.last_at);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A removed record is taken off its group; a group left empty goes, and the others'
-- last_at is read again from the records they still have.
CREATE FUNCTION "usage_daily_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    SELECT account, user_token_id, date_trunc('day', at, 'UTC') AS day, operation_id, client_address, via,
           count(*) FILTER (WHERE refusal IS NULL AND status BETWEEN 200 AND 299) AS ok,
           count(*) FILTER (WHERE refusal IS NULL AND status NOT BETWEEN 200 AND 299) AS failed,
           count(*) FILTER (WHERE refusal IS NOT NULL) AS refused
    FROM removed GROUP BY 1, 2, 3, 4, 5, 6
  )
  UPDATE usage_daily d
    SET ok = d.ok - gone.ok, failed = d.failed - gone.failed, refused = d.refused - gone.refused,
        last_at = coalesce((
          SELECT max(r.at) FROM usage_records r
          WHERE r.account = d.account AND r.user_token_id = d.user_token_id AND r.at >= d.day AND r.at < d.day + interval '1 day'
            AND r.operation_id = d.operation_id AND r.client_address = d.client_address AND r.via = d.via
        ), d.last_at)
  FROM gone
  WHERE d.account = gone.account AND d.user_token_id = gone.user_token_id AND d.day = gone.day
    AND d.operation_id = gone.operation_id AND d.client_address = gone.client_address AND d.via = gone.via;
  DELETE FROM usage_daily WHERE ok <= 0 AND failed <= 0 AND refused <= 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "usage_daily_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE usage_daily;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Records are appended and pruned, never changed: an UPDATE would leave the roll-up behind, so it is refused.
CREATE FUNCTION "usage_records_no_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'usage_records rows are never updated (usage_daily counts them)' USING ERRCODE = 'P0001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "usage_daily_insert" AFTER INSERT ON "usage_records" REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION "usage_daily_add"();
--> statement-breakpoint
CREATE TRIGGER "usage_daily_delete" AFTER DELETE ON "usage_records" REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION "usage_daily_remove"();
--> statement-breakpoint
CREATE TRIGGER "usage_daily_truncate" AFTER TRUNCATE ON "usage_records"
  FOR EACH STATEMENT EXECUTE FUNCTION "usage_daily_clear"();
--> statement-breakpoint
CREATE TRIGGER "usage_records_no_update" BEFORE UPDATE ON "usage_records"
  FOR EACH ROW EXECUTE FUNCTION "usage_records_no_update"();
--> statement-breakpoint
INSERT INTO usage_daily (account, user_token_id, day, operation_id, client_address, via, ok, failed, refused, last_at)
SELECT account, user_token_id, date_trunc('day', at, 'UTC'), operation_id, client_address, via,
       count(*) FILTER (WHERE refusal IS NULL AND status BETWEEN 200 AND 299),
       count(*) FILTER (WHERE refusal IS NULL AND status NOT BETWEEN 200 AND 299),
       count(*) FILTER (WHERE refusal IS NOT NULL),
       max(at)
FROM usage_records GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
-- A token's latest orders and refusals, newest first, without walking its other records.
CREATE INDEX "usage_records_token_orders_idx" ON "usage_records" USING btree ("account","user_token_id","at") WHERE "write" AND "refusal" IS NULL;
--> statement-breakpoint
CREATE INDEX "usage_records_token_refusals_idx" ON "usage_records" USING btree ("account","user_token_id","at") WHERE "refusal" IS NOT NULL;
--> statement-breakpoint
-- Everything a token's view reads of its records goes by account, token and time.
CREATE INDEX "usage_records_account_token_at_idx" ON "usage_records" USING btree ("account","user_token_id","at");
--> statement-breakpoint
DROP INDEX "usage_records_token_at_idx";
