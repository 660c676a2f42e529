/** The console's instrumentation.ts is found by Turbopack when this app has none: this no-op keeps the bare app bare. */
export function register() {}
