import { baselineRollupId, type BaselineRollup, type BaselineTotals } from '../../../shared/baselines';
import { isoWeekKey, isoWeekRange } from '../../../shared/calendar';
import type { DashboardChild, DashboardResult } from '../../../shared/contracts/oversight';
import { oversightContracts } from '../../../shared/contracts/oversight';
import type { CourseCategory } from '../../../shared/learning/labels';
import { ANY } from '../../../shared/learning/pushRule';
import { figuresOf, publisherLabel } from '../../../shared/oversight/figures';
import {
  childrenParent,
  entCoursesParent,
  entNode,
  industriesParent,
  lastWeeks,
  monthPeriod,
  OV_TIERS,
  ovId,
  rate,
  regionCoursesParent,
  regionIndustryNode,
  regionNode,
  shanghaiMonth,
  weekPeriod,
  type OvCounters,
  type OvLevel,
} from '../../../shared/oversight/rollup';
import { regionContains, regionLevelOf, regionPath } from '../../../shared/regions';
import type { IndustryCode } from '../../../shared/taxonomy';
import { defineAction } from '../../common/action';
import { C, type Database } from '../../common/db';
import type { EnterpriseDoc, RegionDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { accountOf } from '../../common/publishing';

type OvDoc = OvCounters & { _id: string; node: string; period: string; level: OvLevel; regionCode?: string; enterpriseId?: string; enterpriseName?: string; industry?: string; courseId?: string; title?: string; category?: CourseCategory };
type CourseRow = { _id: string; title: string; category: CourseCategory; publisher?: { role: string; regionCode?: string }; learners?: number; completions?: number };

const CHILD_LIMIT = 1000;
const notInScope = () => new AppError('NOT_IN_SCOPE', '无权查看该地区或企业的数据');

/** The month before `YYYY-MM`. */
const previousMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number);
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
};

async function byIds<T>(db: Database, ids: string[]): Promise<Map<string, T>> {
  if (!ids.length) return new Map();
  const res = await db.collection(C.stats).where({ _id: db.command.in(ids) }).limit(1000).get<T & { _id: string }>();
  return new Map(res.data.map((d) => [d._id, d]));
}

/** A baseline rollup's totals, limited to some industries when the view is. */
function baselineOf(b: BaselineRollup | undefined, industries: readonly string[] | null): BaselineTotals | null {
  if (!b) return null;
  if (!industries) return { enterprises: b.enterprises ?? 0, insuredEnterprises: b.insuredEnterprises ?? 0, insured: b.insured ?? 0 };
  const t = { enterprises: 0, insuredEnterprises: 0, insured: 0 };
  for (const i of industries) {
    const x = b.byIndustry?.[i as IndustryCode];
    if (x) (t.enterprises += x.enterprises ?? 0), (t.insuredEnterprises += x.insuredEnterprises ?? 0), (t.insured += x.insured ?? 0);
  }
  return t;
}

/**
 * The oversight dashboard (docs/oversight-design.md §3–4): one batch of parallel reads of rollup
 * documents (the node's own periods and trend, its children, its industries, its courses, the
 * baselines), so its cost is O(children) whatever the population. Scope: a regulator its region
 * subtree (and its industries, when limited), an enterprise admin its own enterprise; anything
 * else — a foreign code or id, or one that does not exist — answers NOT_IN_SCOPE alike.
 */
