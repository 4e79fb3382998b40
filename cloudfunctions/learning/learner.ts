import { isoWeekKey, shanghaiDay, shanghaiYear } from '../../shared/calendar';
import type { CompletionStatus, CourseCategory } from '../../shared/contracts/courses';
import { matchesPushRule, pushTargetOf, type PushTarget } from '../../shared/learning/pushRule';
import { DEFAULT_POINTS_RULES, grantFor, ledgerEntryId, pointsRulesInput, studyTimePoints, type PointsRules, type PointsSource } from '../../shared/learning/points';
import type { IdentityCheckConfig, StudySessionState } from '../../shared/learning/crediting';
import { courseNodes, dayInstant, periodsOf, type OvMove, type OvPlace } from '../../shared/oversight/rollup';
import { regionPath } from '../../shared/regions';
import type { CompanionDecl, Ctx } from '../common/action';
import { C, type Database } from '../common/db';
import { isDuplicateKey } from '../common/dbErrors';
import type { EnterpriseDoc } from '../common/enterprises';
import { applyMoves, placeOfEnterprise } from '../common/oversight';
import { AppError } from '../common/errors';
import type { PersonDoc } from '../common/persons';
import type { CourseDoc } from './courseDoc';

/**
 * The learner document `studySession:<personId>` (docs/learning-design.md): the one-active-session
 * lock, the current session's state, the person's live counters (day / week / year, points) and a
 * summary of every course it started. It is the source of truth of study credit: every change is
 * one compare-and-set on `rev`; `progress`, the studyTime ledger entries and `completions` are
 * projections written after it with `set` / create-once (idempotent, rewritten whole at the next
 * flush), and the `stats` / course counters move by the delta the winning writer computed (a crash
 * between the two is repaired by stats.nightly's reconcile, never by double counting).
 */
export interface TaskSummary {
  title: string;
  category: CourseCategory;
  creditedHours: number;
  /** Credited seconds per material (capped at each material's required time). */
  materials: Record<string, number>;
  /** Required seconds per material (copied at start; a published course does not change). */
  required: Record<string, number>;
  credited: number;
  requiredTotal: number;
  status: CompletionStatus;
  /** Resume positions (seconds of video / page) per material; never credit. */
  positions: Record<string, number>;
  /** Where the person was employed when it started the course (一人一档 across employers). */
  enterpriseId: string | null;
  enterpriseName: string | null;
  startedAt: Date;
  completedAt: Date | null;
  /** The course's `learners` counter has counted this person (moved at the first flush, not at start: a start is one write). */
  counted?: boolean;
}

export interface SessionCourse {
  identityCheck: IdentityCheckConfig;
  /** The identity check started for this session (identityCheckStart), until its result. */
  pendingCheckId: string | null;
}

