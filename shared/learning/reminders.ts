/**
 * The WeChat subscribe message of a 提醒 (课程学习提醒), built from an outbox entry. Which template
 * fields exist depends on the template the account picked in the WeChat console, so the mapping
 * from our values to its keys is configuration (ANXUE_REMIND_TEMPLATE_FIELDS, JSON), with the
 * common 学习提醒 layout as default. WeChat limits `thing` values to 20 characters and dates to
 * a fixed format; values are cut to fit.
 */
export type ReminderValue = 'title' | 'dueDate' | 'tip' | 'progress';
export type ReminderFields = Record<string, ReminderValue>;

export const DEFAULT_REMINDER_FIELDS: ReminderFields = { thing1: 'title', date2: 'dueDate', thing3: 'tip' };
export const REMINDER_TIP = '您有课程尚未完成，请尽快学习';
/** Entries older than this are not sent any more (a reminder about last week is noise). */
export const REMINDER_MAX_AGE_DAYS = 3;

/** The mapping from configuration, or the default when it is missing or malformed. */
export function reminderFieldsOf(json: string | undefined): ReminderFields {
  if (!json) return DEFAULT_REMINDER_FIELDS;
  try {
    const v = JSON.parse(json) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return DEFAULT_REMINDER_FIELDS;
    const out: ReminderFields = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      if (/^[a-z_]+\d+$/.test(k) && (val === 'title' || val === 'dueDate' || val === 'tip' || val === 'progress')) out[k] = val;
    }
    return Object.keys(out).length ? out : DEFAULT_REMINDER_FIELDS;
  } catch {
    return DEFAULT_REMINDER_FIELDS;
  }
}

const cut = (s: string, n: number) => ([...s].length > n ? [...s].slice(0, n - 1).join('') + '…' : s);

export interface ReminderEntry {
  courseId: string;
  data: { title: string; dueDate: string | null; progress?: number };
}

/** `{ page, data }` of subscribeMessage.send for one entry. */
export function reminderMessage(e: ReminderEntry, fields: ReminderFields = DEFAULT_REMINDER_FIELDS): { page: string; data: Record<string, { value: string }> } {
  const values: Record<ReminderValue, string> = {
    title: e.data.title,
    dueDate: e.data.dueDate ?? '尽快完成',
    tip: REMINDER_TIP,
    progress: `已完成${Math.round(Math.max(0, Math.min(1, e.data.progress ?? 0)) * 100)}%`,
  };
  const data: Record<string, { value: string }> = {};
  for (const [key, what] of Object.entries(fields)) {
    const raw = values[what];
    // thing: ≤ 20 characters; date: a date or, without a due date, a phrase WeChat rejects — use the tip's field instead.
    const value = key.startsWith('thing') ? cut(raw, 20) : key.startsWith('date') || key.startsWith('time') ? (e.data.dueDate ?? '') : cut(raw, 20);
    if (value) data[key] = { value };
  }
  return { page: `pages/learn/course/index?courseId=${encodeURIComponent(e.courseId)}`, data };
}
