/**
 * A gateway answer as an MCP tool result a model can act on: eToro's answer
 * (bounded), a refusal with its reason and what to do, or an order waiting for
 * a person's approval with how to continue. The request id is always named, so
 * an agent can retry with it or look the order up by it.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { boundedJson } from "./bounded-json";
import type { GatewayAnswer } from "./gateway-door";

function parsed(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isApproval(body: unknown): body is { approvalId: string; status: string; message?: string; expiresAt?: string } {
  return typeof body === "object" && body !== null && typeof (body as { approvalId?: unknown }).approvalId === "string";
}

export function toolAnswer(answer: GatewayAnswer, toolName: string): CallToolResult {
  const body = parsed(answer.text);
  if (answer.status === 202 && isApproval(body)) {
    const waiting = {
      outcome: "waiting-for-approval",
      approvalId: body.approvalId,
      expiresAt: body.expiresAt ?? null,
      requestId: answer.requestId,
      message: body.message ?? "This order waits for a person's approval in the console.",
      howToContinue: `Nothing was sent to eToro yet. Once a person approves it in the console, call ${toolName} again with exactly the same arguments plus approvalId "${body.approvalId}" and requestId "${answer.requestId}". A denied or expired approval is refused.`,
    };
    return { content: [{ type: "text", text: `Waiting for a person's approval: id ${body.approvalId}. ${waiting.howToContinue}\n${JSON.stringify(waiting)}` }] };
  }
  if (answer.status >= 200 && answer.status < 300) {
    const { text, truncated } = boundedJson({ status: answer.status, requestId: answer.requestId, answer: body });
    const note = truncated ? "\n(Lists in this answer were shortened to fit; ask for fewer items to see them all.)" : "";
    return { content: [{ type: "text", text: `${text}${note}` }] };
  }
  const error = typeof body === "object" && body !== null ? (body as { errorCode?: unknown; errorMessage?: unknown }) : {};
  const code = typeof error.errorCode === "string" ? error.errorCode : `HTTP ${answer.status}`;
  const message = typeof error.errorMessage === "string" ? error.errorMessage : typeof body === "string" ? body.slice(0, 500) : "";
  const retryAfter = answer.headers["retry-after"];
  const refusal = {
    outcome: "refused",
    status: answer.status,
    errorCode: code,
    errorMessage: message,
    requestId: answer.requestId,
    ...(retryAfter !== undefined ? { retryAfterSeconds: Number(retryAfter) } : {}),
  };
  const { text } = boundedJson(refusal);
  return { isError: true, content: [{ type: "text", text: `${code} (${answer.status}): ${message}\n${text}` }] };
}
