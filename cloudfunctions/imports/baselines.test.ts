import { baselineDocId, baselineRollupId, type BaselineList, type BaselineRollup } from '../../shared/baselines';
import { baselineHeader, baselineTableToXlsx } from '../../shared/baselineSheet';
import { isoWeekKey } from '../../shared/calendar';
import type { BaselineCommitResult, BaselineItem, BaselinePlan, BaselineSummary, ReconcilePage } from '../../shared/contracts/imports';
import { CREDIT_CODE_ALPHABET, makeCreditCode } from '../../shared/creditCode';
import { C } from '../common/db';
import type { EnterpriseDoc } from '../common/enterprises';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { newEnterprise } from '../org/orgTesting';

jest.setTimeout(60_000);

let cloud: TestCloud;
const tok: Record<string, string> = {};
let tzTown = '';
/** A registered enterprise of 滕州市 with active staff (from the demo seed). */
let staffed: EnterpriseDoc;

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['tz_regulator', 'zz_regulator', 'admin', 'ent_admin']) tok[u] = await cloud.login(u);
  tzTown = (await cloud.db().collection(C.regions).where({ parentCode: '370481' }).limit(1).get<{ _id: string }>()).data[0]._id;
  staffed = (await cloud.db().collection(C.enterprises).where({ countyCode: '370481', staffCount: cloud.db().command.gt(3) }).limit(1).get<EnterpriseDoc>()).data[0];
  expect(staffed?.staffCount).toBeGreaterThan(3);
});
afterAll(() => cloud?.close());

let codeSeq = 0;
/** Codes never registered: the org part encodes a counter (fresh per test run). */
const code = (region6 = '370481') => {
  let n = codeSeq++;
  let org = 'BL';
  for (let i = 0; i < 7; i++) {
    org += CREDIT_CODE_ALPHABET[n % CREDIT_CODE_ALPHABET.length];
    n = Math.floor(n / CREDIT_CODE_ALPHABET.length);
  }
  return makeCreditCode(region6, org);
};

const upload = (list: BaselineList, rows: unknown[][], owner = 'tz_regulator') => cloud.putFile(`${list}.xlsx`, baselineTableToXlsx([baselineHeader(list), ...rows], list), owner);
const call = <T>(action: string, input: Record<string, unknown>, user = 'tz_regulator') => cloud.call<T>('imports', { action, ...input }, { sessionToken: tok[user] });
const dryRun = (fileID: string, period: string, list: BaselineList, user = 'tz_regulator') => call<BaselinePlan>('baselineDryRun', { fileID, period, list }, user);

async function commitAll(fileID: string, period: string, list: BaselineList, user = 'tz_regulator', limit = 2) {
  const sum = { created: 0, updated: 0, calls: 0 };
  for (let offset = 0; ; offset += limit) {
    const r = expectOk(await call<BaselineCommitResult>('baselineCommit', { fileID, period, list, offset, limit }, user));
    sum.created += r.created;
    sum.updated += r.updated;
    sum.calls++;
    if (r.done) return sum;
  }
}

async function rollup(period: string, region: string): Promise<BaselineRollup | null> {
  const r = await cloud.db().collection(C.stats).doc(baselineRollupId(period, region)).get();
  return ((Array.isArray(r.data) ? r.data[0] : r.data) as BaselineRollup | null) ?? null;
}
const count = async (where: Record<string, unknown>) => (await cloud.db().collection(C.baselines).where(where).count()).total;

