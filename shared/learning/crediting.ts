/**
 * Study time, credited by the server clock only. The client never says how long it studied: it
 * checkpoints (every `checkpointEverySeconds`, when the page hides and when it shows again) and the
 * server credits at most the wall-clock time since the previous checkpoint of the same session,
 * never more than one interval plus a tolerance at once, never while the page was hidden, never
 * beyond the material's required time, and nothing while an identity check is due. Pure: the cloud
 * function reads the session document, calls these functions with `now()` from
 * `cloudfunctions/common/clock.ts`, and writes the result conditionally on `rev` (compare-and-set),
 * so parallel or replayed checkpoints credit an interval once.
 */

export const STUDY_TIMING = {
  /** The client checkpoints this often; one write each (10 writes per learner hour, see docs/learning-design.md). */
  checkpointEverySeconds: 360,
  /** Slack for a late timer or a slow network on top of one interval. */
  toleranceSeconds: 30,
} as const;

export type StudyTiming = { checkpointEverySeconds: number; toleranceSeconds: number };

/** Identity checks during study (per course): none, one at the start, or at the start and every N minutes of credited time. */
export type IdentityCheckConfig = { mode: 'none' } | { mode: 'start' } | { mode: 'interval'; intervalMinutes: number };

export type SessionStatus = 'active' | 'replaced' | 'ended';

/** The live state of one study session (stored on the person's session lock document). */
export interface StudySessionState {
  sessionId: string;
  status: SessionStatus;
  courseId: string;
  materialId: string;
  requiredSeconds: number;
  /** Credited on this material so far, across all sessions (resume). */
  creditedSeconds: number;
  /** Epoch milliseconds of the previous checkpoint (or the start). */
  lastCheckpointAt: number;
  /** The page said it was hidden at the previous checkpoint: the interval that follows is not credited. */
  hidden: boolean;
  /** Credited since the last passed identity check; voided by a failed or skipped check. */
  creditedSinceCheck: number;
  /** An identity check must pass before more time is credited. */
  identityCheckDue: boolean;
  /** Bumped by every change; the function writes `where rev == previous rev`. */
  rev: number;
}

export interface MaterialForStudy {
  courseId: string;
  materialId: string;
  requiredSeconds: number;
  identityCheck: IdentityCheckConfig;
}

export function startSession(sessionId: string, material: MaterialForStudy, alreadyCreditedSeconds: number, now: number): StudySessionState {
  const credited = Math.min(Math.max(0, Math.floor(alreadyCreditedSeconds)), material.requiredSeconds);
  return {
    sessionId,
    status: 'active',
    courseId: material.courseId,
    materialId: material.materialId,
    requiredSeconds: material.requiredSeconds,
    creditedSeconds: credited,
    lastCheckpointAt: now,
    hidden: false,
    creditedSinceCheck: 0,
    identityCheckDue: material.identityCheck.mode !== 'none' && credited < material.requiredSeconds,
    rev: 0,
  };
}

export type CheckpointOutcome =
  | { ok: false; reason: 'replaced' | 'ended' }
  | { ok: true; session: StudySessionState; creditedNow: number; done: boolean; identityCheckDue: boolean };

/**
 * One checkpoint at server time `now`. `hidden` is the page's state from now on (true in onHide /
 * visibilitychange→hidden, false or absent otherwise); it decides whether the *next* interval counts.
 */
export function creditCheckpoint(
  s: StudySessionState,
  now: number,
  signal: { hidden?: boolean },
  identity: IdentityCheckConfig,
  timing: StudyTiming = STUDY_TIMING,
): CheckpointOutcome {
  if (s.status === 'replaced') return { ok: false, reason: 'replaced' };
  if (s.status === 'ended') return { ok: false, reason: 'ended' };
  const elapsedSeconds = Math.max(0, Math.floor((now - s.lastCheckpointAt) / 1000));
  let credit = 0;
  if (!s.hidden && !s.identityCheckDue) {
    credit = Math.min(elapsedSeconds, timing.checkpointEverySeconds + timing.toleranceSeconds, s.requiredSeconds - s.creditedSeconds);
    if (identity.mode === 'interval') credit = Math.min(credit, Math.max(0, identity.intervalMinutes * 60 - s.creditedSinceCheck));
    credit = Math.max(0, credit);
  }
  const creditedSeconds = s.creditedSeconds + credit;
  const creditedSinceCheck = s.creditedSinceCheck + credit;
  const done = creditedSeconds >= s.requiredSeconds;
  const intervalReached = identity.mode === 'interval' && creditedSinceCheck >= identity.intervalMinutes * 60;
  const identityCheckDue = !done && (s.identityCheckDue || intervalReached);
  const session: StudySessionState = {
    ...s,
    creditedSeconds,
    creditedSinceCheck,
    identityCheckDue,
    hidden: !!signal.hidden,
    // Never move backwards (a lagging instance's clock): the next interval starts at the later instant.
    lastCheckpointAt: Math.max(s.lastCheckpointAt, now),
    rev: s.rev + 1,
  };
  return { ok: true, session, creditedNow: credit, done, identityCheckDue };
}

export type IdentityCheckResult = 'passed' | 'failed' | 'skipped';

/**
 * The verifier's answer. Passed: crediting resumes from now (the time spent on the check is not
 * study). Failed or skipped: the time credited since the last passed check is voided and a check
 * stays due.
 */
export function resolveIdentityCheck(s: StudySessionState, now: number, result: IdentityCheckResult): StudySessionState {
  if (result === 'passed') {
    return { ...s, identityCheckDue: false, creditedSinceCheck: 0, lastCheckpointAt: Math.max(s.lastCheckpointAt, now), rev: s.rev + 1 };
  }
  return {
    ...s,
    creditedSeconds: Math.max(0, s.creditedSeconds - s.creditedSinceCheck),
    creditedSinceCheck: 0,
    identityCheckDue: true,
    lastCheckpointAt: Math.max(s.lastCheckpointAt, now),
    rev: s.rev + 1,
  };
}

/**
 * The session stops (another device started a session: 'replaced'; the worker left the material:
 * 'ended'). Time since the previous checkpoint is not credited (the caller checkpoints first when it
 * should count); a check that was due and never passed counts as skipped and voids its time.
 */
export function endSession(s: StudySessionState, now: number, status: 'replaced' | 'ended'): StudySessionState {
  const base = s.identityCheckDue && s.creditedSinceCheck > 0 ? resolveIdentityCheck(s, now, 'skipped') : s;
  return { ...base, status, rev: s.rev + 1 };
}
