import { createHash } from 'crypto';
import type { ImportProblem } from '../../shared/contracts/imports';
import { BASELINE_LIST_ZH, baselineDocId, type BaselineList, type BaselineRow } from '../../shared/baselines';
import { parseBaselineFile } from '../../shared/baselineSheet';
import { regionContains, regionFieldsOf } from '../../shared/regions';
import { labelOf, INDUSTRIES, type IndustryCode } from '../../shared/taxonomy';
import type { Ctx } from '../common/action';
import type { BaselineDoc } from '../common/baselines';
import { C, type Database } from '../common/db';
import type { EnterpriseDoc, RegionDoc } from '../common/enterprises';
import { AppError } from '../common/errors';
import { downloadFile } from '../common/storage';
import { ownUpload } from '../common/uploads';

export const IN_BATCH = 500;

/** The caller's reach: a regulator's region (and industries, if limited); the sysadmin everything. */
export interface BaselineScope {
  regionCode: string | null;
  regionName: string;
  industries: IndustryCode[] | null;
}

export function baselineScope(ctx: Ctx): BaselineScope {
  const p = ctx.principal;
  if (p.kind !== 'account') throw new AppError('FORBIDDEN');
  if (p.role === 'sysadmin') return { regionCode: null, regionName: '全省', industries: null };
  if (p.role !== 'regulator' || !p.regionCode) throw new AppError('FORBIDDEN');
  return { regionCode: p.regionCode, regionName: ctx.account?.regionName ?? p.regionCode, industries: p.industries?.length ? p.industries : null };
}

export const inScope = (s: BaselineScope, regionCode: string, industry: IndustryCode | null): boolean =>
  (!s.regionCode || regionContains(s.regionCode, regionCode)) && (!s.industries || (industry !== null && s.industries.includes(industry)));

/** A row ready to write: the region resolved and in scope. */
export interface ResolvedRow {
  row: BaselineRow;
  /** The sheet's name, or (社保缴纳名单 without one) the market list's or the enterprise's. */
  name: string;
  id: string;
  regionCode: string;
  regionName: string;
  industry: IndustryCode | null;
  registered: boolean;
  existing: BaselineDoc | null;
  kind: 'create' | 'update' | 'unchanged';
}

export interface LoadedBaseline {
  hash: string;
  total: number;
  rows: BaselineRow[];
  problems: ImportProblem[];
}

/** Downloads the caller's own upload and validates its rows (columns, credit codes, duplicates, numbers). */
export async function loadBaselineFile(ctx: Ctx, fileID: string, list: BaselineList): Promise<LoadedBaseline> {
  const upload = ownUpload(ctx, fileID, ['xlsx', 'csv']);
  const buf = await downloadFile(fileID);
  if (buf.length > upload.declaredBytes) throw new AppError('FILE_TOO_LARGE', '文件大小超过申请上传时声明的大小，请重新上传');
  const r = parseBaselineFile(buf, list);
  if (!r.ok) throw new AppError(r.code, r.reason, { problems: [] });
  return { hash: createHash('sha256').update(buf).digest('hex'), total: r.total, rows: r.rows, problems: r.problems };
}

async function inBatches<T>(ids: string[], get: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const parts: Promise<T[]>[] = [];
  for (let i = 0; i < ids.length; i += IN_BATCH) parts.push(get(ids.slice(i, i + IN_BATCH)));
  return (await Promise.all(parts)).flat();
}

const REGION_FIELDS = { _id: true, code: true, name: true, level: true, fullName: true } as const;

/** 所属区划 cells → regions: 6/9-digit codes by id, names by full name (枣庄市滕州市) or own name. */
async function regionsFor(db: Database, cells: string[]): Promise<{ byCode: Map<string, RegionDoc>; byName: Map<string, RegionDoc[]> }> {
  const _ = db.command;
  const codes = cells.filter((c) => /^\d{6}(\d{3})?$/.test(c));
  const names = cells.filter((c) => !/^\d+$/.test(c));
  const [byId, named] = await Promise.all([
    inBatches(codes, async (part) => (await db.collection(C.regions).where({ _id: _.in(part) }).field(REGION_FIELDS).limit(part.length).get<RegionDoc>()).data),
    inBatches(names, async (part) => (await db.collection(C.regions).where(_.or([{ fullName: _.in(part) }, { name: _.in(part) }])).field(REGION_FIELDS).limit(1000).get<RegionDoc>()).data),
  ]);
  const byName = new Map<string, RegionDoc[]>();
  for (const r of named) {
    for (const key of new Set([r.fullName, r.name])) byName.set(key, [...(byName.get(key) ?? []), r]);
  }
  return { byCode: new Map(byId.map((r) => [r._id, r])), byName };
}

const SCOPE_ZH = (s: BaselineScope) => `不在本账号管辖范围（${s.regionName}）内`;

/**
 * Resolves and classifies rows: each row's region (market: the 所属区划 cell; insured: the period's
 * 市场主体名单 row, else the registered enterprise), the caller's scope (region subtree and
 * industries), whether an enterprise with the code is registered, and what a commit would do.
 * Rows with a problem are left out and reported with row and column.
 */
