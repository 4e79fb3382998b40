import type { ExamTemplate } from '../../shared/contracts/exam';
import type { DrawingValidation } from '../../shared/exam/drawing';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { createBank, createQuestion, createTemplate, exam, judgeInput, oneJudgeRule, singleInput } from './examTesting';

let cloud: TestCloud;
let reg: string;
let ent: string;
let bankId: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  [reg, ent] = await Promise.all([cloud.login('tz_regulator'), cloud.login('ent_admin')]);
  bankId = (await createBank(cloud, reg))._id;
  for (let i = 0; i < 4; i++) await createQuestion(cloud, reg, bankId, judgeInput());
  for (let i = 0; i < 2; i++) await createQuestion(cloud, reg, bankId, singleInput());
}, 60_000);
afterAll(() => cloud?.close());

const rule = (judge: number, single: number, ids = [bankId]) => ({
  sections: [
    { from: { bankIds: ids }, type: 'judge', count: judge, scorePerQuestion: 10 },
    { from: { bankIds: ids }, type: 'single', count: single, scorePerQuestion: 20 },
  ],
});

describe('drawing-rule preview', () => {
  it('counts per section and checks the total; a foreign bank counts as empty, like a missing one', async () => {
    const ok = expectOk(await exam<DrawingValidation>(cloud, reg, 'previewDrawingRule', { rule: rule(4, 3), fullScore: 90 }));
    expect(ok.ok).toBe(false);
    expect(ok.sections.map((s) => [s.available, s.enough])).toEqual([
      [4, true],
      [2, false],
    ]);
    expect(ok.problems.map((p) => p.code)).toEqual(['SECTION_SHORT', 'SCORE_MISMATCH']);
    expect(expectOk(await exam<DrawingValidation>(cloud, reg, 'previewDrawingRule', { rule: rule(2, 2), fullScore: 60 })).ok).toBe(true);
    const foreign = expectOk(await exam<DrawingValidation>(cloud, ent, 'previewDrawingRule', { rule: rule(2, 2), fullScore: 60 }));
    const missing = expectOk(await exam<DrawingValidation>(cloud, ent, 'previewDrawingRule', { rule: rule(2, 2, ['qbnosuchbank']), fullScore: 60 }));
    expect(foreign.sections.map((s) => s.available)).toEqual([0, 0]);
    expect(foreign).toEqual(missing);
  });

  it('a disabled question leaves the pool', async () => {
    const b = await createBank(cloud, reg);
    const q = await createQuestion(cloud, reg, b._id, judgeInput());
    expect(expectOk(await exam<DrawingValidation>(cloud, reg, 'previewDrawingRule', { rule: oneJudgeRule(b._id), fullScore: 100 })).ok).toBe(true);
    expectOk(await exam(cloud, reg, 'setQuestionStatus', { questionId: q._id, status: 'disabled' }));
    expect(expectOk(await exam<DrawingValidation>(cloud, reg, 'previewDrawingRule', { rule: oneJudgeRule(b._id), fullScore: 100 })).sections[0].available).toBe(0);
  });
});

describe('exam templates', () => {
  it('an invalid rule is refused with the validation; a save replays; another content under the name is CONFLICT', async () => {
    const bad = await exam(cloud, reg, 'saveExamTemplate', { name: '建筑施工安全考试', industry: 'construction', rule: rule(4, 3), fullScore: 90, passScore: 80, durationMinutes: 60 });
    expect(bad).toMatchObject({ ok: false, code: 'DRAWING_RULE_INVALID', details: { validation: { ok: false, problems: [{ code: 'SECTION_SHORT' }, { code: 'SCORE_MISMATCH' }] } } });
    const input = { name: '建筑施工安全考试', industry: 'construction', rule: rule(2, 2), fullScore: 60, passScore: 36, durationMinutes: 30 };
    const [a, b] = await Promise.all([exam<{ template: ExamTemplate }>(cloud, reg, 'saveExamTemplate', input), exam<{ template: ExamTemplate }>(cloud, reg, 'saveExamTemplate', input)]);
    expect(expectOk(a).template._id).toBe(expectOk(b).template._id);
    expect(await exam(cloud, reg, 'saveExamTemplate', { ...input, durationMinutes: 45 })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await exam(cloud, reg, 'saveExamTemplate', { ...input, passScore: 70 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('edits, lists by industry, archives; another unit gets NOT_FOUND', async () => {
    const t = await createTemplate(cloud, reg, bankId, { industry: 'nonCoalMine', rule: rule(1, 1), fullScore: 30, passScore: 18 });
    const edited = expectOk(await exam<{ template: ExamTemplate }>(cloud, reg, 'saveExamTemplate', { templateId: t._id, name: t.name, industry: 'nonCoalMine', rule: rule(2, 1), fullScore: 40, passScore: 24, durationMinutes: 20 }));
    expect(edited.template).toMatchObject({ _id: t._id, fullScore: 40, durationMinutes: 20 });
    const got = expectOk(await exam<{ template: ExamTemplate; validation: DrawingValidation }>(cloud, reg, 'getExamTemplate', { templateId: t._id }));
    expect(got.validation.ok).toBe(true);
    const listed = async (input: Record<string, unknown>) => expectOk(await exam<{ items: ExamTemplate[] }>(cloud, reg, 'listExamTemplates', input)).items.map((i) => i._id);
    expect(await listed({ industry: 'nonCoalMine' })).toContain(t._id);
    expect(await listed({ industry: 'construction' })).not.toContain(t._id);
    expectOk(await exam(cloud, reg, 'archiveExamTemplate', { templateId: t._id, archived: true }));
    expect(await listed({})).not.toContain(t._id);
    expect(await listed({ includeArchived: true })).toContain(t._id);
    for (const action of ['getExamTemplate', 'archiveExamTemplate']) {
      const foreign = await exam(cloud, ent, action, { templateId: t._id, archived: false });
      expect(foreign).toEqual(await exam(cloud, ent, action, { templateId: 'tplnosuch', archived: false }));
      expect(foreign).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    expect(await exam(cloud, ent, 'saveExamTemplate', { templateId: t._id, name: 'x模板', industry: null, rule: rule(1, 1), fullScore: 30, passScore: 18, durationMinutes: 20 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
