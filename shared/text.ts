/** Escapes user text for use inside a regular expression (search keywords). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Characters no name or single-line text may hold: C0/C1 controls (NUL, tab, newline …), bidi
 * embeddings, overrides and isolates (which can make "exe.txt" display as "txt.exe"), zero-width
 * characters and BOM, line/paragraph separators, and lone surrogates. (No lookbehind: older WeChat
 * JavaScript engines cannot parse it.)
 */
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/;
/** Multi-line text (reasons, notes) may also hold line breaks and tabs. */
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/;

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

export const hasUnsafeChars = (s: string, opts: { multiline?: boolean } = {}): boolean =>
  (opts.multiline ? UNSAFE_MULTILINE : UNSAFE_TEXT).test(s) || hasLoneSurrogate(s);

export const UNSAFE_TEXT_ZH = '不能包含控制字符或不可见的格式字符';

/** Full-width ASCII and ideographic spaces → half-width; trimmed. */
export function normalizeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v instanceof Date ? v.toISOString().slice(0, 10) : '';
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}
