/**
 * npm run bench:list — requests per second of GET /api/portfolios against a running
 * console (BENCH_URL, default http://127.0.0.1:$PORT or :3000), signed in as
 * BENCH_USER_KEY (default sandbox-alice), with BENCH_CONCURRENCY (16) requests in
 * flight for BENCH_SECONDS (10). Start the server with SANDBOX_RATE_LIMIT=0. It
 * measures what the BFF adds per request (session check included): the list itself
 * comes from the per-session cache after the first call. Figures only, no pass/fail.
 */
const base = process.env.BENCH_URL || `http://127.0.0.1:${process.env.PORT || 3000}`;
const userKey = process.env.BENCH_USER_KEY || "sandbox-alice";
const concurrency = Number(process.env.BENCH_CONCURRENCY || 16);
const seconds = Number(process.env.BENCH_SECONDS || 10);

async function signIn(): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { origin: base, "content-type": "application/json" },
    body: JSON.stringify({ userKey }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("apc_session="));
  if (res.status !== 204 || !cookie) throw new Error(`sign-in answered ${res.status}`);
  return cookie.split(";")[0]!;
}

async function main() {
  const cookie = await signIn();
  const get = async () => {
    const res = await fetch(`${base}/api/portfolios`, { headers: { cookie } });
    await res.arrayBuffer();
    return res.status;
  };
  if ((await get()) !== 200) throw new Error("the list did not answer 200");
  for (let i = 0; i < 50; i++) await get(); // warm up

  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        if ((await get()) !== 200) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(`GET /api/portfolios at ${base}, ${concurrency} concurrent for ${seconds} s`);
  console.log(`  ${(latencies.length / seconds).toFixed(0)} req/s, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, non-200: ${errors}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
