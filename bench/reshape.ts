/**
 * Reshaping: the CPU the BFF spends turning eToro's list into PortfolioView[]
 * (`reshapePortfolio`: scope sorting, status and risk per token), and how big the
 * GET /api/portfolios body gets. The upstream data is the sandbox's generated seed,
 * fetched once with no latency, so it has the real wire shape.
 */
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { PortfolioList } from "../lib/domain/types";
import { reshapePortfolio } from "../lib/etoro/reshape";
import { listPortfoliosResponseSchema, type UpstreamPortfolio } from "../lib/etoro/wire-schemas";
import { startSandbox } from "../sandbox/server";
import { ALICE, TEST_API_KEY, testSandboxOptions } from "../tests/support/sandbox-client";
import { heading, int, ms, round, subheading, summarize, table, type BenchResult, type Summary } from "./report";

const SIZES = [1_000, 10_000] as const;
/** Runs per size: enough for a stable median while 10,000 stays under a couple of seconds. */
const RUNS: Record<(typeof SIZES)[number], number> = { 1_000: 50, 10_000: 15 };
const WARMUP_RUNS = 3;
const SIZE_PORTFOLIOS = 1_000;

type SizeRow = { portfolios: number; tokens: number; runs: number; reshapeMs: Summary; parseAndReshapeMs: Summary; usPerPortfolio: number };

export type ReshapeFigures = {
  rows: SizeRow[];
  json: { portfolios: number; tokens: number; bytes: number; kb: number; gzipKb: number; bytesPerPortfolio: number; upstreamKb: number };
};

async function fetchUpstream(count: number): Promise<string> {
  const sandbox = await startSandbox(testSandboxOptions({ seedPortfolios: count }));
  try {
    const res = await fetch(`${sandbox.url}/api/v1/agent-portfolios`, {
      headers: { "x-api-key": TEST_API_KEY, "x-user-key": ALICE, "x-request-id": randomUUID() },
    });
    if (!res.ok) throw new Error(`sandbox list answered ${res.status}`);
    return await res.text();
  } finally {
    await sandbox.close();
  }
}

function sample(runs: number, fn: () => void): number[] {
  for (let i = 0; i < WARMUP_RUNS; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    out.push(performance.now() - started);
  }
  return out;
}

export async function benchReshape(): Promise<BenchResult<ReshapeFigures>> {
  const largest = Math.max(...SIZES);
  const wire = listPortfoliosResponseSchema.parse(JSON.parse(await fetchUpstream(largest)));
  const all: UpstreamPortfolio[] = wire.agentPortfolios ?? [];
  if (all.length !== largest) throw new Error(`expected ${largest} portfolios, got ${all.length}`);

  const rows: SizeRow[] = [];
  let sink = 0; // keeps the work observable so it is not optimised away
  for (const size of SIZES) {
    const portfolios = all.slice(0, size);
    const text = JSON.stringify({ agentPortfolios: portfolios });
    const now = Date.now();
    const reshape = sample(RUNS[size], () => {
      sink += portfolios.map((p) => reshapePortfolio(p, now)).length;
    });
    // What the BFF does per upstream load: JSON.parse, zod validation, reshape.
    const full = sample(Math.ceil(RUNS[size] / 2), () => {
      const parsed = listPortfoliosResponseSchema.parse(JSON.parse(text));
      sink += (parsed.agentPortfolios ?? []).map((p) => reshapePortfolio(p, now)).length;
    });
    const reshapeMs = summarize(reshape);
    rows.push({
      portfolios: size,
      tokens: portfolios.reduce((n, p) => n + (p.userTokens?.length ?? 0), 0),
      runs: RUNS[size],
      reshapeMs,
      parseAndReshapeMs: summarize(full),
      usPerPortfolio: round((reshapeMs.median * 1000) / size, 2),
    });
  }
  if (sink === 0) throw new Error("nothing was reshaped");

  // GET /api/portfolios as the route builds it; every token given a 4-character hint
  // (the upper bound: all minted in this console).
  const upstream = all.slice(0, SIZE_PORTFOLIOS);
  const list: PortfolioList = {
    agentPortfolios: upstream.map((p) => {
      const view = reshapePortfolio(p);
      return { ...view, userTokens: view.userTokens.map((t) => ({ ...t, secretHint: t.userTokenId.slice(-4) })) };
    }),
    fetchedAt: new Date().toISOString(),
  };
  const body = JSON.stringify(list);
  const bytes = Buffer.byteLength(body);
  const json = {
    portfolios: SIZE_PORTFOLIOS,
    tokens: list.agentPortfolios.reduce((n, p) => n + p.userTokens.length, 0),
    bytes,
    kb: round(bytes / 1024, 1),
    gzipKb: round(gzipSync(body).length / 1024, 1),
    bytesPerPortfolio: Math.round(bytes / SIZE_PORTFOLIOS),
    upstreamKb: round(Buffer.byteLength(JSON.stringify({ agentPortfolios: upstream })) / 1024, 1),
  };

  const figures: ReshapeFigures = { rows, json };
  return { text: render(figures), figures };
}

function render(f: ReshapeFigures): string {
  const j = f.json;
  return [
    heading("2. Reshaping the portfolio list"),
    subheading("reshapePortfolio over the whole list (ms per list)"),
    table(
      ["Portfolios", "Tokens", "Runs", "Median ms", "p95 ms", "µs/portfolio", "Parse+zod+reshape median ms", "p95 ms"],
      f.rows.map((r) => [
        int(r.portfolios),
        int(r.tokens),
        r.runs,
        ms(r.reshapeMs.median),
        ms(r.reshapeMs.p95),
        r.usPerPortfolio.toFixed(2),
        ms(r.parseAndReshapeMs.median),
        ms(r.parseAndReshapeMs.p95),
      ]),
    ),
    subheading(`GET /api/portfolios body for ${int(j.portfolios)} portfolios (${int(j.tokens)} tokens, a secret hint on each)`),
    table(
      ["Body", "KB", "gzip KB", "Bytes/portfolio"],
      [
        ["PortfolioList JSON (BFF → browser)", j.kb.toFixed(1), j.gzipKb.toFixed(1), int(j.bytesPerPortfolio)],
        ["eToro list JSON (upstream → BFF)", j.upstreamKb.toFixed(1), "", ""],
      ],
    ),
  ].join("\n");
}
