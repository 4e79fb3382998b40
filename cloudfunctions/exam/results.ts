import type { ResultRow } from '../../shared/contracts/exam';
import { bestAttempt, personOutcome, type AttemptState, type PersonOutcome } from '../../shared/exam/attemptState';
import { checkIdNumber } from '../../shared/idNumber';
import { matchesPushRule, type PushRule } from '../../shared/learning/pushRule';
import { regionContains } from '../../shared/regions';
import { escapeRegExp } from '../../shared/text';
import type { Ctx } from '../common/action';
import { C, getById, type Database } from '../common/db';
import type { EnterpriseDoc } from '../common/enterprises';
import { AppError } from '../common/errors';
import { personIdOf, type PersonDoc } from '../common/persons';
import { accountOf, canManage } from '../common/publishing';
import { reachPersonConditions } from '../common/reach';
import { scopeConditions } from '../common/scope';
import type { AttemptDoc } from './attemptDoc';
import { examNotFound, loadExam, scheduleOf, type ExamDoc } from './examDoc';

/**
 * Who sees an exam's results and item analysis, and the queries over its targeted persons and
 * attempts in the caller's scope (docs/exam-design.md "Results"). An exam the caller may not see
 * answers exactly as a missing one.
 */

type Cond = Record<string, unknown>;

/**
 * The exam, if the caller manages it or — published or cancelled — it reaches the caller's scope:
 * a regulator's region (a rule region inside it or around it; a regulator limited to industries
 * only when the rule is open to one of them), an enterprise admin's enterprise (the rule matches
 * the enterprise's own attributes). The sysadmin sees all.
 */
export async function examInScope(ctx: Ctx, examId: string): Promise<ExamDoc> {
  const e = await loadExam(examId);
  if (!e) throw examNotFound();
  if (canManage(ctx.principal, e)) return e;
  if (e.status === 'draft') throw examNotFound();
  const p = accountOf(ctx.principal);
  if (p.role === 'regulator' && regulatorReaches(p, e.pushRule)) return e;
  if (p.role === 'enterpriseAdmin' && p.enterpriseId) {
    const ent = await getById<EnterpriseDoc>(C.enterprises, p.enterpriseId);
    if (ent && enterpriseReaches(ent, e.pushRule)) return e;
  }
  throw examNotFound();
}

/** A regulator sees a rule's results when a rule region lies inside or around its region (and, if it is limited to industries, the rule is open to one). */
export function regulatorReaches(p: { regionCode?: string | null; industries?: readonly string[] | null }, rule: PushRule): boolean {
  if (!p.regionCode) return false;
  const regionOk = rule.regionCodes.length === 0 || rule.regionCodes.some((c) => regionContains(c, p.regionCode!) || regionContains(p.regionCode!, c));
  const industryOk = !p.industries?.length || rule.industries.length === 0 || rule.industries.some((i) => p.industries!.includes(i));
  return regionOk && industryOk;
}

/** The enterprise's own dimensions only: post categories and certificates are the persons'. */
export function enterpriseReaches(ent: EnterpriseDoc, rule: PushRule): boolean {
  return matchesPushRule({ ...rule, postCategories: [], certificates: [] }, { enterpriseId: ent._id, regionCode: ent.regionCode, supervisionType: ent.supervisionType, industry: ent.industry, keyAreas: ent.keyAreas, scale: ent.scale, postCategory: 'otherWorker' });
}

export interface ResultFilters {
  regionCode?: string;
  enterpriseId?: string;
  departmentId?: string;
  keyword?: string;
}

const and = (db: Database, conds: Cond[]): Cond => (conds.length === 0 ? {} : conds.length === 1 ? conds[0] : (db.command.and(conds) as unknown as Cond));

/** The caller's scope and the filters, as conditions on fields persons and attempts both carry (region codes, industry, enterprise, department). */
export function scopeAndFilters(ctx: Ctx, f: ResultFilters): Cond[] {
  const p = accountOf(ctx.principal);
  if (p.role === 'enterpriseAdmin' && f.enterpriseId && f.enterpriseId !== p.enterpriseId) throw new AppError('NOT_IN_SCOPE');
  const conds = scopeConditions(ctx.db.command, ctx.principal, { requestedRegion: f.regionCode });
  if (f.enterpriseId) conds.push({ enterpriseId: f.enterpriseId });
  if (f.departmentId) conds.push({ departmentId: f.departmentId });
  return conds;
}

