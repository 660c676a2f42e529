/**
 * A JSON answer cut to a size a model can take: the longest list is halved
 until the text fits, so what is left is
 * still valid JSON with whole items, never a string cut mid-value. Written
 * here because it is twenty lines and no library does "trim the lists first".
 */
export const MAX_TOOL_TEXT = 24_000;

type Trimmed = { value: unknown; trimmed: boolean };

/** The longest array in `value`, or null. */
function longestArray(value: unknown): unknown[] | null {
  let best = null as unknown[] | null;
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      if (!best || node.length > best.length) best = node;
      node.forEach(visit);
    } else if (node && typeof node === "object") {
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  return best;
}

function trimOnce(value: unknown): Trimmed {
  const target = longestArray(value);
  if (!target || target.length <= 1) return { value, trimmed: false };
  const keep = Math.floor(target.length / 2);
  const replace = (node: unknown): unknown => {
    if (node === target) return target.slice(0, keep);
    if (Array.isArray(node)) return node.map(replace);
    if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replace(v)]));
    return node;
  };
  return { value: replace(value), trimmed: true };
}

/** `value` as JSON text within `max` characters; `truncated` says whether lists were shortened or the text cut. */
export function boundedJson(value: unknown, max = MAX_TOOL_TEXT): { text: string; truncated: boolean } {
  let current = value;
  let text = JSON.stringify(current) ?? "null";
  let truncated = false;
  while (text.length > max) {
    const next = trimOnce(current);
    if (!next.trimmed) break;
    current = next.value;
    truncated = true;
    text = JSON.stringify(current);
  }
  if (text.length > max) return { text: `${text.slice(0, max - 80)}… [cut: the answer was longer than this tool returns]`, truncated: true };
  return { text, truncated };
}
