import { creditCheckpoint, endSession, resolveIdentityCheck, startSession, STUDY_TIMING, type IdentityCheckConfig, type MaterialForStudy, type StudySessionState } from './crediting';

/** An injectable clock: tests advance it, nothing sleeps. */
class Clock {
  constructor(public t = Date.parse('2026-12-02T02:00:00Z')) {}
  now = () => this.t;
  advance(seconds: number) {
    this.t += seconds * 1000;
    return this.t;
  }
}

const video: MaterialForStudy = { courseId: 'c1', materialId: 'm1', requiredSeconds: 1200, identityCheck: { mode: 'none' } };
const NONE: IdentityCheckConfig = { mode: 'none' };
const MAX = STUDY_TIMING.checkpointEverySeconds + STUDY_TIMING.toleranceSeconds;

function ok(out: ReturnType<typeof creditCheckpoint>) {
  if (!out.ok) throw new Error(`expected a credited checkpoint, got ${out.reason}`);
  return out;
}

/** The database's conditional update: a write lands only if `rev` is still the one it was computed from. */
class SessionStore {
  constructor(public doc: StudySessionState) {}
  compareAndSet(prevRev: number, next: StudySessionState): boolean {
    if (this.doc.rev !== prevRev) return false;
    this.doc = next;
    return true;
  }
}

describe('creditCheckpoint', () => {
  it('credits the wall-clock time since the previous checkpoint, by the server clock only', () => {
    const clock = new Clock();
    let s = startSession('s1', video, 0, clock.now());
    clock.advance(120);
    const a = ok(creditCheckpoint(s, clock.now(), {}, NONE));
    expect(a.creditedNow).toBe(120);
    s = a.session;
    clock.advance(59.9);
    const b = ok(creditCheckpoint(s, clock.now(), {}, NONE));
    expect(b.creditedNow).toBe(59); // whole seconds, never rounded up
    expect(b.session.creditedSeconds).toBe(179);
  });

  it('claimed durations do not exist for it: the signal carries no time, extra fields change nothing', () => {
    const clock = new Clock();
    const s = startSession('s1', video, 0, clock.now());
    clock.advance(10);
    const claimed = { hidden: false, seconds: 3600, creditedSeconds: 1200, duration: 9999 } as unknown as { hidden?: boolean };
    expect(ok(creditCheckpoint(s, clock.now(), claimed, NONE)).creditedNow).toBe(10);
  });

  it('a replayed checkpoint credits nothing more', () => {
    const clock = new Clock();
    const s0 = startSession('s1', video, 0, clock.now());
    clock.advance(100);
    const first = ok(creditCheckpoint(s0, clock.now(), {}, NONE));
    const replay = ok(creditCheckpoint(first.session, clock.now(), {}, NONE));
    expect(replay.creditedNow).toBe(0);
    expect(replay.session.creditedSeconds).toBe(100);
  });

  it('parallel checkpoints computed from the same state: compare-and-set lets one interval count once', () => {
    const clock = new Clock();
    const store = new SessionStore(startSession('s1', video, 0, clock.now()));
    clock.advance(200);
    const read = store.doc;
    const outcomes = [0, 1, 2, 3, 4].map(() => ok(creditCheckpoint(read, clock.now(), {}, NONE)));
    const landed = outcomes.filter((o) => store.compareAndSet(read.rev, o.session));
    expect(landed).toHaveLength(1);
    // The losers re-read and recompute: nothing left to credit.
    const retry = ok(creditCheckpoint(store.doc, clock.now(), {}, NONE));
    expect(retry.creditedNow).toBe(0);
    expect(store.compareAndSet(store.doc.rev, retry.session)).toBe(true);
    expect(store.doc.creditedSeconds).toBe(200);
  });

  it('a long silence without a hide signal credits at most one interval plus the tolerance', () => {
    const clock = new Clock();
    const s = startSession('s1', video, 0, clock.now());
    clock.advance(2 * 3600);
    expect(ok(creditCheckpoint(s, clock.now(), {}, NONE)).creditedNow).toBe(MAX);
  });

  it('never while hidden: a checkpoint after a long hide credits nothing for the hidden time', () => {
    const clock = new Clock();
    let s = startSession('s1', video, 0, clock.now());
    clock.advance(90);
    const onHide = ok(creditCheckpoint(s, clock.now(), { hidden: true }, NONE));
    expect(onHide.creditedNow).toBe(90); // the time up to the hide counts
    s = onHide.session;
    clock.advance(3 * 3600);
    const onShow = ok(creditCheckpoint(s, clock.now(), { hidden: false }, NONE));
    expect(onShow.creditedNow).toBe(0);
    clock.advance(60);
    expect(ok(creditCheckpoint(onShow.session, clock.now(), {}, NONE)).creditedNow).toBe(60);
  });

  it('caps at the required time and reports done; later checkpoints add nothing', () => {
    const clock = new Clock();
    let s = startSession('s1', { ...video, requiredSeconds: 300 }, 250, clock.now());
    clock.advance(120);
    const out = ok(creditCheckpoint(s, clock.now(), {}, NONE));
    expect(out).toMatchObject({ creditedNow: 50, done: true });
    s = out.session;
    clock.advance(120);
    expect(ok(creditCheckpoint(s, clock.now(), {}, NONE))).toMatchObject({ creditedNow: 0, done: true });
    expect(startSession('s2', { ...video, requiredSeconds: 300 }, 9999, clock.now()).creditedSeconds).toBe(300);
  });

  it('resumes from what earlier sessions credited', () => {
    const clock = new Clock();
    const s = startSession('s2', video, 600, clock.now());
    clock.advance(60);
    expect(ok(creditCheckpoint(s, clock.now(), {}, NONE)).session.creditedSeconds).toBe(660);
  });

  it('a clock that steps backwards credits nothing and never moves the interval start back', () => {
    const clock = new Clock();
    const s = startSession('s1', video, 0, clock.now());
    const out = ok(creditCheckpoint(s, clock.now() - 30_000, {}, NONE));
    expect(out.creditedNow).toBe(0);
    expect(out.session.lastCheckpointAt).toBe(s.lastCheckpointAt);
  });

  it('a replaced or ended session credits nothing and says why', () => {
    const clock = new Clock();
    const s = startSession('s1', video, 0, clock.now());
    clock.advance(100);
    expect(creditCheckpoint(endSession(s, clock.now(), 'replaced'), clock.now(), {}, NONE)).toEqual({ ok: false, reason: 'replaced' });
    expect(creditCheckpoint(endSession(s, clock.now(), 'ended'), clock.now(), {}, NONE)).toEqual({ ok: false, reason: 'ended' });
  });
});

