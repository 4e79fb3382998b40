import { randomUUID } from 'crypto';
import { learningContracts } from '../../../shared/contracts/learning';
import { creditCheckpoint, endSession, startSession, STUDY_TIMING } from '../../../shared/learning/crediting';
import { defineAction } from '../../common/action';
import { AppError } from '../../common/errors';
import { loadCourse } from '../courseDoc';
import {
  applySession,
  assertCourseOpen,
  callerLearner,
  callerPerson,
  casLearner,
  LEARNER_COMPANION,
  newLearner,
  noEffects,
  readLearner,
  remember,
  targetOf,
  withEmployment,
  writeEffects,
  type LearnerDoc,
  type TaskSummary,
} from '../learner';

/**
 * Opens the person's one active session on a material. A session still active (another device or
 * page) is checkpointed up to now and replaced: its page's next checkpoint answers
 * STUDY_SESSION_REPLACED. The learner document is the lock: parallel starts serialise on its `rev`
 * (or on its creation), the last one wins, every other is replaced. 3 round trips: the person with
 * its learner document (the router), the course, the create or compare-and-set.
 */
export default defineAction(learningContracts.startStudy, {
  allow: ['worker'],
  companion: LEARNER_COMPANION,
  async run({ courseId, materialId }, ctx) {
    const person = callerPerson(ctx);
    const at = ctx.now();
    const course = assertCourseOpen(await loadCourse(courseId), targetOf(person), at);
    const material = course.materials.find((m) => m._id === materialId);
    if (!material) throw new AppError('NOT_FOUND', '学习资料不存在');
    const identityCheck = course.identityCheck ?? { mode: 'none' as const };
    for (let attempt = 0; attempt < 8; attempt++) {
      // The first attempt uses the document the router read with the person; a lost race re-reads.
      const stored = attempt === 0 ? await callerLearner(ctx, person) : await readLearner(ctx.db, person._id);
      const fx = noEffects();
      let l: LearnerDoc = stored ?? newLearner(person, at);
      // The old session: credit what it earned up to now (if its page was visible), then replace it.
      if (l.session && l.session.status === 'active') {
        const old = l.session;
        const out = creditCheckpoint(old, at.getTime(), { hidden: old.hidden }, l.sessionCourse?.identityCheck ?? { mode: 'none' });
        if (out.ok) {
          // Ending voids time since a check that was due and never passed: the difference may be negative.
          const ended = endSession(out.session, at.getTime(), 'replaced');
          l = applySession(l, ended, ended.creditedSeconds - old.creditedSeconds, at, { flush: true }, fx);
        }
        l = { ...l, recentSessions: remember(l.recentSessions ?? [], old.sessionId, 'replaced') };
      }
      l = withEmployment(l, person);
      let task: TaskSummary | undefined = l.tasks[courseId];
      if (!task) {
        const required = Object.fromEntries(course.materials.map((m) => [m._id, m.requiredSeconds]));
        task = {
          title: course.title,
          category: course.category,
          creditedHours: course.creditedHours,
          materials: {},
          required,
          credited: 0,
          requiredTotal: Object.values(required).reduce((s, n) => s + n, 0),
          status: 'inProgress',
          positions: {},
          enterpriseId: person.enterpriseId,
          enterpriseName: person.enterpriseName,
          startedAt: at,
          completedAt: null,
        };
        // The course's counters and progress projection follow at the first flush: a start is one write.
        l = { ...l, tasks: { ...l.tasks, [courseId]: task } };
      }
      const requiredSeconds = task.required[materialId] ?? material.requiredSeconds;
      const session = startSession(`ss${randomUUID().replace(/-/g, '')}`, { courseId, materialId, requiredSeconds, identityCheck }, task.materials[materialId] ?? 0, at.getTime());
      l = { ...l, session, sessionCourse: { identityCheck, pendingCheckId: null } };
      if (!(await casLearner(ctx.db, l, stored ? stored.rev : null, at))) continue;
      await writeEffects(ctx.db, l, fx, at);
      const resumeAt = task.positions?.[materialId];
      return {
        sessionId: session.sessionId,
        creditedSeconds: session.creditedSeconds,
        requiredSeconds,
        checkpointEverySeconds: STUDY_TIMING.checkpointEverySeconds,
        ...(session.identityCheckDue ? { identityCheckDue: true as const } : {}),
        ...(resumeAt !== undefined ? { resumeAt } : {}),
      };
    }
    throw new AppError('CONFLICT', '学习记录正忙，请稍后重试');
  },
});
