import { C, type Database } from './db';
import { AppError } from './errors';

/**
 * Fixed-window counter in `stats` (`rl:<scope>:<subject>:<window>`): a hit is one conditional
 * increment (the common case: one round trip), plus one insert for the first hit of a window.
 * Over `max` hits in the window → RATE_LIMITED.
 */
export async function hitRateLimit(db: Database, opts: { scope: string; subject: string; max: number; windowMs: number; now: Date }): Promise<void> {
  const window = Math.floor(opts.now.getTime() / opts.windowMs);
  const id = `rl:${opts.scope}:${opts.subject}:${window}`;
  const _ = db.command;
  const coll = db.collection(C.stats);
  const increment = async () => (await coll.where({ _id: id, n: _.lt(opts.max) }).update({ data: { n: _.inc(1) } })).stats.updated === 1;
  if (await increment()) return;
  try {
    // First hit of this window; fails on the existing _id when the window is already full.
    await coll.add({ data: { _id: id, kind: 'rateLimit', n: 1, expiresAt: new Date((window + 1) * opts.windowMs) } });
    return;
  } catch {
    // Either full, or another call created the window a moment ago: one more try decides.
    if (await increment()) return;
  }
  throw new AppError('RATE_LIMITED', '操作过于频繁，请稍后再试');
}
