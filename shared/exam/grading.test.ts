import { drawPaper, drawingRuleInput, type Paper } from './drawing';
import { ANSWER_FIELDS, findAnswerLeaks, gradePaper, normalizeAnswer, practiceFeedback, publicPaper, reviewPaper, toDisplayed, toOriginal } from './grading';
import { byId, candidates, makeBank } from './testPool';

const bank = makeBank('b1', { single: 40, multiple: 20, judge: 70 });
const questions = byId(bank);
const rule = drawingRuleInput.parse({
  sections: [
    { from: { bankIds: ['b1'] }, type: 'judge', count: 40, scorePerQuestion: 1 },
    { from: { bankIds: ['b1'] }, type: 'single', count: 40, scorePerQuestion: 1 },
    { from: { bankIds: ['b1'] }, type: 'multiple', count: 20, scorePerQuestion: 1 },
  ],
});
const drawn = drawPaper(rule, candidates(bank), 'att:e1:p1:1');
if (!drawn.ok) throw new Error('short');
const paper: Paper = drawn.paper;

/** The answers a perfect candidate types on this paper (displayed letters). */
const perfect = (): Record<string, string[]> => Object.fromEntries(paper.items.map((i) => [i.questionId, toDisplayed(questions.get(i.questionId)!.answer, i.optionOrder)]));

describe('mapping letters', () => {
  it('displayed → bank keys → displayed is the identity', () => {
    const order = ['C', 'A', 'D', 'B'];
    expect(toOriginal(['A', 'C'], order)).toEqual(['C', 'D']);
    expect(toDisplayed(['C', 'D'], order)).toEqual(['A', 'C']);
    expect(toOriginal(['Z'], order)).toEqual([]);
  });
  it('normalizeAnswer refuses letters the question lacks and two answers to a single choice', () => {
    const single = { type: 'single' as const, optionOrder: ['B', 'A', 'C'] };
    expect(normalizeAnswer(single, ['b'])).toEqual({ ok: true, answer: ['B'] });
    expect(normalizeAnswer(single, ['D'])).toMatchObject({ ok: false, code: 'ANSWER_INVALID' });
    expect(normalizeAnswer(single, ['A', 'B'])).toMatchObject({ ok: false });
    expect(normalizeAnswer({ type: 'multiple', optionOrder: ['A', 'B', 'C'] }, ['C', 'A', 'A'])).toEqual({ ok: true, answer: ['A', 'C'] });
    expect(normalizeAnswer(single, [])).toEqual({ ok: true, answer: [] });
  });
});

describe('gradePaper', () => {
  const policy = { passScore: 80 };
  it('a perfect paper scores full marks through the shuffled letters', () => {
    const r = gradePaper(paper, questions, perfect(), policy);
    expect(r).toMatchObject({ score: 100, fullScore: 100, passed: true, correctCount: 100, answeredCount: 100 });
  });
  it('nothing answered scores 0 and fails; same input, same result', () => {
    const r = gradePaper(paper, questions, {}, policy);
    expect(r).toMatchObject({ score: 0, passed: false, answeredCount: 0 });
    expect(gradePaper(paper, questions, {}, policy)).toEqual(r);
  });
  it('the bank letters typed without mapping are not the answer (options were shuffled)', () => {
    const raw = Object.fromEntries(paper.items.map((i) => [i.questionId, questions.get(i.questionId)!.answer]));
    const r = gradePaper(paper, questions, raw, policy);
    expect(r.score).toBeLessThan(100);
  });
  it('multiple choice: all-or-nothing by default; partial when the rule says so, never with a wrong key', () => {
    const m = paper.items.find((i) => i.type === 'multiple')!;
    const key = questions.get(m.questionId)!.answer; // ['A','C']
    const subset = { [m.questionId]: toDisplayed([key[0]], m.optionOrder) };
    const wrong = { [m.questionId]: toDisplayed([key[0], 'B'], m.optionOrder) };
    const only = (r: ReturnType<typeof gradePaper>) => r.items.find((g) => g.questionId === m.questionId)!;
    expect(only(gradePaper(paper, questions, subset, policy))).toMatchObject({ correct: false, points: 0, answer: [key[0]] });
    expect(only(gradePaper(paper, questions, subset, { ...policy, multiple: { mode: 'partial', ratio: 0.5 } }))).toMatchObject({ correct: false, points: 0.5 });
    expect(only(gradePaper(paper, questions, wrong, { ...policy, multiple: { mode: 'partial', ratio: 0.5 } }))).toMatchObject({ points: 0 });
  });
  it('pass mark: exactly passScore passes; half points add up without drift', () => {
    const answers = perfect();
    const wrongIds = paper.items.slice(0, 20).map((i) => i.questionId);
    for (const id of wrongIds) answers[id] = [];
    expect(gradePaper(paper, questions, answers, policy)).toMatchObject({ score: 80, passed: true });
    answers[paper.items[20].questionId] = [];
    expect(gradePaper(paper, questions, answers, policy)).toMatchObject({ score: 79, passed: false });
    const halves: Paper = { ...paper, fullScore: 50, items: paper.items.map((i) => ({ ...i, score: 0.5 })) };
    expect(gradePaper(halves, questions, perfect(), { passScore: 40 }).score).toBe(50);
  });
  it('an invalid saved answer counts as unanswered', () => {
    const s = paper.items.find((i) => i.type === 'single')!;
    const r = gradePaper(paper, questions, { [s.questionId]: ['A', 'B'] }, policy);
    expect(r.items.find((g) => g.questionId === s.questionId)).toMatchObject({ answer: [], correct: false });
  });
  it('a voided question earns its points for everyone', () => {
    const q = paper.items[0].questionId;
    const r = gradePaper(paper, questions, {}, { ...policy, voided: new Set([q]) });
    expect(r.score).toBe(1);
    expect(r.items[0]).toMatchObject({ voided: true, correct: true, points: 1 });
  });
});

