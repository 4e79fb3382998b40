/** How deep a request may nest objects and arrays (deeper input is refused before anything walks it). */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether an already-parsed value nests objects/arrays deeper than `max`. Iterative with an early
 * exit, so a hostile 6,000-level payload costs at most `max` levels of work and never the stack.
 */
export function jsonDepthExceeds(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let budget = 100_000; // nodes visited: also bounds very wide inputs
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    if (--budget < 0) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * The same check on raw JSON text, before JSON.parse builds it: counts bracket nesting outside
 * strings. Answers true past `max` levels.
 */
export function jsonTextDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
