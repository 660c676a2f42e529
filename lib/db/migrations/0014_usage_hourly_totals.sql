-- /tokens' Calls 24h (every token of an account) and a token's usage view must answer
-- within 100 ms whatever the number of records, on PGlite too. usage_daily (0013), one
-- row per token, day, operation, address and channel, still made a busy token's view
-- read a row per day and combination (thousands, on as many pages), and the list
-- counted the account's records of the last 24 h one by one. It makes way for two
-- roll-ups, kept by statement triggers on usage_records the same way (insert, delete,
-- truncate; records are never updated):
--   usage_hourly: one row per token and UTC hour. The list's 24 h, the view's 48 hours
--     and 30 days read whole hours here; only the hour running now (and, for the
--     list, the end of the hour 24 h ago) comes from the records.
--   usage_totals: one row per token, operation, address and channel, over every record
--     kept. The view's totals, operations and addresses: a few dozen rows a token.
CREATE TABLE "usage_hourly" (
	"account" text NOT NULL,
	"user_token_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"ok" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_hourly_pk" PRIMARY KEY("account","user_token_id","hour")
);
--> statement-breakpoint
-- The list reads an account's every token over a range of hours.
CREATE INDEX "usage_hourly_account_hour_idx" ON "usage_hourly" USING btree ("account","hour");
--> statement-breakpoint
CREATE TABLE "usage_totals" (
	"account" text NOT NULL,
	"user_token_id" uuid NOT NULL,
	"operation_id" text NOT NULL,
	"client_address" text NOT NULL,
	"via" text DEFAULT 'rest' NOT NULL,
	"ok" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_totals_pk" PRIMARY KEY("account","user_token_id","operation_id","client_address","via")
);
--> statement-breakpoint
CREATE FUNCTION "usage_hourly_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO usage_hourly AS h (account, user_token_id, hour, ok, failed, refused, last_at)
  SELECT account, user_token_id, date_trunc('hour', at, 'UTC'),
         count(*) FILTER (WHERE refusal IS NULL AND status BETWEEN 200 AND 299),
         count(*) FILTER (WHERE refusal IS NULL AND status NOT BETWEEN 200 AND 299),
         count(*) FILTER (WHERE refusal IS NOT NULL),
         max(at)
  FROM added GROUP BY 1, 2, 3
  ON CONFLICT (account, user_token_id, hour) DO UPDATE
    SET ok = h.ok + excluded.ok, failed = h.failed + excluded.failed, refused = h.refused + excluded.refused,
        last_at = greatest(h.last_at, excluded.last_at);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A removed record is taken off its group, and a group it empties goes: only those
-- groups are touched (pruning deletes a few thousand records a statement). A group
-- whose latest record went reads its last_at again from the records it still has.
CREATE FUNCTION "usage_hourly_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    SELECT account, user_token_id, date_trunc('hour', at, 'UTC') AS hour,
           count(*) FILTER (WHERE refusal IS NULL AND status BETWEEN 200 AND 299) AS ok,
           count(*) FILTER (WHERE refusal IS NULL AND status NOT BETWEEN 200 AND 299) AS failed,
           count(*) FILTER (WHERE refusal IS NOT NULL) AS refused,
           max(at) AS last_at
    FROM removed GROUP BY 1, 2, 3
  ), emptied AS (
    DELETE FROM usage_hourly h USING gone
    WHERE h.account = gone.account AND h.user_token_id = gone.user_token_id AND h.hour = gone.hour
      AND h.ok <= gone.ok AND h.failed <= gone.failed AND h.refused <= gone.refused
  )
  UPDATE usage_hourly h
    SET ok = h.ok - gone.ok, failed = h.failed - gone.failed, refused = h.refused - gone.refused,
        last_at = CASE WHEN gone.last_at < h.last_at THEN h.last_at ELSE coalesce((
          SELECT max(r.at) FROM usage_records r
          WHERE r.account = h.account AND r.user_token_id = h.user_token_id AND r.at >= h.hour AND r.at < h.hour + interval '1 hour'
        ), h.last_at) END
  FROM gone
  WHERE h.account = gone.account AND h.user_token_id = gone.user_token_id AND h.hour = gone.hour
    AND NOT (h.ok <= gone.ok AND h.failed <= gone.failed AND h.refused <= gone.refused);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "usage_hourly_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE usage_hourly;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "usage_totals_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO usage_totals AS t (account, user_token_id, operation_id, client_address, via, ok, failed, refused, last_at)
  SELECT account, user_token_id, operation_id, client_address, via,
         count(*) FILTER (WHERE refusal IS NULL AND status BETWEEN 200 AND 299),
         count(*) FILTER (WHERE refusal IS NULL AND status NOT BETWEEN 200 AND 299),
         count(*) FILTER (WHERE refusal IS NOT NULL),
         max(at)
  FROM added GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (account, user_token_id, operation_id, client_address, via) DO UPDATE
    SET ok = t.ok + excluded.ok, failed = t.failed + excluded.failed, refused = t.refused + excluded.refused,
        last_at = greatest(t.last_at, excluded.last_at);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- As usage_hourly_remove. Pruning takes the oldest records, so a group that keeps