/** 姓名 (part), the full ID number, or its last 4 characters (as the staff list). */
function keywordCondition(db: Database, keyword: string): Cond {
  const id18 = checkIdNumber(keyword);
  if (id18.ok) return { _id: personIdOf(id18.value) };
  if (/^\d{3}[\dXx]$/.test(keyword)) return { idMasked: db.RegExp({ regexp: `${keyword.toUpperCase()}$` }) };
  return { name: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) };
}

/** Targeted persons of the exam in scope: the push rule's reach query (active persons) ∩ scope ∩ filters. */
export function targetedWhere(ctx: Ctx, exam: ExamDoc, f: ResultFilters): Cond {
  const conds = [...scopeAndFilters(ctx, f), ...reachPersonConditions(ctx.db, exam.pushRule)];
  if (f.keyword) conds.push(keywordCondition(ctx.db, f.keyword));
  return and(ctx.db, conds);
}

/** A keyword narrows the attempt side to the matching persons in scope (at most this many). */
const KEYWORD_PERSONS = 500;

/** The exam's attempts in scope (+ the keyword's persons). */
export async function attemptsWhere(ctx: Ctx, exam: ExamDoc, f: ResultFilters): Promise<Cond> {
  // 错题本 rounds of a practice exam are not results.
  const conds: Cond[] = [{ examId: exam._id, round: ctx.db.command.neq('wrongBook') }, ...scopeAndFilters(ctx, f)];
  if (f.keyword) {
    const ids = (await ctx.db.collection(C.persons).where(targetedWhere(ctx, exam, f)).limit(KEYWORD_PERSONS).field({ _id: true }).get<{ _id: string }>()).data.map((x) => x._id);
    conds.push({ personId: ctx.db.command.in(ids) });
  }
  return and(ctx.db, conds);
}

/**
 * One aggregate over the exam's attempts in scope: per person the flags `personOutcome` decides on,
 * then the outcome itself (same precedence: 作弊, 合格, 考试中, 评分中, 不合格). Runs in the
 * database (one round trip; cost grows with the exam's attempts in scope, not with a page loop).
 */
function outcomePipeline(db: Database, where: Cond, now: number) {
  const $ = db.command.aggregate;
  const finished = $.in(['$status', ['graded', 'expired']]);
  // A mark is an object (truthy); null or missing is none — not a comparison across BSON types.
  const marked = $.ifNull(['$cheating', false]);
  return db
    .collection(C.attempts)
    .aggregate()
    .match(where)
    .group({
      _id: '$personId',
      cheat: $.max($.cond([marked, 1, 0])),
      pass: $.max($.cond([$.and([finished, $.eq(['$result.passed', true]), $.not([marked])]), 1, 0])),
      running: $.max($.cond([$.and([$.eq(['$status', 'inProgress']), $.gt(['$deadline', now])]), 1, 0])),
      pending: $.max($.cond([$.or([$.eq(['$status', 'submitted']), $.and([$.eq(['$status', 'inProgress']), $.lte(['$deadline', now])])]), 1, 0])),
    })
    .addFields({
      outcome: $.switch({
        branches: [
          { case: $.eq(['$cheat', 1]), then: 'cheating' },
          { case: $.eq(['$pass', 1]), then: 'passed' },
          { case: $.eq(['$running', 1]), then: 'inProgress' },
          { case: $.eq(['$pending', 1]), then: 'pending' },
        ],
        default: 'failed',
      }),
    });
}