export async function resolveRows(ctx: Ctx, scope: BaselineScope, period: string, list: BaselineList, rows: BaselineRow[]): Promise<{ rows: ResolvedRow[]; problems: ImportProblem[] }> {
  const { db } = ctx;
  const _ = db.command;
  const codes = rows.map((r) => r.creditCode);
  const ids = rows.map((r) => baselineDocId(period, list, r.creditCode));
  const [existing, enterprises, market, regions] = await Promise.all([
    inBatches(ids, async (part) => (await db.collection(C.baselines).where({ _id: _.in(part) }).limit(part.length).get<BaselineDoc>()).data),
    inBatches(codes, async (part) =>
      (await db.collection(C.enterprises).where({ _id: _.in(part) }).field({ _id: true, name: true, regionCode: true, regionName: true, industry: true }).limit(part.length).get<EnterpriseDoc>()).data,
    ),
    list === 'insured'
      ? inBatches(
          codes.map((c) => baselineDocId(period, 'market', c)),
          async (part) => (await db.collection(C.baselines).where({ _id: _.in(part) }).field({ creditCode: true, name: true, regionCode: true, regionName: true, industry: true }).limit(part.length).get<BaselineDoc>()).data,
        )
      : Promise.resolve([] as BaselineDoc[]),
    list === 'market' ? regionsFor(db, [...new Set(rows.map((r) => r.region ?? ''))].filter(Boolean)) : Promise.resolve(null),
  ]);
  const existingById = new Map(existing.map((d) => [d._id, d]));
  const entByCode = new Map(enterprises.map((e) => [e._id, e]));
  const marketByCode = new Map(market.map((m) => [m.creditCode, m]));
  const problems: ImportProblem[] = [];
  const out: ResolvedRow[] = [];
  for (const [i, row] of rows.entries()) {
    const problem = (column: string, reason: string) => problems.push({ row: row.row, ...(row.name ? { name: row.name } : {}), column, reason });
    let region: { code: string; name: string } | null = null;
    let name = row.name;
    let industry: IndustryCode | null = row.industry ?? null;
    if (list === 'market') {
      const cell = row.region ?? '';
      let candidates: RegionDoc[] = [];
      if (/^\d+$/.test(cell)) {
        const r = regions!.byCode.get(cell);
        if (r) candidates = [r];
      } else candidates = regions!.byName.get(cell) ?? [];
      candidates = candidates.filter((r) => r.level === 'county' || r.level === 'town');
      // A name two counties share (市中区): the one inside the caller's region, if just one is.
      if (candidates.length > 1 && scope.regionCode) candidates = candidates.filter((r) => regionContains(scope.regionCode!, r.code));
      if (!candidates.length) {
        problem('所属区划', `未找到县级或乡镇（街道）级区划“${cell}”，请填写6位或9位区划代码`);
        continue;
      }
      if (candidates.length > 1) {
        problem('所属区划', `区划名称“${cell}”不唯一，请填写区划代码或含市名的全称（如“枣庄市市中区”）`);
        continue;
      }
      region = { code: candidates[0].code, name: candidates[0].fullName };
    } else {
      const m = marketByCode.get(row.creditCode);
      const e = entByCode.get(row.creditCode);
      const from = m ?? e;
      if (!from) {
        problem('统一社会信用代码', `本期${BASELINE_LIST_ZH.market}中没有该企业，平台上也未注册，无法确定所属区划；请先导入本期市场主体名单`);
        continue;
      }
      region = { code: from.regionCode, name: from.regionName };
      industry = (from.industry as IndustryCode | null) ?? null;
      name = name || from.name;
    }
    if (scope.regionCode && !regionContains(scope.regionCode, region.code)) {
      problem(list === 'market' ? '所属区划' : '统一社会信用代码', `${region.name}${SCOPE_ZH(scope)}`);
      continue;
    }
    if (scope.industries && !(industry && scope.industries.includes(industry))) {
      problem(list === 'market' ? '行业' : '统一社会信用代码', `行业“${labelOf(INDUSTRIES, industry)}”不在本账号监管的行业范围内`);
      continue;
    }
    const prev = existingById.get(ids[i]) ?? null;
    // Another jurisdiction's row of the same period: not this caller's to overwrite (same answer whatever it holds).
    if (prev && !inScope(scope, prev.regionCode, prev.industry)) {
      problem('统一社会信用代码', '该企业已在其他辖区的本期名单中，无权修改；如需调整请联系上级监管部门');
      continue;
    }
    const registered = entByCode.has(row.creditCode);
    const insured = list === 'insured' ? (row.insured ?? 0) : null;
    const same = prev && prev.name === name && prev.regionCode === region.code && prev.industry === industry && prev.insured === insured && prev.registered === registered;
    out.push({ row, name, id: ids[i], regionCode: region.code, regionName: region.name, industry, registered, existing: prev, kind: !prev ? 'create' : same ? 'unchanged' : 'update' });
  }
  return { rows: out, problems };
}

/** The document a resolved row writes (without createdAt: an update keeps the first). */
export function baselineFields(r: ResolvedRow, period: string, list: BaselineList, accountId: string, at: Date): Omit<BaselineDoc, '_id' | 'createdAt'> {
  const f = regionFieldsOf(r.regionCode);
  return {
    kind: 'baseline',
    period,
    list,
    creditCode: r.row.creditCode,
    name: r.name,
    regionCode: r.regionCode,
    regionName: r.regionName,
    provinceCode: f.provinceCode,
    cityCode: f.cityCode,
    countyCode: f.countyCode,
    townCode: f.townCode ?? null,
    industry: r.industry,
    insured: list === 'insured' ? (r.row.insured ?? 0) : null,
    registered: r.registered,
    importedBy: accountId,
    updatedAt: at,
  };
}
