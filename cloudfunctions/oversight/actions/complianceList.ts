import dayjs from 'dayjs';
import { shanghaiDay, shanghaiYear } from '../../../shared/calendar';
import { oversightContracts, type ExpiringCertificateRow, type HoursShortRow } from '../../../shared/contracts/oversight';
import { hoursGap, hoursKindForYear, hoursRequirement } from '../../../shared/learning/trainingHours';
import { trainerRule } from '../../../shared/oversight/trainers';
import { HIGH_RISK_INDUSTRIES } from '../../../shared/taxonomy';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import type { EnterpriseDoc } from '../../common/enterprises';
import type { PersonDoc } from '../../common/persons';
import { scopeConditions } from '../../common/scope';
import { learnerIdOf } from '../../learning/learner';

const and = (_: { and: (c: unknown[]) => unknown }, conds: Record<string, unknown>[]) => (conds.length === 1 ? conds[0] : _.and(conds));

/**
 * 合规清单 (docs/oversight-design.md §10): three lists, each confined by scopeConditions and read
 * with indexed queries of one page at a time (never a scan of the whole population per call).
 */
export default defineAction(oversightContracts.complianceList, {
  allow: ['regulator', 'enterpriseAdmin', 'sysadmin'],
  async run({ list, regionCode, industry, days, cursor, page, pageSize }, ctx) {
    const { db, principal } = ctx;
    const _ = db.command;
    const skip = (page - 1) * pageSize;

    if (list === 'trainers') {
      const conds = scopeConditions(_, principal, { requestedRegion: regionCode, requestedIndustry: industry, enterpriseField: '_id' });
      conds.push(_.or([{ industry: _.in([...HIGH_RISK_INDUSTRIES]) }, { scale: 'above' }]) as unknown as Record<string, unknown>);
      const where = and(_, conds);
      const coll = db.collection(C.enterprises);
      const [res, count] = await Promise.all([coll.where(where).orderBy('name', 'asc').orderBy('_id', 'asc').skip(skip).limit(pageSize).get<EnterpriseDoc>(), coll.where(where).count()]);
      const ids = res.data.map((e) => e._id);
      const trainers = new Map<string, number>();
      if (ids.length) {
        const t = await db.collection(C.persons).where({ enterpriseId: _.in(ids), status: 'active', postCategory: 'internalTrainer' }).field({ enterpriseId: true }).limit(5000).get<{ enterpriseId: string }>();
        for (const x of t.data) trainers.set(x.enterpriseId, (trainers.get(x.enterpriseId) ?? 0) + 1);
      }
      const items = res.data.map((e) => {
        const rule = trainerRule(e, e.staffCount ?? 0);
        const n = trainers.get(e._id) ?? 0;
        return { enterpriseId: e._id, name: e.name, regionName: e.regionName, industry: e.industry, scale: e.scale, staff: e.staffCount ?? 0, trainers: n, required: rule.required, meets: n >= rule.required, rule: rule.rule };
      });
      return { list, items, total: count.total, page, pageSize };
    }

    const personConds = [{ status: 'active' }, ...scopeConditions(_, principal, { requestedRegion: regionCode, requestedIndustry: industry })];
    const today = shanghaiDay(ctx.now());

    if (list === 'expiring') {
      const cutoff = dayjs(today).add(days, 'day').format('YYYY-MM-DD');
      const where = _.and([...personConds, { certificates: _.elemMatch({ type: 'specialOperation', expiresOn: _.lte(cutoff) }) }]);
      const coll = db.collection(C.persons);
      const [res, count] = await Promise.all([
        coll.where(where).orderBy('name', 'asc').orderBy('_id', 'asc').skip(skip).limit(pageSize).field({ _id: true, name: true, idMasked: true, enterpriseId: true, enterpriseName: true, postCategory: true, certificates: true }).get<PersonDoc>(),
        coll.where(where).count(),
      ]);
      const items: ExpiringCertificateRow[] = [];
      for (const x of res.data) {
        // The earliest-expiring 特种作业操作证 within the window (a person may hold several).
        const c = (x.certificates ?? []).filter((c) => c.type === 'specialOperation' && c.expiresOn && c.expiresOn <= cutoff).sort((a, b) => (a.expiresOn as string).localeCompare(b.expiresOn as string))[0];
        if (!c?.expiresOn) continue;
        items.push({ personId: x._id, name: x.name, idMasked: x.idMasked, enterpriseId: x.enterpriseId, enterpriseName: x.enterpriseName, postCategory: x.postCategory, certificateNumber: c.number, expiresOn: c.expiresOn, daysLeft: dayjs(c.expiresOn).diff(dayjs(today), 'day') });
      }
      return { list, cutoff, items, total: count.total, page, pageSize };
    }

    // hours: this year's online seconds (learner counters) and offline hours (trainings attended) of one batch of persons.
    const year = shanghaiYear(ctx.now());
    const where = _.and([...personConds, ...(cursor ? [{ _id: _.gt(cursor) }] : [])]);
    const batch = await db
      .collection(C.persons)
      .where(where)
      .orderBy('_id', 'asc')
      .limit(pageSize)
      .field({ _id: true, name: true, idMasked: true, enterpriseName: true, postCategory: true, industry: true, joinedAt: true })
      .get<PersonDoc>();
    const ids = batch.data.map((x) => x._id);
    const [learners, offline] = ids.length
      ? await Promise.all([
          db.collection(C.studySessions).where({ _id: _.in(ids.map(learnerIdOf)) }).field({ personId: true, year: true, yearOnlineSeconds: true }).limit(ids.length).get<{ personId: string; year: number; yearOnlineSeconds: number }>(),
          db
            .collection(C.offlineTrainings)
            .where(_.and([{ attendeeIds: _.in(ids) }, { date: _.gte(`${year}-01-01`) }, { date: _.lte(`${year}-12-31`) }]))
            .field({ attendeeIds: true, hours: true, voided: true })
            .limit(5000)
            .get<{ attendeeIds: string[]; hours: number; voided?: boolean }>(),
        ])
      : [{ data: [] }, { data: [] }];
    const online = new Map(learners.data.filter((l) => l.year === year).map((l) => [l.personId, l.yearOnlineSeconds ?? 0]));
    const inBatch = new Set(ids);
    const off = new Map<string, number>();
    for (const o of offline.data) if (!o.voided) for (const a of o.attendeeIds) if (inBatch.has(a)) off.set(a, (off.get(a) ?? 0) + o.hours);
    const items: HoursShortRow[] = [];
    for (const x of batch.data) {
      const req = hoursRequirement(x.postCategory, x.industry ?? null, hoursKindForYear(x.joinedAt ? shanghaiYear(x.joinedAt) : null, year));
      const g = hoursGap(req, { onlineSeconds: online.get(x._id) ?? 0, offlineHours: off.get(x._id) ?? 0 });
      if (!g.met) items.push({ personId: x._id, name: x.name, idMasked: x.idMasked, enterpriseName: x.enterpriseName, postCategory: x.postCategory, year, required: req.total, onlineHours: g.onlineHours, offlineHours: g.offlineHours, gap: g.gap });
    }
    return { list, year, items, scanned: ids.length, nextCursor: ids.length === pageSize ? ids[ids.length - 1] : null };
  },
});
