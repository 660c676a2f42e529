CREATE INDEX "ledger_events_account_action_seq_idx" ON "ledger_events" USING btree ("account","action","seq");--> statement-breakpoint
CREATE INDEX "ledger_events_account_outcome_seq_idx" ON "ledger_events" USING btree ("account","outcome","seq");--> statement-breakpoint
CREATE INDEX "ledger_events_account_portfolio_seq_idx" ON "ledger_events" USING btree ("account","portfolio_id","seq");--> statement-breakpoint
CREATE INDEX "ledger_events_account_portfolio_name_idx" ON "ledger_events" USING btree ("account","portfolio_name");--> statement-breakpoint
CREATE INDEX "ledger_events_account_token_name_idx" ON "ledger_events" USING btree ("account","token_name");--> statement-breakpoint
CREATE INDEX "ledger_events_account_at_idx" ON "ledger_events" USING btree ("account","at");