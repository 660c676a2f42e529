-- The ledger is append-only: the database refuses UPDATE and DELETE on its rows, so a
-- bug or a careless query cannot rewrite history. Someone with owner rights can still
-- disable the trigger; the hash chain (npm run ledger:verify) is what catches that.
CREATE FUNCTION "ledger_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_events is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "ledger_events_append_only" BEFORE UPDATE OR DELETE ON "ledger_events"
  FOR EACH ROW EXECUTE FUNCTION "ledger_events_append_only"();
