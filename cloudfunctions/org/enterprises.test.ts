import type { AccountView } from '../../shared/contracts/identity';
import type { EnterpriseDetail, EnterpriseRow } from '../../shared/contracts/org';
import type { Paged } from '../../shared/contracts/common';
import { creditCodeCheckChar, CREDIT_CODE_ALPHABET } from '../../shared/creditCode';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { auditCount, enterpriseInput, freshCreditCode, freshIdNumber, newEnterprise } from './orgTesting';

let cloud: TestCloud;
const tokens: Record<string, string> = {};
let entAdminEnterprise: EnterpriseDetail;

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'sd_regulator', 'zz_regulator', 'tz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
  entAdminEnterprise = expectOk(await cloud.call<{ enterprise: EnterpriseDetail }>('org', { action: 'getEnterprise' }, { sessionToken: tokens.ent_admin })).enterprise;
}, 60_000);
afterAll(() => cloud?.close());

type Registered = { enterpriseId: string; creditCodeVerified: boolean; account: AccountView };
const register = (input: Record<string, unknown>) => cloud.call<Registered>('org', { action: 'registerEnterprise', ...input }, { openid: 'o-reg' });
const as = (user: string) => ({ sessionToken: tokens[user] });

/** Same first 17 characters, a wrong check character. */
function badChecksum(code: string): string {
  const right = creditCodeCheckChar(code.slice(0, 17));
  const wrong = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(right) + 1) % CREDIT_CODE_ALPHABET.length];
  return code.slice(0, 17) + wrong;
}

