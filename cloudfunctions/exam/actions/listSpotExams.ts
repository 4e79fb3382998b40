import { examAdminContracts, type SpotExamRow } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { accountOf } from '../../common/publishing';
import { toSpotRow, type SpotExamDoc } from '../spot';

type Counts = Pick<SpotExamRow, 'started' | 'graded' | 'passed' | 'failed' | 'cheating'>;
interface Bucket {
  _id: { e: string; s: string; p: boolean | null; c: string | null };
  n: number;
}

/**
 * 逢查必考 exams of enterprises in scope, newest first: the sysadmin all; a regulator those of
 * enterprises in its region subtree (`spotScope.regions`, indexed) and, if limited, its industries —
 * whoever created them (an inspection by the province shows in the county). Counts per exam come
 * from one aggregate over the page's attempts (group by exam, status, pass, 作弊), not a scan.
 */
export default defineAction(examAdminContracts.listSpotExams, {
  allow: ['sysadmin', 'regulator'],
  async run({ inspectionId, enterpriseId, state, page, pageSize }, ctx) {
    const p = accountOf(ctx.principal);
    const _ = ctx.db.command;
    const now = ctx.now();
    const conds: Record<string, unknown>[] = [{ 'spot.enterpriseId': enterpriseId ?? _.exists(true) }];
    if (p.role === 'regulator') {
      if (!p.regionCode) throw new AppError('FORBIDDEN');
      conds.push({ 'spotScope.regions': p.regionCode });
      if (p.industries?.length) conds.push({ 'spotScope.industry': _.in(p.industries) });
    }
    if (inspectionId) conds.push({ 'spot.inspectionId': inspectionId });
    if (state === 'open') conds.push({ status: 'published', closesAt: _.gt(now) });
    if (state === 'closed') conds.push(_.or([{ status: _.neq('published') }, { closesAt: _.lte(now) }]));
    const where = conds.length === 1 ? conds[0] : _.and(conds);
    const exams = ctx.db.collection(C.exams);
    const [res, count] = await Promise.all([
      exams
        .where(where)
        .orderBy('createdAt', 'desc')
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .field({ rule: false, match: false, pushRule: false })
        .get<SpotExamDoc>(),
      exams.where(where).count(),
    ]);
    const counts = new Map<string, Counts>();
    if (res.data.length) {
      const $ = ctx.db.command.aggregate;
      const buckets = await ctx.db
        .collection(C.attempts)
        .aggregate()
        .match({ examId: _.in(res.data.map((e) => e._id)) })
        .group({ _id: { e: '$examId', s: '$status', p: '$result.passed', c: '$cheating.by' }, n: $.sum(1) })
        .limit(1000)
        .end<Bucket>();
      for (const b of buckets.list) {
        const c = counts.get(b._id.e) ?? { started: 0, graded: 0, passed: 0, failed: 0, cheating: 0 };
        c.started += b.n;
        if (b._id.c) c.cheating += b.n;
        if (b._id.s === 'graded' || b._id.s === 'expired') {
          c.graded += b.n;
          if (b._id.p === true && !b._id.c) c.passed += b.n;
          else c.failed += b.n;
        }
        counts.set(b._id.e, c);
      }
    }
    const none: Counts = { started: 0, graded: 0, passed: 0, failed: 0, cheating: 0 };
    return { items: res.data.map((e) => toSpotRow(e, counts.get(e._id) ?? none, now)), total: count.total, page, pageSize };
  },
});
