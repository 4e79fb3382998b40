import { randomInt } from 'crypto';
import type { SpotExamRow } from '../../shared/contracts/exam';
import { spotCode, spotQrText } from '../../shared/exam/spot';
import type { IndustryCode } from '../../shared/taxonomy';
import { C, type Database } from '../common/db';
import { isDuplicateKey } from '../common/dbErrors';
import { AppError } from '../common/errors';
import type { ExamDoc } from './examDoc';

/**
 * 逢查必考 (docs/exam-design.md): an exam with `spot: { enterpriseId, inspectionId, code }` and
 * `pushRule.enterpriseIds = [enterpriseId]`, plus what lists in scope need without a join
 * (`spotScope`: the enterprise's name, region path and industry). The code is unique while the
 * exam is open: `locks` `spotCode:<code>` is created once, and taken over only after its exam closed.
 */
export interface SpotScope {
  enterpriseName: string;
  /** The enterprise's region path (province, city, county[, town]): a regulator's subtree is one equality. */
  regions: string[];
  industry: IndustryCode | null;
}
export type SpotExamDoc = ExamDoc & { spot: NonNullable<ExamDoc['spot']>; spotScope: SpotScope };

export const spotLockId = (code: string): string => `spotCode:${code}`;

let pick: (n: number) => number = (n) => randomInt(n);
/** Tests name the codes (a collision, a take-over); null restores crypto randomness. */
export function setSpotCodePickForTests(fn: ((n: number) => number) | null): void {
  pick = fn ?? ((n) => randomInt(n));
}

const MAX_TRIES = 8;

/** A fresh code locked for `examId` until `closesAt`: retried on a code held by an open exam. */
export async function claimSpotCode(db: Database, examId: string, closesAt: Date, now: Date): Promise<string> {
  const locks = db.collection(C.locks);
  for (let i = 0; i < MAX_TRIES; i++) {
    const code = spotCode(pick);
    const _id = spotLockId(code);
    try {
      await locks.add({ data: { _id, kind: 'spotCode', examId, closesAt, createdAt: now } });
      return code;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    // Held: free again once its exam closed (compare-and-set, so two creators never share it).
    const r = await locks.where({ _id, closesAt: db.command.lte(now) }).update({ data: { examId, closesAt, createdAt: now } });
    if (r.stats.updated === 1) return code;
  }
  throw new AppError('CONFLICT', '生成考试码失败，请重试');
}

export function toSpotRow(e: SpotExamDoc, counts: Pick<SpotExamRow, 'started' | 'graded' | 'passed' | 'failed' | 'cheating'>, now: Date): SpotExamRow {
  return {
    examId: e._id,
    title: e.title,
    code: e.spot.code,
    qrText: spotQrText(e.spot.code),
    inspectionId: e.spot.inspectionId ?? null,
    enterpriseId: e.spot.enterpriseId,
    enterpriseName: e.spotScope?.enterpriseName ?? '',
    opensAt: new Date(e.opensAt).toISOString(),
    closesAt: new Date(e.closesAt).toISOString(),
    open: e.status === 'published' && new Date(e.closesAt).getTime() > now.getTime(),
    status: e.status,
    fullScore: e.fullScore,
    passScore: e.passScore,
    durationMinutes: e.durationMinutes,
    createdBy: e.publisher.name,
    ...counts,
  };
}
