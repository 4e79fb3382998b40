import * as XLSX from 'xlsx';
import { isoWeekKey } from '../../shared/calendar';
import type { DashboardResult } from '../../shared/contracts/oversight';
import { ANNEX3_ROWS, annex3Sheet, periodReportSheets, previousPeriod, type Annex3Row, type PeriodReport } from '../../shared/oversight/report';
import { reportWorkbookBytes } from '../../shared/oversight/reportXlsx';
import { shanghaiMonth } from '../../shared/oversight/rollup';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';

jest.setTimeout(60_000);

/** oversight.weeklyReport / monthlyReport / annex3: the dashboard's rollups, arranged as the reports; scoped; constant cost. */
let cloud: TestCloud;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'sd_regulator', 'zz_regulator', 'tz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
}, 90_000);
afterAll(() => cloud?.close());

const call = <T>(who: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('oversight', { action, ...input }, { sessionToken: tokens[who] });
const week = isoWeekKey(new Date());
const month = shanghaiMonth(new Date());

describe('oversight reports', () => {
  it('周通报 of a county: totals, child regions and industries equal the dashboard; last week is this week minus its changes', async () => {
    const d = expectOk(await call<DashboardResult>('tz_regulator', 'dashboard', { week }));
    const r = expectOk(await call<PeriodReport>('tz_regulator', 'weeklyReport', { week }));
    expect(r).toMatchObject({ kind: 'week', period: week, previous: previousPeriod('week', week), scope: { regionCode: '370481', level: 'county' } });
    expect(r.total.cur).toMatchObject({ enterprises: d.totals.enterprises, persons: d.totals.persons, learners: d.thisWeek.learners, examTakers: d.totals.examTakers, examPassed: d.totals.examPassed });
    expect(r.total.cur.persons).toBeGreaterThan(0);
    expect(r.regions.length).toBeGreaterThan(0);
    expect(r.total.prev.persons).toBe(d.totals.persons - d.thisWeek.persons);
    expect(r.total.prev.enterprises).toBe(d.totals.enterprises - d.thisWeek.enterprises);
    expect(r.total.prev.learners).toBe(d.trend[10].learners);
    for (const row of r.regions) {
      const c = d.children.find((x) => x.id === row.key)!;
      expect(row.cur).toMatchObject({ persons: c.totals.persons, enterprises: c.totals.enterprises, learners: c.week.learners });
    }
    expect(r.industries.reduce((s, i) => s + i.cur.persons, 0)).toBe(d.industries.reduce((s, i) => s + i.totals.persons, 0));
    // Bottom enterprises: only those of at least 5 persons, lowest study rate first.
    for (const e of r.bottomEnterprises) expect(e.cur.persons).toBeGreaterThanOrEqual(5);
    const rates = r.bottomEnterprises.map((e) => e.cur.studyRate);
    expect([...rates].sort((a, b) => a - b)).toEqual(rates);
    // The workbook of the real report opens with its sheets, the total last on the regions sheet.
    const wb = XLSX.read(reportWorkbookBytes(periodReportSheets(r)), { type: 'array' });
    expect(wb.SheetNames).toEqual(['分地区', '分行业', '排名靠后地区', '排名靠后企业']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['分地区'], { header: 1, defval: null });
    expect(rows[4 + r.regions.length][4]).toBe(d.totals.persons);
  });

  it('月报 of the province equals its dashboard; the city row of the province equals the city report', async () => {
    const d = expectOk(await call<DashboardResult>('sd_regulator', 'dashboard', {}));
    const r = expectOk(await call<PeriodReport>('sd_regulator', 'monthlyReport', { month }));
    expect(r.total.cur).toMatchObject({ persons: d.totals.persons, enterprises: d.totals.enterprises, learners: d.thisMonth.learners });
    const city = expectOk(await call<PeriodReport>('zz_regulator', 'monthlyReport', { month, regionCode: '3704' }));
    expect(r.regions.find((x) => x.key === '3704')!.cur).toEqual(city.total.cur);
    expect(r.bottomEnterprises).toEqual([]);
  });

  it('scope: a county regulator never reads another county, its city or an unknown code; admins are not readers; only the last 12 periods', async () => {
    for (const regionCode of ['370402', '3704', '370499', '37']) {
      expect(await call('tz_regulator', 'weeklyReport', { week, regionCode })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
      expect(await call('tz_regulator', 'monthlyReport', { month, regionCode })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
      expect(await call('tz_regulator', 'annex3', { regionCode })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    }
    expect(await call('ent_admin', 'weeklyReport', { week })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('tz_regulator', 'weeklyReport', { week: '2020-W01' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call('tz_regulator', 'monthlyReport', { month: '2099-01' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call('tz_regulator', 'weeklyReport', { week: 'W49' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    // The province regulator reads the county's report, the same as its own regulator.
    const own = expectOk(await call<PeriodReport>('tz_regulator', 'weeklyReport', { week }));
    expect(expectOk(await call<PeriodReport>('sd_regulator', 'weeklyReport', { week, regionCode: '370481' })).total).toEqual(own.total);
  });

  it('附件3: the seed rows; 合计 equals the industry rollups of the dashboard (enterprises, exam takers by tier)', async () => {
    const d = expectOk(await call<DashboardResult>('tz_regulator', 'dashboard', {}));
    const a = expectOk(await call<{ rows: Annex3Row[]; scope: { name: string } }>('tz_regulator', 'annex3', {}));
    expect(a.rows.map((x) => x.industry)).toEqual([...ANNEX3_ROWS, '合 计']);
    const total = a.rows[12];
    expect(total.enterprises).toBe(d.industries.reduce((s, i) => s + i.totals.enterprises, 0));
    expect(total.tiers.reduce((s, t) => s + t.takers, 0)).toBe(d.industries.reduce((s, i) => s + i.totals.examTakers, 0));
    const sheet = XLSX.read(reportWorkbookBytes([annex3Sheet(a.rows, a.scope.name)]), { type: 'array' });
    expect(XLSX.utils.sheet_to_json<unknown[]>(sheet.Sheets['附件3'], { header: 1, defval: null })[17][0]).toBe('合 计');
  });

  it('costs a constant number of round trips (the router’s caller lookup included)', async () => {
    cloud.takeRoundTrips();
    expectOk(await call('tz_regulator', 'weeklyReport', { week }));
    const county = cloud.takeRoundTrips();
    expectOk(await call('sd_regulator', 'weeklyReport', { week }));
    const province = cloud.takeRoundTrips();
    expect(county).toBeLessThanOrEqual(10);
    expect(province).toBeLessThanOrEqual(10);
    expectOk(await call('tz_regulator', 'annex3', {}));
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(5);
  });
});
