/**
 * The scope catalogue: the four v2 scope names the contract allows, and how the
 * deprecated v1 ids (200–203) and v1 names map onto them.
 */

export const SCOPE_NAMES = [
  "etoro-public:trade.real:read",
  "etoro-public:trade.real:write",
  "etoro-public:trade.demo:read",
  "etoro-public:trade.demo:write",
] as const;

export type ScopeName = (typeof SCOPE_NAMES)[number];

interface ScopeDefinition {
  id: number;
  v1Name: string;
  name: ScopeName;
}

const CATALOGUE: readonly ScopeDefinition[] = [
  { id: 200, v1Name: "etoro-public:real:read", name: "etoro-public:trade.real:read" },
  { id: 201, v1Name: "etoro-public:demo:read", name: "etoro-public:trade.demo:read" },
  { id: 202, v1Name: "etoro-public:real:write", name: "etoro-public:trade.real:write" },
  { id: 203, v1Name: "etoro-public:demo:write", name: "etoro-public:trade.demo:write" },
];

export function isScopeName(value: string): value is ScopeName {
  return (SCOPE_NAMES as readonly string[]).includes(value);
}

/** A v1 scope id (200–203) as its v2 name, or undefined when not in the allowed set. */
export function scopeNameForId(id: number): ScopeName | undefined {
  return CATALOGUE.find((scope) => scope.id === id)?.name;
}

/** v1 endpoints take the v1 names and, like the spec's own examples, the v2 names. */
export function scopeNameForV1Name(name: string): ScopeName | undefined {
  return CATALOGUE.find((scope) => scope.v1Name === name || scope.name === name)?.name;
}

export function scopeIdFor(name: ScopeName): number {
  const found = CATALOGUE.find((scope) => scope.name === name);
  if (!found) throw new Error(`unknown scope ${name}`);
  return found.id;
}

/** Drops duplicates, keeping the caller's order. */
export function uniqueScopes(names: readonly ScopeName[]): ScopeName[] {
  return [...new Set(names)];
}
