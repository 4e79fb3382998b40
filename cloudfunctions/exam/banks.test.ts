import type { BankRow, QuestionRow } from '../../shared/contracts/exam';
import type { Question, QuestionImportProblem } from '../../shared/exam/questions';
import { QUESTION_TEMPLATE_COLUMNS } from '../../shared/exam/questions';
import { tableToXlsx } from '../../shared/staffImport';
import { setClockForTests } from '../common/clock';
import { C } from '../common/db';
import { stemLockDoc } from './stems';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { createBank, createQuestion, exam, judgeInput, requestIdOf, singleInput } from './examTesting';

let cloud: TestCloud;
let reg: string;
let ent: string;
let city: string;
let sys: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  [reg, ent, city, sys] = await Promise.all([cloud.login('tz_regulator'), cloud.login('ent_admin'), cloud.login('zz_regulator'), cloud.login('admin')]);
}, 60_000);
afterAll(() => cloud?.close());

const HEADER = QUESTION_TEMPLATE_COLUMNS.map((c) => (c.required ? `${c.label}*` : c.label));
const col = (label: string) => HEADER.findIndex((h) => h.replace('*', '') === label);
/** A template row: type, stem, options A–D, answer (other cells blank). */
function qrow(type: string, stem: string, options: string[], answer: string, extra: Record<string, string> = {}): string[] {
  const r = HEADER.map(() => '');
  r[col('题型')] = type;
  r[col('题干')] = stem;
  options.forEach((o, i) => (r[col(`选项${'ABCDEF'[i]}`)] = o));
  r[col('答案')] = answer;
  for (const [k, v] of Object.entries(extra)) r[col(k)] = v;
  return r;
}
const xlsx = (rows: unknown[][], header: unknown[] = HEADER) => Buffer.from(tableToXlsx([header, ...rows], '试题'));
const upload = (body: Buffer, owner = 'tz_regulator', name = 'bank.xlsx', declared?: number) => cloud.putFile(name, body, owner, declared);
const count = async (where: Record<string, unknown>) => (await cloud.db().collection(C.questions).where(where).count()).total;
const bankOf = async (bankId: string) => expectOk(await exam<{ items: BankRow[] }>(cloud, reg, 'listBanks', { pageSize: 100 })).items.find((b) => b._id === bankId)!;

