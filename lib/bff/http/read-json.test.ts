import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SAME_ORIGIN, testRequest } from "@/tests/support/next-request";
import { ApiError } from "./api-error";
import { readJson } from "./read-json";

const schema = z.object({ name: z.string().min(1, "Give a name."), count: z.number().int("Whole numbers only.").optional() });

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  testRequest("POST", { headers: { ...SAME_ORIGIN, ...headers }, body });

async function refusal(run: Promise<unknown>): Promise<ApiError> {
  const e = await run.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe("readJson", () => {
  it("returns the parsed, validated body", async () => {
    await expect(readJson(post(JSON.stringify({ name: "bot", count: 2 })), schema)).resolves.toEqual({ name: "bot", count: 2 });
    await expect(readJson(post('{"name":"x"}', { "content-type": "application/json; charset=utf-8" }), schema)).resolves.toEqual({
      name: "x",
    });
  });

  it("refuses anything but JSON with 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      const e = await refusal(readJson(post('{"name":"x"}', { "content-type": type }), schema));
      expect([e.status, e.code], type).toEqual([415, "UnsupportedMediaType"]);
    }
    const none = await refusal(readJson(post('{"name":"x"}', {}), schema));
    expect(none.status).toBe(415);
  });

  it("refuses an oversize body when announced, without reading it", async () => {
    const e = await refusal(readJson(post('{"name":"x"}', { "content-type": "application/json", "content-length": String(64 * 1024 + 1) }), schema));
    expect([e.status, e.code]).toEqual([413, "PayloadTooLarge"]);
  });

  it("refuses an oversize body that was not announced, while streaming it", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // An endless body: reading must stop at the cap, not at the end.
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const e = await refusal(readJson(post(stream), schema));
    expect([e.status, e.code]).toEqual([413, "PayloadTooLarge"]);
    expect(sent).toBeLessThan(10);
  });

  it("refuses invalid JSON and an empty body with 400 InvalidJson", async () => {
    for (const text of ["{name:", "", "undefined"]) {
      const e = await refusal(readJson(post(text), schema));
      expect([e.status, e.code], JSON.stringify(text)).toEqual([400, "InvalidJson"]);
    }
  });

  it("turns schema errors into 400 ValidationFailed with a message per field", async () => {
    const e = await refusal(readJson(post(JSON.stringify({ name: "", count: 1.5 })), schema));
    expect([e.status, e.code]).toEqual([400, "ValidationFailed"]);
    expect(e.extra.fields).toEqual({ name: "Give a name.", count: "Whole numbers only." });
    expect(e.message).toBe("name: Give a name.");
  });
});
