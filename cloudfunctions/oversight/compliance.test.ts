import dayjs from 'dayjs';
import type { ComplianceResult, ExpiringCertificateRow, HoursShortRow, TrainerComplianceRow } from '../../shared/contracts/oversight';
import { shanghaiDay } from '../../shared/calendar';
import { hashPassword } from '../common/crypto';
import { personEnterpriseFields, type EnterpriseDoc } from '../common/enterprises';
import { personIdentity } from '../common/persons';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { freshIdNumber, newEnterprise } from '../org/orgTesting';

jest.setTimeout(60_000);

/** oversight.complianceList: 内训师 ratio, expiring 特种作业操作证, hours below the requirement; scope. */
let cloud: TestCloud;
const tokens: Record<string, string> = {};
let own: { enterpriseId: string; token: string };
let ent: EnterpriseDoc;
const ids: Record<string, string> = {};
const day = (n: number) => dayjs(shanghaiDay(new Date())).add(n, 'day').format('YYYY-MM-DD');

const list = (who: string, input: Record<string, unknown>) => cloud.call<ComplianceResult>('oversight', { action: 'complianceList', ...input }, { sessionToken: tokens[who] });

async function addPerson(name: string, postCategory: string, certificates: unknown[] = []) {
  const ident = personIdentity(freshIdNumber(ent.countyCode));
  const at = new Date();
  await cloud.db().collection('persons').add({
    data: { ...ident, name, ...personEnterpriseFields(ent), status: 'active', departmentId: null, departmentName: null, postCategory, employmentType: 'regular', certificates, passwordHash: await hashPassword('Worker2026ok'), mustChangePassword: false, openid: null, joinedAt: at, createdAt: at, updatedAt: at },
  });
  return ident._id;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['tz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
  own = await newEnterprise(cloud, { industry: 'fireworks', scale: 'below' });
  tokens.own = own.token;
  await cloud.db().collection('enterprises').doc(own.enterpriseId).update({ data: { staffCount: 1200 } });
  ent = (await cloud.db().collection('enterprises').where({ _id: own.enterpriseId }).get<EnterpriseDoc>()).data[0];
  ids.trainer = await addPerson('合规内训师', 'internalTrainer');
  ids.soon = await addPerson('合规特种甲', 'specialOperator', [{ type: 'specialOperation', number: 'T-SOON', expiresOn: day(30) }, { type: 'specialOperation', number: 'T-LATER', expiresOn: day(300) }]);
  ids.expired = await addPerson('合规特种乙', 'specialOperator', [{ type: 'specialOperation', number: 'T-OLD', expiresOn: day(-5) }]);
  ids.later = await addPerson('合规特种丙', 'specialOperator', [{ type: 'specialOperation', number: 'T-FAR', expiresOn: day(200) }, { type: 'specialEquipment', number: 'E-SOON', expiresOn: day(10) }]);
}, 120_000);
afterAll(() => cloud?.close());

describe('oversight.complianceList', () => {
  it('内训师: a high-risk enterprise of 1 200 staff needs 6 trainers (5‰), has 1', async () => {
    const r = expectOk(await list('own', { list: 'trainers' })) as { items: TrainerComplianceRow[] };
    expect(r.items).toEqual([expect.objectContaining({ enterpriseId: own.enterpriseId, staff: 1200, trainers: 1, required: 6, meets: false })]);
    const reg = expectOk(await list('tz_regulator', { list: 'trainers', industry: 'fireworks', pageSize: 200 })) as { items: TrainerComplianceRow[] };
    expect(reg.items.find((x) => x.enterpriseId === own.enterpriseId)).toMatchObject({ required: 6, trainers: 1 });
  });

  it('expiring 特种作业操作证 within 90 days (expired included), the earliest shown; later ones and other certificate types are not', async () => {
    const r = expectOk(await list('own', { list: 'expiring' })) as { items: ExpiringCertificateRow[]; total: number; cutoff: string };
    expect(r.cutoff).toBe(day(90));
    expect(r.items.map((x) => [x.personId, x.certificateNumber, x.daysLeft]).sort()).toEqual(
      [
        [ids.expired, 'T-OLD', -5],
        [ids.soon, 'T-SOON', 30],
      ].sort(),
    );
    expect(r.total).toBe(2);
    expect(((expectOk(await list('own', { list: 'expiring', days: 365 })) as { total: number }).total)).toBe(3);
  });

  it('hours: persons below their post’s annual requirement, scanned in batches with a cursor', async () => {
    const first = expectOk(await list('own', { list: 'hours', pageSize: 2 })) as { items: HoursShortRow[]; scanned: number; nextCursor: string | null };
    expect(first.scanned).toBe(2);
    expect(first.nextCursor).not.toBeNull();
    const second = expectOk(await list('own', { list: 'hours', pageSize: 2, cursor: first.nextCursor })) as { items: HoursShortRow[]; scanned: number; nextCursor: string | null };
    const all = [...first.items, ...second.items];
    expect(all.map((x) => x.personId).sort()).toEqual([ids.trainer, ids.soon, ids.expired, ids.later].sort());
    for (const x of all) expect(x.gap).toBe(x.required);
  });

  it('scope: another enterprise’s admin sees none of these; another county is refused', async () => {
    const other = expectOk(await list('ent_admin', { list: 'expiring', days: 365 })) as { items: ExpiringCertificateRow[] };
    expect(other.items.map((x) => x.personId)).not.toContain(ids.soon);
    expect(((expectOk(await list('ent_admin', { list: 'trainers' })) as { items: TrainerComplianceRow[] }).items.map((x) => x.enterpriseId))).not.toContain(own.enterpriseId);
    expect(await list('tz_regulator', { list: 'hours', regionCode: '370402' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
  });
});