export default defineAction(oversightContracts.dashboard, {
  allow: ['regulator', 'enterpriseAdmin', 'sysadmin'],
  async run(input, ctx) {
    const p = accountOf(ctx.principal);
    const { db } = ctx;
    const _ = db.command;
    const week = input.week ?? isoWeekKey(ctx.now());
    // The month a week belongs to: its Thursday's (as ISO weeks belong to years).
    const thursday = isoWeekRange(week).start.getTime() + 3 * 86400_000 + 12 * 3600_000;
    const month = shanghaiMonth(thursday);
    const weeks = lastWeeks(thursday, 12);
    const periods = ['all', monthPeriod(month), ...weeks.map(weekPeriod)];
    const wp = weekPeriod(week);

    // ---------------------------------------------------------------- one enterprise
    if (p.role === 'enterpriseAdmin' || input.enterpriseId) {
      const enterpriseId = p.role === 'enterpriseAdmin' ? p.enterpriseId : input.enterpriseId;
      if (!enterpriseId || (p.role === 'enterpriseAdmin' && input.enterpriseId && input.enterpriseId !== p.enterpriseId) || input.regionCode) throw notInScope();
      const node = entNode(enterpriseId);
      const [entRes, own, courses] = await Promise.all([
        db.collection(C.enterprises).doc(enterpriseId).get(),
        byIds<OvDoc>(db, periods.map((x) => ovId(node, x))),
        db.collection(C.stats).where({ parent: entCoursesParent(enterpriseId), period: 'all' }).limit(500).get<OvDoc>(),
      ]);
      const e = (Array.isArray(entRes.data) ? entRes.data[0] : entRes.data) as EnterpriseDoc | null;
      if (!e) throw notInScope();
      if (p.role === 'regulator' && (!p.regionCode || !regionContains(p.regionCode, e.regionCode) || (p.industries?.length && !p.industries.includes(e.industry)))) throw notInScope();
      const get = (period: string) => [own.get(ovId(node, period))];
      const totals = figuresOf(get('all'));
      const thisWeek = figuresOf(get(wp));
      const result: DashboardResult = {
        scope: { kind: 'enterprise', id: e._id, name: e.name, level: 'enterprise', parentId: e.regionCode, industries: null },
        week,
        month,
        totals,
        thisWeek,
        thisMonth: figuresOf(get(monthPeriod(month))),
        baseline: null,
        registrationRate: { enterprises: null, persons: null },
        trend: weeks.map((w) => ({ week: w, ...figuresOf(get(weekPeriod(w))) })),
        children: [],
        childrenTruncated: false,
        industries: [],
        courses: courseRows(courses.data, [], totals.persons),
        courseShare: shareOf(courses.data.map((c) => ({ category: c.category ?? null, publisher: null }))),
        exams: examRows(own.get(ovId(node, 'all'))),
      };
      return result;
    }

    // ---------------------------------------------------------------- a region
    let code = input.regionCode ?? (p.role === 'regulator' ? p.regionCode : undefined);
    if (!code) {
      // A sysadmin without a choice: the province (the environment holds one).
      const top = await db.collection(C.regions).where({ level: 'province' }).limit(1).get<RegionDoc>();
      code = top.data[0]?.code;
      if (!code) throw notInScope();
    }
    if (p.role === 'regulator' && (!p.regionCode || !regionContains(p.regionCode, code))) throw notInScope();
    const limited = p.role === 'regulator' && p.industries?.length ? p.industries : null;
    if (input.industry && limited && !limited.includes(input.industry)) throw notInScope();
    const industries: string[] | null = input.industry ? [input.industry] : limited;
    const nodesOf = (c: string) => (industries ? industries.map((i) => regionIndustryNode(c, i)) : [regionNode(c)]);
    const baseIds = [month, previousMonth(month)].map((m) => baselineRollupId(m, code as string));

    const [regions, own, children, inds, rc, published, childBase] = await Promise.all([
      db
        .collection(C.regions)
        .where(_.or([{ _id: code }, { parentCode: code }]))
        .limit(1000)
        .field({ _id: true, code: true, name: true, fullName: true, level: true, parentCode: true })
        .get<RegionDoc & { parentCode: string }>(),
      byIds<OvDoc & BaselineRollup>(db, [...nodesOf(code).flatMap((n) => periods.map((x) => ovId(n, x))), ...baseIds]),
      db
        .collection(C.stats)
        .where({ parent: childrenParent(code), period: _.in(['all', wp]) })
        .limit(CHILD_LIMIT)
        .get<OvDoc>(),
      db
        .collection(C.stats)
        .where({ parent: industriesParent(code), period: _.in(['all', wp]) })
        .limit(100)
        .get<OvDoc>(),
      db.collection(C.stats).where({ parent: regionCoursesParent(code), period: 'all' }).limit(500).get<OvDoc>(),
      db
        .collection(C.courses)
        .where({ status: 'published', 'match.region': _.in([ANY, ...regionPath(code)]) })
        .field({ _id: true, title: true, category: true, publisher: true, learners: true, completions: true })
        .limit(500)
        .get<CourseRow>(),
      db
        .collection(C.stats)
        .where({ kind: 'baseline', parentCode: code, period: _.in([month, previousMonth(month)]) })
        .limit(1000)
        .get<BaselineRollup>(),
    ]);
    const self = regions.data.find((r) => r._id === code);
    if (!self) throw notInScope();
    const childRegions = regions.data.filter((r) => r._id !== code);

    // An industry-limited view reads its children's region × industry nodes (one more batch).
    const childNodes = industries ? await byIds<OvDoc>(db, childRegions.flatMap((r) => nodesOf(r.code).flatMap((n) => ['all', wp].map((x) => ovId(n, x))))) : null;
    const childDoc = new Map(children.data.map((d) => [d._id, d]));
    const figs = (c: string, period: string) => {
      const docs = nodesOf(c).map((n) => (childNodes ?? own).get(ovId(n, period)) ?? childDoc.get(ovId(n, period)));
      return figuresOf(docs);
    };
    const ownFig = (period: string) => figuresOf(nodesOf(code as string).map((n) => own.get(ovId(n, period))));

    const baseMonth = own.get(baseIds[0]) ? month : own.get(baseIds[1]) ? previousMonth(month) : null;
    const base = baseMonth ? baselineOf(own.get(baselineRollupId(baseMonth, code)), industries) : null;
    const childBaseByCode = new Map(childBase.data.filter((b) => b.period === baseMonth).map((b) => [b.regionCode, b]));

    const totals = ownFig('all');
    const out: DashboardChild[] = childRegions.map((r) => {
      const t = figs(r.code, 'all');
      const w = figs(r.code, wp);
      const b = baselineOf(childBaseByCode.get(r.code), industries);
      return { kind: 'region', id: r.code, name: r.name, level: r.level, drillable: true, totals: t, week: w, baseline: b ? { enterprises: b.enterprises, insured: b.insured } : null, activeRate: rate(w.learners, t.persons) };
    });
    // Enterprises registered directly under this region (a county's enterprises without a town; a town's).
    const ents = new Map<string, { all?: OvDoc; week?: OvDoc }>();
    for (const d of children.data) {
      if (d.level !== 'enterprise' || !d.enterpriseId) continue;
      if (industries && (!d.industry || !industries.includes(d.industry))) continue;
      const e = ents.get(d.enterpriseId) ?? {};
      if (d.period === 'all') e.all = d;
      else e.week = d;
      ents.set(d.enterpriseId, e);
    }
    for (const [id, e] of ents) {
      const t = figuresOf([e.all]);
      const w = figuresOf([e.week]);
      out.push({ kind: 'enterprise', id, name: e.all?.enterpriseName ?? e.week?.enterpriseName ?? id, level: 'enterprise', drillable: false, totals: t, week: w, baseline: null, activeRate: rate(w.learners, t.persons) });
    }

    const industryRows = new Map<string, { all?: OvDoc; week?: OvDoc }>();
    for (const d of inds.data) {
      if (!d.industry || (industries && !industries.includes(d.industry))) continue;
      const e = industryRows.get(d.industry) ?? {};
      if (d.period === 'all') e.all = d;
      else e.week = d;
      industryRows.set(d.industry, e);
    }

    const level = regionLevelOf(code) as OvLevel;
    const reaching = published.data;
    const result: DashboardResult = {
      scope: { kind: 'region', id: code, name: self.fullName || self.name, level, parentId: (self as { parentCode?: string }).parentCode || null, industries: (industries as IndustryCode[] | null) ?? null },
      week,
      month,
      totals,
      thisWeek: ownFig(wp),
      thisMonth: ownFig(monthPeriod(month)),
      baseline: base && baseMonth ? { period: baseMonth, enterprises: base.enterprises, insured: base.insured } : null,
      registrationRate: { enterprises: base ? (base.enterprises ? rate(totals.enterprises, base.enterprises) : null) : null, persons: base ? (base.insured ? rate(totals.persons, base.insured) : null) : null },
      trend: weeks.map((w) => ({ week: w, ...ownFig(weekPeriod(w)) })),
      children: out,
      childrenTruncated: children.data.length >= CHILD_LIMIT,
      industries: [...industryRows].map(([industry, e]) => ({ industry, totals: figuresOf([e.all]), week: figuresOf([e.week]) })).sort((a, b) => b.totals.persons - a.totals.persons),
      courses: courseRows(rc.data, reaching, totals.persons),
      courseShare: shareOf(reaching.map((c) => ({ category: c.category, publisher: publisherLabel(c.publisher) }))),
      exams: examRows(figuresSource(nodesOf(code).map((n) => own.get(ovId(n, 'all'))))),
    };
    return result;
  },
});