export interface LearnerDoc {
  _id: string;
  personId: string;
  name: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  departmentId: string | null;
  /** The enterprise's most specific region (town or county) and its ancestors (leaderboards). */
  regionCode: string | null;
  countyCode: string | null;
  cityCode: string | null;
  session: StudySessionState | null;
  sessionCourse: SessionCourse | null;
  /** The last few sessions that stopped, so an old page learns why (replaced / ended). */
  recentSessions: { id: string; status: 'replaced' | 'ended' }[];
  day: string;
  daySeconds: number;
  dayPoints: Partial<Record<PointsSource, number>>;
  week: string;
  weekSeconds: number;
  weekPoints: number;
  pointsTotal: number;
  year: number;
  yearOnlineSeconds: number;
  /** Online seconds credited since the last flush to the `stats` rollups. */
  unflushedSeconds: number;
  /** The enterprise whose `learn:ent` rollup (and regions) counted this learner (at its first flush there). */
  countedEnterpriseId?: string | null;
  /** The enterprise's industry (oversight region × industry rollups); absent on documents older than it. */
  industry?: string | null;
  /**
   * Oversight rollups (docs/oversight-design.md): seconds and points credited on `day` not yet moved
   * to the `ov` documents, and where this person was already counted as a learner — `ents`: ever
   * (all-time), `periods`: `<period>|<enterpriseId>` of recent weeks and months.
   */
  ov?: { seconds: number; points: number; ents: string[]; periods: string[] };
  tasks: Record<string, TaskSummary>;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

export const learnerIdOf = (personId: string): string => `studySession:${personId}`;
export const progressIdOf = (personId: string, courseId: string): string => `progress:${personId}:${courseId}`;
export const completionIdOf = (personId: string, courseId: string): string => `completion:${personId}:${courseId}`;

/** Points rules: the defaults, or ANXUE_POINTS_RULES (JSON, validated) from the function's configuration. */
export function pointsRules(): PointsRules {
  const raw = process.env.ANXUE_POINTS_RULES;
  if (!raw) return DEFAULT_POINTS_RULES;
  try {
    return pointsRulesInput.parse({ ...DEFAULT_POINTS_RULES, ...JSON.parse(raw) });
  } catch {
    return DEFAULT_POINTS_RULES;
  }
}

/** The caller as a worker (the router resolved it); the target is null when no course reaches it. */
export function callerPerson(ctx: Ctx): PersonDoc {
  if (!ctx.person) throw new AppError('UNAUTHENTICATED');
  return ctx.person;
}

export const targetOf = (p: PersonDoc): PushTarget | null =>
  pushTargetOf({ ...p, enterpriseId: p.enterpriseId, certificates: p.certificates ?? [] } as Parameters<typeof pushTargetOf>[0]);

/** Whether a course is open to the target now: published, matching, not past `validUntil` (Shanghai day). */
export function courseOpenTo(course: CourseDoc | null, target: PushTarget | null, at: Date): course is CourseDoc {
  if (!course || !target || course.status !== 'published') return false;
  if (course.validUntil && shanghaiDay(at) > course.validUntil) return false;
  return matchesPushRule(course.pushRule, target);
}

/** Missing, foreign, unpublished and non-matching courses get the same answer (no oracle). */
export function assertCourseOpen(course: CourseDoc | null, target: PushTarget | null, at: Date): CourseDoc {
  if (!courseOpenTo(course, target, at)) throw new AppError('COURSE_NOT_AVAILABLE');
  return course as CourseDoc;
}

/** `dueDate` (a Shanghai day) as the instant it ends. */
export const dueAtOf = (dueDate: string | null | undefined): string | null => (dueDate ? new Date(`${dueDate}T23:59:59.999+08:00`).toISOString() : null);

export function newLearner(p: PersonDoc, at: Date): LearnerDoc {
  return {
    _id: learnerIdOf(p._id),
    personId: p._id,
    name: p.name,
    enterpriseId: p.enterpriseId,
    enterpriseName: p.enterpriseName,
    departmentId: p.departmentId ?? null,
    regionCode: p.townCode ?? p.countyCode ?? null,
    countyCode: p.countyCode ?? null,
    cityCode: p.cityCode ?? null,
    industry: p.industry ?? null,
    session: null,
    sessionCourse: null,
    recentSessions: [],
    day: shanghaiDay(at),
    daySeconds: 0,
    dayPoints: {},
    week: isoWeekKey(at),
    weekSeconds: 0,
    weekPoints: 0,
    pointsTotal: 0,
    year: shanghaiYear(at),
    yearOnlineSeconds: 0,
    unflushedSeconds: 0,
    tasks: {},
    rev: 0,
    createdAt: at,
    updatedAt: at,
  };
}

/** The person's employment as it is now, on the learner document (ranks, leaderboards and rollups count where the person works today). */
export function withEmployment(l: LearnerDoc, p: PersonDoc): LearnerDoc {
  return {
    ...l,
    name: p.name,
    enterpriseId: p.enterpriseId,
    enterpriseName: p.enterpriseName,
    departmentId: p.departmentId ?? null,
    regionCode: p.townCode ?? p.countyCode ?? null,
    countyCode: p.countyCode ?? null,
    cityCode: p.cityCode ?? null,
    industry: p.industry ?? null,
  };
}

export async function readLearner(db: Database, personId: string): Promise<LearnerDoc | null> {
  const res = await db.collection(C.studySessions).doc(learnerIdOf(personId)).get();
  const d = Array.isArray(res.data) ? res.data[0] : res.data;
  return (d ?? null) as LearnerDoc | null;
}

/**
 * Declared by the worker actions that need the caller's learner document: the router reads it in
 * the same round trip as the caller's person (index `person` on studySessions.personId).
 */
export const LEARNER_COMPANION: CompanionDecl = { collection: C.studySessions, foreignField: 'personId' };

/**
 * The caller's learner document: the one the router read with the person when the action declares
 * LEARNER_COMPANION (no round trip), else one read by `_id`.
 */
export async function callerLearner(ctx: Ctx, person: PersonDoc): Promise<LearnerDoc | null> {
  if (ctx.companion === undefined) return readLearner(ctx.db, person._id);
  const l = ctx.companion as LearnerDoc | null;
  // Only ever the caller's own (the lookup is by the person's `_id`); anything else is a bug, not data to credit.
  if (l && (l._id !== learnerIdOf(person._id) || l.personId !== person._id)) throw new AppError('INTERNAL');
  return l;
}

/** Counters as they stand at `at` (a new day / week / year starts from zero); pure. */
export function rolled(l: LearnerDoc, at: Date): { learner: LearnerDoc; closedDay: { day: string; points: number; seconds: number } | null } {
  const day = shanghaiDay(at);
  const week = isoWeekKey(at);
  const year = shanghaiYear(at);
  const next = { ...l };
  let closedDay: { day: string; points: number; seconds: number } | null = null;
  // Never backwards (a lagging instance's clock): only a later day rolls.
  if (day > l.day) {
    closedDay = { day: l.day, points: l.dayPoints.studyTime ?? 0, seconds: l.daySeconds };
    Object.assign(next, { day, daySeconds: 0, dayPoints: {} });
  }
  if (week > l.week) Object.assign(next, { week, weekSeconds: 0, weekPoints: 0 });
  if (year > l.year) Object.assign(next, { year, yearOnlineSeconds: 0 });
  return { learner: next, closedDay };
}

/** What a change of the learner document implies for the projections written after it. */
export interface Effects {
  /** Courses whose `progress` projection to rewrite (from the learner's task summary). */
  progress: Set<string>;
  /** Study-time ledger entries to (re)write: day → the day's points and credited seconds. */
  studyTimeDays: Map<string, { points: number; seconds: number }>;
  /** Seconds to add to the rollups (enterprise and every ancestor region). */
  statsSeconds: number;
  statsCompletions: number;
  statsLearners: number;
  /** Courses finished by this change: completion create, courseComplete ledger entry, course counter. */
  completed: { courseId: string; points: number }[];
  /** Courses started for the first time: the course's `learners` counter. */
  started: string[];
  /** Oversight rollups: seconds and points per Shanghai day, and the periods where the person becomes a learner. */
  ovDays: Map<string, { seconds: number; points: number }>;
  ovLearnerPeriods: string[];
}

export const noEffects = (): Effects => ({
  progress: new Set(),
  studyTimeDays: new Map(),
  statsSeconds: 0,
  statsCompletions: 0,
  statsLearners: 0,
  completed: [],
  started: [],
  ovDays: new Map(),
  ovLearnerPeriods: [],
});

const noOv = (): NonNullable<LearnerDoc['ov']> => ({ seconds: 0, points: 0, ents: [], periods: [] });

/** Seconds / points credited on `day` go to that day's rollups (the day's ledger entry carries the same). */
function addOvDay(fx: Effects, day: string, seconds: number, points: number): void {
  if (!seconds && !points) return;
  const d = fx.ovDays.get(day) ?? { seconds: 0, points: 0 };
  fx.ovDays.set(day, { seconds: d.seconds + seconds, points: d.points + points });
}

/** Counts the person as a learner of its enterprise in `day`'s week and month (and all-time) once each. */
function countOvLearner(ov: NonNullable<LearnerDoc['ov']>, enterpriseId: string, day: string, fx: Effects): NonNullable<LearnerDoc['ov']> {
  const at = dayInstant(day);
  const next = { ...ov, ents: [...ov.ents], periods: [...ov.periods] };
  for (const period of periodsOf(at)) {
    if (period === 'all') {
      if (next.ents.includes(enterpriseId)) continue;
      next.ents.push(enterpriseId);
      // learn:* learners too: a person counts once per enterprise where it was credited study time.
      fx.statsLearners += 1;
    } else {
      const key = `${period}|${enterpriseId}`;
      if (next.periods.includes(key)) continue;
      next.periods.push(key);
    }
    fx.ovLearnerPeriods.push(period);
  }
  // Only recent periods matter (a day is never credited again once closed): keep the list short.
  next.periods = next.periods.slice(-24);
  return next;
}


/**
 * Applies a session state change to the learner (pure): credit to the task summary and counters,
 * study-time points by the day's total (difference), completion (once: the summary's status turns
 * 'done' only here) with its points under the daily cap, and whether to flush.
 */
export function applySession(
  l0: LearnerDoc,
  session: StudySessionState,
  creditedNow: number,
  at: Date,
  opts: { flush: boolean; position?: number },
  fx: Effects,
  rules: PointsRules = pointsRules(),
): LearnerDoc {
  const { learner: l, closedDay } = rolled(l0, at);
  if (closedDay && closedDay.seconds > 0) fx.studyTimeDays.set(closedDay.day, { points: closedDay.points, seconds: closedDay.seconds });
  // Everything not yet moved to the oversight rollups was credited on l0.day (a new day always flushes).
  // Documents older than `ov` were counted (learn:*) where countedEnterpriseId says.
  let ov = l0.ov ?? { ...noOv(), ents: l0.countedEnterpriseId ? [l0.countedEnterpriseId] : [] };
  if (closedDay) {
    addOvDay(fx, closedDay.day, ov.seconds, ov.points);
    if (closedDay.seconds > 0 && l.enterpriseId) ov = countOvLearner(ov, l.enterpriseId, closedDay.day, fx);
    ov = { ...ov, seconds: 0, points: 0 };
  }
  const task0 = l.tasks[session.courseId];
  // Negative when a failed or skipped identity check voids time (never below zero for the period).
  const c = creditedNow;
  const daySeconds = Math.max(0, l.daySeconds + c);
  // The day's study-time points are a function of the day's credited seconds; add the difference.
  const studyBefore = l.dayPoints.studyTime ?? 0;
  const dayPoints = { ...l.dayPoints, studyTime: studyTimePoints(rules, daySeconds) };
  let gained = dayPoints.studyTime - studyBefore;
  let next: LearnerDoc = {
    ...l,
    daySeconds,
    dayPoints,
    weekSeconds: Math.max(0, l.weekSeconds + c),
    yearOnlineSeconds: Math.max(0, l.yearOnlineSeconds + c),
    unflushedSeconds: l.unflushedSeconds + c,
    session,
  };
  let flush = opts.flush;
  if (task0) {
    const materials = { ...task0.materials, [session.materialId]: Math.min(session.creditedSeconds, task0.required[session.materialId] ?? session.requiredSeconds) };
    const credited = Object.entries(task0.required).reduce((s, [mid, req]) => s + Math.min(materials[mid] ?? 0, req), 0);
    const allDone = Object.entries(task0.required).every(([mid, req]) => (materials[mid] ?? 0) >= req);
    const positions = opts.position !== undefined ? { ...task0.positions, [session.materialId]: opts.position } : task0.positions;
    const materialFinished = (task0.materials[session.materialId] ?? 0) < (task0.required[session.materialId] ?? 0) && materials[session.materialId] >= (task0.required[session.materialId] ?? 0);
    // A finished course stays finished (its completion is recorded once).
    const task: TaskSummary = { ...task0, materials, credited, positions, status: allDone || task0.status === 'done' ? 'done' : 'inProgress' };
    if (allDone && task0.status !== 'done') {
      task.completedAt = at;
      const grant = grantFor(rules, 'courseComplete', next.dayPoints.courseComplete ?? 0);
      next.dayPoints = { ...next.dayPoints, courseComplete: (next.dayPoints.courseComplete ?? 0) + grant };
      gained += grant;
      fx.completed.push({ courseId: session.courseId, points: grant });
      fx.statsCompletions += 1;
      flush = true;
    }
    if (materialFinished) flush = true;
    next.tasks = { ...next.tasks, [session.courseId]: task };
  }
  next = { ...next, weekPoints: next.weekPoints + gained, pointsTotal: next.pointsTotal + gained };
  ov = { ...ov, seconds: ov.seconds + c, points: ov.points + gained };
  if (closedDay) flush = true;
  if (flush) {
    fx.progress.add(session.courseId);
    const task = next.tasks[session.courseId];
    if (task && !task.counted) {
      next.tasks = { ...next.tasks, [session.courseId]: { ...task, counted: true } };
      fx.started.push(session.courseId);
    }
    if (next.daySeconds > 0) fx.studyTimeDays.set(next.day, { points: next.dayPoints.studyTime ?? 0, seconds: next.daySeconds });
    fx.statsSeconds += next.unflushedSeconds;
    next.unflushedSeconds = 0;
    addOvDay(fx, next.day, ov.seconds, ov.points);
    if (next.daySeconds > 0 && next.enterpriseId) {
      ov = countOvLearner(ov, next.enterpriseId, next.day, fx);
      next.countedEnterpriseId = next.enterpriseId;
    }
    ov = { ...ov, seconds: 0, points: 0 };
  }
  next.ov = ov;
  return next;
}

/** The update of a learner document (every field written whole: `_.set` for objects). */
export function learnerUpdate(db: Database, l: LearnerDoc, at: Date): Record<string, unknown> {
  const _ = db.command;
  const { _id: _ignored, ...rest } = l;
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) data[k] = v !== null && typeof v === 'object' && !(v instanceof Date) ? _.set(v) : v;
  data.rev = l.rev + 1;
  data.updatedAt = at;
  return data;
}

