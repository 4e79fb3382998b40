import { z } from 'zod';
import {
  CERTIFICATE_TYPE_CODES,
  INDUSTRY_CODES,
  KEY_AREA_CODES,
  POST_CATEGORY_CODES,
  SCALE_CODES,
  SUPERVISION_TYPE_CODES,
  type CertificateTypeCode,
  type IndustryCode,
  type KeyAreaCode,
  type PostCategoryCode,
  type ScaleCode,
  type SupervisionTypeCode,
} from '../taxonomy';
import { regionContains, regionPath } from '../regions';

/**
 * A push rule: who receives a course (or, later, an exam). Dimensions are ANDed; the values inside
 * one dimension are ORed; an empty list means "any" (the default for every dimension).
 *
 * - regionCodes: region subtrees (province 2, city 4, county 6, town 9 digits); a worker matches
 *   when its enterprise lies inside any of them.
 * - supervisionTypes / industries / scales: the enterprise's own value must be listed.
 * - keyAreas: the enterprise touches at least one of the listed 重点监管领域.
 * - postCategories: the worker's post category.
 * - certificates: the worker holds at least one certificate of a listed type.
 * - enterpriseIds: specific enterprises (still ANDed with the rest; an enterprise admin's rule is
 *   always exactly its own enterprise).
 */
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).optional().default([]);
export const regionCodeInput = z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, '行政区划代码应为2、4、6或9位数字');

export const pushRuleInput = z
  .object({
    regionCodes: list(regionCodeInput, 50),
    supervisionTypes: list(z.enum(SUPERVISION_TYPE_CODES), SUPERVISION_TYPE_CODES.length),
    industries: list(z.enum(INDUSTRY_CODES), INDUSTRY_CODES.length),
    keyAreas: list(z.enum(KEY_AREA_CODES), KEY_AREA_CODES.length),
    scales: list(z.enum(SCALE_CODES), SCALE_CODES.length),
    postCategories: list(z.enum(POST_CATEGORY_CODES), POST_CATEGORY_CODES.length),
    certificates: list(z.enum(CERTIFICATE_TYPE_CODES), CERTIFICATE_TYPE_CODES.length),
    enterpriseIds: list(z.string().min(1).max(64), 200),
  })
  .strict()
  .transform(normalizePushRule);

export interface PushRule {
  regionCodes: string[];
  supervisionTypes: SupervisionTypeCode[];
  industries: IndustryCode[];
  keyAreas: KeyAreaCode[];
  scales: ScaleCode[];
  postCategories: PostCategoryCode[];
  certificates: CertificateTypeCode[];
  enterpriseIds: string[];
}

export const ANY_RULE: PushRule = {
  regionCodes: [],
  supervisionTypes: [],
  industries: [],
  keyAreas: [],
  scales: [],
  postCategories: [],
  certificates: [],
  enterpriseIds: [],
};

const uniqSorted = <T extends string>(xs: readonly T[]): T[] => [...new Set(xs)].sort();

/**
 * Canonical form: values deduplicated and sorted, region codes that lie inside another listed
 * region dropped (370481 adds nothing to 3704). Two equal audiences give equal rules.
 */
export function normalizePushRule(rule: Partial<PushRule>): PushRule {
  const r = { ...ANY_RULE, ...rule };
  const regions = uniqSorted(r.regionCodes);
  return {
    regionCodes: regions.filter((c) => !regions.some((o) => o !== c && regionContains(o, c))),
    supervisionTypes: uniqSorted(r.supervisionTypes),
    industries: uniqSorted(r.industries),
    keyAreas: uniqSorted(r.keyAreas),
    scales: uniqSorted(r.scales),
    postCategories: uniqSorted(r.postCategories),
    certificates: uniqSorted(r.certificates),
    enterpriseIds: uniqSorted(r.enterpriseIds),
  };
}

/** What a rule is matched against: an employed worker with its enterprise's attributes (as denormalised on the person). */
export interface PushTarget {
  enterpriseId: string;
  /** The enterprise's most specific region code (town or county). */
  regionCode: string;
  supervisionType?: SupervisionTypeCode | null;
  industry?: IndustryCode | null;
  keyAreas?: readonly KeyAreaCode[] | null;
  scale?: ScaleCode | null;
  postCategory: PostCategoryCode;
  /** Types of the certificates the worker holds. */
  certificates?: readonly CertificateTypeCode[] | null;
}

const anyOr = <T>(allowed: readonly T[], value: T | null | undefined): boolean =>
  allowed.length === 0 || (value != null && allowed.includes(value));
const anyOverlap = <T>(allowed: readonly T[], values: readonly T[] | null | undefined): boolean =>
  allowed.length === 0 || (values ?? []).some((v) => allowed.includes(v));