describe('what a worker sees', () => {
  it('the public paper carries no key field at any depth and only stems and shuffled options', () => {
    const pub = publicPaper(paper, questions);
    expect(findAnswerLeaks(pub)).toEqual([]);
    expect(findAnswerLeaks({ attemptId: 'a', deadline: 'd', questions: pub, saved: { q: ['A'] } })).toEqual([]);
    for (const q of pub) expect(Object.keys(q).sort()).toEqual(['_id', 'options', 'stem', 'type']);
    for (const o of pub.flatMap((q) => q.options)) expect(Object.keys(o).sort()).toEqual(['key', 'text']);
    // No analysis text survives anywhere either.
    const json = JSON.stringify(pub);
    for (const q of bank) expect(json).not.toContain(q.analysis);
    // Options appear in the paper's order under new letters.
    const i = paper.items.find((x) => x.type === 'single' && x.optionOrder[0] !== 'A')!;
    const q = questions.get(i.questionId)!;
    const shown = pub.find((x) => x._id === i.questionId)!;
    expect(shown.options[0]).toEqual({ key: 'A', text: q.options.find((o) => o.key === i.optionOrder[0])!.text });
  });
  it('the leak scanner finds keys deep inside', () => {
    expect(findAnswerLeaks({ a: [{ b: { answer: ['A'] } }], analysis: 'x' })).toEqual(['$.a[0].b.answer', '$.analysis']);
    expect(findAnswerLeaks(bank.slice(0, 1)).length).toBeGreaterThan(0);
    expect(ANSWER_FIELDS).toContain('optionOrder');
  });
  it('review after grading shows my answer, the correct one and the analysis in the paper letters', () => {
    const answers = perfect();
    const r = gradePaper(paper, questions, answers, { passScore: 80 });
    const review = reviewPaper(paper, questions, r);
    expect(review).toHaveLength(100);
    for (const item of review) {
      expect(item.myAnswer).toEqual(answers[item._id]);
      expect(item.correctAnswer).toEqual(answers[item._id]);
      expect(item.analysis).toBe(questions.get(item._id)!.analysis);
    }
  });
  it('practice feedback maps the key to the shown letters', () => {
    const i = paper.items.find((x) => x.type === 'single')!;
    const q = questions.get(i.questionId)!;
    const right = toDisplayed(q.answer, i.optionOrder);
    expect(practiceFeedback(i, q, right)).toEqual({ correct: true, correctAnswer: right, analysis: q.analysis });
    expect(practiceFeedback(i, q, []).correct).toBe(false);
  });
});
