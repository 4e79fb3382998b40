import type { RankingsResult } from '../../shared/contracts/oversight';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';

jest.setTimeout(60_000);

/**
 * oversight.rankings over hand-made rollup documents in a county of their own (370498, town
 * 370498001, under 枣庄 3704), so every expected rank is computed here by hand.
 */
let cloud: TestCloud;
const tokens: Record<string, string> = {};
const COUNTY = '370498';
const TOWN = '370498001';

/** e: documents: [id, parent region, all-time counters, this-period counters]. */
const ENTS: [string, string, Record<string, number>][] = [
  // persons, completions, points, exam (county tier)
  ['RK-A', COUNTY, { persons: 20, completions: 10, points: 400, examTakers_county: 10, examPassed_county: 9 }],
  ['RK-B', TOWN, { persons: 10, completions: 10, points: 500, examTakers_county: 4, examPassed_county: 2 }],
  ['RK-C', TOWN, { persons: 40, completions: 10, points: 400, examTakers_county: 10, examPassed_county: 10 }],
  // Tiny: the best rates, but under the default 10 staff.
  ['RK-D', TOWN, { persons: 3, completions: 9, points: 900, examTakers_county: 3, examPassed_county: 3 }],
  // Same completion rate as RK-A (0.5), more staff: ranks before it.
  ['RK-E', COUNTY, { persons: 30, completions: 15, points: 30, examTakers_county: 0, examPassed_county: 0 }],
];
const WEEK = '2026-W49';

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'sd_regulator', 'zz_regulator', 'tz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
  const db = cloud.db();
  await db.collection('regions').add({ data: { _id: COUNTY, code: COUNTY, name: '排名测试县', fullName: '山东省枣庄市排名测试县', level: 'county', parentCode: '3704' } });
  await db.collection('regions').add({ data: { _id: TOWN, code: TOWN, name: '排名测试镇', fullName: '山东省枣庄市排名测试县排名测试镇', level: 'town', parentCode: COUNTY } });
  for (const [id, parentCode, c] of ENTS) {
    const meta = { kind: 'ov', node: `e:${id}`, parent: `r:${parentCode}`, level: 'enterprise', regionCode: parentCode, enterpriseId: id, enterpriseName: `企业${id}`, industry: 'manufacturing' };
    await db.collection('stats').add({ data: { _id: `ov:e:${id}:all`, ...meta, period: 'all', ...c } });
  }
  // This week: only RK-B and RK-C studied (points), RK-A nothing.
  for (const [id, parentCode, points] of [['RK-B', TOWN, 50], ['RK-C', TOWN, 200]] as const) {
    await db.collection('stats').add({ data: { _id: `ov:e:${id}:w${WEEK}`, kind: 'ov', node: `e:${id}`, parent: `r:${parentCode}`, level: 'enterprise', regionCode: parentCode, enterpriseId: id, period: `w${WEEK}`, points, persons: 1 } });
  }
  // The county's own node (region rankings under 3704).
  await db.collection('stats').add({ data: { _id: `ov:r:${COUNTY}:all`, kind: 'ov', node: `r:${COUNTY}`, parent: 'r:3704', level: 'county', regionCode: COUNTY, period: 'all', persons: 103, completions: 54, points: 2230 } });
}, 90_000);
afterAll(() => cloud?.close());

const rankings = (who: string, input: Record<string, unknown> = {}) => cloud.call<RankingsResult>('oversight', { action: 'rankings', ...input }, { sessionToken: tokens[who] });
const ids = (r: RankingsResult) => r.rows.map((x) => x.id);

