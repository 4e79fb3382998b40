/**
 * What the worker's exam pages show, as pure functions (mini-program pages and their tests share
 * them): status chips, list sections, the countdown, answer toggling and the answer sheet.
 * Zod-free so the mini-program's main package stays small.
 */
import type { QuestionType } from './basics';
import type { ExamKind, MyExamStatus } from './attemptState';
import { shanghai } from '../calendar';

export type Tone = 'muted' | 'warn' | 'ok' | 'bad';

/** Chips of 考试 tab rows (the brief's 未开始 / 进行中 / 待评分 / 合格 / 不合格 / 缺考 / 作弊 / 已结束). */
export const EXAM_CHIP: Record<MyExamStatus, { label: string; tone: Tone }> = {
  upcoming: { label: '未开始', tone: 'muted' },
  open: { label: '待参加', tone: 'warn' },
  inProgress: { label: '进行中', tone: 'warn' },
  pending: { label: '待评分', tone: 'warn' },
  passed: { label: '合格', tone: 'ok' },
  failed: { label: '不合格', tone: 'bad' },
  absent: { label: '缺考', tone: 'bad' },
  cheating: { label: '作弊', tone: 'bad' },
  retakeOpen: { label: '可补考', tone: 'warn' },
  closed: { label: '已结束', tone: 'muted' },
};

export const KIND_SECTION_ZH: Record<ExamKind, string> = { formal: '正式考试', mock: '模拟考试', practice: '练习' };
/** Formal first: it is the one with consequences. */
export const KIND_ORDER: readonly ExamKind[] = ['formal', 'mock', 'practice'];

/** Whether the worker can go in now, and the button's words. */
export function entryAction(status: MyExamStatus, kind: ExamKind): { can: boolean; label: string } {
  switch (status) {
    case 'inProgress':
      return { can: true, label: '继续答题' };
    case 'open':
      return { can: true, label: kind === 'practice' ? '开始练习' : '开始考试' };
    case 'retakeOpen':
      return { can: true, label: kind === 'formal' ? '参加补考' : '再考一次' };
    default:
      return { can: false, label: EXAM_CHIP[status].label };
  }
}

export interface KindSection<T> {
  kind: ExamKind;
  title: string;
  items: T[];
}

/** Rows grouped 正式考试 / 模拟考试 / 练习 (empty sections dropped); rows needing action first inside each. */
export function sectionsByKind<T extends { kind: ExamKind; status: MyExamStatus; closesAt: string }>(items: readonly T[]): KindSection<T>[] {
  const rank = (s: MyExamStatus) => (s === 'inProgress' ? 0 : s === 'open' || s === 'retakeOpen' ? 1 : s === 'upcoming' ? 2 : s === 'pending' ? 3 : 4);
  return KIND_ORDER.map((kind) => ({
    kind,
    title: KIND_SECTION_ZH[kind],
    items: items.filter((i) => i.kind === kind).sort((a, b) => rank(a.status) - rank(b.status) || a.closesAt.localeCompare(b.closesAt)),
  })).filter((s) => s.items.length > 0);
}

/** 12月2日 14:00 (Shanghai; the year only when it is not the current one). */
export function dateTimeZh(at: string | number | Date, now: number | Date = Date.now()): string {
  const d = shanghai(at);
  return d.format(d.year() === shanghai(now).year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm');
}

/** 考试时间 12月1日 08:00 至 12月31日 18:00 */
export const windowZh = (opensAt: string, closesAt: string, now: number | Date = Date.now()): string => `${dateTimeZh(opensAt, now)} 至 ${dateTimeZh(closesAt, now)}`;

/** 剩余 mm:ss, or h:mm:ss past an hour; 00:00 once due. */
export function countdownText(remainingMs: number): string {
  const s = Math.max(0, Math.ceil(remainingMs / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${two(m)}:${two(sec)}`;
}

/**
 * How far the server's clock is ahead of the phone's (ms), from `start`'s `serverNow` and when its
 * answer arrived; 0 without one. The countdown runs on `phone now + offset`, so a wrong phone clock
 * neither ends an exam early nor late. (Latency makes the server look a little behind: the page
 * submits a moment late, never early; the server grades by its own deadline anyway.)
 */
export const clockOffset = (serverNow: string | undefined, receivedAt: number): number => {
  const t = serverNow ? Date.parse(serverNow) : NaN;
  return Number.isFinite(t) ? t - receivedAt : 0;
};

/** Milliseconds left until the server's deadline, on the server's clock as estimated by `offset`. */
export const remainingMs = (deadline: string, phoneNow: number, offset: number): number => Date.parse(deadline) - (phoneNow + offset);

/** Under five minutes left: the countdown turns red. */
export const countdownUrgent = (remainingMs: number): boolean => remainingMs <= 5 * 60_000;

/** 用时 35分12秒 */
export function timeUsedZh(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}小时${m}分${sec}秒`;
  if (m > 0) return `${m}分${sec}秒`;
  return `${sec}秒`;
}

/** Scores in hundredths elsewhere; shown without trailing zeros (87.5, 90). */
export const scoreText = (n: number): string => String(Math.round(n * 100) / 100);

/** A tap on option `key`: single and judge replace, multiple toggles; sorted like the server's normalised answers. */
export function toggleAnswer(type: QuestionType, current: readonly string[], key: string): string[] {
  if (type !== 'multiple') return current.length === 1 && current[0] === key ? [...current] : [key];
  const set = new Set(current);
  if (set.has(key)) set.delete(key);
  else set.add(key);
  return [...set].sort();
}

export const isAnswered = (a: readonly string[] | undefined): boolean => !!a && a.length > 0;

/** Questions without an answer (submit's confirmation says how many). */
export function unansweredCount(questionIds: readonly string[], answers: Readonly<Record<string, readonly string[] | undefined>>): number {
  return questionIds.filter((id) => !isAnswered(answers[id])).length;
}

export type SaveState = 'saving' | 'saved' | 'failed';
export type SheetCell = 'empty' | 'answered' | 'saving' | 'failed';

/** One cell of the answer sheet: a failed save shows until it is retried, whatever was chosen. */
export function sheetCell(answer: readonly string[] | undefined, save: SaveState | undefined): SheetCell {
  if (save === 'failed') return 'failed';
  if (save === 'saving') return 'saving';
  return isAnswered(answer) ? 'answered' : 'empty';
}

/** Error codes that end answering: the attempt is over on the server (submitted elsewhere, or past its deadline). */
export const ATTEMPT_OVER_CODES = ['ATTEMPT_SUBMITTED', 'ATTEMPT_EXPIRED'] as const;
export const attemptOver = (code: string | undefined): boolean => !!code && (ATTEMPT_OVER_CODES as readonly string[]).includes(code);

/** A saved answer shown as letters: A、C (未作答 when empty). */
export const lettersZh = (a: readonly string[] | undefined): string => (isAnswered(a) ? a!.join('、') : '未作答');

