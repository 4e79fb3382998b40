import { baselineRollupId, type BaselineRollup } from '../../shared/baselines';
import { isoWeekKey, isoWeekRange } from '../../shared/calendar';
import {
  annex3Rows,
  BOTTOM_COUNT,
  BOTTOM_MIN_PERSONS,
  bottomRanked,
  industryName,
  periodId,
  periodsSince,
  previousPeriod,
  REPORT_LOOKBACK,
  reportFigures,
  reportRow,
  rowFromDocs,
  type PeriodReport,
  type ReportKind,
  type ReportRow,
} from '../../shared/oversight/report';
import { childrenParent, industriesParent, ovId, regionIndustryNode, regionNode, shanghaiMonth, type OvCounters } from '../../shared/oversight/rollup';
import { regionContains, regionLevelOf } from '../../shared/regions';
import { INDUSTRY_CODES, type IndustryCode } from '../../shared/taxonomy';
import type { Ctx } from '../common/action';
import { C, type Database } from '../common/db';
import type { RegionDoc } from '../common/enterprises';
import { AppError } from '../common/errors';
import { accountOf } from '../common/publishing';

/**
 * 周通报 / 月报 and 附件3 reads (docs/oversight-design.md "Reports"): rollup documents `ov:<node>:<period>`
 * and 基础名单 rollups `base:<month>:<region>` only, in two batches of parallel reads whatever the
 * population. Scope as the dashboard: a regulator its region subtree (and its industries), the sysadmin any.
 */

type OvDoc = OvCounters & { _id: string; node: string; period: string; level: string; regionCode?: string; enterpriseId?: string; enterpriseName?: string; industry?: string };
type Base = { enterprises: number; insured: number };

export const notInScope = () => new AppError('NOT_IN_SCOPE', '无权查看该地区的数据');
const ENTERPRISE_LIMIT = 1000;

async function byIds<T>(db: Database, ids: string[]): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const res = await db.collection(C.stats).where({ _id: db.command.in(chunk) }).limit(1000).get<T & { _id: string }>();
    for (const d of res.data) out.set(d._id, d);
  }
  return out;
}

/** The region a report is about, checked against the caller's scope; and the industries it is limited to. */
export async function reportScope(ctx: Ctx, regionCode: string | undefined): Promise<{ code: string; industries: string[] | null }> {
  const p = accountOf(ctx.principal);
  if (p.role !== 'regulator' && p.role !== 'sysadmin') throw notInScope();
  let code = regionCode ?? (p.role === 'regulator' ? p.regionCode : undefined);
  if (!code) {
    const top = await ctx.db.collection(C.regions).where({ level: 'province' }).limit(1).get<RegionDoc>();
    code = top.data[0]?.code;
    if (!code) throw notInScope();
  }
  if (p.role === 'regulator' && (!p.regionCode || !regionContains(p.regionCode, code))) throw notInScope();
  const industries = p.role === 'regulator' && p.industries?.length ? [...p.industries] : null;
  return { code, industries };
}

function baselineOf(b: BaselineRollup | undefined, industries: readonly string[] | null): Base | null {
  if (!b) return null;
  if (!industries) return { enterprises: b.enterprises ?? 0, insured: b.insured ?? 0 };
  const t = { enterprises: 0, insured: 0 };
  for (const i of industries) {
    const x = b.byIndustry?.[i as IndustryCode];
    if (x) (t.enterprises += x.enterprises ?? 0), (t.insured += x.insured ?? 0);
  }
  return t;
}

const monthBefore = (m: string) => previousPeriod('month', m);
/** The month a week belongs to (its Thursday's). */
const monthOfWeek = (week: string) => shanghaiMonth(isoWeekRange(week).start.getTime() + 3 * 86400_000 + 12 * 3600_000);

