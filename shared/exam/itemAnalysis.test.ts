import { drawPaper, drawingRuleInput } from './drawing';
import { gradePaper, toDisplayed } from './grading';
import { analyseItems, analyseItemsBy, appealId, decideAppeal, rescoreAttempt, responseOf, voidQuestion, type Appeal, type ItemResponse } from './itemAnalysis';
import { byId, candidates, makeBank } from './testPool';

/** 20 candidates, totals 0…95; q1 answered right by the strong half, q2 by the weak half, q3 by two only. */
function responses(): ItemResponse[] {
  return Array.from({ length: 20 }, (_, i) => ({
    attemptId: `a${String(i).padStart(2, '0')}`,
    total: i * 5,
    items: { q1: i >= 10 ? 1 : 0, q2: i < 10 ? 1 : 0, q3: i === 0 || i === 19 ? 1 : 0 },
  }));
}

describe('item analysis', () => {
  it('facility, discrimination over the upper and lower 27 %, flags', () => {
    const [q1, q2, q3] = analyseItems(responses());
    expect(q1).toEqual({ questionId: 'q1', n: 20, facility: 0.5, discrimination: 1, flags: [] });
    expect(q2).toEqual({ questionId: 'q2', n: 20, facility: 0.5, discrimination: -1, flags: ['negativeDiscrimination'] });
    expect(q3).toMatchObject({ facility: 0.1, discrimination: 0, flags: ['lowFacility'] });
  });
  it('partial credit counts as a share; only candidates who drew the question count', () => {
    const rs: ItemResponse[] = [
      { attemptId: 'x', total: 10, items: { q: 0.5 } },
      { attemptId: 'y', total: 5, items: { q: 0 } },
      { attemptId: 'z', total: 1, items: { other: 1 } },
    ];
    expect(analyseItems(rs, { minSample: 1 }).find((s) => s.questionId === 'q')).toEqual({ questionId: 'q', n: 2, facility: 0.25, discrimination: 0.5, flags: [] });
  });
  it('small samples get numbers but no flags; a single response has no discrimination', () => {
    const one = analyseItems([{ attemptId: 'a', total: 0, items: { q: 0 } }]);
    expect(one[0]).toEqual({ questionId: 'q', n: 1, facility: 0, discrimination: null, flags: [] });
  });
  it('is deterministic whatever the order of responses (ties ranked by attempt id)', () => {
    const rs = responses().map((r) => ({ ...r, total: 50 }));
    expect(analyseItems([...rs].reverse())).toEqual(analyseItems(rs));
  });
  it('by group (region, industry)', () => {
    const rs = responses();
    const by = analyseItemsBy(rs, (r) => (Number(r.attemptId.slice(1)) % 2 ? '370481' : '370402'));
    expect([...by.keys()]).toEqual(['370402', '370481']);
    expect(by.get('370402')![0].n).toBe(10);
  });
});

describe('appeals and rescoring', () => {
  const bank = makeBank('b', { single: 10 });
  const keys = byId(bank);
  const rule = drawingRuleInput.parse({ sections: [{ from: { bankIds: ['b'] }, type: 'single', count: 10, scorePerQuestion: 10 }] });
  const d = drawPaper(rule, candidates(bank), 'att:e:p:1');
  if (!d.ok) throw new Error();
  const paper = d.paper;
  // Right on 7 questions: 70, fails a pass mark of 80.
  const answers = Object.fromEntries(paper.items.slice(0, 7).map((i) => [i.questionId, toDisplayed(keys.get(i.questionId)!.answer, i.optionOrder)]));
  const before = gradePaper(paper, keys, answers, { passScore: 80 });

  it('one appeal per person, exam and question; a decided appeal cannot be decided again', () => {
    expect(appealId('e', 'q-v1', 'p')).toBe('appeal:e:q-v1:p');
    const a: Appeal = { _id: 'x', examId: 'e', attemptId: 'att', questionId: 'q', personId: 'p', reason: '答案有误', status: 'pending', reply: null, decidedBy: null, decidedAt: null, createdAt: 0 };
    const r = decideAppeal(a, 'accept', '已核实', 'acc', 5);
    expect(r).toMatchObject({ ok: true, appeal: { status: 'accepted', reply: '已核实', decidedBy: 'acc', decidedAt: 5 } });
    if (r.ok) expect(decideAppeal(r.appeal, 'reject', '', 'acc', 6)).toEqual({ ok: false, code: 'APPEAL_NOT_PENDING' });
  });
  it('accepting voids the question: attempts that drew it are rescored, idempotently', () => {
    expect(before).toMatchObject({ score: 70, passed: false });
    let voided = voidQuestion([], paper.items[8].questionId);
    voided = voidQuestion(voided, paper.items[9].questionId);
    expect(voidQuestion(voided, paper.items[9].questionId)).toEqual(voided);
    const r = rescoreAttempt({ paper, answers, result: before }, keys, { passScore: 80, voided: new Set(voided) });
    expect(r).toMatchObject({ changed: true, nowPassed: true, result: { score: 90, passed: true } });
    const again = rescoreAttempt({ paper, answers, result: r.result }, keys, { passScore: 80, voided: new Set(voided) });
    expect(again).toMatchObject({ changed: false, nowPassed: false });
  });
  it('voiding a question the candidate already had right changes nothing; a cheating attempt stays failed', () => {
    const r = rescoreAttempt({ paper, answers, result: before }, keys, { passScore: 80, voided: new Set([paper.items[0].questionId]) });
    expect(r.changed).toBe(false);
    const all = new Set(paper.items.map((i) => i.questionId));
    const c = rescoreAttempt({ paper, answers, result: before, cheating: { reason: '替考' } }, keys, { passScore: 80, voided: all });
    expect(c.result).toMatchObject({ score: 100, passed: false });
  });
  it('voided questions leave the item statistics', () => {
    const g = gradePaper(paper, keys, answers, { passScore: 80, voided: new Set([paper.items[0].questionId]) });
    const r = responseOf('att', paper, g);
    expect(Object.keys(r.items)).toHaveLength(9);
    expect(r.items[paper.items[1].questionId]).toBe(1);
    expect(r.items[paper.items[9].questionId]).toBe(0);
  });
});
