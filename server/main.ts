// The entry point of `npm run dev` (under tsx) and, compiled by `npm run build`
// (scripts/build-server.mjs), of `npm start` and `npm run gateway`. Node's
// source-map support is settled first (source-maps.ts), and only then is the
// runtime loaded (runtime.ts), so no module it brings in keeps a source map in
// production.
import "./source-maps";

await import("./runtime");
