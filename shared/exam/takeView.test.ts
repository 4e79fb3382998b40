import { AnswerSaver } from './answerSaver';
import { attemptOver, clockOffset, remainingMs, countdownText, countdownUrgent, entryAction, sectionsByKind, sheetCell, timeUsedZh, toggleAnswer, unansweredCount, windowZh, lettersZh, scoreText } from './takeView';
import type { SaveState } from './takeView';

describe('takeView', () => {
  it('groups rows formal / mock / practice, actionable ones first, empty sections dropped', () => {
    const row = (kind: 'formal' | 'mock' | 'practice', status: 'open' | 'passed' | 'inProgress' | 'upcoming', closesAt: string, t: string) => ({ kind, status, closesAt, t });
    const s = sectionsByKind([row('practice', 'open', '2026-12-30T00:00:00Z', 'p'), row('formal', 'passed', '2026-12-01T00:00:00Z', 'f1'), row('formal', 'inProgress', '2026-12-31T00:00:00Z', 'f2'), row('formal', 'upcoming', '2026-12-02T00:00:00Z', 'f3')]);
    expect(s.map((x) => x.title)).toEqual(['正式考试', '练习']);
    expect(s[0].items.map((i) => i.t)).toEqual(['f2', 'f3', 'f1']);
  });

  it('says what the entry button does per status', () => {
    expect(entryAction('open', 'formal')).toEqual({ can: true, label: '开始考试' });
    expect(entryAction('open', 'practice')).toEqual({ can: true, label: '开始练习' });
    expect(entryAction('inProgress', 'mock')).toEqual({ can: true, label: '继续答题' });
    expect(entryAction('retakeOpen', 'formal')).toEqual({ can: true, label: '参加补考' });
    expect(entryAction('passed', 'formal').can).toBe(false);
    expect(entryAction('cheating', 'formal')).toEqual({ can: false, label: '作弊' });
  });

  it('formats the countdown, urgency, time used, windows and scores', () => {
    expect(countdownText(61_500)).toBe('01:02');
    expect(countdownText(3600_000 + 5_000)).toBe('1:00:05');
    expect(countdownText(-10)).toBe('00:00');
    expect(countdownUrgent(5 * 60_000)).toBe(true);
    expect(countdownUrgent(5 * 60_000 + 1)).toBe(false);
    expect(timeUsedZh(2112)).toBe('35分12秒');
    expect(timeUsedZh(null)).toBe('—');
    expect(windowZh('2026-12-01T00:00:00Z', '2026-12-31T10:00:00Z', Date.parse('2026-12-02T00:00:00Z'))).toBe('12月1日 08:00 至 12月31日 18:00');
    expect(scoreText(87.5)).toBe('87.5');
    expect(scoreText(90)).toBe('90');
    expect(lettersZh([])).toBe('未作答');
    expect(lettersZh(['A', 'C'])).toBe('A、C');
  });

  it('counts down on the server clock estimated from serverNow, whatever the phone says', () => {
    const phone = Date.parse('2026-12-02T10:00:00Z');
    // The phone is 5 minutes fast: the server says 09:55 when the answer arrives.
    const offset = clockOffset('2026-12-02T09:55:00Z', phone);
    expect(offset).toBe(-300_000);
    expect(remainingMs('2026-12-02T10:25:00Z', phone, offset)).toBe(30 * 60_000);
    expect(clockOffset(undefined, phone)).toBe(0);
    expect(clockOffset('garbage', phone)).toBe(0);
    expect(remainingMs('2026-12-02T10:25:00Z', phone, 0)).toBe(25 * 60_000);
  });

  it('toggles answers: single/judge replace, multiple toggles sorted', () => {
    expect(toggleAnswer('single', ['A'], 'C')).toEqual(['C']);
    expect(toggleAnswer('judge', ['B'], 'B')).toEqual(['B']);
    expect(toggleAnswer('multiple', ['C'], 'A')).toEqual(['A', 'C']);
    expect(toggleAnswer('multiple', ['A', 'C'], 'C')).toEqual(['A']);
  });

  it('counts unanswered questions and derives sheet cells', () => {
    expect(unansweredCount(['a', 'b', 'c'], { a: ['A'], b: [] })).toBe(2);
    expect(sheetCell(['A'], 'failed')).toBe('failed');
    expect(sheetCell(['A'], 'saved')).toBe('answered');
    expect(sheetCell(undefined, undefined)).toBe('empty');
    expect(sheetCell(['A'], 'saving')).toBe('saving');
    expect(attemptOver('ATTEMPT_EXPIRED')).toBe(true);
    expect(attemptOver('NETWORK')).toBe(false);
  });
});

describe('AnswerSaver', () => {
  function deferred() {
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  }
  const flush = () => new Promise((r) => setImmediate(r));

  it('sends one save per question at a time and only the latest choice after it', async () => {
    const sent: [string, string[]][] = [];
    const pending: ReturnType<typeof deferred>[] = [];
    const states: [string, SaveState][] = [];
    const s = new AnswerSaver(
      (q, a) => {
        sent.push([q, a]);
        const d = deferred();
        pending.push(d);
        return d.promise;
      },
      (q, st) => states.push([q, st]),
    );
    s.save('q1', ['A']);
    s.save('q1', ['B']);
    s.save('q1', ['C']);
    s.save('q2', ['A']);
    expect(sent).toEqual([
      ['q1', ['A']],
      ['q2', ['A']],
    ]);
    pending[0].resolve();
    await flush();
    expect(sent[2]).toEqual(['q1', ['C']]);
    expect(s.busy()).toBe(true);
    const idle = s.idle();
    pending[1].resolve();
    pending[2].resolve();
    await idle;
    expect(sent).toHaveLength(3);
    expect(states.filter(([q]) => q === 'q1').map(([, st]) => st)).toEqual(['saving', 'saving', 'saved']);
  });

  it('keeps a failed answer for retry, and a newer choice replaces it', async () => {
    let fail = true;
    const sent: string[][] = [];
    const states: SaveState[] = [];
    const s = new AnswerSaver(
      async (_q, a) => {
        sent.push(a);
        if (fail) throw new Error('offline');
      },
      (_q, st) => states.push(st),
    );
    s.save('q1', ['A']);
    await s.idle();
    expect(s.failedIds()).toEqual(['q1']);
    expect(states).toEqual(['saving', 'failed']);
    fail = false;
    s.retryAll();
    await s.idle();
    expect(s.failedIds()).toEqual([]);
    expect(sent).toEqual([['A'], ['A']]);
    expect(states.at(-1)).toBe('saved');
    s.retry('q1');
    expect(sent).toHaveLength(2);
  });
});
