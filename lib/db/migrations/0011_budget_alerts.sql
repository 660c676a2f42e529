-- The highest budget alert (80 or 100 percent) already sent for a window, so each
-- is sent once per window even when refunds take the used amount back below it.
ALTER TABLE "token_budgets" ADD COLUMN "alerted_percent" smallint DEFAULT 0 NOT NULL;
