import { oversightContracts } from '../../../shared/contracts/oversight';
import { annex4Scores, personTypeLabel, type Annex4Row } from '../../../shared/oversight/report';
import { regionContains } from '../../../shared/regions';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import type { RegionDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { accountOf } from '../../common/publishing';
import { examNotFound, lastCloseOf } from '../../exam/examDoc';
import { attemptsOf, attemptsWhere, examInScope, outcomeCounts, personIdsWithOutcome, personsWithoutAttempt, targetedWhere } from '../../exam/results';

type Kind = 'cheating' | 'failed' | 'absent';

/**
 * 附件4 作弊、不及格和缺考人员名单 of one formal exam, in the caller's scope (and region): the exam
 * results machinery (docs/exam-design.md "Results"), paged over the outcomes in the seed's order —
 * 作弊, 不合格 (aggregates over the exam's attempts in scope, index exam_county), then 缺考 (the
 * targeted persons without an attempt, only once the exam and its 补考 window closed). One page
 * reads the counts, its person ids, their attempts and persons and the county names: no scan per call.
 */
export default defineAction(oversightContracts.annex4, {
  allow: ['regulator', 'sysadmin'],
  async run({ examId, regionCode, page, pageSize }, ctx) {
    const { db } = ctx;
    const p = accountOf(ctx.principal);
    if (regionCode && p.role === 'regulator' && !regionContains(p.regionCode!, regionCode)) throw new AppError('NOT_IN_SCOPE', '无权查看该地区的数据');
    const exam = await examInScope(ctx, examId);
    if (exam.kind !== 'formal') throw examNotFound();
    const now = ctx.now().getTime();
    const closed = now >= lastCloseOf(exam).getTime();
    const filters = { regionCode };
    const attemptWhere = await attemptsWhere(ctx, exam, filters);
    const personsWhere = targetedWhere(ctx, exam, filters);
    const [counts, targeted] = await Promise.all([outcomeCounts(db, attemptWhere, now), closed ? db.collection(C.persons).where(personsWhere).count() : Promise.resolve({ total: 0 })]);
    const started = Object.values(counts).reduce((a, b) => a + b, 0);
    const summary = { cheating: counts.cheating, failed: counts.failed, absent: closed ? Math.max(0, targeted.total - started) : 0 };
    const total = summary.cheating + summary.failed + summary.absent;

    // The page's slice of each part, in order.
    const skip = (page - 1) * pageSize;
    const parts: { kind: Kind; skip: number; limit: number }[] = [];
    let offset = 0;
    for (const kind of ['cheating', 'failed', 'absent'] as Kind[]) {
      const n = summary[kind];
      const from = Math.max(skip, offset);
      const to = Math.min(skip + pageSize, offset + n);
      if (to > from) parts.push({ kind, skip: from - offset, limit: to - from });
      offset += n;
    }
    const slices = await Promise.all(
      parts.map(async (part) =>
        part.kind === 'absent'
          ? (await personsWithoutAttempt(db, personsWhere, examId, part.skip, part.limit)).map((x) => ({ id: x._id, kind: part.kind }))
          : (await personIdsWithOutcome(db, attemptWhere, now, part.kind, part.skip, part.limit)).map((id) => ({ id, kind: part.kind })),
      ),
    );
    const listed = slices.flat();
    const ids = listed.map((x) => x.id);
    type P = { _id: string; name: string; enterpriseName?: string | null; countyCode?: string; postCategory?: string; departmentName?: string | null };
    const [attempts, persons] = await Promise.all([
      attemptsOf(db, examId, ids),
      ids.length
        ? db.collection(C.persons).where({ _id: db.command.in(ids) }).limit(ids.length).field({ _id: true, name: true, enterpriseName: true, countyCode: true, postCategory: true, departmentName: true }).get<P>()
        : Promise.resolve({ data: [] as P[] }),
    ]);
    const byId = new Map(persons.data.map((x) => [x._id, x]));
    const counties = [...new Set(persons.data.map((x) => x.countyCode).filter(Boolean))] as string[];
    const names = counties.length ? (await db.collection(C.regions).where({ _id: db.command.in(counties) }).limit(counties.length).field({ _id: true, name: true }).get<RegionDoc>()).data : [];
    const countyName = new Map(names.map((r) => [r._id, r.name]));
    const retakeAllowed = exam.retake.mode !== 'none';
    const items: Annex4Row[] = listed.map(({ id, kind }) => {
      const person = byId.get(id);
      const s = annex4Scores((attempts.get(id) ?? []) as never, retakeAllowed);
      return {
        personId: id,
        name: person?.name ?? '—',
        county: (person?.countyCode && countyName.get(person.countyCode)) || '—',
        enterprise: person?.enterpriseName ?? '—',
        personType: personTypeLabel(person?.postCategory, person?.departmentName),
        initial: s.initial,
        retake: s.retake,
        remark: kind === 'cheating' ? '作弊' : kind === 'absent' ? '缺考' : s.remark,
        outcome: kind,
      };
    });
    return { items, total, page, pageSize, summary, exam: { examId: exam._id, title: exam.title, closed } };
  },
});
