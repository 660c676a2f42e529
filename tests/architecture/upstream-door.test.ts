/** lib/etoro/ is the only code that calls eToro: no other app code may use fetch (the browser's own apiFetch aside). */
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

/** The door to eToro, the browser's door to the console's own BFF, and the agent's snippets (text shown, never run). */
const ALLOWED = [/^lib\/etoro\//, /^lib\/api-client\.ts$/, /^components\/tokens\/dialogs\/agent-snippets\.ts$/];

describe("the one door to eToro", () => {
  it("no app code outside lib/etoro/ calls fetch", () => {
    const callers = ["app", "components", "lib"]
      .flatMap((dir) => files(path.join(root, dir)))
      .filter((file) => !ALLOWED.some((re) => re.test(file)))
      .filter((file) => /(^|[^\w.])fetch\(/.test(readFileSync(path.join(root, file), "utf8")));
    expect(callers).toEqual([]);
  });
});