/** 周通报 / 月报 of a region for one period (docs: shared/oversight/report.ts). */
export async function periodReport(ctx: Ctx, kind: ReportKind, key: string, regionCode: string | undefined): Promise<PeriodReport> {
  const { db } = ctx;
  const _ = db.command;
  const now = ctx.now();
  const current = kind === 'week' ? isoWeekKey(now) : shanghaiMonth(now);
  const oldest = (() => {
    let k = current;
    for (let i = 1; i < REPORT_LOOKBACK; i++) k = previousPeriod(kind, k);
    return k;
  })();
  if (key > current || key < oldest) throw new AppError('INVALID_INPUT', kind === 'week' ? `只能查看最近${REPORT_LOOKBACK}周的周通报` : `只能查看最近${REPORT_LOOKBACK}个月的月报`);
  const { code, industries } = await reportScope(ctx, regionCode);
  const prevKey = previousPeriod(kind, key);
  // previous, the report's, and every later one up to now: a past period's figures are `all` minus the later ones.
  const periods = periodsSince(kind, prevKey, now);
  const pids = ['all', ...periods.map((p) => periodId(kind, p))];
  const nodesOf = (c: string) => (industries ? industries.map((i) => regionIndustryNode(c, i)) : [regionNode(c)]);
  const curMonth = kind === 'week' ? monthOfWeek(key) : key;
  const prevMonth = kind === 'week' ? monthOfWeek(prevKey) : prevKey;
  const baseMonths = [curMonth, monthBefore(curMonth), monthBefore(monthBefore(curMonth))];
  if (!baseMonths.includes(prevMonth)) baseMonths.push(prevMonth);

  // Batch 1: the region and its children, its own documents, its industries, the baselines.
  const [regions, own, inds, childBase] = await Promise.all([
    db
      .collection(C.regions)
      .where(_.or([{ _id: code }, { parentCode: code }]))
      .limit(1000)
      .field({ _id: true, code: true, name: true, fullName: true, level: true, parentCode: true })
      .get<RegionDoc & { parentCode: string }>(),
    byIds<OvDoc & BaselineRollup>(db, [...nodesOf(code).flatMap((n) => pids.map((x) => ovId(n, x))), ...baseMonths.map((m) => baselineRollupId(m, code))]),
    db
      .collection(C.stats)
      .where({ parent: industriesParent(code), period: _.in(pids) })
      .limit(1000)
      .get<OvDoc>(),
    db
      .collection(C.stats)
      .where({ kind: 'baseline', parentCode: code, period: _.in(baseMonths) })
      .limit(1000)
      .get<BaselineRollup>(),
  ]);
  const self = regions.data.find((r) => r._id === code);
  if (!self) throw notInScope();
  const childRegions = regions.data.filter((r) => r._id !== code).sort((a, b) => a.code.localeCompare(b.code));
  const level = regionLevelOf(code);
  const enterpriseParents = level === 'county' ? [code, ...childRegions.map((r) => r.code)] : level === 'town' ? [code] : [];

  // Batch 2: the children's documents by id; the enterprises (county and town reports) of the period.
  const [children, ents] = await Promise.all([
    byIds<OvDoc>(db, childRegions.flatMap((r) => nodesOf(r.code).flatMap((n) => pids.map((x) => ovId(n, x))))),
    enterpriseParents.length
      ? db
          .collection(C.stats)
          .where({ parent: _.in(enterpriseParents.map(childrenParent)), period: _.in(['all', periodId(kind, key)]), level: 'enterprise' })
          .limit(ENTERPRISE_LIMIT)
          .get<OvDoc>()
      : Promise.resolve({ data: [] as OvDoc[] }),
  ]);

  const sum = (docs: (OvDoc | undefined)[]): OvCounters | undefined => {
    const present = docs.filter(Boolean) as OvDoc[];
    if (!present.length) return undefined;
    const s: Record<string, number> = {};
    for (const d of present) for (const [k, v] of Object.entries(d)) if (typeof v === 'number') s[k] = (s[k] ?? 0) + v;
    return s;
  };
  const latestBase = (month: string, get: (m: string) => BaselineRollup | undefined): { month: string; base: Base | null } | null => {
    for (const m of baseMonths.filter((x) => x <= month).sort().reverse()) {
      const b = get(m);
      if (b) return { month: m, base: baselineOf(b, industries) };
    }
    return null;
  };
  const ownBaseCur = latestBase(curMonth, (m) => own.get(baselineRollupId(m, code)));
  const ownBasePrev = latestBase(prevMonth, (m) => own.get(baselineRollupId(m, code)));
  const childBaseOf = (c: string, month: string) => latestBase(month, (m) => childBase.data.find((b) => b.regionCode === c && b.period === m))?.base ?? null;

  const total = rowFromDocs(kind, code, self.fullName || self.name, periods, (pid) => sum(nodesOf(code).map((n) => own.get(ovId(n, pid)))), {
    cur: ownBaseCur?.base ?? null,
    prev: ownBasePrev?.base ?? null,
  });
  const regionRows = childRegions.map((r) =>
    rowFromDocs(kind, r.code, r.name, periods, (pid) => sum(nodesOf(r.code).map((n) => children.get(ovId(n, pid)))), { cur: childBaseOf(r.code, curMonth), prev: childBaseOf(r.code, prevMonth) }),
  );

  const byIndustry = new Map<string, Map<string, OvDoc>>();
  for (const d of inds.data) {
    if (!d.industry || (industries && !industries.includes(d.industry))) continue;
    (byIndustry.get(d.industry) ?? byIndustry.set(d.industry, new Map()).get(d.industry)!).set(d.period, d);
  }
  const baseIndustry = (month: string, ind: string): Base | null => {
    const b = latestBase(month, (m) => own.get(baselineRollupId(m, code)));
    if (!b) return null;
    const raw = own.get(baselineRollupId(b.month, code))?.byIndustry?.[ind as IndustryCode];
    return { enterprises: raw?.enterprises ?? 0, insured: raw?.insured ?? 0 };
  };
  const industryRows = INDUSTRY_CODES.filter((i) => byIndustry.has(i) || industries?.includes(i)).map((i) =>
    rowFromDocs(kind, i, industryName(i), periods, (pid) => byIndustry.get(i)?.get(pid), { cur: baseIndustry(curMonth, i), prev: baseIndustry(prevMonth, i) }),
  );

  const entDocs = new Map<string, { all?: OvDoc; cur?: OvDoc }>();
  for (const d of ents.data) {
    if (!d.enterpriseId || (industries && (!d.industry || !industries.includes(d.industry)))) continue;
    const e = entDocs.get(d.enterpriseId) ?? {};
    if (d.period === 'all') e.all = d;
    else e.cur = d;
    entDocs.set(d.enterpriseId, e);
  }
  // Enterprises: the period's figures with today's registrations (their later periods are not read).
  const enterpriseRows: ReportRow[] = [...entDocs].map(([id, e]) => {
    const cur = reportFigures(e.all ?? {}, e.cur, null);
    return reportRow(id, e.all?.enterpriseName ?? e.cur?.enterpriseName ?? id, cur, cur);
  });
  for (const r of enterpriseRows) for (const k of Object.keys(r.change) as (keyof ReportRow['change'])[]) r.change[k] = null;

  const byRegistration = regionRows.some((r) => r.cur.personRate != null);
  return {
    kind,
    period: key,
    previous: prevKey,
    scope: { regionCode: code, name: self.fullName || self.name, level: level ?? '' },
    baselinePeriod: ownBaseCur?.month ?? null,
    total,
    regions: regionRows,
    industries: industryRows,
    enterprises: enterpriseRows.sort((a, b) => a.cur.studyRate - b.cur.studyRate || a.name.localeCompare(b.name, 'zh')).slice(0, 200),
    bottomRegions: bottomRanked(regionRows, byRegistration ? 'personRate' : 'studyRate', BOTTOM_COUNT),
    bottomEnterprises: bottomRanked(enterpriseRows, 'studyRate', BOTTOM_COUNT, BOTTOM_MIN_PERSONS),
    enterprisesTruncated: ents.data.length >= ENTERPRISE_LIMIT,
  };
}

/** 附件3 of a region: its region × industry documents of one period (all-time or a month). */
export async function annex3Of(ctx: Ctx, regionCode: string | undefined, month: string | undefined) {
  const { code, industries } = await reportScope(ctx, regionCode);
  const period = month ? `m${month}` : 'all';
  const [self, docs] = await Promise.all([
    ctx.db.collection(C.regions).where({ _id: code }).limit(1).field({ _id: true, name: true, fullName: true }).get<RegionDoc>(),
    ctx.db.collection(C.stats).where({ parent: industriesParent(code), period }).limit(100).get<OvDoc>(),
  ]);
  const region = self.data[0];
  if (!region) throw notInScope();
  const rows = annex3Rows(docs.data.filter((d) => !industries || (d.industry && industries.includes(d.industry))).map((d) => ({ industry: d.industry, counters: d })));
  return { scope: { regionCode: code, name: region.fullName || region.name }, period: month ?? 'all', rows };
}
