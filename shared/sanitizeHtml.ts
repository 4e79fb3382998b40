/**
 * Allow-list sanitizer for course articles (rich text typed in the console, shown in the
 * mini-program's RichText and the H5 build). The output is rebuilt from tokens, never copied: only
 * the tags below survive, with only the attributes below, every attribute value re-escaped, text
 * re-escaped, and the tree balanced. No scripts, styles, links, event handlers, iframes, forms or
 * comments; the content of script/style-like elements is dropped with them. Images only from cloud
 * storage (`cloud://…` fileIDs), which the function then checks are the caller's own uploads.
 */

const BLOCK_OR_INLINE = new Set([
  'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'hr',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'img',
]);
const VOID = new Set(['br', 'hr', 'img']);
/** Dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'textarea', 'select', 'title', 'head', 'xmp', 'noembed', 'noframes', 'plaintext']);
/** Attributes kept, per tag (values checked by ATTR_RULES). */
const ATTRS: Record<string, readonly string[]> = { img: ['src', 'alt'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] };
const CLOUD_FILE = /^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/;
const ATTR_RULES: Record<string, (v: string) => boolean> = {
  src: (v) => CLOUD_FILE.test(v) && !v.includes('..'),
  alt: (v) => v.length <= 200,
  colspan: (v) => /^[1-9]\d?$/.test(v),
  rowspan: (v) => /^[1-9]\d?$/.test(v),
};

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes character references (what a browser would read), so the checks see the real value. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});?/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
    return NAMED[ref.toLowerCase()] ?? m;
  });
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** Control characters (except tab/newline) and invisible format characters never survive. */
const stripUnsafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '');

type Token = { t: 'text'; v: string } | { t: 'open'; name: string; attrs: [string, string][]; selfClosing: boolean } | { t: 'close'; name: string };

const ATTR_RE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function tokenize(html: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out.push({ t: 'text', v: html.slice(i) });
      break;
    }
    if (lt > i) out.push({ t: 'text', v: html.slice(i, lt) });
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      const end = html.indexOf('>', i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const m = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(html.slice(i, i + 4096));
    if (!m) {
      // A '<' that opens no tag is text.
      out.push({ t: 'text', v: '<' });
      i += 1;
      continue;
    }
    i += m[0].length;
    const name = m[2].toLowerCase();
    if (m[1]) {
      out.push({ t: 'close', name });
      continue;
    }
    const rawAttrs = m[3];
    const attrs: [string, string][] = [];
    for (const a of rawAttrs.matchAll(ATTR_RE)) attrs.push([a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '']);
    out.push({ t: 'open', name, attrs, selfClosing: /\/\s*$/.test(rawAttrs) });
  }
  return out;
}

export interface SanitizedHtml {
  html: string;
  /** The `cloud://` images it shows (the caller must own new ones). */
  imageFileIDs: string[];
  /** Visible text length (an article with no text and no image is empty). */
  textLength: number;
}

/** Sanitizes an article body. Pure; idempotent (sanitizing the output again changes nothing). */
export function sanitizeArticleHtml(input: string): SanitizedHtml {
  const tokens = tokenize(stripUnsafe(input));
  const stack: string[] = [];
  const images: string[] = [];
  let out = '';
  let textLength = 0;
  let dropDepth = 0;
  let dropTag = '';
  for (const tok of tokens) {
    if (dropDepth > 0) {
      if (tok.t === 'open' && tok.name === dropTag && !tok.selfClosing) dropDepth++;
      if (tok.t === 'close' && tok.name === dropTag) dropDepth--;
      continue;
    }
    if (tok.t === 'text') {
      const text = stripUnsafe(decodeEntities(tok.v));
      textLength += text.trim().length;
      out += escapeText(text);
      continue;
    }
    if (tok.t === 'open') {
      if (DROP_WITH_CONTENT.has(tok.name)) {
        if (!tok.selfClosing) {
          dropDepth = 1;
          dropTag = tok.name;
        }
        continue;
      }
      if (!BLOCK_OR_INLINE.has(tok.name)) continue;
      const allowed = ATTRS[tok.name] ?? [];
      let attrs = '';
      const seen = new Set<string>();
      for (const [k, raw] of tok.attrs) {
        if (!allowed.includes(k) || seen.has(k)) continue;
        const v = stripUnsafe(decodeEntities(raw)).trim();
        if (!ATTR_RULES[k](v)) continue;
        seen.add(k);
        attrs += ` ${k}="${escapeAttr(v)}"`;
        if (k === 'src') images.push(v);
      }
      if (tok.name === 'img' && !seen.has('src')) continue;
      out += `<${tok.name}${attrs}>`;
      if (!VOID.has(tok.name)) stack.push(tok.name);
      continue;
    }
    // close
    if (VOID.has(tok.name) || !stack.includes(tok.name)) continue;
    while (stack.length) {
      const top = stack.pop()!;
      out += `</${top}>`;
      if (top === tok.name) break;
    }
  }
  while (stack.length) out += `</${stack.pop()!}>`;
  return { html: out, imageFileIDs: [...new Set(images)], textLength };
}
