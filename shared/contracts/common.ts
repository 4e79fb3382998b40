import { z } from 'zod';
import { hasUnsafeChars, UNSAFE_TEXT_ZH } from '../text';

/** Refinements for user text: no control, bidi or invisible characters (multiline: line breaks and tabs allowed). */
export const safeLine = [(s: string) => !hasUnsafeChars(s), UNSAFE_TEXT_ZH] as const;
export const safeLines = [(s: string) => !hasUnsafeChars(s, { multiline: true }), UNSAFE_TEXT_ZH] as const;

/** Trimmed free-text search keyword; empty means "no filter". */
export const keyword = z.string().trim().max(50, '关键词不能超过50个字').optional().default('');

export const page = z.coerce.number().int().min(1).max(10000).optional().default(1);
export const pageSize = (max = 50, dflt = 20) => z.coerce.number().int().min(1).max(max).optional().default(dflt);

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
