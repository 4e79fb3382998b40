import type { MaterialKind } from '../contracts/courses';

/**
 * Defaults the course editor proposes for a material's required study time (学习时长), from what
 * it can read of the file itself: a video's duration, a PDF's page count, an article's length.
 * The publisher may change them; the contract bounds them to 30 s … 4 h.
 */
export const MIN_REQUIRED_SECONDS = 30;
export const MAX_REQUIRED_SECONDS = 4 * 3600;
/** Reading pace assumed for documents (per page) and articles (characters per minute). */
export const SECONDS_PER_PAGE = 60;
export const ARTICLE_CHARS_PER_MINUTE = 300;

const clamp = (s: number) => Math.min(MAX_REQUIRED_SECONDS, Math.max(MIN_REQUIRED_SECONDS, Math.ceil(s)));

export function suggestedRequiredSeconds(kind: MaterialKind, facts: { durationSeconds?: number; pages?: number; textLength?: number }): number {
  if (kind === 'video') return clamp(facts.durationSeconds ?? 0);
  if (kind === 'document') return clamp((facts.pages ?? 1) * SECONDS_PER_PAGE);
  return clamp(((facts.textLength ?? 0) / ARTICLE_CHARS_PER_MINUTE) * 60);
}

/**
 * Pages of a PDF, counted from its `/Type /Page` objects (not `/Pages`); null when none is visible
 * (e.g. page objects inside compressed object streams): the editor then asks for the number.
 */
export function pdfPageCount(bytes: Uint8Array): number | null {
  // latin1 keeps every byte as one character, so the ASCII markers survive binary content.
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  if (!text.startsWith('%PDF-')) return null;
  const n = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  return n > 0 ? n : null;
}

/** "1小时5分", "12分30秒", "45秒": a study time as people read it. */
export function formatStudyTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h) return m ? `${h}小时${m}分` : `${h}小时`;
  if (m) return r ? `${m}分${r}秒` : `${m}分钟`;
  return `${r}秒`;
}

/** Characters of visible text in an article's HTML (tags and entities not counted). */
export const articleTextLength = (html: string): number =>
  html.replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/gi, ' ').replace(/\s+/g, '').length;
