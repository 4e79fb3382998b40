import type { AuditRow, TodosResult } from '../../shared/contracts/oversight';
import type { Paged } from '../../shared/contracts/common';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { newEnterprise } from '../org/orgTesting';

jest.setTimeout(60_000);

/** oversight.todos and oversight.auditLogs: content and scope. */
let cloud: TestCloud;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'tz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
}, 90_000);
afterAll(() => cloud?.close());

const call = <T>(who: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('oversight', { action, ...input }, { sessionToken: tokens[who] });

describe('oversight.todos', () => {
  it('lists a new enterprise with a 待核实 credit code in the county, not one of another county', async () => {
    const mine = await newEnterprise(cloud);
    const other = await newEnterprise(cloud, { regionCode: '370402' });
    const t = expectOk(await call<TodosResult>('tz_regulator', 'todos'));
    expect(t.newEnterprises.items.map((e) => e.enterpriseId)).toContain(mine.enterpriseId);
    expect(t.newEnterprises.items.map((e) => e.enterpriseId)).not.toContain(other.enterpriseId);
    expect(t.newEnterprises.total).toBeGreaterThanOrEqual(1);
    const pendingIds = (await cloud.db().collection('enterprises').where({ countyCode: '370481', creditCodeStatus: 'pending' }).count()).total;
    expect(t.pendingCreditCodes.total).toBeGreaterThanOrEqual(pendingIds);
    expect(await call('ent_admin', 'todos')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('oversight.auditLogs', () => {
  it('an enterprise’s entries (registration) for its regulator and its admin; foreign and missing alike', async () => {
    const e = await newEnterprise(cloud);
    tokens.own = e.token;
    for (const who of ['tz_regulator', 'own', 'admin']) {
      const r = expectOk(await call<Paged<AuditRow>>(who, 'auditLogs', { enterpriseId: e.enterpriseId }));
      expect(r.items.map((x) => x.action)).toContain('enterprise.register');
    }
    const missing = await call('tz_regulator', 'auditLogs', { enterpriseId: 'NO-SUCH-ENTERPRISE' });
    expect(missing).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call('ent_admin', 'auditLogs', { enterpriseId: e.enterpriseId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call('tz_regulator', 'auditLogs', {})).toMatchObject({ ok: false });
  });
});