describe('identity checks during study', () => {
  const start: IdentityCheckConfig = { mode: 'start' };
  const every10: IdentityCheckConfig = { mode: 'interval', intervalMinutes: 10 };

  it("'start': nothing is credited until the first check passes; the check's own time is not study", () => {
    const clock = new Clock();
    let s = startSession('s1', { ...video, identityCheck: start }, 0, clock.now());
    expect(s.identityCheckDue).toBe(true);
    clock.advance(120);
    const blocked = ok(creditCheckpoint(s, clock.now(), {}, start));
    expect(blocked).toMatchObject({ creditedNow: 0, identityCheckDue: true });
    clock.advance(30);
    s = resolveIdentityCheck(blocked.session, clock.now(), 'passed');
    clock.advance(100);
    expect(ok(creditCheckpoint(s, clock.now(), {}, start))).toMatchObject({ creditedNow: 100, identityCheckDue: false });
  });

  it("'interval': credit stops at the interval, then a failed or skipped check voids the time since the last passed one", () => {
    const clock = new Clock();
    let s = resolveIdentityCheck(startSession('s1', { ...video, identityCheck: every10 }, 0, clock.now()), clock.now(), 'passed');
    for (let i = 0; i < 2; i++) {
      clock.advance(300);
      s = ok(creditCheckpoint(s, clock.now(), {}, every10)).session;
    }
    expect(s).toMatchObject({ creditedSeconds: 600, identityCheckDue: true });
    clock.advance(300);
    expect(ok(creditCheckpoint(s, clock.now(), {}, every10)).creditedNow).toBe(0);
    const failed = resolveIdentityCheck(s, clock.now(), 'failed');
    expect(failed).toMatchObject({ creditedSeconds: 0, identityCheckDue: true, creditedSinceCheck: 0 });
    const skipped = resolveIdentityCheck(s, clock.now(), 'skipped');
    expect(skipped.creditedSeconds).toBe(0);
    // Passing keeps the time and opens the next interval.
    const passed = resolveIdentityCheck(s, clock.now(), 'passed');
    expect(passed).toMatchObject({ creditedSeconds: 600, identityCheckDue: false, creditedSinceCheck: 0 });
  });

  it('a voided interval keeps the time credited before the last passed check', () => {
    const clock = new Clock();
    let s = resolveIdentityCheck(startSession('s1', { ...video, identityCheck: every10 }, 0, clock.now()), clock.now(), 'passed');
    for (let i = 0; i < 2; i++) s = ok(creditCheckpoint(s, clock.advance(300), {}, every10)).session;
    s = resolveIdentityCheck(s, clock.now(), 'passed');
    s = ok(creditCheckpoint(s, clock.advance(200), {}, every10)).session;
    expect(s.creditedSeconds).toBe(800);
    expect(resolveIdentityCheck(s, clock.now(), 'failed').creditedSeconds).toBe(600);
  });

  it('leaving while a check is due counts as skipped', () => {
    const clock = new Clock();
    let s = resolveIdentityCheck(startSession('s1', { ...video, identityCheck: every10 }, 0, clock.now()), clock.now(), 'passed');
    for (let i = 0; i < 2; i++) s = ok(creditCheckpoint(s, clock.advance(300), {}, every10)).session;
    expect(endSession(s, clock.now(), 'replaced')).toMatchObject({ status: 'replaced', creditedSeconds: 0 });
    // Without a due check, ending keeps what was credited.
    const plain = ok(creditCheckpoint(startSession('s2', video, 0, clock.now()), clock.advance(100), {}, NONE)).session;
    expect(endSession(plain, clock.now(), 'ended').creditedSeconds).toBe(100);
  });

  it('a finished material needs no further check', () => {
    const clock = new Clock();
    expect(startSession('s1', { ...video, identityCheck: start }, 1200, clock.now()).identityCheckDue).toBe(false);
  });
});
