import type { ImportCommitResult, ImportCredential, ImportPlan } from '../../shared/contracts/imports';
import { makeIdNumber } from '../../shared/idNumber';
import { tableToXlsx, TEMPLATE_HEADER } from '../../shared/staffImport';
import { decrypt, verifyPassword } from '../common/crypto';
import { C } from '../common/db';
import type { PersonDoc } from '../common/persons';
import type { RequestDoc, EmploymentDoc } from '../common/requests';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';

let cloud: TestCloud;
let admin: string;
let entId: string;
let mine: PersonDoc[];
let elsewhere: PersonDoc;
let firstFile: string;

type Progress = ImportCommitResult;

beforeAll(async () => {
  cloud = await startTestCloud();
  admin = await cloud.login('ent_admin');
  const acc = (await cloud.db().collection(C.accounts).doc('u:ent_admin').get()).data;
  entId = (Array.isArray(acc) ? acc[0] : acc)!.enterpriseId;
  const persons = cloud.db().collection(C.persons);
  mine = (await persons.where({ enterpriseId: entId, status: 'active' }).limit(3).get<PersonDoc>()).data;
  elsewhere = (await persons.where({ enterpriseId: cloud.db().command.neq(entId), status: 'active' }).limit(1).get<PersonDoc>()).data[0];
  await cloud.db().collection(C.departments).add({ data: { _id: 'dept-import-1', enterpriseId: entId, name: '生产部', parentId: null, order: 1, staffCount: 0 } });
  expect(mine.length).toBe(3);
}, 60_000);
afterAll(() => cloud?.close());

const POST_LABEL: Record<string, string> = { principal: '主要负责人', safetyDirector: '安全总监', safetyManager: '安全管理人员', specialOperator: '特种作业人员', keyHazardousWork: '重点危险作业人员', teamLeader: '班组长', internalTrainer: '内训师', otherWorker: '其他从业人员' };
const EMP_LABEL: Record<string, string> = { regular: '正式员工', contract: '合同工', dispatched: '劳务派遣', flexible: '灵活用工', temporary: '临时工' };
const line = (name: string, id: string, post = '其他从业人员', emp = '正式员工', dept = '') => [name, id, '', dept, post, emp, '', '', '', ''];
const NEW = [0, 1, 2].map((i) => makeIdNumber('370481', '19950101', String(700 + i)));

const upload = (rows: unknown[][]) => cloud.putFile('staff.xlsx', tableToXlsx([[...TEMPLATE_HEADER], ...rows]));
const dryRun = (fileID: string, token = admin) => cloud.call<ImportPlan>('imports', { action: 'staffImportDryRun', fileID }, { sessionToken: token });
const commit = (fileID: string, offset: number, limit: number) =>
  cloud.call<Progress>('imports', { action: 'staffImportCommit', fileID, offset, limit }, { sessionToken: admin });

async function commitAll(fileID: string, limit: number) {
  const sum = { created: 0, updated: 0, skipped: 0, calls: 0, roundTrips: [] as number[], credentials: [] as ImportCredential[] };
  for (let offset = 0; ; offset += limit) {
    cloud.takeRoundTrips();
    const r = expectOk(await commit(fileID, offset, limit));
    sum.roundTrips.push(cloud.takeRoundTrips());
    sum.created += r.created;
    sum.updated += r.updated;
    sum.skipped += r.skipped;
    sum.credentials.push(...r.credentials);
    sum.calls++;
    if (r.done) return sum;
  }
}

const count = async (coll: string, where: Record<string, unknown> = {}) => (await cloud.db().collection(coll).where(where).count()).total;

/** Rows: 3 new (one in 生产部), 1 own staff with a changed post, 1 own staff unchanged, 1 employed elsewhere. */
function goodRows() {
  const [a, b] = mine;
  const changedPost = a.postCategory === 'teamLeader' ? '其他从业人员' : '班组长';
  return [
    line('新员工甲', NEW[0], '班组长', '劳务派遣', '生产部'),
    line('新员工乙', NEW[1].toLowerCase()),
    line('新员工丙', NEW[2], '特种作业人员', '灵活用工'),
    line(a.name, decrypt(a.idCipher), changedPost, EMP_LABEL[a.employmentType]),
    line(b.name, decrypt(b.idCipher), POST_LABEL[b.postCategory], EMP_LABEL[b.employmentType]),
    line(elsewhere.name, decrypt(elsewhere.idCipher)),
  ];
}