describe('upload tickets', () => {
  const ticket = (token: string, purpose: string, name = '题库.xlsx', size = 1000) => cloud.call('files', { action: 'requestUpload', purpose, name, size, contentType: '' }, { sessionToken: token });
  it('question files: every console role; score files: enterprise admins; spreadsheets only, within the limits', async () => {
    for (const t of [reg, ent, sys]) expectOk(await ticket(t, 'questionImport'));
    expectOk(await ticket(reg, 'questionImport', '题库.csv'));
    expect(await ticket(reg, 'questionImport', '题库.pdf')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await ticket(reg, 'questionImport', '题库.xlsx', 6 * 1024 * 1024)).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expectOk(await ticket(ent, 'scoreUpload', '成绩.xlsx'));
    expect(await ticket(reg, 'scoreUpload', '成绩.xlsx')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('banks', () => {
  it('a create replayed, or sent twice in parallel, makes one bank', async () => {
    const requestId = requestIdOf();
    const [a, b] = await Promise.all([exam<{ bank: BankRow }>(cloud, reg, 'createBank', { name: '危险化学品题库', requestId }), exam<{ bank: BankRow }>(cloud, reg, 'createBank', { name: '危险化学品题库', requestId })]);
    const again = expectOk(await exam<{ bank: BankRow }>(cloud, reg, 'createBank', { name: '危险化学品题库', requestId }));
    expect(expectOk(a).bank._id).toBe(expectOk(b).bank._id);
    expect(again.bank._id).toBe(expectOk(a).bank._id);
    expect((await cloud.db().collection(C.questionBanks).where({ requestId }).count()).total).toBe(1);
    expect(again.bank.owner).toMatchObject({ role: 'regulator', regionCode: '370481' });
  });

  it('scope: the city regulator above and the sysadmin manage a county bank; an enterprise admin gets NOT_FOUND, as for a missing id', async () => {
    const bank = await createBank(cloud, reg);
    const q = await createQuestion(cloud, reg, bank._id);
    for (const t of [city, sys]) expectOk(await exam(cloud, t, 'listQuestions', { bankId: bank._id }));
    const foreign = await exam(cloud, ent, 'listQuestions', { bankId: bank._id });
    const missing = await exam(cloud, ent, 'listQuestions', { bankId: 'qbnosuchbank' });
    expect(foreign).toEqual(missing);
    expect(await exam(cloud, ent, 'getQuestion', { questionId: q._id })).toEqual(await exam(cloud, ent, 'getQuestion', { questionId: 'qnosuch-v1' }));
    expect(await exam(cloud, ent, 'updateQuestion', { questionId: q._id, expectedVersion: 1, question: judgeInput() })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(expectOk(await exam<{ items: BankRow[] }>(cloud, ent, 'listBanks', { pageSize: 100 })).items.map((b) => b._id)).not.toContain(bank._id);
    // listBanks by id (the console's question page): the bank for a manager, nothing for anyone else (as a missing id).
    expect(expectOk(await exam<{ items: BankRow[]; total: number }>(cloud, city, 'listBanks', { bankId: bank._id }))).toMatchObject({ total: 1, items: [{ _id: bank._id }] });
    expect(await exam(cloud, ent, 'listBanks', { bankId: bank._id })).toEqual(await exam(cloud, ent, 'listBanks', { bankId: 'qbnosuchbank' }));
    expect(expectOk(await exam<{ total: number }>(cloud, ent, 'listBanks', { bankId: bank._id })).total).toBe(0);
    // The county regulator does not manage the city's banks.
    const cityBank = await createBank(cloud, city);
    expect(await exam(cloud, reg, 'listQuestions', { bankId: cityBank._id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('a regulator limited to industries manages only banks and templates about them', async () => {
    const username = `exam_limited_${Date.now().toString(36)}`;
    const created = expectOk(await cloud.call<{ initialPassword: string }>('identity', { action: 'createAccount', username, displayName: '机械行业监管', role: 'regulator', regionCode: '370481', industries: ['machinery'] }, { sessionToken: sys }));
    const first = await cloud.login(username, created.initialPassword);
    const lim = expectOk(await cloud.call<{ token: string }>('identity', { action: 'consoleChangePassword', oldPassword: created.initialPassword, newPassword: 'Limited2026ok' }, { sessionToken: first })).token;
    expect(await exam(cloud, lim, 'createBank', { name: '通用题库', requestId: requestIdOf() })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    const own = await createBank(cloud, lim, { industries: ['machinery'] });
    const general = await createBank(cloud, reg);
    const mixed = await createBank(cloud, reg, { industries: ['machinery', 'commerce'] });
    const ids = async (token: string) => expectOk(await exam<{ items: BankRow[] }>(cloud, token, 'listBanks', { pageSize: 100 })).items.map((b) => b._id);
    const seen = await ids(lim);
    expect(seen).toContain(own._id);
    expect(seen).not.toContain(general._id);
    expect(seen).not.toContain(mixed._id);
    expect(await ids(reg)).toEqual(expect.arrayContaining([own._id, general._id, mixed._id]));
    expect(await exam(cloud, lim, 'listQuestions', { bankId: general._id })).toEqual(await exam(cloud, lim, 'listQuestions', { bankId: 'qbnosuchbank' }));
    expect(await exam(cloud, lim, 'updateBank', { bankId: own._id, industries: [] })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    await createQuestion(cloud, lim, own._id);
    const tpl = { rule: { sections: [{ from: { bankIds: [own._id] }, type: 'judge', count: 1, scorePerQuestion: 100 }] }, fullScore: 100, passScore: 60, durationMinutes: 30 };
    expect(await exam(cloud, lim, 'saveExamTemplate', { name: '通用模板', industry: null, ...tpl })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    const t = expectOk(await exam<{ template: { _id: string } }>(cloud, lim, 'saveExamTemplate', { name: '机械制造模板', industry: 'machinery', ...tpl })).template;
    expect(expectOk(await exam<{ items: { _id: string }[] }>(cloud, lim, 'listExamTemplates', {})).items.map((i) => i._id)).toEqual([t._id]);
  });

  it('deletes only an empty bank', async () => {
    const bank = await createBank(cloud, reg);
    await createQuestion(cloud, reg, bank._id);
    expect(await exam(cloud, reg, 'deleteBank', { bankId: bank._id })).toMatchObject({ ok: false, code: 'QUESTION_BANK_NOT_EMPTY' });
    const empty = await createBank(cloud, reg);
    expectOk(await exam(cloud, reg, 'deleteBank', { bankId: empty._id }));
    expect(await exam(cloud, reg, 'listQuestions', { bankId: empty._id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('questions', () => {
  it('create: stable problem codes, one question per request id (replay and parallel), one stem per bank', async () => {
    const bank = await createBank(cloud, reg);
    const bad = await exam(cloud, reg, 'createQuestion', { bankId: bank._id, requestId: requestIdOf(), question: { ...singleInput(), answer: ['E'] } });
    expect(bad).toMatchObject({ ok: false, code: 'QUESTION_INVALID', details: { problems: [expect.objectContaining({ code: 'ANSWER_NOT_IN_OPTIONS' })] } });
    const requestId = requestIdOf();
    const input = { bankId: bank._id, requestId, question: singleInput('动火作业前必须办理（ ）') };
    const [a, b] = await Promise.all([exam<{ question: Question }>(cloud, reg, 'createQuestion', input), exam<{ question: Question }>(cloud, reg, 'createQuestion', input)]);
    expect(expectOk(a).question._id).toBe(expectOk(b).question._id);
    expect(expectOk(await exam<{ question: Question }>(cloud, reg, 'createQuestion', input)).question._id).toBe(expectOk(a).question._id);
    // The same stem, differently spaced and punctuated, under another request id.
    expect(await exam(cloud, reg, 'createQuestion', { ...input, requestId: requestIdOf(), question: singleInput('动火作业前必须办理( )。') })).toMatchObject({ ok: false, code: 'QUESTION_DUPLICATE' });
    expect(await count({ bankId: bank._id })).toBe(1);
    expect((await bankOf(bank._id)).counts).toEqual({ single: 1, multiple: 0, judge: 0 });
  });

  it('an edit is a new version; the old one stays as drawn; stale and parallel edits get CONFLICT; the stem lock moves', async () => {
    const bank = await createBank(cloud, reg);
    const v1 = await createQuestion(cloud, reg, bank._id, singleInput('高处作业必须系挂（ ）'));
    const edited = { ...singleInput('高处作业必须正确系挂（ ）'), answer: ['A'] };
    // Four editors of version 1 at once: exactly one makes version 2, the others get CONFLICT (never INTERNAL).
    const results = await Promise.all(
      ['', '第二处修改', '第三处修改', '第四处修改'].map((analysis) =>
        exam<{ question: Question; changed: boolean }>(cloud, reg, 'updateQuestion', { questionId: v1._id, expectedVersion: 1, question: analysis ? { ...edited, analysis } : edited }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([0, 1, 2].map(() => expect.objectContaining({ code: 'CONFLICT' })));
    const v2 = (results.find((r) => r.ok) as { data: { question: Question } }).data.question;
    expect(v2).toMatchObject({ _id: `${v1.lineageId}-v2`, version: 2, current: true, stem: '高处作业必须正确系挂（ ）' });
    const old = expectOk(await exam<{ question: Question; versions: { version: number }[] }>(cloud, reg, 'getQuestion', { questionId: v1._id }));
    expect(old.question).toMatchObject({ stem: v1.stem, current: false, version: 1, answer: v1.answer });
    expect(old.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(await exam(cloud, reg, 'updateQuestion', { questionId: v1._id, expectedVersion: 1, question: edited })).toMatchObject({ ok: false, code: 'CONFLICT' });
    // Unchanged content: no version.
    expect(expectOk(await exam<{ changed: boolean }>(cloud, reg, 'updateQuestion', { questionId: v2._id, expectedVersion: 2, question: { ...edited, analysis: v2.analysis } })).changed).toBe(false);
    // The old stem is free again, the new one is taken.
    await createQuestion(cloud, reg, bank._id, singleInput('高处作业必须系挂（ ）'));
    expect(await exam(cloud, reg, 'createQuestion', { bankId: bank._id, requestId: requestIdOf(), question: singleInput('高处作业必须正确系挂( )') })).toMatchObject({ ok: false, code: 'QUESTION_DUPLICATE' });
    const list = expectOk(await exam<{ items: QuestionRow[]; total: number }>(cloud, reg, 'listQuestions', { bankId: bank._id }));
    expect(list.total).toBe(2);
    expect(list.items.every((i) => !('answer' in i) && !('analysis' in i))).toBe(true);
    // Disabling takes the question out of the counts; the version is kept.
    expectOk(await exam(cloud, reg, 'setQuestionStatus', { questionId: v2._id, status: 'disabled' }));
    expect((await bankOf(bank._id)).counts.single).toBe(1);
    expect(await exam(cloud, reg, 'setQuestionStatus', { questionId: v1._id, status: 'disabled' })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('stem locks', () => {
  afterEach(() => setClockForTests(null));
  it('a lock without a question is a create in flight (duplicate) until it is old enough to be an orphan (taken over)', async () => {
    const bank = await createBank(cloud, reg);
    const stem = '有限空间作业应当坚持先通风、再检测、后作业。';
    const t0 = new Date('2026-12-01T08:00:00Z');
    const lock = stemLockDoc(bank._id, stem, 'qdiedmidway', t0);
    await cloud.db().collection(C.locks).add({ data: lock as unknown as Record<string, unknown> });
    setClockForTests(() => new Date(t0.getTime() + 60_000));
    expect(await exam(cloud, reg, 'createQuestion', { bankId: bank._id, requestId: requestIdOf(), question: judgeInput(stem) })).toMatchObject({ ok: false, code: 'QUESTION_DUPLICATE' });
    setClockForTests(() => new Date(t0.getTime() + 11 * 60_000));
    const q = await createQuestion(cloud, reg, bank._id, judgeInput(stem));
    const held = (await cloud.db().collection(C.locks).doc(lock._id).get()).data;
    expect((Array.isArray(held) ? held[0] : held)?.lineageId).toBe(q.lineageId);
  });
});

describe('import and export', () => {
  const GOOD = [
    qrow('单选题', '进入受限空间作业前应首先（ ）', ['通风检测', '直接进入', '吸烟', '独自作业'], 'A', { 解析: '先通风、再检测、后作业。', 知识点: '受限空间' }),
    qrow('多选题', '下列属于劳动防护用品的有（ ）', ['安全帽', '安全带', '拖鞋', '防护眼镜'], 'ABD'),
    qrow('判断题', '特种作业人员必须持证上岗。', [], '正确', { 难度: '易', 适用行业: '建筑施工' }),
    qrow('判断题', '发现事故隐患可以不报告。', [], '错误'),
    qrow('单选题', '灭火器压力表指针在（ ）区域表示正常', ['红色', '绿色', '黄色'], 'B'),
  ];

  it('dry run: problems by row and column; commit refuses them', async () => {
    const bank = await createBank(cloud, reg);
    await createQuestion(cloud, reg, bank._id, singleInput('进入受限空间作业前应首先（ ）'));
    const tooMany = [...HEADER, '选项G'];
    const row7 = [...qrow('单选题', '选项过多的题目（ ）', ['a', 'b', 'c', 'd', 'e', 'f'], 'A'), 'g'];
    const rows = [
      ...GOOD.map((r) => [...r, '']),
      [...qrow('单选题', '缺少答案的题目（ ）', ['甲', '乙'], ''), ''],
      row7,
      [...qrow('单选题', '答案不在选项中的题目（ ）', ['甲', '乙'], 'D'), ''],
      [...GOOD[1], ''],
    ];
    const fileID = upload(xlsx(rows, tooMany));
    const dry = expectOk(await exam<{ total: number; create: number; duplicates: number; problems: QuestionImportProblem[] }>(cloud, reg, 'questionImportDryRun', { bankId: bank._id, fileID }));
    expect(dry).toMatchObject({ total: 9, create: 4, duplicates: 2 });
    const byRow = (row: number) => dry.problems.filter((p) => p.row === row).map((p) => [p.column, p.code]);
    expect(byRow(2)).toEqual([['题干', 'DUPLICATE_STEM']]);
    expect(byRow(7)).toEqual([['答案', 'ANSWER_MISSING']]);
    expect(byRow(8)).toEqual([['选项G', 'TOO_MANY_OPTIONS']]);
    expect(byRow(9)).toEqual([['答案', 'ANSWER_NOT_IN_OPTIONS']]);
    expect(byRow(10)).toEqual([['题干', 'DUPLICATE_STEM_IN_FILE']]);
    expect(await exam(cloud, reg, 'questionImportCommit', { bankId: bank._id, fileID })).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    expect(await count({ bankId: bank._id })).toBe(1);
  });

  it('commit: chunks, a replay adds nothing, stems already in the bank are skipped; export re-imports to the same content', async () => {
    const bank = await createBank(cloud, reg);
    await createQuestion(cloud, reg, bank._id, judgeInput('发现事故隐患可以不报告。'));
    const fileID = upload(xlsx(GOOD));
    let created = 0;
    let skipped = 0;
    for (let offset = 0; ; offset += 2) {
      const r = expectOk(await exam<{ created: number; skipped: number; done: boolean; total: number }>(cloud, reg, 'questionImportCommit', { bankId: bank._id, fileID, offset, limit: 2 }));
      created += r.created;
      skipped += r.skipped;
      expect(r.total).toBe(5);
      if (r.done) break;
    }
    expect({ created, skipped }).toEqual({ created: 4, skipped: 1 });
    const replay = expectOk(await exam<{ created: number; skipped: number }>(cloud, reg, 'questionImportCommit', { bankId: bank._id, fileID, offset: 0, limit: 200 }));
    expect(replay).toMatchObject({ created: 0, skipped: 5 });
    expect(await count({ bankId: bank._id })).toBe(5);
    expect((await bankOf(bank._id)).counts).toEqual({ single: 2, multiple: 1, judge: 2 });

    const out = expectOk(await exam<{ header: string[]; rows: string[][]; total: number; done: boolean }>(cloud, reg, 'exportQuestions', { bankId: bank._id }));
    expect(out).toMatchObject({ total: 5, done: true });
    const copy = await createBank(cloud, reg);
    const again = upload(xlsx(out.rows, out.header));
    expect(expectOk(await exam<{ create: number; problems: unknown[] }>(cloud, reg, 'questionImportDryRun', { bankId: copy._id, fileID: again }))).toMatchObject({ create: 5, problems: [] });
    expectOk(await exam(cloud, reg, 'questionImportCommit', { bankId: copy._id, fileID: again }));
    const content = async (bankId: string) =>
      (await cloud.db().collection(C.questions).where({ bankId }).limit(100).get<Question>()).data
        .map((q) => JSON.stringify([q.type, q.stem, q.options, q.answer, q.analysis, q.tags, q.difficulty]))
        .sort();
    expect(await content(copy._id)).toEqual(await content(bank._id));
  });

  it('a chunk costs a fixed number of round trips, whatever its size (batches, not a write per row)', async () => {
    const trips = async (n: number) => {
      const bank = await createBank(cloud, reg);
      const fileID = upload(xlsx(Array.from({ length: n }, (_, i) => qrow('判断题', `往返次数测试第${n}-${i}题。`, [], '正确'))));
      cloud.takeRoundTrips();
      expect(expectOk(await exam<{ created: number }>(cloud, reg, 'questionImportCommit', { bankId: bank._id, fileID, limit: 200 })).created).toBe(n);
      return cloud.takeRoundTrips();
    };
    const small = await trips(2);
    expect(await trips(150)).toBe(small);
    // Session and account (router), bank, questions and locks `in`, one lock batch, one question batch, 3 counts + the update, audit.
    expect(small).toBeLessThanOrEqual(12);
  });

  it('parallel commits of one file write each question once', async () => {
    const bank = await createBank(cloud, reg);
    const rows = Array.from({ length: 30 }, (_, i) => qrow('判断题', `并行导入的判断题第${i + 1}题应正确作答。`, [], i % 2 ? '正确' : '错误'));
    const fileID = upload(xlsx(rows));
    const results = await Promise.all([0, 1, 2].map(() => exam<{ created: number; skipped: number }>(cloud, reg, 'questionImportCommit', { bankId: bank._id, fileID, offset: 0, limit: 200 })));
    expect(results.reduce((n, r) => n + expectOk(r).created, 0)).toBe(30);
    expect(await count({ bankId: bank._id })).toBe(30);
    expect((await cloud.db().collection(C.locks).where({ bankId: bank._id }).count()).total).toBe(30);
    expect((await bankOf(bank._id)).counts.judge).toBe(30);
  });

  it('hostile files get a coded error; another caller’s upload answers like a missing file; UTF-8 CSV works', async () => {
    const bank = await createBank(cloud, reg);
    const call = (fileID: string) => exam(cloud, reg, 'questionImportDryRun', { bankId: bank._id, fileID });
    expect(await call(upload(Buffer.from('\x89PNG\r\n\x1a\n not a sheet')))).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    // Bigger than the ticket declared.
    expect(await call(upload(xlsx(GOOD), 'tz_regulator', 'bank.xlsx', 100))).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    // A ticket for more than the purpose allows.
    expect(await call(upload(Buffer.alloc(10), 'tz_regulator', 'bank.xlsx', 50 * 1024 * 1024))).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(await call(upload(Buffer.from('题型,题干'), 'tz_regulator', 'bank.pdf'))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const many = Array.from({ length: 3001 }, (_, i) => qrow('判断题', `第${i}题`, [], '正确'));
    expect(await call(upload(xlsx(many)))).toMatchObject({ ok: false, code: 'IMPORT_TOO_LARGE' });
    expect(await call(upload(xlsx(GOOD), 'ent_admin'))).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    expect(await call(upload(Buffer.from([0xff, 0xfe, 0x00, 0x41]), 'tz_regulator', 'bank.csv'))).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    const csv = [HEADER, ...GOOD].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
    expect(expectOk(await call(upload(Buffer.from('\uFEFF' + csv, 'utf8'), 'tz_regulator', 'bank.csv')))).toMatchObject({ total: 5, create: 5 });
  });
});
