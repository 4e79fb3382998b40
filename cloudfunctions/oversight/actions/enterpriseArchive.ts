import { baselineDocId } from '../../../shared/baselines';
import { oversightContracts } from '../../../shared/contracts/oversight';
import { entCoursesParent, entNode, monthPeriod, ovId, rate, shanghaiMonth, type OvCounters } from '../../../shared/oversight/rollup';
import { trainerRule } from '../../../shared/oversight/trainers';
import { defineAction } from '../../common/action';
import type { BaselineDoc } from '../../common/baselines';
import { C, getById } from '../../common/db';
import type { EnterpriseDoc } from '../../common/enterprises';
import type { PersonDoc } from '../../common/persons';
import { archiveNotInScope, enterpriseArchiveRow, enterpriseInScope } from '../archiveScope';

const TRAINER_LIMIT = 200;

/** The `n` months up to `YYYY-MM`, newest first. */
function monthsBack(m: string, n: number): string[] {
  const out: string[] = [];
  let [y, mo] = m.split('-').map(Number);
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(mo).padStart(2, '0')}`);
    mo -= 1;
    if (mo === 0) (mo = 12), (y -= 1);
  }
  return out;
}

/**
 * 企业档案: attributes, staff registered (rollup) against the 社保缴纳名单 headcount, cumulative
 * learning and exam figures (rollups `ov:e:*`, `ec`), offline trainings, 内训师 against the ratio
 * rule, and the enterprise's audit history. Two round trips after the caller lookup: the
 * enterprise (scope), then one parallel batch of indexed reads, whatever the staff size.
 */
export default defineAction(oversightContracts.enterpriseArchive, {
  allow: ['regulator', 'enterpriseAdmin', 'sysadmin'],
  async run({ enterpriseId }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const e = await getById<EnterpriseDoc>(C.enterprises, enterpriseId);
    if (!e || !enterpriseInScope(ctx.principal, e)) throw archiveNotInScope();
    const month = shanghaiMonth(ctx.now());
    const months = monthsBack(month, 3);
    const node = entNode(e._id);
    const [ov, courses, base, offline, trainers, trainerCount, history] = await Promise.all([
      db.collection(C.stats).where({ _id: _.in([ovId(node, 'all'), ovId(node, monthPeriod(month))]) }).limit(2).get<OvCounters & { _id: string }>(),
      db.collection(C.stats).where({ parent: entCoursesParent(e._id), period: 'all' }).field({ learners: true, completions: true }).limit(1000).get<{ learners?: number; completions?: number }>(),
      db.collection(C.baselines).where({ _id: _.in(months.map((m) => baselineDocId(m, 'insured', e.creditCode))) }).limit(3).get<BaselineDoc>(),
      db.collection(C.offlineTrainings).where({ enterpriseId: e._id }).orderBy('date', 'desc').limit(50).get<{ _id: string; date: string; topic: string; hours: number; attendeeIds?: string[]; voided?: boolean }>(),
      db
        .collection(C.persons)
        .where({ enterpriseId: e._id, status: 'active', postCategory: 'internalTrainer' })
        .orderBy('name', 'asc')
        .limit(TRAINER_LIMIT)
        .field({ _id: true, name: true, idMasked: true, postCategory: true })
        .get<PersonDoc>(),
      db.collection(C.persons).where({ enterpriseId: e._id, status: 'active', postCategory: 'internalTrainer' }).count(),
      db.collection(C.auditLog).where({ targetId: e._id }).orderBy('at', 'desc').limit(50).get<{ at: Date; action: string; actorId?: string | null; details?: Record<string, unknown> }>(),
    ]);
    const all = ov.data.find((d) => d._id === ovId(node, 'all')) ?? {};
    const m = ov.data.find((d) => d._id === ovId(node, monthPeriod(month))) ?? {};
    const n = (d: OvCounters, k: string) => (d as Record<string, number | undefined>)[k] ?? 0;
    const sumTier = (d: OvCounters, prefix: string) => Object.entries(d).reduce((s, [k, v]) => (k.startsWith(prefix) && typeof v === 'number' ? s + v : s), 0);
    const courseStarts = courses.data.reduce((s, c) => s + (c.learners ?? 0), 0);
    const completions = n(all, 'completions');
    const takers = sumTier(all, 'examTakers_');
    const passed = sumTier(all, 'examPassed_');
    const latest = months.map((mm) => base.data.find((b) => b.period === mm)).find(Boolean) ?? null;
    const registered = n(all, 'persons');
    const rule = trainerRule(e, registered);
    return {
      enterprise: {
        ...enterpriseArchiveRow(e),
        address: e.address ?? '',
        contactName: e.contactName ?? '',
        contactPhone: e.contactPhone ?? '',
        scale: e.scale,
        supervisionType: e.supervisionType,
        keyAreas: e.keyAreas ?? [],
      },
      staff: { registered, insured: latest?.insured ?? null, insuredPeriod: latest?.period ?? null, joined: n(all, 'joined'), leavers: n(all, 'leavers') },
      learning: {
        learners: n(all, 'learners'),
        onlineHours: Math.round((n(all, 'onlineSeconds') / 3600) * 10) / 10,
        completions,
        courseStarts,
        completionRate: rate(completions, courseStarts),
        points: n(all, 'points'),
        examTakers: takers,
        examPassed: passed,
        passRate: rate(passed, takers),
      },
      thisMonth: { learners: n(m, 'learners'), onlineHours: Math.round((n(m, 'onlineSeconds') / 3600) * 10) / 10, completions: n(m, 'completions') },
      offlineTrainings: offline.data.filter((o) => !o.voided).map((o) => ({ _id: o._id, date: o.date, topic: o.topic, hours: o.hours, attendees: o.attendeeIds?.length ?? 0 })),
      trainers: {
        items: trainers.data.map((t) => ({ personId: t._id, name: t.name, idMasked: t.idMasked, postCategory: t.postCategory })),
        count: trainerCount.total,
        required: rule.required,
        meets: trainerCount.total >= rule.required,
        rule: rule.rule,
      },
      history: history.data.map((h) => ({ at: new Date(h.at).toISOString(), action: h.action, actorId: h.actorId ?? null, details: h.details ?? null })),
    };
  },
});