export const ATTEMPT_OUTCOMES = ['cheating', 'passed', 'inProgress', 'pending', 'failed'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
export const isAttemptOutcome = (o: string): o is AttemptOutcome => (ATTEMPT_OUTCOMES as readonly string[]).includes(o);

/** Persons with at least one attempt, by outcome (one aggregate). */
export async function outcomeCounts(db: Database, where: Cond, now: number): Promise<Record<AttemptOutcome, number>> {
  const res = await outcomePipeline(db, where, now).group({ _id: '$outcome', n: db.command.aggregate.sum(1) }).limit(10).end<{ _id: AttemptOutcome; n: number }>();
  const out = Object.fromEntries(ATTEMPT_OUTCOMES.map((o) => [o, 0])) as Record<AttemptOutcome, number>;
  for (const r of res.list) if (isAttemptOutcome(r._id)) out[r._id] = r.n;
  return out;
}

/** One page of person ids with this outcome (ordered by person id). */
export async function personIdsWithOutcome(db: Database, where: Cond, now: number, outcome: AttemptOutcome, skip: number, limit: number): Promise<string[]> {
  const res = await outcomePipeline(db, where, now).match({ outcome }).sort({ _id: 1 }).skip(skip).limit(limit).end<{ _id: string }>();
  return res.list.map((r) => r._id);
}

export const PERSON_FIELDS = { _id: true, name: true, idMasked: true, enterpriseId: true, enterpriseName: true, departmentName: true, postCategory: true } as const;
export type ResultPerson = Pick<PersonDoc, '_id' | 'name' | 'idMasked' | 'enterpriseId' | 'enterpriseName' | 'departmentName' | 'postCategory'>;

/**
 * One page of targeted persons without any attempt of the exam (未参加 / 缺考): one aggregate — the
 * persons in scope, each joined with its attempts by `personId` (indexed), kept when none is of this exam.
 */
export async function personsWithoutAttempt(db: Database, where: Cond, examId: string, skip: number, limit: number): Promise<ResultPerson[]> {
  const $ = db.command.aggregate;
  const res = await db
    .collection(C.persons)
    .aggregate()
    .match(where)
    .sort({ name: 1, _id: 1 })
    .lookup({ from: C.attempts, localField: '_id', foreignField: 'personId', as: 'atts' })
    .addFields({ took: $.in([examId, '$atts.examId']) })
    .match({ took: false })
    .skip(skip)
    .limit(limit)
    .project({ ...PERSON_FIELDS })
    .end<ResultPerson>();
  return res.list;
}

type ResultAttempt = Pick<AttemptDoc, '_id' | 'personId' | 'submittedAt'> & AttemptState;
export const RESULT_ATTEMPT_FIELDS = { _id: true, personId: true, attemptNo: true, window: true, status: true, startedAt: true, deadline: true, submittedAt: true, gradedAt: true, result: true, cheating: true, rev: true } as const;

/** The attempts of one page's persons (one `in` query). */
export async function attemptsOf(db: Database, examId: string, personIds: string[]): Promise<Map<string, ResultAttempt[]>> {
  const out = new Map<string, ResultAttempt[]>();
  if (!personIds.length) return out;
  const res = await db
    .collection(C.attempts)
    .where({ examId, personId: db.command.in(personIds), round: db.command.neq('wrongBook') })
    .field(RESULT_ATTEMPT_FIELDS)
    .limit(1000)
    .get<ResultAttempt>();
  for (const a of res.data) (out.get(a.personId) ?? out.set(a.personId, []).get(a.personId)!).push(a);
  return out;
}

const iso = (t: number | null | undefined): string | null => (t == null ? null : new Date(t).toISOString());

export function toResultRow(exam: ExamDoc, p: ResultPerson, attempts: ResultAttempt[], now: number): ResultRow {
  const outcome: PersonOutcome = personOutcome(scheduleOf(exam), attempts, now);
  const best = bestAttempt(attempts) as ResultAttempt | null;
  const marked = attempts.find((a) => a.cheating);
  const last = attempts.reduce<number | null>((m, a) => (a.submittedAt != null && (m == null || a.submittedAt > m) ? a.submittedAt : m), null);
  return {
    personId: p._id,
    name: p.name,
    idMasked: p.idMasked,
    enterpriseId: p.enterpriseId ?? null,
    enterpriseName: p.enterpriseName ?? null,
    departmentName: p.departmentName ?? null,
    postCategory: p.postCategory,
    outcome,
    score: best?.result ? best.result.score : null,
    attempts: attempts.length,
    lastSubmittedAt: iso(last),
    source: 'online',
    cheating: marked?.cheating ? { reason: marked.cheating.reason, by: marked.cheating.by, at: iso(marked.cheating.at)! } : null,
    bestAttemptId: best?._id ?? marked?._id ?? null,
  };
}
