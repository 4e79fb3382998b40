import { examAdminContracts } from '../../../shared/contracts/exam';
import { analyseItems, analyseItemsBy, responseOf, type ItemResponse, type ItemStats } from '../../../shared/exam/itemAnalysis';
import type { Paper } from '../../../shared/exam/drawing';
import type { GradedItem } from '../../../shared/exam/grading';
import type { AttemptResult } from '../../../shared/exam/attemptState';
import { regionLevelOf } from '../../../shared/regions';
import { INDUSTRIES } from '../../../shared/taxonomy';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { accountOf } from '../../common/publishing';
import { questionTexts } from '../pool';
import { examInScope, scopeAndFilters } from '../results';

const PAGE = 1000;
/** At most this many attempts are analysed (20 pages): a bigger exam is sampled by attempt id order. */
const MAX_ATTEMPTS = 20_000;

type Row = { _id: string; paper: Paper; graded: GradedItem[] | null; result: AttemptResult | null; provinceCode?: string | null; cityCode?: string | null; countyCode?: string | null; townCode?: string | null; industry?: string | null };

/**
 * 题目分析 of a formal exam: its graded and expired, unmarked attempts in the caller's scope, read
 * in pages of 1,000 (paper items and graded items only) → `responseOf` → `analyseItems` overall, or
 * `analyseItemsBy` the child region of the caller's region / the industry copied on the attempt.
 * Stems come from the (immutable, cached) question versions. Cost: attempts ÷ 1,000 reads.
 */
export default defineAction(examAdminContracts.itemAnalysis, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ examId, by }, ctx) {
    const { db } = ctx;
    const exam = await examInScope(ctx, examId);
    if (exam.kind !== 'formal') throw new AppError('INVALID_INPUT', '题目分析仅适用于正式考试');
    const _ = db.command;
    const conds = [{ examId, status: _.in(['graded', 'expired']), cheating: null }, ...scopeAndFilters(ctx, {})];
    const where = conds.length === 1 ? conds[0] : _.and(conds);
    const rows: Row[] = [];
    for (let skip = 0; skip < MAX_ATTEMPTS; skip += PAGE) {
      const res = await db
        .collection(C.attempts)
        .where(where)
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(PAGE)
        .field({ _id: true, paper: true, graded: true, result: true, provinceCode: true, cityCode: true, countyCode: true, townCode: true, industry: true })
        .get<Row>();
      rows.push(...res.data);
      if (res.data.length < PAGE) break;
    }
    const responses: ItemResponse[] = [];
    const keyOf = new Map<string, string>();
    const p = accountOf(ctx.principal);
    const level = p.role === 'regulator' && p.regionCode ? regionLevelOf(p.regionCode) : p.role === 'enterpriseAdmin' ? 'city' : 'province';
    const regionKey = (r: Row): string =>
      (level === 'province' ? r.cityCode : level === 'city' ? r.countyCode : (r.townCode ?? r.countyCode)) ?? 'unknown';
    for (const r of rows) {
      if (!r.result || !r.graded) continue;
      responses.push(responseOf(r._id, r.paper, { ...r.result, correctCount: 0, answeredCount: 0, items: r.graded }));
      keyOf.set(r._id, by === 'region' ? regionKey(r) : by === 'industry' ? (r.industry ?? 'unknown') : 'all');
    }
    const groups: [string, ItemStats[]][] = by === 'overall' ? [['all', analyseItems(responses)]] : [...analyseItemsBy(responses, (x) => keyOf.get(x.attemptId)!)];
    const qids = [...new Set(groups.flatMap(([, items]) => items.map((i) => i.questionId)))];
    const texts = await questionTexts(db, qids);
    let names = new Map<string, string>();
    if (by === 'region') {
      const codes = groups.map(([k]) => k).filter((k) => k !== 'unknown');
      const res = codes.length ? await db.collection(C.regions).where({ _id: _.in(codes) }).limit(codes.length).field({ code: true, name: true }).get<{ code: string; name: string }>() : { data: [] };
      names = new Map(res.data.map((x) => [x.code, x.name]));
    } else if (by === 'industry') names = new Map(INDUSTRIES.map((i) => [i.code as string, i.label]));
    const voided = new Set(exam.voidedQuestionIds ?? []);
    const typeOf = new Map(rows.flatMap((r) => r.paper.items.map((i) => [i.questionId, i.type] as const)));
    return {
      responses: responses.length,
      groups: groups.map(([key, items]) => ({
        key,
        name: key === 'all' ? '全部' : key === 'unknown' ? '未知' : (names.get(key) ?? key),
        items: items.map((i) => ({
          questionId: i.questionId,
          type: texts.get(i.questionId)?.type ?? typeOf.get(i.questionId) ?? 'single',
          stem: texts.get(i.questionId)?.stem ?? '',
          n: i.n,
          facility: i.facility,
          discrimination: i.discrimination,
          flags: i.flags,
          voided: voided.has(i.questionId),
        })),
      })),
    };
  },
});
