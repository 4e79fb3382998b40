import { makeIdNumber } from '../../shared/idNumber';
import { SCORE_UPLOAD_COLUMNS } from '../../shared/exam/scoreUpload';
import { tableToXlsx } from '../../shared/staffImport';
import { C } from '../common/db';
import type { PersonDoc } from '../common/persons';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { exam } from './examTesting';
import { newEnterprise } from '../org/orgTesting';

let cloud: TestCloud;
let ent: string;
let mine: (PersonDoc & { idNumber: string })[];
let elsewhereIdNumber: string;

/** ID numbers are stored encrypted: the tests make persons whose numbers they know, through the admin's addStaff. */
async function addStaff(token: string, name: string, idNumber: string): Promise<string> {
  return expectOk(await cloud.call<{ initialPassword: string }>('org', { action: 'addStaff', name, idNumber, postCategory: 'otherWorker', employmentType: 'regular' }, { sessionToken: token })).initialPassword;
}
let firstPassword = '';

beforeAll(async () => {
  cloud = await startTestCloud();
  ent = await cloud.login('ent_admin');
  const ids = [0, 1, 2].map((i) => makeIdNumber('370481', '19900101', String(810 + i)));
  for (const [i, id] of ids.entries()) {
    const pw = await addStaff(ent, `成绩员工${'甲乙丙'[i]}`, id);
    if (i === 0) firstPassword = pw;
  }
  mine = ids.map((idNumber) => ({ idNumber }) as PersonDoc & { idNumber: string });
  // A person employed by another enterprise, whose ID number the test knows.
  const other = await newEnterprise(cloud);
  elsewhereIdNumber = makeIdNumber('370481', '19880808', '456');
  await addStaff(other.token, '别家员工', elsewhereIdNumber);
}, 60_000);
afterAll(() => cloud?.close());

const HEADER = SCORE_UPLOAD_COLUMNS.map((c) => c.label);
const file = (rows: unknown[][]) => cloud.putFile('scores.xlsx', Buffer.from(tableToXlsx([HEADER, ...rows], '成绩')));
const dryRun = (fileID: string, extra: Record<string, unknown> = {}) => exam<{ total: number; create: number; unchanged: number; problems: { row: number; column: string; reason: string }[] }>(cloud, ent, 'scoreUploadDryRun', { fileID, ...extra });
const commit = (fileID: string, offset = 0, limit = 200) => exam<{ created: number; skipped: number; done: boolean }>(cloud, ent, 'scoreUploadCommit', { fileID, offset, limit });

describe('成绩上传', () => {
  it('dry run: problems by row and column (not own staff alike for unknown and elsewhere, over full score, future date); commit refuses', async () => {
    const stranger = makeIdNumber('370481', '19850505', '123');
    const fileID = file([
      [mine[0].idNumber, '成绩员工甲', '86', '2026-11-20', '2026年度全员安全考试'],
      [elsewhereIdNumber, '别家员工', '88', '2026-11-20', '2026年度全员安全考试'],
      [stranger, '陌生人', '90', '2026-11-20', '2026年度全员安全考试'],
      [mine[1].idNumber, '成绩员工乙', '120', '2026-11-20', '2026年度全员安全考试'],
      [mine[2].idNumber, '成绩员工丙', '70', '2099-01-01', '2026年度全员安全考试'],
    ]);
    const dry = expectOk(await dryRun(fileID));
    expect(dry).toMatchObject({ total: 5, create: 1, unchanged: 0 });
    expect(dry.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '身份证号码'],
      [4, '身份证号码'],
      [5, '成绩'],
      [6, '考试日期'],
    ]);
    // Another enterprise's employee and an unknown ID number read the same.
    expect(dry.problems[0].reason).toBe(dry.problems[1].reason);
    expect(await commit(fileID)).toMatchObject({ ok: false, code: 'SCORE_UPLOAD_INVALID' });
    expect((await cloud.db().collection(C.uploadedScores).where({ examTitle: '2026年度全员安全考试' }).count()).total).toBe(0);
  });

  it('commit: own staff only, marked uploaded; replay and parallel runs add nothing', async () => {
    const fileID = file(mine.map((p, i) => [p.idNumber, '', String(70 + i * 10), '2026-11-21', '线下补考']));
    expect(expectOk(await dryRun(fileID))).toMatchObject({ total: 3, create: 3, unchanged: 0, problems: [] });
    const runs = await Promise.all([commit(fileID), commit(fileID), commit(fileID)]);
    expect(runs.reduce((n, r) => n + expectOk(r).created, 0)).toBe(3);
    const docs = (await cloud.db().collection(C.uploadedScores).where({ examTitle: '线下补考' }).limit(10).get<{ score: number; passed: boolean; source: string }>()).data;
    expect(docs.map((d) => [d.score, d.passed, d.source]).sort()).toEqual([
      [70, false, 'uploaded'],
      [80, true, 'uploaded'],
      [90, true, 'uploaded'],
    ]);
    expect(expectOk(await commit(fileID))).toMatchObject({ created: 0, skipped: 3, done: true });
    expect(expectOk(await dryRun(fileID))).toMatchObject({ create: 0, unchanged: 3 });
    // The same results in another file (another layout of the same rows): nothing new.
    // 一人一档: the worker sees the uploaded result, marked uploaded.
    const openid = 'o-score-worker';
    expectOk(await cloud.call('identity', { action: 'login', idNumber: mine[0].idNumber, password: firstPassword }, { openid }));
    expectOk(await cloud.call('identity', { action: 'changePassword', oldPassword: firstPassword, newPassword: 'Worker2026ok' }, { openid }));
    const archive = expectOk(await cloud.call<{ uploadedExams: unknown[] }>('learning', { action: 'myArchive' }, { openid }));
    expect(archive.uploadedExams).toEqual([expect.objectContaining({ examTitle: '线下补考', date: '2026-11-21', score: 70, fullScore: 100, passed: false, source: 'uploaded', enterpriseName: expect.any(String) })]);
    const again = file(mine.map((p, i) => [p.idNumber, `成绩员工${'甲乙丙'[i]}`, String(70 + i * 10), '2026/11/21', '线下补考']));
    expect(expectOk(await commit(again))).toMatchObject({ created: 0, skipped: 3 });
  });

  it('hostile files and other callers’ uploads get coded errors', async () => {
    expect(await dryRun(cloud.putFile('scores.xlsx', Buffer.from('PK\x03\x04 broken zip')))).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    expect(await dryRun(cloud.putFile('scores.xlsx', Buffer.alloc(10), 'ent_admin', 10 * 1024 * 1024))).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(await dryRun(cloud.putFile('scores.xlsx', Buffer.from(tableToXlsx([HEADER])), 'tz_regulator'))).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    expect(await dryRun(file([]))).toMatchObject({ ok: false, code: 'SCORE_UPLOAD_INVALID' });
  });
});