describe('oversight.rankings', () => {
  it('ranks the subtree’s enterprises (county and town) by completion rate; ties by staff; tiny firms left out', async () => {
    const r = expectOk(await rankings('zz_regulator', { regionCode: COUNTY, by: 'completionRate' }));
    expect(r).toMatchObject({ scope: { id: COUNTY, level: 'county' }, level: 'enterprise', period: 'all', minStaff: 10, total: 4 });
    // B 1.0, E 0.5 (30 staff), A 0.5 (20), C 0.25.
    expect(ids(r)).toEqual(['RK-B', 'RK-E', 'RK-A', 'RK-C']);
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 2, 4]);
    expect(r.rows[0]).toMatchObject({ name: '企业RK-B', persons: 10, value: 1, completionRate: 1, avgPoints: 50, passRate: 0.5 });
    expect(r.rows.every((x) => typeof x.score?.score === 'number')).toBe(true);
    // minStaff 0 lets RK-D in, first.
    const all = expectOk(await rankings('zz_regulator', { regionCode: COUNTY, minStaff: 0 }));
    expect(ids(all)).toEqual(['RK-D', 'RK-B', 'RK-E', 'RK-A', 'RK-C']);
    // A town ranks only its own enterprises.
    expect(ids(expectOk(await rankings('sd_regulator', { regionCode: TOWN })))).toEqual(['RK-B', 'RK-C']);
  });

  it('other metrics, the week period, and pages (ranks continue across pages, ties included)', async () => {
    expect(ids(expectOk(await rankings('sd_regulator', { regionCode: COUNTY, by: 'passRate' })))).toEqual(['RK-C', 'RK-A', 'RK-B', 'RK-E']);
    expect(ids(expectOk(await rankings('sd_regulator', { regionCode: COUNTY, by: 'avgPoints' })))).toEqual(['RK-B', 'RK-A', 'RK-C', 'RK-E']);
    const w = expectOk(await rankings('sd_regulator', { regionCode: COUNTY, by: 'avgPoints', period: 'week', week: WEEK }));
    expect(w.period).toBe(WEEK);
    // C 200/40 = 5, B 50/10 = 5 → tie, C first (more staff); staff is the all-time count, not the week's net change.
    expect(w.rows.slice(0, 2).map((x) => [x.id, x.value, x.rank, x.persons])).toEqual([['RK-C', 5, 1, 40], ['RK-B', 5, 1, 10]]);
    expect(w.rows.slice(2).map((x) => x.value)).toEqual([0, 0]);
    const p2 = expectOk(await rankings('sd_regulator', { regionCode: COUNTY, pageSize: 2, page: 2 }));
    expect(p2).toMatchObject({ total: 4, page: 2 });
    expect(p2.rows.map((x) => [x.id, x.rank])).toEqual([['RK-A', 2], ['RK-C', 4]]);
  });

  it('ranks child regions from their rollups', async () => {
    const r = expectOk(await rankings('zz_regulator', { level: 'region', by: 'avgPoints' }));
    expect(r.scope.id).toBe('3704');
    const mine = r.rows.find((x) => x.id === COUNTY);
    expect(mine).toMatchObject({ kind: 'region', name: '排名测试县', persons: 103, avgPoints: 21.7, completionRate: 0.5243 });
    expect(r.rows.map((x) => x.value)).toEqual([...r.rows.map((x) => x.value)].sort((a, b) => b - a));
  });

  it('scope: a county regulator cannot rank another county; unknown answers alike; bad input is a stable code', async () => {
    for (const input of [{ regionCode: COUNTY }, { regionCode: '3704' }, { regionCode: '370499' }, { regionCode: COUNTY, level: 'region' }]) {
      expect(await rankings('tz_regulator', input)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    }
    expect(await rankings('sd_regulator', { regionCode: '370499' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await rankings('sd_regulator', { by: 'salary' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await rankings('sd_regulator', { minStaff: -1 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await rankings('ent_admin', { regionCode: COUNTY })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await rankings('ent_admin', { level: 'region' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
  });

  it('an enterprise admin gets only its own rank among its county’s enterprises, as the county regulator sees it', async () => {
    for (const minStaff of [0, 10]) {
      const mine = expectOk(await rankings('ent_admin', { minStaff }));
      expect(mine.rows).toEqual([]);
      expect(mine.own).not.toBeNull();
      const county = expectOk(await rankings('tz_regulator', { regionCode: mine.scope.id, minStaff, pageSize: 100 }));
      expect(mine.own!.total).toBe(county.total);
      const row = county.rows.find((x) => x.id === mine.own!.enterpriseId);
      expect(mine.own!.rank).toBe(row ? row.rank : null);
    }
  });

  it('costs a constant number of round trips', async () => {
    cloud.takeRoundTrips();
    expectOk(await rankings('sd_regulator', { regionCode: COUNTY, page: 2, pageSize: 2 }));
    const county = cloud.takeRoundTrips();
    expectOk(await rankings('sd_regulator', { page: 2, pageSize: 2 }));
    expect(cloud.takeRoundTrips()).toBe(county);
    expect(county).toBeLessThanOrEqual(7);
  });
});
