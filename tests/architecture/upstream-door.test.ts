/**
 * Two doors to eToro, one per kind of traffic: lib/etoro/ is the console's own client
 * (the only app code that calls fetch, the browser's apiFetch aside), and
 * lib/gateway/forward.ts is the agents' pass-through (the only code that imports an
 * HTTP client library, with lib/webhooks/send.ts, which calls only the URLs accounts
 * registered for webhooks, never eToro). Anything else reaching out would bypass them.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path.relative(root, full)] : [];
  });
}

/** The door to eToro, and the browser's door to the console's own BFF. */
const ALLOWED = [/^lib\/etoro\//, /^lib\/api-client\.ts$/];
/** Snippet text shown to people for their agents; never run by the console. */
const SNIPPETS = ["components/tokens/dialogs/agent-snippets.ts"];
/** server/ is left out of the fetch rule: it calls only itself and the local sandbox (health, Allow). */
const appFiles = (dirs = ["app", "components", "lib"]) => dirs.flatMap((dir) => files(path.join(root, dir)));

describe("the doors to eToro", () => {
  it("no app code outside lib/etoro/ calls fetch", () => {
    const callers = appFiles()
      .filter((file) => !ALLOWED.some((re) => re.test(file)) && !SNIPPETS.includes(file))
      .filter((file) => /(^|[^\w.])fetch\(/.test(readFileSync(path.join(root, file), "utf8")));
    expect(callers).toEqual([]);
  });

  it("only the gateway's pass-through (and the webhook sender) imports an HTTP client library", () => {
    const importers = appFiles(["app", "components", "lib", "server", "sandbox"])
      .filter((file) => /from\s+["'](undici|node-fetch|axios|got|ky)["']|require\(["']undici["']\)/.test(readFileSync(path.join(root, file), "utf8")))
      .filter((file) => !/^lib\/gateway\/(forward|test-rig)\.ts$|^lib\/webhooks\/send\.ts$/.test(file));
    expect(importers).toEqual([]);
  });
});
