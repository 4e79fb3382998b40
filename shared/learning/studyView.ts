import type { CompletionStatus } from '../contracts/courses';
import type { TaskItem } from '../contracts/learning';
import { COURSE_CATEGORIES, COURSE_CATEGORY_ZH, type CourseCategory } from './labels';
import { shanghai, shanghaiDay } from '../calendar';

/**
 * What the worker's learning pages show, as pure functions (mini-program pages and their tests
 * share them): task groups, durations, due dates, verification links.
 */
export const TASK_STATUS_ZH: Record<CompletionStatus, string> = { notStarted: '未开始', inProgress: '学习中', done: '已完成' };
export const TASK_STATUS_TONE: Record<CompletionStatus, 'muted' | 'warn' | 'ok'> = { notStarted: 'muted', inProgress: 'warn', done: 'ok' };

export interface TaskGroup {
  category: CourseCategory;
  title: string;
  items: TaskItem[];
  done: number;
}

/** The three categories in their fixed order (必学必训, 应知应会, 自主学习); within each, unfinished first, then by due date. */
export function groupTasks(items: TaskItem[]): TaskGroup[] {
  const rank: Record<CompletionStatus, number> = { inProgress: 0, notStarted: 1, done: 2 };
  return COURSE_CATEGORIES.map((category) => {
    const mine = items
      .filter((t) => t.category === category)
      .sort((a, b) => rank[a.status] - rank[b.status] || (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.title.localeCompare(b.title, 'zh'));
    return { category, title: COURSE_CATEGORY_ZH[category], items: mine, done: mine.filter((t) => t.status === 'done').length };
  });
}

/** 1小时5分 / 12分30秒 / 45秒 (credited and required study time). */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return m > 0 ? `${h}小时${m}分` : `${h}小时`;
  if (m > 0) return sec > 0 ? `${m}分${sec}秒` : `${m}分钟`;
  return `${sec}秒`;
}

/** Hours to one decimal: 1.5学时; whole numbers without the decimal. */
export function formatHours(hours: number): string {
  const r = Math.round(hours * 10) / 10;
  return `${Number.isInteger(r) ? r : r.toFixed(1)}学时`;
}

/** Whole percent, never 100 % before the server says done (99.6 % shows as 99 %). */
export function percent(progress: number, done = false): number {
  if (done) return 100;
  return Math.min(99, Math.max(0, Math.floor(progress * 100)));
}

export interface DueView {
  text: string;
  tone: 'muted' | 'warn' | 'bad';
}

/** 截止 12月31日 / 今天截止 / 已逾期 (in Shanghai days); null without a due date or once done. */
export function dueView(dueAt: string | null | undefined, now: Date | number, done = false): DueView | null {
  if (!dueAt || done) return null;
  const today = shanghaiDay(now);
  const due = shanghaiDay(dueAt);
  if (due < today) return { text: '已逾期', tone: 'bad' };
  if (due === today) return { text: '今天截止', tone: 'warn' };
  const d = shanghai(dueAt);
  const sameYear = d.year() === shanghai(now).year();
  const days = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { text: `${sameYear ? d.format('M月D日') : d.format('YYYY年M月D日')}截止`, tone: days <= 3 ? 'warn' : 'muted' };
}

/** 2026-12-02 → 2026年12月2日 (Shanghai). */
export const dateZh = (at: string | number | Date): string => shanghai(at).format('YYYY年M月D日');

/** The console's public verification page for a certificate's short code. */
export function certificateVerifyUrl(consoleBase: string, code: string): string {
  const base = consoleBase.replace(/#.*$/, '').replace(/\/+$/, '');
  return `${base}/#/verify?code=${encodeURIComponent(code)}`;
}

/** 第49周（12月1日–12月7日） from '2026-W49'. */
export function weekLabel(week: string, range: { start: Date; end: Date }): string {
  const m = /^\d{4}-W(\d{2})$/.exec(week);
  const last = new Date(range.end.getTime() - 1);
  return `第${m ? Number(m[1]) : week}周（${shanghai(range.start).format('M月D日')}–${shanghai(last).format('M月D日')}）`;
}
