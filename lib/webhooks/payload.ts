/**
 * What a delivery says. The Standard Webhooks body is `{type, timestamp, data}`
 * with the event's own data (ids, names, amounts, reasons: never a secret). The
 * Slack-compatible body (`{text, blocks}`, what Slack's incoming webhooks take)
 * is made from it in plain words, with a link to the console's approvals page
 * for an approval request.
 */
import type { AccountEventData, AccountEventType } from "@/lib/account-events/types";
import { TEST_EVENT_TYPE } from "./types";

export type StandardPayload = { type: string; timestamp: string; data: Record<string, unknown> };

export function standardPayload(type: string, at: Date, data: Record<string, unknown>): StandardPayload {
  return { type, timestamp: at.toISOString(), data };
}

type Data = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");
const usd = (cents: unknown): string =>
  typeof cents === "number" ? `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : "?";
/** Slack's mrkdwn treats &, < and > specially: names are shown as text. */
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const tokenName = (d: Data) => `*${esc(str(d.userTokenName) || "a token")}*`;

function orderWords(order: unknown): string {
  if (!order || typeof order !== "object") return "an order";
  const o = order as Data;
  const parts = [str(o.side), o.amount !== undefined ? `$${str(o.amount)}` : o.units !== undefined ? `${str(o.units)} units` : "", str(o.symbol) || str(o.instrument) ? `of ${str(o.symbol) || `instrument ${str(o.instrument)}`}` : "", o.leverage ? `at ×${str(o.leverage)}` : ""];
  const words = parts.filter(Boolean).join(" ");
  return words ? esc(words) : "an order";
}

const SENTENCES: { [T in AccountEventType]: (d: AccountEventData[T] & Data) => string } = {
  "approval.requested": (d) => `${tokenName(d)} wants to place ${orderWords(d.order)}, which needs your approval: ${esc(str(d.reason))}`,
  "budget.threshold": (d) => `${tokenName(d)} has used ${d.percent}% of its ${d.period === "day" ? "daily" : "weekly"} budget (${usd(d.usedUsdCents)} of ${usd(d.budgetUsdCents)}).`,
  "order.refused": (d) => `The gateway refused an order of ${tokenName(d)} (${esc(str(d.operationId))}): ${esc(str(d.reason))}.`,
  "token.minted": (d) => `A new token, ${tokenName(d)}, was minted.`,
  "token.frozen": (d) => `${tokenName(d)} was frozen: the gateway refuses its orders until it is unfrozen.`,
  "token.revoked": (d) => `${tokenName(d)} was revoked.`,
  "token.expiring": (d) => `${tokenName(d)} expires on ${esc(str(d.expiresAt))}: roll it before then if its agent still needs it.`,
  "token.unused": (d) => `${tokenName(d)} has not been used for 30 days${d.lastUsedAt ? ` (last used ${esc(d.lastUsedAt)})` : " (never used)"}: revoke it if no agent needs it.`,
};

export function slackPayload(payload: StandardPayload, consoleOrigin: string): { text: string; blocks: unknown[] } {
  const sentence =
    payload.type === TEST_EVENT_TYPE
      ? "A test message from the Agent Portfolio Console: this webhook works."
      : (SENTENCES[payload.type as AccountEventType] as ((d: Data) => string) | undefined)?.(payload.data) ?? `Account event ${esc(payload.type)}.`;
  const blocks: unknown[] = [{ type: "section", text: { type: "mrkdwn", text: sentence } }];
  const link = payload.type === "approval.requested" ? `${consoleOrigin}/approvals` : null;
  if (link) {
    blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Review it" }, url: link, style: "primary" }] });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${esc(payload.type)} · ${payload.timestamp}` }] });
  return { text: link ? `${sentence} Review it: <${link}|${link}>` : sentence, blocks };
}