describe('org.registerEnterprise', () => {
  it('creates the enterprise (id = normalized credit code) and its first admin, who can sign in; audited', async () => {
    const code = freshCreditCode();
    const input = enterpriseInput({ creditCode: ` ${code.slice(0, 9).toLowerCase()} ${code.slice(9)} ` });
    cloud.takeRoundTrips();
    const r = expectOk(await register(input));
    // 8 for the registration itself, 1 to mark the period baselines holding this credit code as
    // registered (名单比对), 3 for the oversight rollups after commit (one multi-document update, the read
    // of which exist, one batch insert of the enterprise's own documents seen for the first time).
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(12);
    expect(r).toMatchObject({ enterpriseId: code, creditCodeVerified: true, account: { username: input.admin.username, role: 'enterpriseAdmin', enterpriseId: code } });
    expect(JSON.stringify(r)).not.toMatch(/scrypt|passwordHash/);
    const e = (await cloud.db().collection('enterprises').doc(code).get()).data as Record<string, unknown>;
    expect(e).toMatchObject({ creditCode: code, regionCode: '370481001', regionName: '枣庄市滕州市荆河街道', provinceCode: '37', cityCode: '3704', countyCode: '370481', townCode: '370481001', staffCount: 0, status: 'active' });
    const token = await cloud.login(input.admin.username, 'Secret123');
    const own = expectOk(await cloud.call<{ enterprise: EnterpriseDetail }>('org', { action: 'getEnterprise' }, { sessionToken: token }));
    expect(own.enterprise).toMatchObject({ _id: code, name: input.name, industry: 'machinery', keyAreas: ['dustExplosion'], creditCodeVerified: true });
    expect(await auditCount(cloud, { action: 'enterprise.register', targetId: code })).toBe(1);
    // It is searchable by workers at once.
    const found = expectOk(await cloud.call<{ items: { _id: string }[] }>('org', { action: 'searchEnterprises', keyword: code.slice(0, 14) }, { openid: 'o1' }));
    expect(found.items.map((i) => i._id)).toEqual([code]);
  });

  it('accepts a county-level region', async () => {
    const r = expectOk(await register(enterpriseInput({ regionCode: '370481' })));
    const e = (await cloud.db().collection('enterprises').doc(r.enterpriseId).get()).data as Record<string, unknown>;
    expect(e).toMatchObject({ regionName: '枣庄市滕州市', countyCode: '370481' });
    expect(e.townCode ?? null).toBeNull();
  });

  it('rejects a malformed credit code with CREDIT_CODE_INVALID, even when "confirmed"', async () => {
    for (const creditCode of ['12345', '91370481MA1234567I', '91370481MA12345678X']) {
      for (const creditCodeConfirmed of [false, true]) {
        const r = await register(enterpriseInput({ creditCode, creditCodeConfirmed }));
        expect(r).toMatchObject({ ok: false, code: 'CREDIT_CODE_INVALID' });
        if (!r.ok) expect(r.message).toMatch(/18位/);
      }
    }
  });

  it('rejects a wrong check character unless the admin confirms it; then accepts it flagged for the regulator', async () => {
    const code = badChecksum(freshCreditCode());
    const rejected = await register(enterpriseInput({ creditCode: code }));
    expect(rejected).toMatchObject({ ok: false, code: 'CREDIT_CODE_INVALID', details: { problem: 'checksum' } });
    if (!rejected.ok) expect(rejected.message).toMatch(/校验位.*确认/);
    const accepted = expectOk(await register(enterpriseInput({ creditCode: code, creditCodeConfirmed: true })));
    expect(accepted).toMatchObject({ enterpriseId: code, creditCodeVerified: false });

    // The county regulator sees the flag and verifies it (audited); an enterprise admin cannot.
    const seen = expectOk(await cloud.call<{ enterprise: EnterpriseDetail }>('org', { action: 'getEnterprise', enterpriseId: code }, as('tz_regulator')));
    expect(seen.enterprise.creditCodeVerified).toBe(false);
    expect(await cloud.call('org', { action: 'verifyCreditCode', enterpriseId: code }, as('ent_admin'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const v = expectOk(await cloud.call<{ enterprise: EnterpriseDetail }>('org', { action: 'verifyCreditCode', enterpriseId: code }, as('tz_regulator')));
    expect(v.enterprise.creditCodeVerified).toBe(true);
    expect(await auditCount(cloud, { action: 'enterprise.verifyCreditCode', targetId: code })).toBe(1);
  });

  it('one enterprise per credit code; one account per username', async () => {
    const first = enterpriseInput();
    expectOk(await register(first));
    expect(await register(enterpriseInput({ creditCode: first.creditCode.toLowerCase() }))).toMatchObject({ ok: false, code: 'ENTERPRISE_EXISTS' });
    const sameUser = enterpriseInput({ admin: { ...first.admin } });
    expect(await register(sameUser)).toMatchObject({ ok: false, code: 'USERNAME_TAKEN' });
    // Nothing half-written: the second enterprise does not exist.
    expect(await cloud.db().collection('enterprises').where({ _id: sameUser.creditCode }).count()).toMatchObject({ total: 0 });
  });

  it('two concurrent registrations of one credit code: exactly one wins', async () => {
    const code = freshCreditCode();
    const [a, b] = await Promise.all([register(enterpriseInput({ creditCode: code })), register(enterpriseInput({ creditCode: code }))]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((x) => !x.ok)).toMatchObject({ code: 'ENTERPRISE_EXISTS' });
  });

  it('checks region, password strength and the targeting attributes', async () => {
    expect(await register(enterpriseInput({ regionCode: '370481999' }))).toMatchObject({ ok: false, code: 'REGION_INVALID' });
    expect(await register(enterpriseInput({ regionCode: '3704' }))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const weak = enterpriseInput();
    expect(await register({ ...weak, admin: { ...weak.admin, password: 'abcdefgh' } })).toMatchObject({ ok: false, code: 'PASSWORD_WEAK' });
    expect(await register(enterpriseInput({ industry: 'spaceships' }))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await register(enterpriseInput({ keyAreas: ['nope'] }))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('org.getEnterprise scope', () => {
  it('regulators see enterprises in their region only; admins only their own', async () => {
    const list = expectOk(await cloud.call<Paged<EnterpriseRow>>('org', { action: 'listEnterprises', pageSize: 100 }, as('sd_regulator')));
    const outside = list.items.find((e) => !e.regionCode.startsWith('370481'))!;
    const otherCity = list.items.find((e) => !e.regionCode.startsWith('3704'))!;
    expect(await cloud.call('org', { action: 'getEnterprise', enterpriseId: outside._id }, as('tz_regulator'))).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await cloud.call('org', { action: 'getEnterprise', enterpriseId: otherCity._id }, as('zz_regulator'))).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expectOk(await cloud.call('org', { action: 'getEnterprise', enterpriseId: otherCity._id }, as('sd_regulator')));
    expectOk(await cloud.call('org', { action: 'getEnterprise', enterpriseId: outside._id }, as('admin')));
    expect(await cloud.call('org', { action: 'getEnterprise', enterpriseId: outside._id }, as('ent_admin'))).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await cloud.call('org', { action: 'getEnterprise' }, as('tz_regulator'))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await cloud.call('org', { action: 'getEnterprise', enterpriseId: 'nope' }, as('admin'))).toMatchObject({ ok: false, code: 'ENTERPRISE_NOT_FOUND' });
    expect(await cloud.call('org', { action: 'getEnterprise' }, { openid: 'o-worker' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await cloud.call('org', { action: 'verifyCreditCode', enterpriseId: outside._id }, as('tz_regulator'))).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
  });
});

describe('org.updateEnterprise', () => {
  it('updates the profile, audits before/after, and carries targeting attributes to the staff', async () => {
    const { enterpriseId, token } = await newEnterprise(cloud);
    // Two staff to follow the change.
    for (const n of ['赵一', '钱二']) {
      expectOk(await cloud.call('org', { action: 'addStaff', name: n, idNumber: freshIdNumber(), postCategory: 'otherWorker', employmentType: 'regular' }, { sessionToken: token }));
    }
    cloud.takeRoundTrips();
    const r = expectOk(
      await cloud.call<{ enterprise: EnterpriseDetail }>(
        'org',
        { action: 'updateEnterprise', industry: 'metallurgy', keyAreas: ['metalSmelting', 'confinedSpace'], regionCode: '370481002', name: '滕州改名后钢铁有限公司', address: '滕州市荆河街道测试路1号' },
        { sessionToken: token },
      ),
    );
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(7);
    expect(r.enterprise).toMatchObject({ industry: 'metallurgy', keyAreas: ['metalSmelting', 'confinedSpace'], regionCode: '370481002', name: '滕州改名后钢铁有限公司' });
    const persons = (await cloud.db().collection('persons').where({ enterpriseId }).get()).data;
    expect(persons).toHaveLength(2);
    for (const p of persons) {
      expect(p).toMatchObject({ industry: 'metallurgy', keyAreas: ['metalSmelting', 'confinedSpace'], townCode: '370481002', enterpriseName: '滕州改名后钢铁有限公司', scale: 'above' });
    }
    const audit = (await cloud.db().collection('auditLog').where({ action: 'enterprise.update', targetId: enterpriseId }).get()).data;
    expect(audit).toHaveLength(1);
    expect(audit[0].details.before).toMatchObject({ industry: 'machinery', keyAreas: ['dustExplosion'], regionCode: '370481001' });
    expect(audit[0].details.after).toMatchObject({ industry: 'metallurgy', regionCode: '370481002' });
    expect(audit[0].details.before).not.toHaveProperty('address'); // unchanged fields are not recorded
    // The admin account shows the new name.
    const me = expectOk(await cloud.call<{ account: AccountView }>('identity', { action: 'consoleMe' }, { sessionToken: token }));
    expect(me.account.enterpriseName).toBe('滕州改名后钢铁有限公司');
  });

  it('a no-op update writes nothing; only enterprise admins may update, and only their own', async () => {
    cloud.takeRoundTrips();
    expectOk(await cloud.call('org', { action: 'updateEnterprise', industry: entAdminEnterprise.industry }, as('ent_admin')));
    expect(cloud.takeRoundTrips()).toBe(2); // session check, the read
    expect(await cloud.call('org', { action: 'updateEnterprise', industry: 'other' }, as('tz_regulator'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('org', { action: 'updateEnterprise', industry: 'other' }, as('admin'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('org', { action: 'updateEnterprise', industry: 'other' }, { openid: 'o-worker' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await cloud.call('org', { action: 'updateEnterprise', regionCode: '370481999' }, as('ent_admin'))).toMatchObject({ ok: false, code: 'REGION_INVALID' });
  });
});

describe('org.verifyCreditCode result and the 待核实 filter', () => {
  type Detail = { enterprise: EnterpriseDetail };
  const list = async (user: string, creditCodeStatus: string) =>
    expectOk(await cloud.call<Paged<EnterpriseRow>>('org', { action: 'listEnterprises', creditCodeStatus, pageSize: 100 }, as(user)));

  it('registration stores the status; a regulator records wrong (with a note) then verified; audited before/after', async () => {
    const code = badChecksum(freshCreditCode());
    expectOk(await register(enterpriseInput({ creditCode: code, creditCodeConfirmed: true })));
    const stored = (await cloud.db().collection('enterprises').doc(code).get()).data as unknown as Record<string, unknown>[] | Record<string, unknown>;
    expect((Array.isArray(stored) ? stored[0] : stored).creditCodeStatus).toBe('pending');
    expect((await list('tz_regulator', 'pending')).items.map((e) => e._id)).toContain(code);

    expect(await cloud.call('org', { action: 'verifyCreditCode', enterpriseId: code, result: 'wrong' }, as('tz_regulator'))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await cloud.call('org', { action: 'verifyCreditCode', enterpriseId: code, result: 'wrong', note: '与营业执照不符' }, as('ent_admin'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const wrong = expectOk(await cloud.call<Detail>('org', { action: 'verifyCreditCode', enterpriseId: code, result: 'wrong', note: '与营业执照不符' }, as('tz_regulator')));
    expect(wrong.enterprise).toMatchObject({ creditCodeStatus: 'wrong', creditCodeVerified: false, creditCodeNote: '与营业执照不符' });
    const reread = expectOk(await cloud.call<Detail>('org', { action: 'getEnterprise', enterpriseId: code }, as('tz_regulator')));
    expect(reread.enterprise).toMatchObject({ creditCodeStatus: 'wrong', creditCodeVerified: false, creditCodeNote: '与营业执照不符' });
    expect((await list('tz_regulator', 'wrong')).items.map((e) => e._id)).toContain(code);
    expect((await list('tz_regulator', 'pending')).items.map((e) => e._id)).not.toContain(code);

    const ok = expectOk(await cloud.call<Detail>('org', { action: 'verifyCreditCode', enterpriseId: code, result: 'verified' }, as('tz_regulator')));
    expect(ok.enterprise).toMatchObject({ creditCodeStatus: 'verified', creditCodeVerified: true });
    expect(ok.enterprise.creditCodeNote).toBeUndefined();
    expect((await list('tz_regulator', 'verified')).items.map((e) => e._id)).toContain(code);
    expect((await list('tz_regulator', 'wrong')).items.map((e) => e._id)).not.toContain(code);

    const entries = (await cloud.db().collection('auditLog').where({ action: 'enterprise.verifyCreditCode', targetId: code }).get()).data as unknown as {
      details: { before: { creditCodeStatus: string }; after: { creditCodeStatus: string; creditCodeNote: string | null } };
    }[];
    expect(entries.map((e) => [e.details.before.creditCodeStatus, e.details.after.creditCodeStatus])).toEqual(
      expect.arrayContaining([
        ['pending', 'wrong'],
        ['wrong', 'verified'],
      ]),
    );
    expect(entries).toHaveLength(2);
  });

  it('old documents without creditCodeStatus: unverified ones are pending, verified ones verified', async () => {
    const code = badChecksum(freshCreditCode());
    expectOk(await register(enterpriseInput({ creditCode: code, creditCodeConfirmed: true })));
    const _ = cloud.db().command;
    await cloud.db().collection('enterprises').doc(code).update({ data: { creditCodeStatus: _.remove() } });
    expect((await list('tz_regulator', 'pending')).items.map((e) => e._id)).toContain(code);
    expect((await list('tz_regulator', 'verified')).items.map((e) => e._id)).not.toContain(code);
    const verifiedOnes = (await list('tz_regulator', 'verified')).items;
    expect(verifiedOnes.length).toBeGreaterThan(0);
    expect(verifiedOnes.every((e) => e.creditCodeStatus === 'verified')).toBe(true);
    expect((await list('tz_regulator', 'pending')).items.every((e) => e.creditCodeStatus === 'pending')).toBe(true);
  });

  it('out of scope: NOT_IN_SCOPE', async () => {
    const all = expectOk(await cloud.call<Paged<EnterpriseRow>>('org', { action: 'listEnterprises', pageSize: 100 }, as('sd_regulator')));
    const outside = all.items.find((e) => !e.regionCode.startsWith('370481'))!;
    expect(
      await cloud.call('org', { action: 'verifyCreditCode', enterpriseId: outside._id, result: 'wrong', note: '不符' }, as('tz_regulator')),
    ).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
  });
});
