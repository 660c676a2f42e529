/**
 * Budget reservations in the database, on both backends: all-or-nothing
 * across day and week, refunds to the windows they were taken from, alerts
 * once per window per threshold, and no overshoot under concurrency.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachBackend } from "@/lib/db/test-backends";
import { reserveBudget, refundBudget, type BudgetOwner, type Reservation } from "./budget-store";
import type { BudgetCharge } from "./judge";

let n = 0;
function owner(): BudgetOwner {
  n += 1;
  return { account: "acct-budget", userTokenId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, userTokenName: `bot-${n}`, agentPortfolioId: "00000000-0000-4000-9000-000000000001" };
}
const DAY = new Date("2026-12-09T00:00:00Z");
const WEEK = new Date("2026-12-07T00:00:00Z");
const day = (limitCents: number): BudgetCharge => ({ period: "day", windowStart: DAY, limitCents });
const week = (limitCents: number): BudgetCharge => ({ period: "week", windowStart: WEEK, limitCents });

describeEachBackend("token budgets", (get) => {
  async function used(who: BudgetOwner) {
    const result = (await get().db.execute(sql`select period, used_cents::int as used from token_budgets where user_token_id = ${who.userTokenId} order by period`)) as unknown as {
      rows: { period: string; used: number }[];
    };
    return Object.fromEntries(result.rows.map((r) => [r.period, r.used]));
  }
  async function alerts(who: BudgetOwner) {
    const result = (await get().db.execute(sql`select data from account_events where type = 'budget.threshold' and data->>'userTokenId' = ${who.userTokenId} order by id`)) as unknown as {
      rows: { data: { period: string; percent: number } }[];
    };
    return result.rows.map((r) => `${r.data.period}:${r.data.percent}`);
  }

  it("charges the day and the week together, or neither when one of them is full", async () => {
    const who = owner();
    const { db } = get();
    expect(await reserveBudget(db, who, 6_000, [day(10_000), week(15_000)])).toHaveProperty("reservation");
    expect(await reserveBudget(db, who, 6_000, [day(20_000), week(10_000)])).toMatchObject({ refusal: { limit: "budget-week", leftCents: 4_000, valueCents: 6_000 } });
    // The day's charge of the refused order was rolled back with it.
    expect(await used(who)).toEqual({ day: 6_000, week: 6_000 });
  });

  it("gives a refund back to the windows it was taken from, never below zero", async () => {
    const who = owner();
    const { db } = get();
    const reserved = (await reserveBudget(db, who, 4_000, [day(10_000)])) as { reservation: Reservation };
    await refundBudget(db, reserved.reservation);
    expect(await used(who)).toEqual({ day: 0 });
    await refundBudget(db, reserved.reservation);
    expect(await used(who)).toEqual({ day: 0 });
  });

  it("alerts at 80 % and 100 % once per window, even when a refund takes it back below and it crosses again", async () => {
    const who = owner();
    const { db } = get();
    await reserveBudget(db, who, 7_900, [day(10_000)]);
    expect(await alerts(who)).toEqual([]);
    const crossing = (await reserveBudget(db, who, 100, [day(10_000)])) as { reservation: Reservation };
    expect(await alerts(who)).toEqual(["day:80"]);
    await refundBudget(db, crossing.reservation);
    await reserveBudget(db, who, 100, [day(10_000)]);
    expect(await alerts(who)).toEqual(["day:80"]);
    // One order from 80 % to 100 %, and one straight past both in another window.
    await reserveBudget(db, who, 2_000, [day(10_000)]);
    expect(await alerts(who)).toEqual(["day:80", "day:100"]);
    await reserveBudget(db, who, 5_000, [week(5_000)]);
    expect(await alerts(who)).toEqual(["day:80", "day:100", "week:80", "week:100"]);
  });

  it("never overshoots: 60 concurrent reservations of 7 cents against 200 cents take exactly 28 of them", async () => {
    const who = owner();
    const { db } = get();
    const results = await Promise.all(Array.from({ length: 60 }, () => reserveBudget(db, who, 7, [day(200), week(1_000)])));
    expect(results.filter((r) => "reservation" in r)).toHaveLength(28);
    expect(await used(who)).toEqual({ day: 196, week: 196 });
  });
});
