import { stemLockId } from '../../shared/exam/questions';
import { C, getById, type Database } from '../common/db';
import { isDuplicateKey } from '../common/dbErrors';

/** `locks` document making a stem unique within a bank (docs/exam-design.md). */
export interface StemLock {
  _id: string;
  kind: 'questionStem';
  bankId: string;
  lineageId: string;
  createdAt: Date;
}

/** A lock whose lineage has no question this long after it was taken belongs to a create that died (a function runs ≤ 60 s). */
export const ORPHAN_LOCK_MS = 10 * 60_000;

export const stemLockDoc = (bankId: string, stem: string, lineageId: string, now: Date): StemLock => ({ _id: stemLockId(bankId, stem), kind: 'questionStem', bankId, lineageId, createdAt: now });

/**
 * Claims a stem for a lineage: create-once on the lock's `_id`. When the lock exists it decides: it
 * names this lineage (a replay) → ok; it names a lineage that has no stored question at all and
 * was taken more than ORPHAN_LOCK_MS ago (a create that died between the lock and the question) →
 * taken over with a conditional update; otherwise the stem is another question's (a younger lock
 * without a question is a create in flight: taking it over would let both write the stem).
 */
export async function claimStem(db: Database, bankId: string, stem: string, lineageId: string, now: Date): Promise<'ok' | 'duplicate'> {
  const lock = stemLockDoc(bankId, stem, lineageId, now);
  try {
    await db.collection(C.locks).add({ data: lock as unknown as Record<string, unknown> });
    return 'ok';
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  const held = await getById<StemLock>(C.locks, lock._id);
  if (!held) return claimStem(db, bankId, stem, lineageId, now);
  if (held.lineageId === lineageId) return 'ok';
  if (new Date(held.createdAt).getTime() > now.getTime() - ORPHAN_LOCK_MS) return 'duplicate';
  const { total } = await db.collection(C.questions).where({ lineageId: held.lineageId }).count();
  if (total > 0) return 'duplicate';
  const taken = await db.collection(C.locks).where({ _id: lock._id, lineageId: held.lineageId }).update({ data: { lineageId, createdAt: now } });
  if (taken.stats.updated === 1) return 'ok';
  const again = await getById<StemLock>(C.locks, lock._id);
  return again?.lineageId === lineageId ? 'ok' : 'duplicate';
}