/**
 * Writes `next` if the stored document is still at `prevRev` (or creates it when `prevRev` is
 * null). False when another writer got there first (the caller re-reads).
 */
export async function casLearner(db: Database, next: LearnerDoc, prevRev: number | null, at: Date): Promise<boolean> {
  if (prevRev === null) {
    try {
      await db.collection(C.studySessions).add({ data: { ...next, rev: 1, createdAt: at, updatedAt: at } });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }
  const res = await db
    .collection(C.studySessions)
    .where({ _id: next._id, rev: prevRev })
    .update({ data: learnerUpdate(db, { ...next, rev: prevRev }, at) });
  return res.stats.updated === 1;
}

export const statsIdsOf = (l: Pick<LearnerDoc, 'enterpriseId' | 'regionCode'>): string[] => [
  ...(l.enterpriseId ? [`learn:ent:${l.enterpriseId}`] : []),
  ...(l.regionCode ? regionPath(l.regionCode).map((c) => `learn:region:${c}`) : []),
];

/** Adds to the rollups: one multi-document update; a rollup seen for the first time is created. */
async function incStats(db: Database, ids: string[], inc: Record<string, number>, at: Date): Promise<void> {
  const fields = Object.entries(inc).filter(([, v]) => v !== 0);
  if (!ids.length || !fields.length) return;
  const _ = db.command;
  const data: Record<string, unknown> = { updatedAt: at };
  for (const [k, v] of fields) data[k] = _.inc(v);
  const res = await db.collection(C.stats).where({ _id: _.in(ids) }).update({ data });
  if (res.stats.updated === ids.length) return;
  const have = await db.collection(C.stats).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length).get<{ _id: string }>();
  const existing = new Set(have.data.map((d) => d._id));
  for (const id of ids.filter((i) => !existing.has(i))) {
    const [, level, key] = id.split(':');
    const base = { kind: 'learning', ...(level === 'ent' ? { enterpriseId: key } : { regionCode: key }), learners: 0, completions: 0, onlineSeconds: 0 };
    try {
      await db.collection(C.stats).add({ data: { _id: id, ...base, ...Object.fromEntries(fields), updatedAt: at } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // Created meanwhile by a parallel flush: add to it.
      await db.collection(C.stats).doc(id).update({ data });
    }
  }
}

/** The projections of a learner change (after its compare-and-set won). Idempotent except the counters, which move once per winning change. */
export async function writeEffects(db: Database, l: LearnerDoc, fx: Effects, at: Date): Promise<void> {
  const _ = db.command;
  const writes: Promise<unknown>[] = [];
  for (const courseId of fx.progress) {
    const t = l.tasks[courseId];
    if (!t) continue;
    const progress = {
      personId: l.personId,
      enterpriseId: t.enterpriseId,
      enterpriseName: t.enterpriseName,
      departmentId: l.enterpriseId === t.enterpriseId ? l.departmentId : null,
      courseId,
      title: t.title,
      category: t.category,
      creditedHours: t.creditedHours,
      materials: t.materials,
      creditedSeconds: t.credited,
      requiredSeconds: t.requiredTotal,
      status: t.status,
      startedAt: t.startedAt,
      completedAt: t.completedAt,
      year: shanghaiYear(t.completedAt ?? at),
      updatedAt: at,
    };
    writes.push(db.collection(C.progress).doc(progressIdOf(l.personId, courseId)).set({ data: progress }));
  }
  for (const [day, { points, seconds }] of fx.studyTimeDays) {
    // One entry per day, rewritten whole with the day's totals (idempotent by construction).
    // enterpriseId: where the day's rollups counted it (the nightly reconciliation recomputes from these entries).
    const entry = { personId: l.personId, source: 'studyTime', eventKey: day, points, seconds, enterpriseId: l.enterpriseId, at };
    writes.push(db.collection(C.pointsLedger).doc(ledgerEntryId(l.personId, 'studyTime', day)).set({ data: entry }));
  }
  for (const c of fx.completed) {
    const t = l.tasks[c.courseId];
    writes.push(
      createOnce(db, C.completions, completionIdOf(l.personId, c.courseId), {
        personId: l.personId,
        courseId: c.courseId,
        enterpriseId: t?.enterpriseId ?? l.enterpriseId,
        title: t?.title ?? '',
        creditedHours: t?.creditedHours ?? 0,
        creditedSeconds: t?.credited ?? 0,
        completedAt: at,
        year: shanghaiYear(at),
      }),
      createOnce(db, C.pointsLedger, ledgerEntryId(l.personId, 'courseComplete', c.courseId), {
        personId: l.personId,
        source: 'courseComplete',
        eventKey: c.courseId,
        points: c.points,
        title: t?.title ?? '',
        enterpriseId: l.enterpriseId,
        at,
      }),
    );
  }
  // The courses' counters: one update per course (a first flush that also finishes moves both).
  const counters = new Map<string, { learners: number; completions: number }>();
  for (const courseId of fx.started) counters.set(courseId, { learners: 1, completions: 0 });
  for (const c of fx.completed) counters.set(c.courseId, { learners: counters.get(c.courseId)?.learners ?? 0, completions: 1 });
  for (const [courseId, inc] of counters) {
    const data = Object.fromEntries(Object.entries(inc).filter(([, n]) => n > 0).map(([k, n]) => [k, _.inc(n)]));
    writes.push(db.collection(C.courses).doc(courseId).update({ data }));
  }
  writes.push(incStats(db, statsIdsOf(l), { onlineSeconds: fx.statsSeconds, completions: fx.statsCompletions, learners: fx.statsLearners }, at));
  writes.push(ovEffects(db, l, fx, at));
  await Promise.all(writes);
}

/** `add` with a deterministic `_id`: a second writer (replay, race) fails and changes nothing. */
export async function createOnce(db: Database, collection: string, id: string, data: Record<string, unknown>): Promise<boolean> {
  try {
    await db.collection(collection).add({ data: { _id: id, ...data } });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Why an old page's session is gone. */
export function sessionGoneError(l: LearnerDoc | null, sessionId: string): AppError {
  const gone = l?.recentSessions?.find((s) => s.id === sessionId);
  return new AppError(gone?.status === 'replaced' ? 'STUDY_SESSION_REPLACED' : 'STUDY_SESSION_ENDED');
}

export const remember = (recent: LearnerDoc['recentSessions'], id: string, status: 'replaced' | 'ended') => [{ id, status }, ...recent.filter((s) => s.id !== id)].slice(0, 5);

/**
 * The oversight rollups of a learner change (docs/oversight-design.md §2): seconds and points by
 * day, learners by period (the learner's own place); completions and course starts where the
 * course was started (the `completions` / `progress` records carry that enterprise).
 */
async function ovEffects(db: Database, l: LearnerDoc, fx: Effects, at: Date): Promise<void> {
  const place: OvPlace | null = l.enterpriseId && l.regionCode ? { enterpriseId: l.enterpriseId, ...(l.enterpriseName ? { enterpriseName: l.enterpriseName } : {}), regionCode: l.regionCode, industry: l.industry ?? null } : null;
  const moves: OvMove[] = [];
  if (place) {
    for (const [day, d] of fx.ovDays) moves.push({ place, at: dayInstant(day), inc: { onlineSeconds: d.seconds, points: d.points } });
    const periods = [...new Set(fx.ovLearnerPeriods)];
    for (const period of periods) moves.push({ place, at, periods: [period], inc: { learners: fx.ovLearnerPeriods.filter((p) => p === period).length } });
  }
  const courseEvents = [...fx.started.map((courseId) => ({ courseId, field: 'learners' })), ...fx.completed.map((c) => ({ courseId: c.courseId, field: 'completions' }))];
  for (const ev of courseEvents) {
    const t = l.tasks[ev.courseId];
    const enterpriseId = t?.enterpriseId ?? l.enterpriseId;
    if (!enterpriseId) continue;
    const where = enterpriseId === place?.enterpriseId ? place : await placeOfEnterpriseId(db, enterpriseId);
    if (!where) continue;
    if (ev.field === 'completions') moves.push({ place: where, at, inc: { completions: 1 } });
    moves.push({ nodes: courseNodes(where, { courseId: ev.courseId, title: t?.title, category: t?.category }), at, periods: ['all'], inc: { [ev.field]: 1 } });
  }
  await applyMoves(db, moves);
}

async function placeOfEnterpriseId(db: Database, enterpriseId: string): Promise<OvPlace | null> {
  const r = await db.collection(C.enterprises).doc(enterpriseId).get();
  const e = (Array.isArray(r.data) ? r.data[0] : r.data) as EnterpriseDoc | null;
  return e ? placeOfEnterprise(e) : null;
}
