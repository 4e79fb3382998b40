import { C, type Database } from './db';
import { AppError } from './errors';

/** After this many failed logins the subject is locked for LOCK_MS. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;

interface GuardDoc {
  _id: string;
  kind: 'loginGuard';
  /** Attempts reserved since the last success or unlock (each attempt reserves before checking the password). */
  n: number;
  lockedUntil: Date | null;
  expiresAt: Date;
}

const lockedError = (until: Date, now: Date) =>
  new AppError('ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定，请${Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000))}分钟后再试`);

/**
 * Failed-login lockout that holds under parallel guessing and says nothing about who exists.
 *
 * The counter lives in `stats` under a key derived from what the caller typed (the keyed hash of an
 * ID number, a username), so an unknown ID locks exactly like a registered one. Every attempt first
 * *reserves* a slot with one conditional increment (`n < MAX`): of 20 parallel guesses at most MAX
 * get to check a password; the rest answer ACCOUNT_LOCKED. A success frees the slots; the failure
 * that fills the last slot starts the lock.
 */
export class LoginGuard {
  constructor(
    private readonly db: Database,
    private readonly key: string,
  ) {}

  private get id() {
    return `lg:${this.key}`;
  }

  /** Reserves one attempt, or throws ACCOUNT_LOCKED. */
  async reserve(now: Date): Promise<void> {
    const _ = this.db.command;
    const coll = this.db.collection(C.stats);
    const expiresAt = new Date(now.getTime() + 24 * 3600_000);
    const take = async () => (await coll.where({ _id: this.id, n: _.lt(MAX_FAILED_LOGINS) }).update({ data: { n: _.inc(1), expiresAt } })).stats.updated === 1;
    for (let tries = 0; tries < 3; tries++) {
      if (await take()) return;
      const res = await coll.where({ _id: this.id }).limit(1).get<GuardDoc>();
      const doc = res.data[0];
      if (!doc) {
        try {
          await coll.add({ data: { _id: this.id, kind: 'loginGuard', n: 1, lockedUntil: null, expiresAt } });
          return;
        } catch {
          continue; // created by a parallel attempt: race for a slot again
        }
      }
      const until = doc.lockedUntil ? new Date(doc.lockedUntil) : null;
      if (until && until.getTime() > now.getTime()) throw lockedError(until, now);
      if (!until) {
        // Full but not locked yet: the failures that filled it are still checking passwords.
        await coll.where({ _id: this.id, n: _.gte(MAX_FAILED_LOGINS), lockedUntil: null }).update({ data: { lockedUntil: new Date(now.getTime() + LOCK_MS) } });
        throw lockedError(new Date(now.getTime() + LOCK_MS), now);
      }
      // The lock is over: exactly one caller resets it (compare-and-set on the old lock time) and takes the first slot.
      const reset = await coll.where({ _id: this.id, lockedUntil: until }).update({ data: { n: 1, lockedUntil: null, expiresAt } });
      if (reset.stats.updated === 1) return;
    }
    throw new AppError('RATE_LIMITED', '登录尝试过于频繁，请稍后再试');
  }

  /**
   * A wrong password: the attempt keeps its slot; the failure that fills the last slot starts the
   * lock and throws ACCOUNT_LOCKED, every other failure throws `otherwise`.
   */
  async failed(now: Date, otherwise: AppError): Promise<never> {
    const _ = this.db.command;
    const locked = await this.db
      .collection(C.stats)
      .where({ _id: this.id, n: _.gte(MAX_FAILED_LOGINS), lockedUntil: null })
      .update({ data: { lockedUntil: new Date(now.getTime() + LOCK_MS) } });
    if (locked.stats.updated === 1) throw new AppError('ACCOUNT_LOCKED', `连续${MAX_FAILED_LOGINS}次登录失败，账号已锁定15分钟`);
    throw otherwise;
  }

  /** A right password: all slots are free again. */
  async succeeded(): Promise<void> {
    await this.db.collection(C.stats).where({ _id: this.id }).update({ data: { n: 0, lockedUntil: null } });
  }
}