-- records keeps its latest: the records are read again only after other deletes.
CREATE FUNCTION "usage_totals_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    SELECT account, user_token_id, operation_id, client_address, via,
           count(*) FILTER (WHERE refusal IS NULL AND status BETWEEN 200 AND 299) AS ok,
           count(*) FILTER (WHERE refusal IS NULL AND status NOT BETWEEN 200 AND 299) AS failed,
           count(*) FILTER (WHERE refusal IS NOT NULL) AS refused,
           max(at) AS last_at
    FROM removed GROUP BY 1, 2, 3, 4, 5
  ), emptied AS (
    DELETE FROM usage_totals t USING gone
    WHERE t.account = gone.account AND t.user_token_id = gone.user_token_id AND t.operation_id = gone.operation_id
      AND t.client_address = gone.client_address AND t.via = gone.via
      AND t.ok <= gone.ok AND t.failed <= gone.failed AND t.refused <= gone.refused
  )
  UPDATE usage_totals t
    SET ok = t.ok - gone.ok, failed = t.failed - gone.failed, refused = t.refused - gone.refused,
        last_at = CASE WHEN gone.last_at < t.last_at THEN t.last_at ELSE coalesce((
          SELECT max(r.at) FROM usage_records r
          WHERE r.account = t.account AND r.user_token_id = t.user_token_id AND r.operation_id = t.operation_id
            AND r.client_address = t.client_address AND r.via = t.via
        ), t.last_at) END
  FROM gone
  WHERE t.account = gone.account AND t.user_token_id = gone.user_token_id AND t.operation_id = gone.operation_id
    AND t.client_address = gone.client_address AND t.via = gone.via
    AND NOT (t.ok <= gone.ok AND t.failed <= gone.failed AND t.refused <= gone.refused);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "usage_totals_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE usage_totals;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "usage_hourly_insert" AFTER INSERT ON "usage_records" REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION "usage_hourly_add"();
--> statement-breakpoint
CREATE TRIGGER "usage_hourly_delete" AFTER DELETE ON "usage_records" REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION "usage_hourly_remove"();
--> statement-breakpoint
CREATE TRIGGER "usage_hourly_truncate" AFTER TRUNCATE ON "usage_records"
  FOR EACH STATEMENT EXECUTE FUNCTION "usage_hourly_clear"();
--> statement-breakpoint
CREATE TRIGGER "usage_totals_insert" AFTER INSERT ON "usage_records" REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION "usage_totals_add"();
--> statement-breakpoint
CREATE TRIGGER "usage_totals_delete" AFTER DELETE ON "usage_records" REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION "usage_totals_remove"();
--> statement-breakpoint
CREATE TRIGGER "usage_totals_truncate" AFTER TRUNCATE ON "usage_records"
  FOR EACH STATEMENT EXECUTE FUNCTION "usage_totals_clear"();
--> statement-breakpoint
INSERT INTO usage_hourly (account, user_token_id, hour, ok, failed, refused, last_at)
SELECT account, user_token_id, date_trunc('hour', at, 'UTC'),
       count(*) FILTER (WHERE refusal IS NULL AND status BETWEEN 200 AND 299),
       count(*) FILTER (WHERE refusal IS NULL AND status NOT BETWEEN 200 AND 299),
       count(*) FILTER (WHERE refusal IS NOT NULL),
       max(at)
FROM usage_records GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO usage_totals (account, user_token_id, operation_id, client_address, via, ok, failed, refused, last_at)
SELECT account, user_token_id, operation_id, client_address, via,
       count(*) FILTER (WHERE refusal IS NULL AND status BETWEEN 200 AND 299),
       count(*) FILTER (WHERE refusal IS NULL AND status NOT BETWEEN 200 AND 299),
       count(*) FILTER (WHERE refusal IS NOT NULL),
       max(at)
FROM usage_records GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "usage_records_no_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'usage_records rows are never updated (usage_hourly and usage_totals count them)' USING ERRCODE = 'P0001';
END
$$;
--> statement-breakpoint
DROP TRIGGER "usage_daily_insert" ON "usage_records";
--> statement-breakpoint
DROP TRIGGER "usage_daily_delete" ON "usage_records";
--> statement-breakpoint
DROP TRIGGER "usage_daily_truncate" ON "usage_records";
--> statement-breakpoint
DROP FUNCTION "usage_daily_add"();
--> statement-breakpoint
DROP FUNCTION "usage_daily_remove"();
--> statement-breakpoint
DROP FUNCTION "usage_daily_clear"();
--> statement-breakpoint
DROP TABLE "usage_daily";
