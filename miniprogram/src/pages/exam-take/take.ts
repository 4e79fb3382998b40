import { useRouter } from '@tarojs/taro';
import type { MyExamItem, StartOutput } from '@shared/contracts';
import { exam } from '../../services/exam';

/**
 * State shared by the pages of this subpackage: the intro's `start` answer handed to the answering
 * page (so a fresh attempt is not fetched twice), and the 考试 tab's row for an exam.
 */
let primed: { key: string; out: StartOutput; at: number } | null = null;

/** `at`: when the answer arrived (for the clock offset against its `serverNow`). */
export const primeStart = (key: string, out: StartOutput): void => {
  primed = { key, out, at: Date.now() };
};

/** The primed answer for this exam (once); otherwise null and the page calls `start` itself. */
export function takePrimed(key: string): { out: StartOutput; at: number } | null {
  const p = primed;
  primed = null;
  return p && p.key === key ? { out: p.out, at: p.at } : null;
}

/** The exam as `myExams` lists it for the caller (the only worker view of an exam); NOT_FOUND otherwise. */
export async function myExam(examId: string): Promise<MyExamItem | null> {
  const { items } = await exam('myExams', {});
  return items.find((e) => e.examId === examId) ?? null;
}

/** A query parameter as sent by EXAM_PAGES (encoded; neither weapp nor Taro's H5 router decodes it). */
export function useParam(name: string): string {
  const raw = useRouter().params[name] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
