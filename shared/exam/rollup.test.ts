import { applyDelta, contributionDelta, contributionOf, examRollupId, rollupDimOf, rollupIdsOf } from './rollup';
import type { AttemptState } from './attemptState';

const place = { enterpriseId: 'E1', countyCode: '370481', townCode: '370481001', industry: 'machinery' };
const att = (over: Partial<AttemptState>): AttemptState => ({ attemptNo: 1, window: 'primary', status: 'graded', startedAt: 0, deadline: 1000, submittedAt: 10, gradedAt: 10, result: { score: 50, fullScore: 100, passed: false }, cheating: null, rev: 1, ...over });

describe('exam rollups', () => {
  it('ids: the exam, the enterprise, every region of the path, the industry', () => {
    expect(rollupIdsOf('ex1', place)).toEqual(['exam:ex1:all', 'exam:ex1:ent:E1', 'exam:ex1:region:37', 'exam:ex1:region:3704', 'exam:ex1:region:370481', 'exam:ex1:region:370481001', 'exam:ex1:ind:machinery']);
    expect(rollupDimOf(examRollupId('ex1', 'region', '3704'))).toEqual({ examId: 'ex1', dim: 'region', key: '3704' });
    expect(rollupDimOf('exam:ex1:all')).toEqual({ examId: 'ex1', dim: 'all', key: null });
  });

  it('a contribution per person: started; graded with the outcome and the best clean score', () => {
    expect(contributionOf('ex1', place, [], 5)).toBeNull();
    expect(contributionOf('ex1', place, [att({ status: 'inProgress', result: null, gradedAt: null })], 5)!.counts).toEqual({ started: 1 });
    const failedThenPassed = contributionOf('ex1', place, [att({}), att({ attemptNo: 2, result: { score: 85.5, fullScore: 100, passed: true } })], 5)!;
    expect(failedThenPassed.outcome).toBe('passed');
    expect(failedThenPassed.counts).toEqual({ started: 1, graded: 1, passed: 1, scoreSum: 85.5 });
    expect(contributionOf('ex1', place, [att({ cheating: { by: 'a', reason: '替考', at: 1 } })], 5)!.counts).toEqual({ started: 1, graded: 1, cheating: 1 });
  });

  it('a changed outcome moves counters by the difference; the same contribution moves nothing', () => {
    const failed = contributionOf('ex1', place, [att({})], 5);
    const passed = contributionOf('ex1', place, [att({}), att({ attemptNo: 2, result: { score: 90, fullScore: 100, passed: true } })], 5);
    const d = contributionDelta(failed, passed);
    expect(d.get('exam:ex1:all')).toEqual({ failed: -1, passed: 1, scoreSum: 40 });
    expect(contributionDelta(passed, passed).size).toBe(0);
    expect(contributionDelta(null, failed).get('exam:ex1:ind:machinery')).toEqual({ started: 1, graded: 1, failed: 1, scoreSum: 50 });
  });

  it('after the close a new taker is no longer absent (never below zero); sums keep hundredths', () => {
    expect(applyDelta({ targeted: 10, started: 7, absent: 3, scoreSum: 0.1 }, { started: 1, scoreSum: 0.2 }, true)).toMatchObject({ started: 8, absent: 2, scoreSum: 0.3 });
    expect(applyDelta({ started: 7, absent: 0 }, { started: 1 }, true).absent).toBe(0);
    expect(applyDelta({ started: 7 }, { started: 1 }, false).absent).toBe(0);
  });
});
