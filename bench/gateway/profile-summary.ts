/**
 * Summarises a V8 CPU profile (.cpuprofile, as `BENCH_GATEWAY_PROFILE=<dir>`
 * writes for the gateway process): self time by function and by where the code
 * lives (WebAssembly, PGlite's JavaScript, undici, node internals, this
 * project), as shares of the busy time (idle and the profiler's own excluded),
 * and the longest stretches the main thread spent inside PGlite without a break
 * (each one a stall of every request in flight).
 *
 *   npx tsx bench/gateway/profile-summary.ts <file.cpuprofile> [top=30] [--from=<function>] [--watch=a,b]
 *
 * Start-up is left out: samples count from the first request (--from=<function> to
 * choose another start, --from= for all). --watch lists functions timed inclusively.
 */
import { readFileSync } from "node:fs";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type ProfileSummary = {
  busyMs: number;
  totalMs: number;
  byArea: { area: string; ms: number; share: number }[];
  byFunction: { name: string; area: string; ms: number; share: number }[];
  /** Inclusive time under each of these project functions (their callees included). */
  inclusive: { name: string; ms: number; share: number }[];
  /** Runs of consecutive samples under PGlite (wasm or its JS), longest first, in ms. */
  databaseStalls: number[];
};

const IDLE = new Set(["(idle)", "(program)", "(root)"]);

function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (functionName === "(garbage collector)") return "GC";
  if (IDLE.has(functionName)) return "idle";
  // PGlite's Postgres, or (on the main thread) undici's HTTP parser, llhttp.
  if (url.startsWith("wasm://") || functionName.startsWith("$") || /^wasm-function/.test(functionName)) return "wasm";
  if (url.includes("@electric-sql/pglite")) return "PGlite JS";
  if (url.includes("drizzle-orm")) return "drizzle";
  if (url.includes("/undici/")) return "undici";
  if (url.includes("prom-client")) return "prom-client";
  if (url.includes("node_modules/pg")) return "node-postgres";
  if (url.includes("node_modules/tsx") || url.includes("esbuild")) return "tsx";
  if (url.includes("node_modules")) return "other packages";
  if (url.startsWith("node:") || url === "") return "node internals";
  return "project";
}

/**
 * `from`: a function name; samples before the first one with it on the stack (start-up:
 * module loading, opening the database) are left out. Absent: everything counts.
 */
export function summarise(profile: Profile, watch: readonly string[] = [], from?: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let first = 0;
  if (from) {
    const onStack = (id: number) => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (byId.get(at)!.callFrame.functionName === from) return true;
      return false;
    };
    first = profile.samples.findIndex(onStack);
    if (first === -1) first = 0;
  }
  const self = new Map<number, number>();
  let total = 0;
  for (let i = first; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, { area: string; ms: number }>();
  let busy = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    const area = areaOf(frame);
    if (area === "idle" || frame.functionName === "(program)") continue;
    busy += ms;
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const file = frame.url.split("/").slice(-2).join("/");
    const name = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
    const entry = functions.get(name) ?? { area, ms: 0 };
    entry.ms += ms;
    functions.set(name, entry);
  }

  // Inclusive time of watched functions: a sample counts once for each watched name on its stack.
  const inclusive = new Map<string, number>(watch.map((w) => [w, 0]));
  const underDatabase = new Map<number, boolean>();
  const isUnderDatabase = (id: number): boolean => {
    const known = underDatabase.get(id);
    if (known !== undefined) return known;
    const frame = byId.get(id)!.callFrame;
    const area = areaOf(frame);
    const up = parent.get(id);
    // WebAssembly counts when PGlite's JavaScript called it (llhttp's caller is undici).
    const result = area === "PGlite JS" || (up !== undefined && isUnderDatabase(up));
    underDatabase.set(id, result);
    return result;
  };
  const stalls: number[] = [];
  let run = 0;
  for (let i = first; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (watch.length > 0) {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const fn = byId.get(at)!.callFrame.functionName;
        if (inclusive.has(fn) && !seen.has(fn)) {
          seen.add(fn);
          inclusive.set(fn, inclusive.get(fn)! + dt);
        }
      }
    }
    if (isUnderDatabase(id)) run += dt;
    else if (run > 0) {
      stalls.push(run);
      run = 0;
    }
  }
  if (run > 0) stalls.push(run);
  stalls.sort((a, b) => b - a);

  const share = (ms: number) => Math.round((1000 * ms) / busy) / 10;
  return {
    busyMs: Math.round(busy),
    totalMs: Math.round(total),
    byArea: [...areas].map(([area, ms]) => ({ area, ms: Math.round(ms), share: share(ms) })).sort((a, b) => b.ms - a.ms),
    byFunction: [...functions].map(([name, f]) => ({ name, area: f.area, ms: Math.round(f.ms), share: share(f.ms) })).sort((a, b) => b.ms - a.ms),
    inclusive: [...inclusive].map(([name, ms]) => ({ name, ms: Math.round(ms), share: share(ms) })).sort((a, b) => b.ms - a.ms),
    databaseStalls: stalls.map((s) => Math.round(s * 10) / 10),
  };
}

if (process.argv[1]?.endsWith("profile-summary.ts")) {
  const flags = new Map(process.argv.slice(2).filter((a) => a.startsWith("--")).map((a) => [a.slice(2).split("=")[0], a.split("=").slice(1).join("=")]));
  const [file, topText] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [top] [--from=<function>] [--watch=a,b]");
  const top = Number(topText ?? 30);
  const watch = (flags.get("watch") ?? "serve,done,writeBatch,insertRows,appendEvents,observe,forward").split(",").filter(Boolean);
  // From the first request on; a thread that never serves one (the database's) is summarised whole.
  const s = summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, watch, flags.get("from") ?? "handleGatewayRequest");
  const pct = (x: number) => `${x.toFixed(1).padStart(5)} %`;
  console.log(`busy ${s.busyMs} ms of ${s.totalMs} ms profiled`);
  console.log("\nby area (self time, share of busy):");
  for (const a of s.byArea) console.log(`  ${pct(a.share)}  ${String(a.ms).padStart(7)} ms  ${a.area}`);
  console.log(`\ntop ${top} functions (self time):`);
  for (const f of s.byFunction.slice(0, top)) console.log(`  ${pct(f.share)}  ${String(f.ms).padStart(7)} ms  [${f.area}] ${f.name}`);
  if (s.inclusive.length > 0) {
    console.log("\ninclusive (callees included):");
    for (const f of s.inclusive) console.log(`  ${pct(f.share)}  ${String(f.ms).padStart(7)} ms  ${f.name}`);
  }
  const stalls = s.databaseStalls;
  console.log(`\nstretches on the main thread inside PGlite: ${stalls.length}; longest ${stalls.slice(0, 10).join(", ")} ms`);
  if (stalls.length > 0) {
    const sorted = [...stalls].sort((a, b) => a - b);
    console.log(`  median ${sorted[Math.floor(sorted.length / 2)]} ms, p90 ${sorted[Math.floor(sorted.length * 0.9)]} ms, sum ${Math.round(stalls.reduce((x, y) => x + y, 0))} ms`);
  }
}
