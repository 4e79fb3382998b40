import type { DashboardResult } from '../../shared/contracts/oversight';
import type { EnterpriseDoc } from '../common/enterprises';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { newEnterprise } from '../org/orgTesting';

jest.setTimeout(60_000);

/** oversight.dashboard: figures from the rollups, consistent with the records, scoped, at a constant cost. */
let cloud: TestCloud;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'sd_regulator', 'zz_regulator', 'tz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
}, 90_000);
afterAll(() => cloud?.close());

const dashboard = (who: string, input: Record<string, unknown> = {}) => cloud.call<DashboardResult>('oversight', { action: 'dashboard', ...input }, { sessionToken: tokens[who] });
const count = async (collection: string, where: Record<string, unknown>) => (await cloud.db().collection(collection).where(where).count()).total;

describe('oversight.dashboard', () => {
  it('a county regulator sees its county: totals equal the records, children (towns and enterprises) add up to them', async () => {
    const d = expectOk(await dashboard('tz_regulator'));
    expect(d.scope).toMatchObject({ kind: 'region', id: '370481', level: 'county' });
    expect(d.totals.enterprises).toBe(await count('enterprises', { countyCode: '370481' }));
    expect(d.totals.persons).toBe(await count('persons', { countyCode: '370481', status: 'active' }));
    expect(d.children.length).toBeGreaterThan(0);
    expect(d.children.reduce((s, c) => s + c.totals.persons, 0)).toBe(d.totals.persons);
    expect(d.children.reduce((s, c) => s + c.totals.enterprises, 0)).toBe(d.totals.enterprises);
    expect(d.trend).toHaveLength(12);
    expect(d.trend[11].week).toBe(d.week);
    expect(d.industries.reduce((s, i) => s + i.totals.persons, 0)).toBe(d.totals.persons);
    expect(d.exams.map((e) => e.tier)).toEqual(['enterprise', 'county', 'city', 'province']);
  });

  it('drills down province → city → county → town/enterprise; each level’s child equals the level below', async () => {
    const province = expectOk(await dashboard('sd_regulator'));
    const city = expectOk(await dashboard('sd_regulator', { regionCode: '3704' }));
    expect(province.children.find((c) => c.id === '3704')?.totals).toEqual(city.totals);
    const county = expectOk(await dashboard('zz_regulator', { regionCode: '370481' }));
    expect(city.children.find((c) => c.id === '370481')?.totals).toEqual(county.totals);
    const ent = county.children.find((c) => c.kind === 'enterprise') ?? null;
    const town = county.children.find((c) => c.kind === 'region' && c.totals.enterprises > 0);
    if (town) expect(expectOk(await dashboard('tz_regulator', { regionCode: town.id })).totals).toEqual(town.totals);
    if (ent) {
      const e = expectOk(await dashboard('tz_regulator', { enterpriseId: ent.id }));
      expect(e.scope).toMatchObject({ kind: 'enterprise', id: ent.id });
      expect(e.totals.persons).toBe(ent.totals.persons);
    }
  });

  it('scope: a county regulator never reads another county or its enterprises; unknown and foreign answer alike; an admin reads only its own enterprise', async () => {
    const foreign = await newEnterprise(cloud, { regionCode: '370402' });
    const own = (await cloud.db().collection('enterprises').where({ countyCode: '370481' }).limit(1).get<EnterpriseDoc>()).data[0];
    for (const input of [{ regionCode: '370402' }, { regionCode: '3704' }, { regionCode: '370499' }, { enterpriseId: foreign.enterpriseId }, { enterpriseId: '91370481NOSUCHONE1' }]) {
      expect(await dashboard('tz_regulator', input)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    }
    expect(expectOk(await dashboard('tz_regulator', { enterpriseId: own._id })).scope.id).toBe(own._id);
    expect(expectOk(await dashboard('zz_regulator', { enterpriseId: foreign.enterpriseId })).scope.id).toBe(foreign.enterpriseId);
    const mine = expectOk(await dashboard('ent_admin'));
    expect(mine.scope.kind).toBe('enterprise');
    expect(await dashboard('ent_admin', { enterpriseId: foreign.enterpriseId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await dashboard('ent_admin', { regionCode: '370481' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await cloud.call('oversight', { action: 'dashboard' }, { openid: 'o-nobody' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('costs a constant number of round trips (the router’s caller lookup included)', async () => {
    cloud.takeRoundTrips();
    expectOk(await dashboard('tz_regulator'));
    const county = cloud.takeRoundTrips();
    expectOk(await dashboard('sd_regulator'));
    expect(cloud.takeRoundTrips()).toBe(county);
    expect(county).toBeLessThanOrEqual(9);
  });
});
