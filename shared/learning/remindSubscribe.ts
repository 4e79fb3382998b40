/**
 * Asking a worker to subscribe to 提醒 (WeChat subscribe messages only arrive after the user agreed,
 * `wx.requestSubscribeMessage`, which WeChat shows only on a tap). The mini-program asks once per
 * course, on the tap of 开始学习 / 继续学习, when the build names the template (ANXUE_REMIND_TEMPLATE_ID,
 * the same id the function `learning` sends with); H5 and unconfigured builds never ask.
 */

/** Storage key of the courses already asked about (per device). */
export const REMIND_ASKED_KEY = 'anxue.remindAsked';
/** How many course ids are remembered (oldest dropped): storage stays small. */
export const REMIND_ASKED_MAX = 200;

/** WeChat template ids: letters, digits, `-` and `_` (43 characters in practice). */
const TEMPLATE_ID = /^[A-Za-z0-9_-]{8,128}$/;

/** The template ids to ask for, or null when this tap asks nothing. */
export function remindTemplatesToAsk(opts: { platform: string; templateId: string; courseId: string; asked: readonly string[] }): string[] | null {
  if (opts.platform !== 'weapp') return null;
  const id = opts.templateId.trim();
  if (!TEMPLATE_ID.test(id) || !opts.courseId) return null;
  return opts.asked.includes(opts.courseId) ? null : [id];
}

/** The stored list read back defensively (anything but a string array = nothing asked yet). */
export function askedCoursesOf(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((x): x is string => typeof x === 'string') : [];
}

/** The list after asking about a course: appended once, the oldest dropped beyond the limit. */
export function rememberAsked(asked: readonly string[], courseId: string, max = REMIND_ASKED_MAX): string[] {
  return [...asked.filter((c) => c !== courseId), courseId].slice(-max);
}