/** True when the rule reaches the worker. An unknown attribute never matches a restricted dimension. */
export function matchesPushRule(rule: PushRule, t: PushTarget): boolean {
  return (
    (rule.regionCodes.length === 0 || rule.regionCodes.some((c) => regionContains(c, t.regionCode))) &&
    anyOr(rule.supervisionTypes, t.supervisionType) &&
    anyOr(rule.industries, t.industry) &&
    anyOverlap(rule.keyAreas, t.keyAreas) &&
    anyOr(rule.scales, t.scale) &&
    anyOr(rule.postCategories, t.postCategory) &&
    anyOverlap(rule.certificates, t.certificates) &&
    anyOr(rule.enterpriseIds, t.enterpriseId)
  );
}

/** The wildcard stored in an indexed dimension that the rule leaves open ("any"). */
export const ANY = '*';

/**
 * Index keys stored on a published course (`match.<dim>` arrays) so that a worker's task list is one
 * `in` query per dimension, no fan-out: each dimension holds its listed values or [ANY]. The query
 * narrows by region, industry and post category (the selective dimensions); `matchesPushRule`
 * finalises the match in memory.
 */
export interface PushRuleIndex {
  region: string[];
  industry: string[];
  post: string[];
}

export function pushRuleIndex(rule: PushRule): PushRuleIndex {
  const orAny = (xs: readonly string[]) => (xs.length ? [...xs] : [ANY]);
  return { region: orAny(rule.regionCodes), industry: orAny(rule.industries), post: orAny(rule.postCategories) };
}

/** The values a worker's query passes to each `match.<dim> in [...]` condition. */
export function pushQueryKeys(t: PushTarget): PushRuleIndex {
  return {
    region: [ANY, ...regionPath(t.regionCode)],
    industry: t.industry ? [ANY, t.industry] : [ANY],
    post: [ANY, t.postCategory],
  };
}

/** Who publishes, with the limits of its account. */
export type Publisher =
  | { role: 'sysadmin' }
  | { role: 'regulator'; regionCode: string; industries?: readonly IndustryCode[] | null }
  | { role: 'enterpriseAdmin'; enterpriseId: string };

export type ScopeResult = { ok: true; rule: PushRule } | { ok: false; reason: 'regionOutside' | 'industryOutside' | 'enterpriseOutside' };

/**
 * A publisher's targeting limit. A regulator targets only inside its region subtree (an open region
 * dimension becomes its own region) and, if its account is limited to industries, only those (an
 * open industry dimension becomes its industries). An enterprise admin targets its own staff only
 * (enterpriseIds becomes exactly its enterprise). Specific enterprises a regulator lists are checked
 * by the function against their stored region/industry (this module holds no data).
 */
export function scopePushRule(rule: PushRule, p: Publisher): ScopeResult {
  if (p.role === 'sysadmin') return { ok: true, rule };
  if (p.role === 'enterpriseAdmin') {
    if (rule.enterpriseIds.some((id) => id !== p.enterpriseId)) return { ok: false, reason: 'enterpriseOutside' };
    return { ok: true, rule: { ...rule, enterpriseIds: [p.enterpriseId] } };
  }
  if (rule.regionCodes.some((c) => !regionContains(p.regionCode, c))) return { ok: false, reason: 'regionOutside' };
  const limited = p.industries && p.industries.length ? p.industries : null;
  if (limited && rule.industries.some((i) => !limited.includes(i))) return { ok: false, reason: 'industryOutside' };
  return {
    ok: true,
    rule: normalizePushRule({
      ...rule,
      regionCodes: rule.regionCodes.length ? rule.regionCodes : [p.regionCode],
      industries: rule.industries.length ? rule.industries : limited ? [...limited] : [],
    }),
  };
}

/** The person fields a target is built from (as denormalised on `persons`). */
export interface PersonTargetFields {
  status: string;
  enterpriseId: string | null;
  countyCode?: string;
  townCode?: string;
  supervisionType?: SupervisionTypeCode;
  industry?: IndustryCode;
  keyAreas?: readonly KeyAreaCode[];
  scale?: ScaleCode;
  postCategory: PostCategoryCode;
  certificates?: readonly { type: CertificateTypeCode }[];
}

/** A person's push target, or null when no course reaches them (not an active employee of an enterprise with a region). */
export function pushTargetOf(p: PersonTargetFields): PushTarget | null {
  const regionCode = p.townCode ?? p.countyCode;
  if (p.status !== 'active' || !p.enterpriseId || !regionCode) return null;
  return {
    enterpriseId: p.enterpriseId,
    regionCode,
    supervisionType: p.supervisionType ?? null,
    industry: p.industry ?? null,
    keyAreas: p.keyAreas ?? [],
    scale: p.scale ?? null,
    postCategory: p.postCategory,
    certificates: [...new Set((p.certificates ?? []).map((c) => c.type))],
  };
}
