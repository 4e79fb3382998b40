import { oversightContracts } from '../../../shared/contracts/oversight';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import type { EnterpriseDoc } from '../../common/enterprises';
import { manageConditions } from '../../common/publishing';
import { scopeConditions } from '../../common/scope';
import type { AppealDoc } from '../../exam/appealDoc';

const NEW_DAYS = 7;
const SHOWN = 10;

/**
 * 待办 of a regulator: enterprises registered in its scope in the last 7 days, enterprises whose
 * credit code is 待核实, and pending appeals on the exams it manages. One parallel batch of indexed
 * reads (each a page of 10 and a count).
 */
export default defineAction(oversightContracts.todos, {
  allow: ['regulator', 'sysadmin'],
  async run(_input, ctx) {
    const { db, principal } = ctx;
    const _ = db.command;
    const scope = scopeConditions(_, principal, {});
    const and = (c: Record<string, unknown>[]) => (c.length === 0 ? {} : c.length === 1 ? c[0] : _.and(c));
    const since = new Date(ctx.now().getTime() - NEW_DAYS * 86400_000);
    const fresh = and([...scope, { createdAt: _.gte(since) }]);
    // Older documents lack creditCodeStatus: their creditCodeVerified false means 待核实.
    const pending = and([...scope, _.or([{ creditCodeStatus: 'pending' }, { creditCodeStatus: _.exists(false), creditCodeVerified: false }]) as Record<string, unknown>]);
    const appeals = and([...manageConditions(ctx), { status: 'pending' }]);
    const ent = db.collection(C.enterprises);
    const app = db.collection(C.appeals);
    const [fr, frN, pc, pcN, ap, apN] = await Promise.all([
      ent.where(fresh).orderBy('createdAt', 'desc').limit(SHOWN).get<EnterpriseDoc>(),
      ent.where(fresh).count(),
      ent.where(pending).orderBy('createdAt', 'desc').limit(SHOWN).get<EnterpriseDoc>(),
      ent.where(pending).count(),
      app.where(appeals).orderBy('createdAt', 'desc').limit(SHOWN).get<AppealDoc & { _id: string }>(),
      app.where(appeals).count(),
    ]);
    return {
      newEnterprises: { total: frN.total, items: fr.data.map((e) => ({ enterpriseId: e._id, name: e.name, regionName: e.regionName, createdAt: new Date(e.createdAt).toISOString() })) },
      pendingCreditCodes: { total: pcN.total, items: pc.data.map((e) => ({ enterpriseId: e._id, name: e.name, creditCode: e.creditCode, regionName: e.regionName })) },
      pendingAppeals: { total: apN.total, items: ap.data.map((a) => ({ appealId: a._id, examTitle: a.examTitle, personName: a.personName, createdAt: new Date(a.createdAt).toISOString() })) },
    };
  },
});
