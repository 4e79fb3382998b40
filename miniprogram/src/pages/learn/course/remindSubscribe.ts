import Taro from '@tarojs/taro';
import { askedCoursesOf, REMIND_ASKED_KEY, rememberAsked, remindTemplatesToAsk } from '@shared/learning/remindSubscribe';

/**
 * On the tap of 开始学习 (WeChat shows the dialog only from a tap): asks once per course to receive
 * 提醒 as a subscribe message. H5 and builds without ANXUE_REMIND_TEMPLATE_ID skip it silently; a
 * refusal or an old WeChat never stops the worker from studying. Storage is read synchronously so
 * the request stays inside the tap.
 */
export async function askRemindOnce(courseId: string): Promise<void> {
  let asked: string[] = [];
  try {
    asked = askedCoursesOf(Taro.getStorageSync(REMIND_ASKED_KEY));
  } catch {
    // Unreadable storage: ask (and try to remember).
  }
  const tmplIds = remindTemplatesToAsk({ platform: process.env.TARO_ENV, templateId: REMIND_TEMPLATE_ID, courseId, asked });
  if (!tmplIds) return;
  try {
    Taro.setStorageSync(REMIND_ASKED_KEY, rememberAsked(asked, courseId));
  } catch {
    // Storage full: at worst asked again next time.
  }
  try {
    await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option);
  } catch {
    // Refused, banned or unsupported: studying goes on; sendReminders records WeChat's refusal.
  }
}
