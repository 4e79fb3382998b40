import type { Ctx } from '../common/action';
import { C, getById } from '../common/db';
import { AppError } from '../common/errors';

/**
 * Exams with `identityCheck: 'start'`: a new attempt needs a passed check for this exam within the
 * last 10 minutes. The check lives in `locks` (`examIdCheck:<examId>:<personId>`, the latest one).
 */
export const IDENTITY_CHECK_VALID_MS = 10 * 60_000;
export const identityCheckDocId = (examId: string, personId: string): string => `examIdCheck:${examId}:${personId}`;

export interface IdentityCheckDoc {
  _id: string;
  examId: string;
  personId: string;
  checkId: string;
  startedAt: number;
  passedAt: number | null;
}

export async function assertIdentityChecked(_ctx: Ctx, examId: string, personId: string, now: number): Promise<void> {
  const doc = await getById<IdentityCheckDoc>(C.locks, identityCheckDocId(examId, personId));
  if (!doc?.passedAt || now - doc.passedAt > IDENTITY_CHECK_VALID_MS) throw new AppError('IDENTITY_CHECK_REQUIRED', '本考试需先完成人脸核验再开始答题');
}
