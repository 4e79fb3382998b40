import { isoWeekKey } from '../../../shared/calendar';
import type { RankingRow, RankingsResult } from '../../../shared/contracts/oversight';
import { oversightContracts } from '../../../shared/contracts/oversight';
import { compareRows, competitionRanks, learningScore, metricValue, rankingInputs, type RankingInputs, type RankingMetric } from '../../../shared/oversight/ranking';
import { childrenParent, entNode, OV_TIERS, ovId, regionIndustryNode, regionNode, weekPeriod, type OvCounters, type OvLevel } from '../../../shared/oversight/rollup';
import { regionContains, regionLevelOf } from '../../../shared/regions';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C, type Database } from '../../common/db';
import type { EnterpriseDoc, RegionDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { accountOf } from '../../common/publishing';

type OvDoc = OvCounters & { _id: string; period: string; parent: string; level: OvLevel; regionCode?: string; enterpriseId?: string; enterpriseName?: string; industry?: string };
/** One enterprise as the ranking pipeline groups it: all-time counters (`a*`) and the ranked period's (`p*`). */
type Grouped = { _id: string; name?: string; regionCode?: string; persons: number; aCompletions: number; aLearners: number; aTakers: number; aPassed: number; pCompletions: number; pPoints: number; pLearners: number; pTakers: number; pPassed: number; value: number };

const notInScope = () => new AppError('NOT_IN_SCOPE', '无权查看该地区或企业的数据');

/**
 * Rankings from the rollups (docs/oversight-design.md §9). Enterprises: one aggregation over the
 * `e:` documents whose parent is a region of the subtree (index `ov_parent`), grouped per
 * enterprise (all-time + the ranked period), filtered by staff, ordered by the metric computed in
 * the database, then skip/limit — the response is O(page); the count and the rank of a page's
 * first value run as separate counts. Child regions: their `r:` (or `ri:`) documents, ordered in
 * memory (O(children)). Round trips are constant, whatever the population.
 */
export default defineAction(oversightContracts.rankings, {
  allow: ['regulator', 'enterpriseAdmin', 'sysadmin'],
  async run(input, ctx) {
    const p = accountOf(ctx.principal);
    const { db } = ctx;
    const _ = db.command;
    const periodKey = input.period === 'week' ? (input.week ?? isoWeekKey(ctx.now())) : 'all';
    const pp = periodKey === 'all' ? 'all' : weekPeriod(periodKey);
    const industries = p.role === 'regulator' && p.industries?.length ? p.industries : null;

    // ------------------------------------------------------------ an enterprise admin: its rank in its county
    if (p.role === 'enterpriseAdmin') {
      if (!p.enterpriseId || input.regionCode || input.level === 'region') throw notInScope();
      const [entRes, own] = await Promise.all([db.collection(C.enterprises).doc(p.enterpriseId).get(), byIds<OvDoc>(db, [ovId(entNode(p.enterpriseId), 'all'), ovId(entNode(p.enterpriseId), pp)])]);
      const e = (Array.isArray(entRes.data) ? entRes.data[0] : entRes.data) as EnterpriseDoc | null;
      if (!e) throw notInScope();
      const county = e.countyCode;
      const [self, parents] = await Promise.all([regionName(db, county), subtreeParents(db, county)]);
      const x = rankingInputs(own.get(ovId(entNode(e._id), 'all')), own.get(ovId(entNode(e._id), pp)));
      const ranked = x.persons >= input.minStaff;
      const base = () => pipeline(db, parents, pp, input.minStaff, input.by, null);
      const [total, better] = await Promise.all([countOf(base()), ranked ? countOf(base().match({ value: _.gt(rawValue(input.by, x)) })) : Promise.resolve(0)]);
      const result: RankingsResult = {
        scope: { id: county, name: self?.fullName || self?.name || county, level: 'county' },
        level: 'enterprise',
        by: input.by,
        period: periodKey,
        minStaff: input.minStaff,
        total,
        page: 1,
        pageSize: input.pageSize,
        rows: [],
        own: { enterpriseId: e._id, name: e.name, rank: ranked ? better + 1 : null, total, value: metricValue(input.by, x), persons: x.persons },
      };
      return result;
    }

    // ------------------------------------------------------------ a regulator (its subtree) or the sysadmin
    let code = input.regionCode ?? (p.role === 'regulator' ? p.regionCode : undefined);
    if (!code) {
      const top = await db.collection(C.regions).where({ level: 'province' }).limit(1).get<RegionDoc>();
      code = top.data[0]?.code;
      if (!code) throw notInScope();
    }
    if (p.role === 'regulator' && (!p.regionCode || !regionContains(p.regionCode, code))) throw notInScope();
    const level = regionLevelOf(code) as OvLevel;
    const skip = (input.page - 1) * input.pageSize;

    if (input.level === 'region') {
      const [self, children] = await Promise.all([regionName(db, code), db.collection(C.regions).where({ parentCode: code }).limit(1000).field({ _id: true, code: true, name: true, fullName: true, level: true }).get<RegionDoc>()]);
      if (!self) throw notInScope();
      const nodesOf = (c: string) => (industries ? industries.map((i) => regionIndustryNode(c, i)) : [regionNode(c)]);
      const docs = await byIds<OvDoc>(db, children.data.flatMap((r) => nodesOf(r.code).flatMap((n) => [ovId(n, 'all'), ovId(n, pp)])));
      const sum = (c: string, period: string) => sumOf(nodesOf(c).map((n) => docs.get(ovId(n, period))));
      const all = children.data
        .map((r) => {
          const a = sum(r.code, 'all');
          const x = rankingInputs(a, sum(r.code, pp));
          return { id: r.code, name: r.name, persons: x.persons, value: metricValue(input.by, x), x };
        })
        .sort(compareRows);
      const ranks = competitionRanks(all.map((r) => r.value), 1);
      const rows: RankingRow[] = all.slice(skip, skip + input.pageSize).map((r, i) => ({ ...rowOf(r.x), rank: ranks[skip + i], kind: 'region', id: r.id, name: r.name, regionCode: r.id, value: r.value, score: null }));
      return { scope: { id: code, name: self.fullName || self.name, level }, level: 'region', by: input.by, period: periodKey, minStaff: input.minStaff, total: all.length, page: input.page, pageSize: input.pageSize, rows, own: null } satisfies RankingsResult;
    }

    const [self, parents] = await Promise.all([regionName(db, code), subtreeParents(db, code)]);
    if (!self) throw notInScope();
    const base = () => pipeline(db, parents, pp, input.minStaff, input.by, industries);
    const [total, pageRes] = await Promise.all([countOf(base()), base().sort({ value: -1, persons: -1, _id: 1 }).skip(skip).limit(input.pageSize).end<Grouped>()]);
    const list = pageRes.list;
    const betterThanFirst = list.length && skip > 0 ? await countOf(base().match({ value: _.gt(list[0].value) })) : 0;
    const ents = list.length ? await db.collection(C.enterprises).where({ _id: _.in(list.map((g) => g._id)) }).field({ _id: true, name: true, staffCount: true }).limit(list.length).get<Pick<EnterpriseDoc, '_id' | 'name' | 'staffCount'>>() : { data: [] };
    const entById = new Map(ents.data.map((e) => [e._id, e]));
    const ranks = competitionRanks(list.map((g) => g.value), skip + 1, betterThanFirst);
    const rows: RankingRow[] = list.map((g, i) => {
      const x: RankingInputs = { persons: g.persons, completions: g.pCompletions, points: g.pPoints, learners: g.pLearners, examTakers: g.pTakers, examPassed: g.pPassed };
      const allCounters: OvCounters = { persons: g.persons, completions: g.aCompletions, learners: g.aLearners, examTakers_enterprise: g.aTakers, examPassed_enterprise: g.aPassed };
      return {
        ...rowOf(x),
        rank: ranks[i],
        kind: 'enterprise',
        id: g._id,
        name: entById.get(g._id)?.name ?? g.name ?? g._id,
        regionCode: g.regionCode ?? '',
        value: metricValue(input.by, x),
        score: learningScore(allCounters, entById.get(g._id)?.staffCount),
      };
    });
    return { scope: { id: code, name: self.fullName || self.name, level }, level: 'enterprise', by: input.by, period: periodKey, minStaff: input.minStaff, total, page: input.page, pageSize: input.pageSize, rows, own: null } satisfies RankingsResult;
  },
});

function rowOf(x: RankingInputs) {
  return { persons: x.persons, completionRate: metricValue('completionRate', x), avgPoints: metricValue('avgPoints', x), passRate: metricValue('passRate', x) };
}

/** The value as the pipeline computes it (unrounded), for comparisons with it. */
function rawValue(by: RankingMetric, x: RankingInputs): number {
  if (by === 'passRate') return x.examTakers > 0 ? x.examPassed / x.examTakers : 0;
  if (x.persons <= 0) return 0;
  return (by === 'completionRate' ? x.completions : x.points) / x.persons;
}

async function byIds<T>(db: Database, ids: string[]): Promise<Map<string, T>> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map();
  const res = await db.collection(C.stats).where({ _id: db.command.in(uniq) }).limit(1000).get<T & { _id: string }>();
  return new Map(res.data.map((d) => [d._id, d]));
}