/** Sum of counter documents (exam rows of an industry-limited view). */
function figuresSource(docs: (OvCounters | undefined)[]): OvCounters {
  const sum: Record<string, number> = {};
  for (const d of docs) if (d) for (const [k, v] of Object.entries(d)) if (typeof v === 'number') sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

function examRows(d: OvCounters | undefined): DashboardResult['exams'] {
  return OV_TIERS.map((tier) => {
    const takers = d?.[`examTakers_${tier}`] ?? 0;
    const passed = d?.[`examPassed_${tier}`] ?? 0;
    return { tier, takers, passed, failed: d?.[`examFailed_${tier}`] ?? 0, passRate: rate(passed, takers) };
  });
}

/**
 * Courses as the dashboard lists them: those with learners here (rollup rows) and the published
 * ones reaching the whole node; completion rate = completions here ÷ registered persons here.
 */
function courseRows(rows: OvDoc[], reaching: CourseRow[], persons: number): DashboardResult['courses'] {
  const out = new Map<string, DashboardResult['courses'][number]>();
  for (const c of reaching) out.set(c._id, { courseId: c._id, title: c.title, category: c.category ?? null, publisher: publisherLabel(c.publisher), learners: 0, completions: 0, completionRate: 0 });
  for (const r of rows) {
    if (!r.courseId) continue;
    const known = out.get(r.courseId);
    const learners = r.learners ?? 0;
    const completions = r.completions ?? 0;
    out.set(r.courseId, { courseId: r.courseId, title: known?.title ?? r.title ?? r.courseId, category: known?.category ?? r.category ?? null, publisher: known?.publisher ?? null, learners, completions, completionRate: 0 });
  }
  return [...out.values()].map((c) => ({ ...c, completionRate: rate(c.completions, persons) })).sort((a, b) => b.learners - a.learners || a.title.localeCompare(b.title));
}

function shareOf(rows: { category: CourseCategory | null; publisher: string | null }[]): DashboardResult['courseShare'] {
  const byCategory = new Map<CourseCategory, number>();
  const byPublisher = new Map<string, number>();
  for (const r of rows) {
    if (r.category) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + 1);
    if (r.publisher) byPublisher.set(r.publisher, (byPublisher.get(r.publisher) ?? 0) + 1);
  }
  return { byCategory: [...byCategory].map(([category, count]) => ({ category, count })), byPublisher: [...byPublisher].map(([publisher, count]) => ({ publisher, count })) };
}