describe('imports: who may import', () => {
  it('needs an enterprise admin', async () => {
    const fileID = upload([line('新员工甲', NEW[0])]);
    expect(await cloud.call('imports', { action: 'staffImportDryRun', fileID }, { openid: 'o-someone' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await dryRun(fileID, await cloud.login('tz_regulator'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await dryRun(fileID, await cloud.login('admin'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('answers FILE_NOT_FOUND for a missing file and IMPORT_INVALID for a file that is not xlsx', async () => {
    expect(await dryRun('cloud://local-anxue/uploads/none.xlsx')).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    expect(await dryRun('cloud://other-bucket/../../etc/passwd')).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    expect(await dryRun('cloud://local-anxue/uploads/../../../../etc/passwd')).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    expect(await dryRun('cloud://local-anxue/avatars/someone.png')).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    const csv = cloud.putFile('staff.xlsx', Buffer.from('姓名,身份证号码\n张三,370481199001011234'));
    const r = await dryRun(csv);
    expect(r).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    if (!r.ok) expect(r.message).toContain('xlsx');
  });

  it('reads only a file the caller itself uploaded, no bigger than its ticket declared', async () => {
    const sheet = tableToXlsx([[...TEMPLATE_HEADER], line('新人', NEW[0])]);
    // Another enterprise's admin uploaded it: the same answer as for a missing file.
    const theirs = cloud.putFile('staff.xlsx', sheet, 'admin');
    expect(await dryRun(theirs)).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    expect(await cloud.call('imports', { action: 'staffImportCommit', fileID: theirs }, { sessionToken: admin })).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    // Its own upload, but storage holds more than the ticket declared (COS does not check): refused.
    const bigger = cloud.putFile('staff.xlsx', sheet, 'ent_admin', sheet.length - 1);
    expect(await dryRun(bigger)).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    const mine = cloud.putFile('staff.xlsx', sheet);
    expect(expectOk(await dryRun(mine)).create).toBe(1);
  });
});

describe('imports: dry run and commit', () => {
  it('dry run lists every bad row with row and column, writes nothing, and commit refuses the file', async () => {
    const before = await count(C.persons);
    cloud.takeRoundTrips();
    const bad = upload([
      line('新员工甲', NEW[0].slice(0, 17) + (NEW[0][17] === '1' ? '2' : '1')),
      line('新员工乙', NEW[1], '厂长'),
      line('新员工丙', NEW[2], '其他从业人员', '正式员工', '不存在的部门'),
      line('', NEW[0]),
      line('新员工丁', NEW[2]),
    ]);
    const plan = expectOk(await dryRun(bad));
    expect(plan.problems.map((p) => [p.row, p.column])).toEqual([
      [2, '身份证号码'],
      [3, '岗位分类'],
      [4, '身份证号码'],
      [4, '部门'],
      [5, '姓名'],
      [6, '身份证号码'],
    ]);
    expect(plan.problems[0].reason).toBe('身份证号码校验位不正确，请核对');
    expect(plan.problems[2].reason).toBe('与第6行的身份证号码重复');
    expect(plan.total).toBe(5);
    const r = await commit(bad, 0, 100);
    expect(r).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    if (!r.ok) expect((r.details as { problems: unknown[] }).problems).toHaveLength(6);
    expect(await count(C.persons)).toBe(before);
  });

  it('classifies, commits in chunks; a person registered elsewhere is skipped, never moved, renamed or asked for', async () => {
    const entBefore = (await cloud.db().collection(C.enterprises).doc(entId).get()).data;
    const staffBefore = (Array.isArray(entBefore) ? entBefore[0] : entBefore)!.staffCount as number;
    const fileID = upload(goodRows());
    firstFile = fileID;
    const plan = expectOk(await dryRun(fileID));
    expect(plan).toEqual({ total: 6, create: 3, update: 1, unchanged: 1, elsewhere: 1, elsewhereRows: [{ row: 7, name: '侯芳' }], problems: [] });
    const otherBefore = (await cloud.db().collection(C.persons).doc(elsewhere._id).get()).data;

    const sum = await commitAll(fileID, 4);
    expect(sum).toMatchObject({ created: 3, updated: 1, skipped: 1, calls: 2 });
    // Every new account has its own random one-time password, shown once.
    expect(sum.credentials.map((c) => c.name).sort()).toEqual(['新员工丙', '新员工乙', '新员工甲'].sort());
    expect(new Set(sum.credentials.map((c) => c.oneTimePassword)).size).toBe(3);
    for (const c of sum.credentials) {
      expect(c.oneTimePassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d)\S{8,}$/);
      expect(c.idMasked).toMatch(/^\d{4}\*+[\dX]{4}$/);
    }
    // eslint-disable-next-line no-console
    console.log('round trips per commit chunk (4 + 2 rows):', sum.roundTrips);

    const created = (await cloud.db().collection(C.persons).where({ name: '新员工甲' }).get<PersonDoc>()).data[0];
    expect(created).toMatchObject({ status: 'active', enterpriseId: entId, departmentId: 'dept-import-1', departmentName: '生产部', postCategory: 'teamLeader', employmentType: 'dispatched', mustChangePassword: true });
    expect(decrypt(created.idCipher)).toBe(NEW[0]);
    const oneTime = sum.credentials.find((c) => c.name === '新员工甲')!.oneTimePassword;
    // Hashed like every other password (the full scrypt cost), never derivable from the ID number.
    expect(created.passwordHash.split('$').slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(await verifyPassword(oneTime, created.passwordHash)).toBe(true);
    expect(await verifyPassword('Ax' + NEW[0].slice(-6), created.passwordHash)).toBe(false);
    // The worker logs in with the one-time password and is asked to change it.
    const login = await cloud.call<{ person: { mustChangePassword: boolean; enterpriseId: string } }>('identity', { action: 'login', idNumber: NEW[0], password: oneTime }, { openid: 'o-imported-1' });
    expect(expectOk(login).person).toMatchObject({ mustChangePassword: true, enterpriseId: entId });
    const emp = (await cloud.db().collection(C.employments).where({ personId: created._id }).get<EmploymentDoc>()).data;
    expect(emp).toMatchObject([{ enterpriseId: entId, to: null, source: 'import' }]);

    const updated = (await cloud.db().collection(C.persons).doc(mine[0]._id).get()).data as unknown as PersonDoc;
    expect((Array.isArray(updated) ? updated[0] : updated).postCategory).not.toBe(mine[0].postCategory);

    // The person employed elsewhere: not a byte changed, and no request filed on their behalf.
    expect((await cloud.db().collection(C.persons).doc(elsewhere._id).get()).data).toEqual(otherBefore);
    const reqs = (await cloud.db().collection(C.requests).where({ personId: elsewhere._id }).get<RequestDoc>()).data;
    expect(reqs).toEqual([]);

    const entAfter = (await cloud.db().collection(C.enterprises).doc(entId).get()).data;
    expect((Array.isArray(entAfter) ? entAfter[0] : entAfter)!.staffCount).toBe(staffBefore + 3);
  });

  it('is idempotent: the same file again (re-uploaded, or a retried chunk) changes nothing', async () => {
    const counts = async () => [await count(C.persons), await count(C.employments), await count(C.requests)];
    const before = await counts();
    const again = upload(goodRows());
    expect(expectOk(await dryRun(again))).toMatchObject({ total: 6, create: 0, update: 0, unchanged: 5, elsewhere: 1, problems: [] });
    expect(await commitAll(again, 100)).toMatchObject({ created: 0, updated: 0, skipped: 1, credentials: [] });
    // A client retrying chunks of the first upload.
    expect(await commitAll(firstFile, 3)).toMatchObject({ created: 0, updated: 0, skipped: 1, credentials: [] });
    expect(await counts()).toEqual(before);
  });

  it('a 100-row chunk of new persons costs a handful of round trips', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => line(`批量员工${String.fromCharCode(0x4e00 + i)}`, makeIdNumber('370481', '19880101', String(i).padStart(3, '0'))));
    const fileID = upload(rows);
    cloud.takeRoundTrips();
    expect(expectOk(await dryRun(fileID))).toMatchObject({ total: 100, create: 100 });
    const dryTrips = cloud.takeRoundTrips();
    const sum = await commitAll(fileID, 100);
    // eslint-disable-next-line no-console
    console.log(`round trips: dry run ${dryTrips}, 100-row commit chunk ${sum.roundTrips}`);
    expect(sum.created).toBe(100);
    expect(sum.credentials).toHaveLength(100);
    expect(dryTrips).toBeLessThanOrEqual(4);
    expect(sum.roundTrips[0]).toBeLessThanOrEqual(12); // incl. session check, recount and audit
    expect(await count(C.persons, { enterpriseId: entId, name: cloud.db().RegExp({ regexp: '^批量员工' }) })).toBe(100);
  });
});
