import { examAdminContracts, type ExamRow } from '../../../shared/contracts/exam';
import { ANY } from '../../../shared/learning/pushRule';
import { regionPath } from '../../../shared/regions';
import { escapeRegExp } from '../../../shared/text';
import { defineAction, type Ctx } from '../../common/action';
import { C, getById } from '../../common/db';
import type { EnterpriseDoc } from '../../common/enterprises';
import { accountOf, manageConditions } from '../../common/publishing';
import { scopeConditions } from '../../common/scope';
import { toExamRow, type ExamDoc } from '../examDoc';
import { enterpriseReaches } from '../results';

/** An enterprise's reaching exams are narrowed by index, finished by the matcher in memory: published exams are few (hundreds). */
const MAX_REACHING = 1000;
type Cond = Record<string, unknown>;

/**
 * scope 'reaching' (results viewers): published exams whose push rule reaches the caller, as getExam
 * answers them. A regulator: rule regions around its region (`match.region` in its region path or
 * ANY) or inside its subtree (anchored prefix on `match.region`), industries as its own — exactly
 * regulatorReaches, so the page and count are two queries on the status_region index. An enterprise
 * admin: region path and industry by index (≤ MAX_REACHING documents, no rule bodies), the
 * matcher finishes and the page is cut in memory. Counts on a reaching row are the caller's scope only.
 */
async function reachingWhere(ctx: Ctx): Promise<{ where: Cond; finish?: (e: ExamDoc) => boolean } | null> {
  const _ = ctx.db.command;
  const p = accountOf(ctx.principal);
  if (p.role === 'regulator' && p.regionCode) {
    const conds: Cond[] = [
      { status: 'published' },
      _.or([{ 'match.region': _.in([ANY, ...regionPath(p.regionCode)]) }, { 'match.region': ctx.db.RegExp({ regexp: `^${p.regionCode}` }) }]) as unknown as Cond,
    ];
    if (p.industries?.length) conds.push({ 'match.industry': _.in([ANY, ...p.industries]) });
    return { where: _.and(conds) as unknown as Cond };
  }
  if (p.role === 'enterpriseAdmin' && p.enterpriseId) {
    const ent = await getById<EnterpriseDoc>(C.enterprises, p.enterpriseId);
    if (!ent) return null;
    return {
      where: { status: 'published', 'match.region': _.in([ANY, ...regionPath(ent.regionCode)]), 'match.industry': _.in([ANY, ...(ent.industry ? [ent.industry] : [])]) },
      finish: (e) => enterpriseReaches(ent, e.pushRule),
    };
  }
  return null;
}

/**
 * The caller's exams (as courses: its enterprise's, its subtree's regulators', all), newest first, with live counts (indexed count queries per exam).
 * `spot` narrows to (or excludes) 逢查必考 exams, which carry their enterprise's name.
 */
export default defineAction(examAdminContracts.listExams, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ keyword, kind, status, spot, scope, page, pageSize }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const reaching = scope === 'reaching' && accountOf(ctx.principal).role !== 'sysadmin';
    const base = reaching ? await reachingWhere(ctx) : { where: null as Cond | null, finish: undefined };
    if (!base) return { items: [], total: 0, page, pageSize };
    const conds: Cond[] = reaching ? [base.where!] : manageConditions(ctx);
    if (status !== 'all') conds.push({ status });
    if (kind) conds.push({ kind });
    if (spot !== undefined) conds.push({ 'spot.code': _.exists(spot) });
    if (keyword) conds.push({ title: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) });
    const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds);
    const coll = db.collection(C.exams);
    let res: { data: ExamDoc[] };
    let total: number;
    if (base.finish) {
      const all = await coll.where(where).orderBy('updatedAt', 'desc').limit(MAX_REACHING).field({ rule: false }).get<ExamDoc>();
      const kept = all.data.filter(base.finish);
      res = { data: kept.slice((page - 1) * pageSize, page * pageSize) };
      total = kept.length;
    } else {
      const [r, count] = await Promise.all([
        coll.where(where).orderBy('updatedAt', 'desc').skip((page - 1) * pageSize).limit(pageSize).field({ rule: false }).get<ExamDoc>(),
        coll.where(where).count(),
      ]);
      res = r;
      total = count.total;
    }
    // A viewer counts only its own scope's attempts (another county's take-up is not its business).
    const scoped: Cond[] = reaching ? scopeConditions(_, ctx.principal) : [];
    const inScope = (c: Cond) => (scoped.length ? _.and([c, ...scoped]) : c);
    const attempts = db.collection(C.attempts);
    // Spot exams name their enterprise: one `in` query for the page.
    const entIds = [...new Set(res.data.flatMap((e) => (e.spot ? [e.spot.enterpriseId] : [])))];
    const names = new Map<string, string>();
    if (entIds.length) {
      const ents = await db.collection(C.enterprises).where({ _id: _.in(entIds) }).field({ name: true }).get<{ _id: string; name: string }>();
      for (const x of ents.data) names.set(x._id, x.name);
    }
    const withSpot = (e: ExamDoc, row: ExamRow): ExamRow => (e.spot ? { ...row, spot: { ...e.spot, enterpriseName: names.get(e.spot.enterpriseId) ?? null } } : row);
    const items = await Promise.all(
      res.data.map(async (e) => {
        if (e.status === 'draft') return withSpot(e, toExamRow(e, { started: 0, graded: 0, passed: 0 }));
        const [started, graded, passed] = await Promise.all([
          attempts.where(inScope({ examId: e._id })).count(),
          attempts.where(inScope({ examId: e._id, status: _.in(['graded', 'expired']) })).count(),
          attempts.where(inScope({ examId: e._id, status: _.in(['graded', 'expired']), 'result.passed': true })).count(),
        ]);
        return withSpot(e, toExamRow(e, { started: started.total, graded: graded.total, passed: passed.total }));
      }),
    );
    return { items, total, page, pageSize };
  },
});
