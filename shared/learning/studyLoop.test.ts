import { estimateCredited, StudyLoop, type CheckpointAnswer, type StudyState } from './studyLoop';

/** A hand-driven scheduler and a scripted server: no real time passes in these tests. */
function harness(start: Partial<ConstructorParameters<typeof StudyLoop>[0]> = {}) {
  let clock = 1_000_000;
  const timers: { fn: () => void; ms: number; id: number }[] = [];
  let nextId = 1;
  const calls: { sessionId: string; hidden?: boolean; position?: number }[] = [];
  const answers: (CheckpointAnswer | Error)[] = [];
  const states: StudyState[] = [];
  let position: number | undefined = 12.7;
  const loop = new StudyLoop(
    { sessionId: 's1', creditedSeconds: 0, requiredSeconds: 600, checkpointEverySeconds: 360, ...start },
    {
      async checkpoint(input) {
        calls.push(input);
        const a = answers.shift() ?? { creditedSeconds: 0, requiredSeconds: 600, done: false };
        if (a instanceof Error) throw a;
        return a;
      },
      position: () => position,
      setTimer(fn, ms) {
        const id = nextId++;
        timers.push({ fn, ms, id });
        return id;
      },
      clearTimer(id) {
        const i = timers.findIndex((t) => t.id === id);
        if (i >= 0) timers.splice(i, 1);
      },
      now: () => clock,
      onChange: (s) => states.push(s),
    },
  );
  return {
    loop,
    calls,
    answers,
    states,
    timers,
    setPosition: (p: number | undefined) => (position = p),
    advance: (ms: number) => (clock += ms),
    /** Fires the one pending timer and waits for the checkpoint it sends. */
    async fire() {
      expect(timers).toHaveLength(1);
      const t = timers.shift()!;
      t.fn();
      await loop['queue'];
      return t.ms;
    },
  };
}

const cloudError = (code: string) => Object.assign(new Error(code), { code });

it('checkpoints every checkpointEverySeconds with the position only, never a duration', async () => {
  const h = harness();
  h.loop.begin();
  h.answers.push({ creditedSeconds: 360, requiredSeconds: 600, done: false });
  expect(await h.fire()).toBe(360_000);
  expect(h.calls).toEqual([{ sessionId: 's1', position: 12 }]);
  expect(h.loop.current).toMatchObject({ phase: 'studying', creditedSeconds: 360 });
  // The remaining 240 s are shorter than the interval: ask right after they run out.
  h.answers.push({ creditedSeconds: 600, requiredSeconds: 600, done: true });
  expect(await h.fire()).toBe(242_000);
  expect(h.loop.current.phase).toBe('done');
  expect(h.timers).toHaveLength(0);
  // Only these keys ever go out: no claimed duration.
  for (const c of h.calls) expect(Object.keys(c).every((k) => ['sessionId', 'hidden', 'position'].includes(k))).toBe(true);
});

it('hide credits up to now and stops the timer; show restarts it', async () => {
  const h = harness();
  h.setPosition(undefined);
  h.loop.begin();
  h.answers.push({ creditedSeconds: 100, requiredSeconds: 600, done: false });
  await h.loop.hide();
  expect(h.calls.at(-1)).toEqual({ sessionId: 's1', hidden: true });
  expect(h.loop.current.phase).toBe('hidden');
  expect(h.timers).toHaveLength(0);
  // A second hide (weapp onHide + visibilitychange) sends nothing more.
  await h.loop.hide();
  expect(h.calls).toHaveLength(1);
  h.answers.push({ creditedSeconds: 100, requiredSeconds: 600, done: false });
  await h.loop.show();
  expect(h.calls.at(-1)).toEqual({ sessionId: 's1', hidden: false });
  expect(h.loop.current.phase).toBe('studying');
  expect(h.timers).toHaveLength(1);
});

it('a replaced session stops for good', async () => {
  const h = harness();
  h.loop.begin();
  h.answers.push(cloudError('STUDY_SESSION_REPLACED'));
  await h.fire();
  expect(h.loop.current.phase).toBe('replaced');
  expect(h.timers).toHaveLength(0);
  await h.loop.hide();
  await h.loop.show();
  await h.loop.stop();
  expect(h.calls).toHaveLength(1);
});

it('a network failure warns and retries at the next tick', async () => {
  const h = harness();
  h.loop.begin();
  h.answers.push(new Error('网络连接失败'));
  await h.fire();
  expect(h.loop.current).toMatchObject({ phase: 'studying', warning: '网络连接失败' });
  h.answers.push({ creditedSeconds: 360, requiredSeconds: 600, done: false });
  await h.fire();
  expect(h.loop.current).toMatchObject({ phase: 'studying', warning: null, creditedSeconds: 360 });
});

it('an identity check pauses the timer until resolved', async () => {
  const h = harness({ identityCheckDue: true });
  h.loop.begin();
  expect(h.loop.current.phase).toBe('identityCheck');
  expect(h.timers).toHaveLength(0);
  // Failed (or skipped): the check stays due, nothing is scheduled.
  h.loop.identityResolved({ passed: false, creditedSeconds: 0, requiredSeconds: 600 });
  expect(h.loop.current.phase).toBe('identityCheck');
  expect(h.timers).toHaveLength(0);
  h.loop.identityResolved({ passed: true, creditedSeconds: 0, requiredSeconds: 600 });
  expect(h.loop.current.phase).toBe('studying');
  h.answers.push({ creditedSeconds: 300, requiredSeconds: 600, done: false, identityCheckDue: true });
  await h.fire();
  expect(h.loop.current).toMatchObject({ phase: 'identityCheck', creditedSeconds: 300 });
  expect(h.timers).toHaveLength(0);
  // Hidden during the check: back to the check when shown.
  await h.loop.hide();
  h.answers.push({ creditedSeconds: 300, requiredSeconds: 600, done: false, identityCheckDue: true });
  await h.loop.show();
  expect(h.loop.current.phase).toBe('identityCheck');
});

it('stop sends one last hidden checkpoint and nothing after', async () => {
  const h = harness();
  h.loop.begin();
  await h.loop.stop();
  // useUnload and the effect cleanup both stop: one call.
  await h.loop.stop();
  expect(h.calls).toEqual([{ sessionId: 's1', hidden: true, position: 12 }]);
  expect(h.timers).toHaveLength(0);
});

it('already complete at start: done, no timer', () => {
  const h = harness({ creditedSeconds: 600 });
  h.loop.begin();
  expect(h.loop.current.phase).toBe('done');
  expect(h.timers).toHaveLength(0);
});

it('estimateCredited adds visible time since the last answer, capped at the requirement', () => {
  const s: StudyState = { phase: 'studying', creditedSeconds: 100, requiredSeconds: 120, syncedAt: 0, warning: null };
  expect(estimateCredited(s, 10_500)).toBe(110);
  expect(estimateCredited(s, 60_000)).toBe(120);
  expect(estimateCredited({ ...s, phase: 'hidden' }, 60_000)).toBe(100);
});
