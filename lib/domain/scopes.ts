/**
 * What each eToro agent-portfolio scope lets an agent do, in words people can
 * weigh before granting it. v1 ids and names map to the v2 names.
 */
export type ScopeInfo = {
  name: string;
  label: string;
  description: string;
  account: "real" | "demo" | "unknown";
  access: "read" | "write" | "unknown";
};

export const REAL_READ = "etoro-public:trade.real:read";
export const REAL_WRITE = "etoro-public:trade.real:write";
export const DEMO_READ = "etoro-public:trade.demo:read";
export const DEMO_WRITE = "etoro-public:trade.demo:write";

const KNOWN: Record<string, Omit<ScopeInfo, "name">> = {
  [REAL_READ]: {
    label: "Real money · read",
    description: "Sees positions, orders and balances of your real-money account.",
    account: "real",
    access: "read",
  },
  [REAL_WRITE]: {
    label: "Real money · trade",
    description: "Opens and closes positions with real money.",
    account: "real",
    access: "write",
  },
  [DEMO_READ]: {
    label: "Demo · read",
    description: "Sees positions and balances of the virtual demo account.",
    account: "demo",
    access: "read",
  },
  [DEMO_WRITE]: {
    label: "Demo · trade",
    description: "Trades the virtual demo account. No real money moves.",
    account: "demo",
    access: "write",
  },
};

/** v1 scope ids and names, as the deprecated endpoints and old tokens carry them. */
const V1_TO_V2: Record<string, string> = {
  "200": REAL_READ,
  "201": DEMO_READ,
  "202": REAL_WRITE,
  "203": DEMO_WRITE,
  "etoro-public:real:read": REAL_READ,
  "etoro-public:demo:read": DEMO_READ,
  "etoro-public:real:write": REAL_WRITE,
  "etoro-public:demo:write": DEMO_WRITE,
};

export function normalizeScopeName(nameOrId: string | number): string {
  const key = String(nameOrId);
  return V1_TO_V2[key] ?? key;
}

export function describeScope(name: string): ScopeInfo {
  const known = KNOWN[name];
  if (known) return { name, ...known };
  return { name, label: name, description: "A scope this console does not know yet.", account: "unknown", access: "unknown" };
}

/** Order for display: the most powerful first. */
export function compareScopes(a: string, b: string): number {
  const rank = (n: string) => {
    const i = [REAL_WRITE, REAL_READ, DEMO_WRITE, DEMO_READ].indexOf(n);
    return i === -1 ? 99 : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