function sumOf(docs: (OvCounters | undefined)[]): OvCounters {
  const out: Record<string, number> = {};
  for (const d of docs) if (d) for (const [k, v] of Object.entries(d)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
  return out;
}

async function regionName(db: Database, code: string): Promise<RegionDoc | null> {
  const r = await db.collection(C.regions).doc(code).get();
  return ((Array.isArray(r.data) ? r.data[0] : r.data) as RegionDoc | null) ?? null;
}

/** The `parent` values of the enterprise nodes of a region's subtree: the region and every region below it (enterprises hang from a county or a town). */
async function subtreeParents(db: Database, code: string): Promise<string[]> {
  if (regionLevelOf(code) === 'town') return [childrenParent(code)];
  const below = await db
    .collection(C.regions)
    .where({ _id: db.RegExp({ regexp: `^${escapeRegExp(code)}` }), level: db.command.in(['county', 'town']) })
    .field({ _id: true })
    .limit(5000)
    .get<{ _id: string }>();
  return [...new Set([code, ...below.data.map((r) => r._id)])].map(childrenParent);
}

/**
 * The grouped enterprises of the subtree with ≥ minStaff registered staff and the metric as
 * `value` (0 when its denominator is 0). Not yet sorted or paged.
 */
function pipeline(db: Database, parents: string[], pp: string, minStaff: number, by: RankingMetric, industries: readonly string[] | null) {
  const $ = db.command.aggregate;
  const _ = db.command;
  const num = (f: string) => $.ifNull([`$${f}`, 0]);
  const when = (period: string, expr: unknown) => $.sum($.cond([$.eq(['$period', period]), expr, 0]));
  const tiers = (prefix: string) => $.add(OV_TIERS.map((t) => num(`${prefix}_${t}`)));
  const ratio = (n: string, d: string) => $.cond([$.gt([`$${d}`, 0]), $.divide([`$${n}`, `$${d}`]), 0]);
  return db
    .collection(C.stats)
    .aggregate()
    .match({ parent: _.in(parents), period: _.in([...new Set(['all', pp])]), level: 'enterprise', ...(industries ? { industry: _.in([...industries]) } : {}) })
    .group({
      _id: '$enterpriseId',
      name: $.max('$enterpriseName'),
      regionCode: $.max('$regionCode'),
      persons: when('all', num('persons')),
      aCompletions: when('all', num('completions')),
      aLearners: when('all', num('learners')),
      aTakers: when('all', tiers('examTakers')),
      aPassed: when('all', tiers('examPassed')),
      pCompletions: when(pp, num('completions')),
      pPoints: when(pp, num('points')),
      pLearners: when(pp, num('learners')),
      pTakers: when(pp, tiers('examTakers')),
      pPassed: when(pp, tiers('examPassed')),
    })
    .match({ persons: _.gte(Math.max(minStaff, 1)) })
    .addFields({ value: by === 'completionRate' ? ratio('pCompletions', 'persons') : by === 'avgPoints' ? ratio('pPoints', 'persons') : ratio('pPassed', 'pTakers') });
}

async function countOf(agg: ReturnType<typeof pipeline>): Promise<number> {
  const res = await agg.count('n').end<{ n: number }>();
  return res.list[0]?.n ?? 0;
}
