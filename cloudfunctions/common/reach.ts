import type { ReachBucket, ReachPreview } from '../../shared/contracts/courses';
import type { PushRule } from '../../shared/learning/pushRule';
import { regionLevelOf } from '../../shared/regions';
import { INDUSTRIES, type IndustryCode } from '../../shared/taxonomy';
import { C, type Database } from './db';
import { regionCondition } from './scope';

/**
 * How many persons and enterprises a push rule reaches, by count queries only — never by loading
 * persons (docs/learning-design.md). Every dimension of the rule is a condition on the
 * denormalised fields persons carry (their enterprise's region, industry, supervision type, key
 * areas, scale; their own post category and certificates), so a count is one indexed query. The
 * rule's regions are disjoint (normalizePushRule drops nested ones).
 * Enterprises count when their own attributes match (post category and certificates are the
 * persons' dimensions).
 */

type Cond = Record<string, unknown>;

function personConds(db: Database, rule: PushRule): Cond[] {
  const _ = db.command;
  const c: Cond[] = [{ status: 'active' }];
  if (rule.industries.length) c.push({ industry: _.in(rule.industries) });
  if (rule.supervisionTypes.length) c.push({ supervisionType: _.in(rule.supervisionTypes) });
  if (rule.keyAreas.length) c.push({ keyAreas: _.in(rule.keyAreas) });
  if (rule.scales.length) c.push({ scale: _.in(rule.scales) });
  if (rule.postCategories.length) c.push({ postCategory: _.in(rule.postCategories) });
  if (rule.certificates.length) c.push({ 'certificates.type': _.in(rule.certificates) });
  if (rule.enterpriseIds.length) c.push({ enterpriseId: _.in(rule.enterpriseIds) });
  return c;
}

function enterpriseConds(db: Database, rule: PushRule): Cond[] {
  const _ = db.command;
  const c: Cond[] = [];
  if (rule.industries.length) c.push({ industry: _.in(rule.industries) });
  if (rule.supervisionTypes.length) c.push({ supervisionType: _.in(rule.supervisionTypes) });
  if (rule.keyAreas.length) c.push({ keyAreas: _.in(rule.keyAreas) });
  if (rule.scales.length) c.push({ scale: _.in(rule.scales) });
  if (rule.enterpriseIds.length) c.push({ _id: _.in(rule.enterpriseIds) });
  return c;
}

/** Region condition first: the planner looks the first indexed equality up (province/city/county/town fields). */
const where = (db: Database, conds: Cond[]) => (conds.length === 0 ? {} : conds.length === 1 ? conds[0] : db.command.and(conds));

/**
 * Persons and enterprises in `regions` (null: anywhere) matching the rule: one count each. Several
 * regions are one `or` of their level fields (they are disjoint), so a rule listing 50 regions still
 * costs one pair, not 50.
 */
async function countPair(db: Database, rule: PushRule, regions: (string | null)[], extra: Cond[] = []): Promise<{ persons: number; enterprises: number }> {
  const codes = regions.filter((c): c is string => !!c);
  const region: Cond[] = codes.length === 0 ? [] : codes.length === 1 ? [regionCondition(codes[0])] : [db.command.or(codes.map(regionCondition))];
  const [p, e] = await Promise.all([
    db.collection(C.persons).where(where(db, [...region, ...extra, ...personConds(db, rule)])).count(),
    db.collection(C.enterprises).where(where(db, [...region, ...extra, ...enterpriseConds(db, rule)])).count(),
  ]);
  return { persons: p.total, enterprises: e.total };
}

/**
 * The persons a rule reaches, as query conditions (the same ones the counts use): other features
 * page over them (exam results: the targeted persons of an exam, in the caller's scope).
 */
export function reachPersonConditions(db: Database, rule: PushRule): Cond[] {
  const codes = rule.regionCodes;
  const region: Cond[] = codes.length === 0 ? [] : codes.length === 1 ? [regionCondition(codes[0])] : [db.command.or(codes.map(regionCondition))];
  return [...region, ...personConds(db, rule)];
}

/** Totals only (publishCourse answers them). */
export const reachTotals = (db: Database, rule: PushRule) => countPair(db, rule, rule.regionCodes.length ? rule.regionCodes : [null]);

interface RegionRow {
  code: string;
  name: string;
}

/**
 * The buckets of the region breakdown: the children of the rule's one region, else the rule's listed
 * regions (or the provinces when it lists none). `partition`: the buckets are exactly the rule's
 * regions, so their counts add up to the total.
 */
async function regionBuckets(db: Database, rule: PushRule): Promise<{ rows: RegionRow[]; partition: boolean }> {
  const regions = db.collection(C.regions);
  if (rule.regionCodes.length === 1) {
    const code = rule.regionCodes[0];
    if (regionLevelOf(code) !== 'town') {
      const kids = await regions.where({ parentCode: code }).orderBy('code', 'asc').limit(200).field({ code: true, name: true }).get<RegionRow>();
      if (kids.data.length) return { rows: kids.data.map(({ code: c, name }) => ({ code: c, name })), partition: false };
    }
  }
  if (rule.regionCodes.length >= 1) {
    const res = await regions.where({ _id: db.command.in(rule.regionCodes) }).limit(rule.regionCodes.length).field({ code: true, name: true }).get<RegionRow>();
    const names = new Map(res.data.map((r) => [r.code, r.name]));
    return { rows: rule.regionCodes.map((code) => ({ code, name: names.get(code) ?? code })), partition: true };
  }
  const prov = await regions.where({ parentCode: '' }).orderBy('code', 'asc').limit(100).field({ code: true, name: true }).get<RegionRow>();
  return { rows: prov.data.map(({ code, name }) => ({ code, name })), partition: false };
}

const sum = (xs: { persons: number; enterprises: number }[]) => xs.reduce((a, b) => ({ persons: a.persons + b.persons, enterprises: a.enterprises + b.enterprises }), { persons: 0, enterprises: 0 });

/**
 * "reaches N persons in M enterprises", with a breakdown by child region and industry (all count
 * queries, run in parallel). The total is the sum of a breakdown when that breakdown partitions the
 * audience (the rule's own regions, or the industries it lists: a person has one industry), else a
 * count pair of its own.
 */
export async function previewReachOf(db: Database, rule: PushRule): Promise<ReachPreview> {
  const ruleRegions = rule.regionCodes.length ? rule.regionCodes : [null];
  const industries: IndustryCode[] = rule.industries.length ? rule.industries : INDUSTRIES.map((i) => i.code);
  const buckets = await regionBuckets(db, rule);
  const [byRegion, byIndustry, own] = await Promise.all([
    Promise.all(buckets.rows.map(async (b): Promise<ReachBucket> => ({ code: b.code, name: b.name, ...(await countPair(db, rule, [b.code])) }))),
    Promise.all(
      industries.map(async (code) => ({
        code,
        name: INDUSTRIES.find((i) => i.code === code)!.label,
        ...(await countPair(db, { ...rule, industries: [code] }, ruleRegions)),
      })),
    ),
    buckets.partition || rule.industries.length ? null : countPair(db, rule, ruleRegions),
  ]);
  const total = own ?? (buckets.partition ? sum(byRegion) : sum(byIndustry));
  // An open dimension lists only the buckets somebody is in; listed values always show (even at 0).
  return {
    ...total,
    byRegion: byRegion.filter((b) => b.persons > 0 || b.enterprises > 0 || rule.regionCodes.includes(b.code)),
    byIndustry: byIndustry.filter((b) => b.persons > 0 || b.enterprises > 0 || rule.industries.length > 0),
  };
}
