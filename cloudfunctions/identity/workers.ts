import { randomBytes } from 'crypto';
import { hashPassword, verifyPassword } from '../common/crypto';
import type { RequestRow } from '../../shared/contracts/people';
import type { IndustryCode } from '../../shared/taxonomy';
import type { Ctx } from '../common/action';
import { C, type Database } from '../common/db';
import { AppError } from '../common/errors';
import { requestRow, type RequestDoc } from '../common/requests';

/** Helpers shared by the worker actions of the identity function. */

/** The fields of an enterprise document these actions read. */
export interface EnterpriseLite {
  _id: string;
  name: string;
  regionCode: string;
  regionName: string;
  industry: IndustryCode;
  status?: string;
}

export const newId = (): string => randomBytes(16).toString('hex');

/** Worker actions are mini-program calls: without the caller's OPENID there is nobody to bind. */
export function requireOpenId(ctx: Ctx): string {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序后再试');
  return ctx.openid;
}

/**
 * The person's own pending registration / change-of-employer requests, newest first (one indexed
 * query). A pending 信息变更 shows as `person.pendingPostCategory` instead.
 */
export async function pendingRequestsOf(db: Database, personId: string): Promise<RequestRow[]> {
  const type = db.command.in(['registration', 'changeEmployer']);
  const res = await db.collection(C.requests).where({ personId, status: 'pending', type }).orderBy('createdAt', 'desc').limit(20).get<RequestDoc>();
  return res.data.map(requestRow);
}

/** Login rate limit per OPENID (against ID-number guessing). */
export const LOGIN_RATE = { max: 10, windowMs: 60_000 } as const;

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash; without one (unknown ID number or username) it still
 * spends the same scrypt work on a dummy hash, so the answer time does not tell who is registered.
 */
export async function checkPasswordOrDummy(password: string, stored: string | undefined): Promise<boolean> {
  if (stored) return verifyPassword(password, stored);
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}
