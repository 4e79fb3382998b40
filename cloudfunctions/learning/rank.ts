import { isoWeekKey } from '../../shared/calendar';
import type { MyRank } from '../../shared/contracts/learning';
import { C, type Database } from '../common/db';
import type { LearnerDoc } from './learner';

/**
 * The caller's rank by points in its enterprise, all time and this ISO week: one aggregate over the
 * enterprise's learner documents (bounded by its staff), counting those ahead; rank = ahead + 1.
 * Null while the caller has no points (in that period).
 */
export async function enterpriseRank(db: Database, enterpriseId: string | null, me: LearnerDoc | null, at: Date): Promise<MyRank & { week: string }> {
  const week = isoWeekKey(at);
  const all = me?.pointsTotal ?? 0;
  const weekPoints = me && me.week === week ? me.weekPoints : 0;
  if (!enterpriseId || (all <= 0 && weekPoints <= 0)) return { week, enterpriseAll: null, enterpriseWeek: null };
  const $ = db.command.aggregate;
  const res = await db
    .collection(C.studySessions)
    .aggregate()
    .match({ enterpriseId })
    .group({
      _id: null,
      all: $.sum($.cond({ if: $.gt(['$pointsTotal', all]), then: 1, else: 0 })),
      week: $.sum($.cond({ if: $.and([$.eq(['$week', week]), $.gt(['$weekPoints', weekPoints])]), then: 1, else: 0 })),
    })
    .limit(1)
    .end<{ all: number; week: number }>();
  const ahead = res.list[0] ?? { all: 0, week: 0 };
  return { week, enterpriseAll: all > 0 ? ahead.all + 1 : null, enterpriseWeek: weekPoints > 0 ? ahead.week + 1 : null };
}
