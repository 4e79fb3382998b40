import { examFields, examFunctionContracts as c } from './exam';

const rule = { sections: [{ from: { bankIds: ['b1'] }, type: 'single', count: 100, scorePerQuestion: 1 }] };
const exam = {
  title: '2026年度全员安全培训考试',
  kind: 'formal',
  rule,
  fullScore: 100,
  passScore: 80,
  durationMinutes: 60,
  opensAt: '2026-12-01T08:00:00+08:00',
  closesAt: '2026-12-01T18:00:00+08:00',
};

describe('exam contracts', () => {
  it('the scripting contract inputs: myExams {}, start { examId }, saveAnswer, submit', () => {
    expect(c.myExams.input.parse({})).toEqual({});
    expect(c.start.input.parse({ examId: 'e1', attemptNo: 9 })).toEqual({ examId: 'e1' });
    expect(c.start.input.safeParse({}).success).toBe(false);
    expect(c.saveAnswer.input.parse({ attemptId: 'a', questionId: 'q', answer: ['b', ' a '] })).toEqual({ attemptId: 'a', questionId: 'q', answer: ['B', 'A'] });
    expect(c.saveAnswer.input.parse({ attemptId: 'a', questionId: 'q', answer: [] }).answer).toEqual([]);
    expect(c.saveAnswer.input.safeParse({ attemptId: 'a', questionId: 'q', answer: 'A' }).success).toBe(false);
    expect(c.submit.input.parse({ attemptId: 'a', score: 100 })).toEqual({ attemptId: 'a' });
  });
  it('an exam: defaults (one attempt, review allowed, all-or-nothing, 7 appeal days, anyone in scope)', () => {
    const e = examFields.parse(exam);
    expect(e).toMatchObject({ retake: { mode: 'none' }, identityCheck: 'none', allowReview: true, multiplePartialRatio: null, appealDays: 7, courseId: null });
    expect(e.pushRule.regionCodes).toEqual([]);
    const bad = (patch: object) => examFields.safeParse({ ...exam, ...patch }).success;
    expect(bad({ passScore: 120 })).toBe(false);
    expect(bad({ closesAt: '2026-12-01T07:00:00+08:00' })).toBe(false);
    expect(bad({ rule: undefined })).toBe(false);
    expect(bad({ templateId: 't1' })).toBe(false);
    expect(bad({ rule: undefined, templateId: 't1' })).toBe(true);
    expect(bad({ kind: 'quiz' })).toBe(false);
    expect(bad({ opensAt: 'tomorrow' })).toBe(false);
    expect(bad({ retake: { mode: 'attempts', maxAttempts: 3 } })).toBe(true);
    expect(bad({ retake: { mode: 'secondWindow', opensAt: '2026-12-08T08:00:00+08:00', closesAt: '2026-12-08T18:00:00+08:00' } })).toBe(true);
  });
  it('questions go through the shared question schema; spot codes are 6 characters', () => {
    expect(c.createQuestion.input.safeParse({ bankId: 'b', requestId: 'req-12345', question: { type: 'judge', stem: '可以酒后上岗。', answer: ['B'] } }).success).toBe(true);
    expect(c.createQuestion.input.safeParse({ bankId: 'b', requestId: 'short', question: { type: 'judge', stem: '可以酒后上岗。', answer: ['B'] } }).success).toBe(false);
    expect(c.joinSpotExam.input.parse({ code: 'ab12cd' })).toEqual({ code: 'AB12CD' });
    expect(c.joinSpotExam.input.safeParse({ code: 'AB12C' }).success).toBe(false);
    expect(c.createSpotExam.input.safeParse({ enterpriseId: 'e', rule }).success).toBe(true);
  });
});
