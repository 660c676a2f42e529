/**
 * npm run bench — prints figures and ratios for the upstream read cache, the list
 * reshaping and the audit ledger, and writes the same figures to
 * bench/results/latest.json. Nothing here passes or fails on time; the exit code is
 * non-zero only when a benchmark could not run at all.
 *
 * Runs under `tsx --conditions=react-server` so "server-only" resolves to its empty
 * module outside Next (as the upstream client and the ledger import it).
 */
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { benchAppVsBare } from "./app-vs-bare";
import { writeBenchmarksMd, writeGatewayMd } from "./benchmarks-md";
import { benchAudit } from "./audit";
import { benchGatewayJudge } from "./gateway-judge";
import { benchGateway } from "./gateway";
import { benchTokenUsage } from "./token-usage";
import { benchLedger } from "./ledger";
import { benchReshape } from "./reshape";
import type { BenchResult } from "./report";
import { round } from "./report";
import { benchUpstreamReads } from "./upstream-reads";

const BENCHES: [key: string, run: () => Promise<BenchResult<unknown>>][] = [
  ["upstreamReads", benchUpstreamReads],
  ["reshape", benchReshape],
  ["ledger", benchLedger],
  ["appVsBare", benchAppVsBare],
  ["audit", benchAudit],
  ["gatewayJudge", benchGatewayJudge],
  ["gateway", benchGateway],
  ["tokenUsage", benchTokenUsage],
];

/** Their figures get a BENCHMARKS.md section of their own, written by any run that has them. */
const GATEWAY_BENCHES = ["gateway", "tokenUsage"];

/** `npm run bench -- appVsBare` runs only the named benchmarks (BENCHMARKS.md is written only by a full run). */
const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));

async function main(): Promise<number> {
  const started = performance.now();
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    totalMemoryGb: round(os.totalmem() / 1024 ** 3, 1),
    loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
  console.log("Agent Portfolio Console — benchmarks (figures, not pass/fail)");
  console.log(`CPUs: ${machine.cpus} × ${machine.cpuModel}`);
  console.log(`Node: ${machine.node} on ${machine.platform}, ${machine.totalMemoryGb} GB RAM`);
  console.log(`Date: ${new Date().toISOString()}`);

  const results: Record<string, unknown> = {};
  const texts: string[] = [];
  const gatewayTexts: string[] = [];
  const errors: Record<string, string> = {};
  for (const [key, run] of BENCHES.filter(([key]) => only.length === 0 || only.includes(key))) {
    try {
      const { text, figures } = await run();
      console.log(text);
      texts.push(text);
      if (GATEWAY_BENCHES.includes(key)) gatewayTexts.push(text);
      results[key] = figures;
    } catch (error) {
      // One broken benchmark should not hide the others' figures.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`\n[bench] ${key} failed: ${message}`);
      errors[key] = error instanceof Error ? error.message : String(error);
    }
  }

  const durationMs = round(performance.now() - started, 0);
  const file = path.join(import.meta.dirname, "results", "latest.json");
  await mkdir(path.dirname(file), { recursive: true });
  const report = { generatedAt: new Date().toISOString(), durationMs, machine, results, errors };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nTotal ${(durationMs / 1000).toFixed(1)} s. Figures written to ${path.relative(process.cwd(), file)}.`);
  // A profile run measures one round of one kind of request: not figures for BENCHMARKS.md.
  if (gatewayTexts.length > 0 && !process.env.BENCH_GATEWAY_PROFILE) {
    const gatewayReport = { ...report, results: Object.fromEntries(Object.entries(results).filter(([k]) => GATEWAY_BENCHES.includes(k))) };
    const written = await writeGatewayMd(gatewayReport, gatewayTexts.join("\n"));
    console.log(`Gateway section written to ${path.relative(process.cwd(), written)}.`);
  }
  if (only.length === 0) {
    const written = await writeBenchmarksMd(report, texts.join("\n"));
    console.log(`Summary written to ${path.relative(process.cwd(), written)}.`);
  }
  return Object.keys(errors).length ? 1 : 0;
}

process.exitCode = await main();
