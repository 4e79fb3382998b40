import type { EnterpriseBrief, EnterpriseRow, RegionItem } from '../../shared/contracts/org';
import type { Paged } from '../../shared/contracts/common';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';

let cloud: TestCloud;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'sd_regulator', 'zz_regulator', 'tz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
}, 60_000);
afterAll(() => cloud?.close());

const list = (user: string, input: Record<string, unknown> = {}) =>
  cloud.call<Paged<EnterpriseRow>>('org', { action: 'listEnterprises', ...input }, { sessionToken: tokens[user] });

describe('org.searchEnterprises (mini-program employer search)', () => {
  it('returns the first page for an empty keyword, to anyone with an OPENID, in one round trip', async () => {
    cloud.takeRoundTrips();
    const data = expectOk(await cloud.call<{ items: EnterpriseBrief[]; hasMore: boolean }>('org', { action: 'searchEnterprises', keyword: '' }, { openid: 'o-guest' }));
    expect(cloud.takeRoundTrips()).toBe(1);
    expect(data.items).toHaveLength(20);
    expect(data.hasMore).toBe(true);
    expect(Object.keys(data.items[0]).sort()).toEqual(['_id', 'creditCode', 'name', 'regionName']);
    const names = data.items.map((i) => i.name);
    expect([...names].sort((a, b) => (a < b ? -1 : 1))).toEqual(names);
  });

  it('matches part of the name, and a credit-code prefix', async () => {
    const all = expectOk(await cloud.call<{ items: EnterpriseBrief[] }>('org', { action: 'searchEnterprises', pageSize: 20, page: 2 }, { openid: 'o1' }));
    const target = all.items[0];
    const byName = expectOk(await cloud.call<{ items: EnterpriseBrief[] }>('org', { action: 'searchEnterprises', keyword: target.name.slice(2, 6) }, { openid: 'o1' }));
    expect(byName.items.map((i) => i._id)).toContain(target._id);
    expect(byName.items.every((i) => i.name.includes(target.name.slice(2, 6)))).toBe(true);
    const byCode = expectOk(await cloud.call<{ items: EnterpriseBrief[] }>('org', { action: 'searchEnterprises', keyword: target.creditCode.slice(0, 12).toLowerCase() }, { openid: 'o1' }));
    expect(byCode.items.map((i) => i._id)).toEqual([target._id]);
  });

  it('treats regex characters in the keyword as text', async () => {
    const r = expectOk(await cloud.call<{ items: EnterpriseBrief[] }>('org', { action: 'searchEnterprises', keyword: '.*(' }, { openid: 'o1' }));
    expect(r.items).toEqual([]);
  });

  it('pages through every enterprise exactly once', async () => {
    const seen: string[] = [];
    for (let page = 1; page < 10; page++) {
      const r = expectOk(await cloud.call<{ items: EnterpriseBrief[]; hasMore: boolean }>('org', { action: 'searchEnterprises', page, pageSize: 7 }, { openid: 'o1' }));
      seen.push(...r.items.map((i) => i._id));
      if (!r.hasMore) break;
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });

  it('rejects bad input with INVALID_INPUT and a Chinese message', async () => {
    for (const bad of [{ keyword: 'x'.repeat(51) }, { pageSize: 500 }, { page: 0 }, { keyword: 42 }]) {
      const r = await cloud.call('org', { action: 'searchEnterprises', ...bad }, { openid: 'o1' });
      expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('org.listEnterprises (console archive, scoped)', () => {
  it('requires a console session', async () => {
    expect(await cloud.call('org', { action: 'listEnterprises' }, { openid: 'o1' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await cloud.call('org', { action: 'listEnterprises' }, { sessionToken: 'forged.token' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('gives the province all 30, the city its own, the county only its county', async () => {
    const province = expectOk(await list('sd_regulator', { pageSize: 100 }));
    const city = expectOk(await list('zz_regulator', { pageSize: 100 }));
    const county = expectOk(await list('tz_regulator', { pageSize: 100 }));
    expect(province.total).toBe(30);
    expect(city.items.every((e) => e.regionCode.startsWith('3704'))).toBe(true);
    expect(county.items.every((e) => e.regionCode.startsWith('370481'))).toBe(true);
    expect(county.total).toBeGreaterThan(0);
    expect(city.total).toBeGreaterThan(county.total);
    expect(province.total).toBeGreaterThan(city.total);
    expect(county.items).toHaveLength(county.total);
  });

  it('refuses a region outside the caller’s own with NOT_IN_SCOPE', async () => {
    expect(await list('tz_regulator', { regionCode: '370402' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await list('tz_regulator', { regionCode: '3704' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await list('zz_regulator', { regionCode: '3701' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await list('tz_regulator', { regionCode: 'abc' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('filters by a region inside the scope, by industry and by keyword, with a total for paging', async () => {
    const city = expectOk(await list('zz_regulator', { regionCode: '370481' }));
    const county = expectOk(await list('tz_regulator'));
    expect(city.total).toBe(county.total);
    const one = county.items[0];
    const byIndustry = expectOk(await list('sd_regulator', { industry: one.industry, pageSize: 100 }));
    expect(byIndustry.items.every((e) => e.industry === one.industry)).toBe(true);
    const byKeyword = expectOk(await list('sd_regulator', { keyword: one.name.slice(-8) }));
    expect(byKeyword.items.map((e) => e._id)).toContain(one._id);
    const paged = expectOk(await list('sd_regulator', { page: 2, pageSize: 10 }));
    expect(paged).toMatchObject({ total: 30, page: 2, pageSize: 10 });
    expect(paged.items).toHaveLength(10);
  });

  it('shows an enterprise admin only its own enterprise', async () => {
    const own = expectOk(await list('ent_admin'));
    expect(own.total).toBe(1);
    expect(own.items[0].staffCount).toBeGreaterThan(0);
  });

  it('costs three round trips (session check, page, count) for a scoped query', async () => {
    cloud.takeRoundTrips();
    expectOk(await list('tz_regulator'));
    expect(cloud.takeRoundTrips()).toBe(3); // session check, page, count
  });
});

describe('org.listRegions', () => {
  it('walks the province → city → county → town tree', async () => {
    const top = expectOk(await cloud.call<{ items: RegionItem[] }>('org', { action: 'listRegions' }, { openid: 'o1' }));
    expect(top.items).toEqual([{ code: '37', name: '山东省', level: 'province', hasChildren: true }]);
    const cities = expectOk(await cloud.call<{ items: RegionItem[] }>('org', { action: 'listRegions', parentCode: '37' }, { openid: 'o1' }));
    expect(cities.items.map((c) => c.name)).toContain('枣庄市');
    expect(cities.items).toHaveLength(16);
    const counties = expectOk(await cloud.call<{ items: RegionItem[] }>('org', { action: 'listRegions', parentCode: '3704' }, { openid: 'o1' }));
    expect(counties.items.map((c) => c.name)).toContain('滕州市');
    const towns = expectOk(await cloud.call<{ items: RegionItem[] }>('org', { action: 'listRegions', parentCode: '370481' }, { openid: 'o1' }));
    expect(towns.items.length).toBeGreaterThan(10);
    expect(towns.items.every((t) => t.level === 'town' && t.code.startsWith('370481'))).toBe(true);
  });
});