describe('baselines: dry run', () => {
  it('lists every bad row with its row number and column, and writes nothing', async () => {
    const good = code();
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const fileID = upload('market', [
      [code(), '甲机械有限公司', '370481', '机械'], // 2 ok
      [bad, '乙公司', '370481', '机械'], // 3 checksum
      [code(), '丙公司', '370402', '机械'], // 4 another county (市中区)
      [code(), '丁公司', '999999', '机械'], // 5 unknown region
      [code(), '戊公司', '370481', '养殖业'], // 6 unknown industry
      [good, '己公司', '枣庄市滕州市', '商贸'], // 7 duplicate of row 8
      [good, '庚公司', tzTown, '商贸'], // 8 duplicate of row 7
      [code(), '', '370481', '机械'], // 9 no name
    ]);
    const before = await count({});
    const plan = expectOk(await dryRun(fileID, '2026-10', 'market'));
    expect(plan.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '统一社会信用代码'],
      [4, '所属区划'],
      [5, '所属区划'],
      [6, '行业'],
      [7, '统一社会信用代码'],
      [8, '统一社会信用代码'],
      [9, '企业名称'],
    ]);
    expect(plan.problems.find((p) => p.row === 4)!.reason).toContain('管辖范围');
    expect(plan).toMatchObject({ total: 8, create: 1, update: 0, unchanged: 0 });
    expect(await count({})).toBe(before);
    // The commit refuses the file, with the same problems.
    const r = await call('baselineCommit', { fileID, period: '2026-10', list: 'market' });
    expect(r).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    expect(await count({})).toBe(before);
  });

  it('a 社保缴纳名单 row needs the period’s market row or a registered enterprise; bad headcounts are problems', async () => {
    const fileID = upload('insured', [
      [staffed._id, '', '10'], // 2 registered: region from the enterprise
      [code(), '无名单公司', '5'], // 3 neither
      [staffed._id.slice(0, 17) + '0', '', '5'], // 4 checksum (or unknown)
      [code(), '', '-3'], // 5 bad number
      [code(), '', '1.5'], // 6 bad number
    ]);
    const plan = expectOk(await dryRun(fileID, '2026-10', 'insured'));
    const cols = plan.problems.map((p) => [p.row, p.column]);
    expect(cols).toEqual(expect.arrayContaining([[3, '统一社会信用代码'], [5, '参保人数'], [6, '参保人数']]));
    expect(cols.some(([r]) => r === 2)).toBe(false);
    expect(plan.create).toBe(1);
  });

  it('only regulators and the sysadmin; only a file the caller uploaded', async () => {
    const fileID = upload('market', [[code(), '甲公司', '370481', '机械']]);
    expect(await dryRun(fileID, '2026-10', 'market', 'ent_admin')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await dryRun(fileID, '2026-10', 'market', 'zz_regulator')).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    expect(await call('baselineDryRun', { fileID, period: '2026-13', list: 'market' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('baselines: commit, rollups, scope', () => {
  const P = '2026-11';
  const rows = () => [
    [code(), '滕州一号机械有限公司', '370481', '机械'],
    [code(), '滕州二号商贸有限公司', tzTown, '商贸'],
    [code(), '滕州三号化工有限公司', '枣庄市滕州市', '危化品'],
    [staffed._id, staffed.name, staffed.regionCode, '机械'],
  ];
  let market: unknown[][];

  it('commits in chunks, idempotently: the same file again changes nothing', async () => {
    market = rows();
    const fileID = upload('market', market);
    expect(expectOk(await dryRun(fileID, P, 'market'))).toMatchObject({ total: 4, create: 4, problems: [] });
    expect(await commitAll(fileID, P, 'market')).toEqual({ created: 4, updated: 0, calls: 2 });
    expect(await count({ period: P, list: 'market' })).toBe(4);
    const doc = (await cloud.db().collection(C.baselines).doc(baselineDocId(P, 'market', market[1][0] as string)).get()).data as unknown as Record<string, unknown>;
    expect(doc).toMatchObject({ countyCode: '370481', townCode: tzTown, industry: 'commerce', registered: false });

    const county = await rollup(P, '370481');
    expect(county).toMatchObject({ enterprises: 4, insuredEnterprises: 0, insured: 0, parentCode: '3704' });
    expect(county!.byIndustry).toMatchObject({ machinery: { enterprises: 2 }, commerce: { enterprises: 1 }, hazardousChemicals: { enterprises: 1 } });
    expect(await rollup(P, tzTown)).toMatchObject({ enterprises: 1 + (staffed.townCode === tzTown ? 1 : 0) });
    expect(await rollup(P, '3704')).toMatchObject({ enterprises: 4 });
    expect(await rollup(P, '37')).toMatchObject({ enterprises: 4, parentCode: '' });

    // The same file again: all unchanged, nothing written (not even the rollups' updatedAt).
    const at = (await rollup(P, '37'))!.updatedAt;
    const writes = cloud.writeRequests();
    expect(expectOk(await dryRun(fileID, P, 'market'))).toMatchObject({ create: 0, update: 0, unchanged: 4 });
    expect(await commitAll(fileID, P, 'market')).toEqual({ created: 0, updated: 0, calls: 2 });
    expect(cloud.writeRequests() - writes).toBe(0);
    expect((await rollup(P, '37'))!.updatedAt).toEqual(at);
    expect(await count({ period: P, list: 'market' })).toBe(4);
  });

  it('a corrected row updates its document and moves the rollups', async () => {
    const changed = market.map((r, i) => (i === 0 ? [r[0], r[1], r[2], '商贸'] : r));
    const fileID = upload('market', changed);
    expect(expectOk(await dryRun(fileID, P, 'market'))).toMatchObject({ create: 0, update: 1, unchanged: 3 });
    expect(await commitAll(fileID, P, 'market', 'tz_regulator', 500)).toEqual({ created: 0, updated: 1, calls: 1 });
    expect((await rollup(P, '370481'))!.byIndustry).toMatchObject({ machinery: { enterprises: 1 }, commerce: { enterprises: 2 } });
    market = changed;
  });

  it('the 社保缴纳名单 takes region and industry from the market row; totals sum the headcounts', async () => {
    const fileID = upload('insured', [
      [market[0][0], '', '40'],
      [market[1][0], '', '1,200'],
      [staffed._id, '', String(staffed.staffCount * 3)],
    ]);
    expect(expectOk(await dryRun(fileID, P, 'insured'))).toMatchObject({ total: 3, create: 3, problems: [] });
    await commitAll(fileID, P, 'insured');
    const county = await rollup(P, '370481');
    expect(county).toMatchObject({ enterprises: 4, insuredEnterprises: 3, insured: 40 + 1200 + staffed.staffCount * 3 });
    expect(county!.byIndustry.commerce).toMatchObject({ insuredEnterprises: 2, insured: 1240 });
    expect(await rollup(P, '37')).toMatchObject({ insured: 1240 + staffed.staffCount * 3 });
    const doc = (await cloud.db().collection(C.baselines).doc(baselineDocId(P, 'insured', market[1][0] as string)).get()).data as unknown as Record<string, unknown>;
    expect(doc).toMatchObject({ name: '滕州二号商贸有限公司', insured: 1200, townCode: tzTown, industry: 'commerce' });
  });

  it('a county regulator cannot import, list or sum another county’s rows', async () => {
    // 枣庄市 imports a row in 市中区 (370402) and one in 滕州市, a chunk each: the city sums both counties.
    const other = code('370402');
    const zz = upload('market', [[other, '市中区某公司', '370402', '建材'], [code(), '滕州四号公司', '370481', '建材']], 'zz_regulator');
    await commitAll(zz, P, 'market', 'zz_regulator', 1);
    expect(await rollup(P, '370402')).toMatchObject({ enterprises: 1 });
    expect(await rollup(P, '3704')).toMatchObject({ enterprises: 6 });
    expect(await rollup(P, '37')).toMatchObject({ enterprises: 6 });

    // 滕州市 may not overwrite 市中区's row, nor place a row there.
    const tz = upload('market', [[other, '改名公司', '370481', '建材']]);
    const plan = expectOk(await dryRun(tz, P, 'market'));
    expect(plan.problems).toEqual([expect.objectContaining({ row: 2, column: '统一社会信用代码' })]);
    expect(await call('baselineCommit', { fileID: tz, period: P, list: 'market' })).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });

    // Reads: its own county only.
    expect(await call('listBaselines', { period: P, list: 'market', regionCode: '370402' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call('baselineSummary', { period: P, regionCode: '3704' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call('baselineReconcile', { kind: 'unregistered', period: P, regionCode: '370402' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    const mine = expectOk(await call<{ items: BaselineItem[]; total: number }>('listBaselines', { period: P, list: 'market', pageSize: 100 }));
    expect(mine.total).toBe(5);
    expect(mine.items.some((i) => i.creditCode === other)).toBe(false);
    const theirs = expectOk(await call<{ total: number }>('listBaselines', { period: P, list: 'market', regionCode: '370402' }, 'zz_regulator'));
    expect(theirs.total).toBe(1);

    const summary = expectOk(await call<BaselineSummary>('baselineSummary', { period: P }, 'zz_regulator'));
    expect(summary.totals).toMatchObject({ enterprises: 6 });
    expect(summary.children.map((c) => [c.regionCode, c.enterprises])).toEqual([
      ['370402', 1],
      ['370481', 5],
    ]);
    expect(expectOk(await call<{ periods: string[] }>('baselinePeriods', {})).periods).toContain(P);
  });

  it('名单比对: unregistered, understaffed and inactive, as computed by hand', async () => {
    // Unregistered in 滕州市: the 5 market rows except the seeded enterprise.
    const unreg = expectOk(await call<ReconcilePage>('baselineReconcile', { kind: 'unregistered', period: P, pageSize: 2 }));
    expect(unreg.total).toBe(4);
    expect(unreg.items).toHaveLength(2);
    const rest = expectOk(await call<ReconcilePage>('baselineReconcile', { kind: 'unregistered', period: P, pageSize: 2, cursor: unreg.cursor }));
    const all = [...unreg.items, ...rest.items].map((i) => i.creditCode);
    expect(new Set(all).size).toBe(4);
    expect(all).not.toContain(staffed._id);

    // One of them registers: the flag follows, the list shrinks.
    const registeredCode = market[0][0] as string;
    await newEnterprise(cloud, { creditCode: registeredCode });
    const after = expectOk(await call<ReconcilePage>('baselineReconcile', { kind: 'unregistered', period: P, pageSize: 50 }));
    expect(after.total).toBe(3);
    expect(after.items.map((i) => i.creditCode)).not.toContain(registeredCode);

    // Understaffed: the seeded enterprise has staffCount active staff against 3× insured (33 % < 50 %);
    // the newly registered one has 0 staff against 40 insured. The unregistered 1,200 is not listed.
    const under = expectOk(await call<ReconcilePage>('baselineReconcile', { kind: 'understaffed', period: P }));
    const byCode = new Map(under.items.map((i) => [i.creditCode, i]));
    expect(byCode.get(staffed._id)).toMatchObject({ insured: staffed.staffCount * 3, staff: staffed.staffCount, ratio: Math.round((1 / 3) * 1000) / 1000 });
    expect(byCode.get(registeredCode)).toMatchObject({ insured: 40, staff: 0, ratio: 0 });
    expect(under.items).toHaveLength(2);
    expect(under.cursor).toBeNull();

    // Inactive this week: every enterprise of 滕州市 with staff, except one whose learner studied this week.
    const week = isoWeekKey(new Date());
    const db = cloud.db();
    const withStaff = (await db.collection(C.enterprises).where({ countyCode: '370481', status: 'active', staffCount: db.command.gt(0) }).limit(1000).get<EnterpriseDoc>()).data.map((e) => e._id);
    await db.collection(C.studySessions).add({ data: { _id: 'studySession:bl-test', personId: 'bl-test', enterpriseId: staffed._id, week, weekSeconds: 120, countyCode: '370481' } });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const p = expectOk(await call<ReconcilePage>('baselineReconcile', { kind: 'inactive', period: P, week, pageSize: 3, ...(cursor ? { cursor } : {}) }));
      seen.push(...p.items.map((x) => x.creditCode));
      if (!p.cursor) break;
      cursor = p.cursor;
    }
    expect(seen.sort()).toEqual(withStaff.filter((id) => id !== staffed._id).sort());
    // The county regulator's list never holds another county's enterprise.
    const zzAll = expectOk(await call<ReconcilePage>('baselineReconcile', { kind: 'inactive', period: P, week, pageSize: 200 }, 'zz_regulator'));
    expect(zzAll.items.every((x) => x.regionCode.startsWith('3704'))).toBe(true);
  });

  it('the sysadmin sees the whole province; an enterprise admin nothing', async () => {
    const s = expectOk(await call<BaselineSummary>('baselineSummary', { period: P }, 'admin'));
    expect(s).toMatchObject({ regionCode: '37', totals: { enterprises: 6 } });
    expect(await call('listBaselines', { period: P, list: 'market' }, 'ent_admin')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('baselineReconcile', { kind: 'unregistered', period: P }, 'ent_admin')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('清空 removes the period’s list in the caller’s county only, and the rollups follow', async () => {
    expect(await call('baselineClear', { period: P, list: 'market', regionCode: '370402' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call('baselineClear', { period: P, list: 'market' }, 'ent_admin')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(expectOk(await call<{ removed: number }>('baselineClear', { period: P, list: 'market' }))).toEqual({ removed: 5 });
    expect(expectOk(await call<{ removed: number }>('baselineClear', { period: P, list: 'market' }))).toEqual({ removed: 0 });
    expect(await count({ period: P, list: 'market' })).toBe(1); // 市中区's row stays
    expect(await count({ period: P, list: 'insured' })).toBe(3);
    expect(await rollup(P, '370481')).toMatchObject({ enterprises: 0, insuredEnterprises: 3 });
    expect(await rollup(P, tzTown)).toMatchObject({ enterprises: 0 });
    expect(await rollup(P, '3704')).toMatchObject({ enterprises: 1, insuredEnterprises: 3 });
    expect(await rollup(P, '37')).toMatchObject({ enterprises: 1 });
  });

  it('the nightly timer finds zero drift after the imports, and repairs a rollup that was changed behind its back', async () => {
    type Nightly = { baselines: { documents: number; drift: number } };
    const nightly = async () => expectOk(await cloud.call<Nightly>('stats', { Type: 'Timer', TriggerName: 'nightly' }, { timer: true })).baselines;
    const first = await nightly();
    expect(first.drift).toBe(0);
    expect(first.documents).toBeGreaterThan(4);
    // A lost write (a crash before the city's sum): the county is right, the city and the province are not.
    await cloud.db().collection(C.stats).doc(baselineRollupId(P, '3704')).update({ data: { enterprises: 99 } });
    await cloud.db().collection(C.stats).doc(baselineRollupId(P, '370402')).remove();
    expect((await nightly()).drift).toBe(2);
    expect(await rollup(P, '3704')).toMatchObject({ enterprises: 1 });
    expect(await rollup(P, '370402')).toMatchObject({ enterprises: 1, parentCode: '3704' });
    expect((await nightly()).drift).toBe(0);
  });
});

describe('baselines: races', () => {
  const P = '2026-12';
  it('two counties imported at once: the city and the province sum both; the same chunk twice at once writes each row once', async () => {
    const a = upload('market', Array.from({ length: 6 }, (_x, i) => [code('370402'), `市中区并发${i}号公司`, '370402', '建材']), 'zz_regulator');
    const b = upload('market', Array.from({ length: 7 }, (_x, i) => [code(), `滕州并发${i}号公司`, '370481', '机械']), 'zz_regulator');
    await Promise.all([commitAll(a, P, 'market', 'zz_regulator', 2), commitAll(b, P, 'market', 'zz_regulator', 3)]);
    expect(await rollup(P, '370402')).toMatchObject({ enterprises: 6 });
    expect(await rollup(P, '370481')).toMatchObject({ enterprises: 7 });
    expect(await rollup(P, '3704')).toMatchObject({ enterprises: 13 });
    expect(await rollup(P, '37')).toMatchObject({ enterprises: 13 });

    // The same chunk sent twice at once (a double click, a retried request): one may lose the
    // create race (CONFLICT, retried), no row is written twice, the rollups count each once.
    const c = upload('market', Array.from({ length: 5 }, (_x, i) => [code(), `滕州重放${i}号公司`, '370481', '商贸']));
    const both = await Promise.all([0, 1].map(() => call<BaselineCommitResult>('baselineCommit', { fileID: c, period: P, list: 'market' })));
    for (const r of both) if (!r.ok) expect(r.code).toBe('CONFLICT');
    expect(both.filter((r) => r.ok).length).toBeGreaterThan(0);
    expect(await commitAll(c, P, 'market')).toMatchObject({ created: 0, updated: 0 });
    expect(await count({ period: P, list: 'market', countyCode: '370481' })).toBe(12);
    expect(await rollup(P, '370481')).toMatchObject({ enterprises: 12 });
    expect(await rollup(P, '37')).toMatchObject({ enterprises: 18 });
  });
});

