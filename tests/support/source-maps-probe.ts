// Run as `node --import tsx tests/support/source-maps-probe.ts <command>`, as
// server/main.ts is run: prints whether Node's source-map support is on once
// server/source-maps.ts has run and another TypeScript module has loaded after it.
import "../../server/source-maps";

await import("../../lib/domain/refusal-words");
process.stdout.write(JSON.stringify({ enabled: process.sourceMapsEnabled }));
