import { examAdminContracts } from '../../../shared/contracts/exam';
import type { PersonOutcome } from '../../../shared/exam/attemptState';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import {
  attemptsOf,
  attemptsWhere,
  examInScope,
  isAttemptOutcome,
  outcomeCounts,
  PERSON_FIELDS,
  personIdsWithOutcome,
  personsWithoutAttempt,
  targetedWhere,
  toResultRow,
  type ResultPerson,
} from '../results';

/**
 * 考试结果 per targeted person (docs/exam-design.md "Results"): the push rule's reach query over
 * persons ∩ the caller's scope (regulators their subtree and industries, enterprise admins their own
 * staff, the sysadmin all) ∩ the filters, paged; the page's attempts in one `in` query; the outcome
 * by `personOutcome` (缺考 derived after close). Summary: a count of the targeted persons plus one
 * aggregate over the exam's attempts in scope grouped by person and outcome — no page loop.
 * An outcome filter pages over that aggregate (outcomes with an attempt) or over the persons
 * joined with their attempts (未参加 / 缺考). Masked ID numbers only.
 */
export default defineAction(examAdminContracts.examResults, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ examId, outcome, regionCode, enterpriseId, departmentId, keyword, page, pageSize }, ctx) {
    const { db } = ctx;
    const exam = await examInScope(ctx, examId);
    const now = ctx.now().getTime();
    const closed = now >= new Date(exam.closesAt).getTime();
    const filters = { regionCode, enterpriseId, departmentId, keyword };
    const persons = targetedWhere(ctx, exam, filters);
    const attemptWhere = await attemptsWhere(ctx, exam, filters);
    const [targeted, counts] = await Promise.all([db.collection(C.persons).where(persons).count(), outcomeCounts(db, attemptWhere, now)]);
    const started = Object.values(counts).reduce((a, b) => a + b, 0);
    // Persons who took it but are no longer targeted (left, moved) are counted by their outcome, not twice.
    const without = Math.max(0, targeted.total - started);
    const summary: Record<PersonOutcome, number> = { ...counts, notStarted: closed ? 0 : without, absent: closed ? without : 0 };
    const skip = (page - 1) * pageSize;

    let rows: ResultPerson[];
    let total: number;
    if (outcome === 'all') {
      total = targeted.total;
      rows = (await db.collection(C.persons).where(persons).orderBy('name', 'asc').orderBy('_id', 'asc').skip(skip).limit(pageSize).field(PERSON_FIELDS).get<ResultPerson>()).data;
    } else if (isAttemptOutcome(outcome)) {
      total = summary[outcome];
      const ids = await personIdsWithOutcome(db, attemptWhere, now, outcome, skip, pageSize);
      const found = ids.length ? (await db.collection(C.persons).where({ _id: db.command.in(ids) }).limit(ids.length).field(PERSON_FIELDS).get<ResultPerson>()).data : [];
      const byId = new Map(found.map((p) => [p._id, p]));
      // A person deleted from the platform keeps its row (by id) so the page and the counts agree.
      rows = ids.map((id) => byId.get(id) ?? { _id: id, name: '—', idMasked: '—', enterpriseId: null, enterpriseName: null, departmentName: null, postCategory: 'otherWorker' });
    } else {
      total = summary[outcome];
      rows = total === 0 ? [] : await personsWithoutAttempt(db, persons, examId, skip, pageSize);
    }
    const attempts = await attemptsOf(db, examId, rows.map((p) => p._id));
    const items = rows.map((p) => toResultRow(exam, p, attempts.get(p._id) ?? [], now));
    return { items, total, page, pageSize, summary };
  },
});
