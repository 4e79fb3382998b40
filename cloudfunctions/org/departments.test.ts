import type { DepartmentItem, EnterpriseRow } from '../../shared/contracts/org';
import type { Paged } from '../../shared/contracts/common';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { auditCount, freshIdNumber, newEnterprise } from './orgTesting';

let cloud: TestCloud;
const tokens: Record<string, string> = {};
let mine: { enterpriseId: string; token: string; username: string };
let other: { enterpriseId: string; token: string; username: string };

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'tz_regulator', 'zz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
  mine = await newEnterprise(cloud);
  other = await newEnterprise(cloud, { regionCode: '370402' }); // 枣庄市市中区: outside 滕州市
}, 60_000);
afterAll(() => cloud?.close());

const call = <T>(token: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('org', { action, ...input }, { sessionToken: token });
const create = async (token: string, name: string, parentId: string | null = null) =>
  expectOk(await call<{ department: DepartmentItem }>(token, 'createDepartment', { name, parentId })).department;
const list = async (token: string, enterpriseId?: string) => expectOk(await call<{ items: DepartmentItem[] }>(token, 'listDepartments', { enterpriseId })).items;

describe('departments', () => {
  it('builds a tree: create top-level and child, list flat with parentId; audited', async () => {
    const prod = await create(mine.token, '生产部');
    const ws = await create(mine.token, '一车间', prod._id);
    const ws2 = await create(mine.token, '二车间', prod._id);
    expect(ws).toMatchObject({ name: '一车间', parentId: prod._id, staffCount: 0 });
    const items = await list(mine.token);
    expect(items.map((d) => d.name)).toEqual(['生产部', '一车间', '二车间']);
    expect(items.find((d) => d._id === ws2._id)!.parentId).toBe(prod._id);
    expect(await auditCount(cloud, { action: 'department.create', targetId: ws._id })).toBe(1);
  });

  it('sibling names are unique; a parent must be of the same enterprise', async () => {
    const a = await create(mine.token, '安全部');
    expect(await call(mine.token, 'createDepartment', { name: '安全部' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    await create(mine.token, '安全部', a._id); // same name under another parent is fine
    const theirs = await create(other.token, '财务部');
    expect(await call(mine.token, 'createDepartment', { name: '子部门', parentId: theirs._id })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(mine.token, 'createDepartment', { name: '子部门', parentId: 'missing' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call(mine.token, 'createDepartment', { name: '  ' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('renames (and the name on its staff follows)', async () => {
    const d = await create(mine.token, '质检部');
    const s = expectOk(await call<{ personId: string }>(mine.token, 'addStaff', { name: '孙质检', idNumber: freshIdNumber(), departmentId: d._id, postCategory: 'otherWorker', employmentType: 'regular' }));
    const r = expectOk(await call<{ department: DepartmentItem }>(mine.token, 'renameDepartment', { departmentId: d._id, name: '质量部' }));
    expect(r.department.name).toBe('质量部');
    const p = (await cloud.db().collection('persons').doc(s.personId).get()).data as unknown as { departmentName: string };
    expect(p.departmentName).toBe('质量部');
    expect(await auditCount(cloud, { action: 'department.rename', targetId: d._id })).toBe(1);
  });

  it('moves within the tree, never into itself or its subtree', async () => {
    const a = await create(mine.token, '甲');
    const b = await create(mine.token, '乙', a._id);
    const c = await create(mine.token, '丙', b._id);
    const top = await create(mine.token, '丁');
    for (const target of [a._id, b._id, c._id]) {
      expect(await call(mine.token, 'moveDepartment', { departmentId: a._id, parentId: target })).toMatchObject({ ok: false, code: 'DEPARTMENT_CYCLE' });
    }
    expect(expectOk(await call<{ department: DepartmentItem }>(mine.token, 'moveDepartment', { departmentId: b._id, parentId: top._id })).department.parentId).toBe(top._id);
    // Now 甲 may go under 丙 (no longer its descendant), and 乙 to the top.
    expectOk(await call(mine.token, 'moveDepartment', { departmentId: a._id, parentId: c._id }));
    expect(expectOk(await call<{ department: DepartmentItem }>(mine.token, 'moveDepartment', { departmentId: b._id, parentId: null })).department.parentId).toBeNull();
    const theirs = await create(other.token, '外企部门');
    expect(await call(mine.token, 'moveDepartment', { departmentId: a._id, parentId: theirs._id })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(mine.token, 'moveDepartment', { departmentId: theirs._id, parentId: null })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await auditCount(cloud, { action: 'department.move', targetId: b._id })).toBe(2);
  });

  it('deletes only an empty leaf; otherwise says in Chinese what is left', async () => {
    const parent = await create(mine.token, '待删部门');
    const child = await create(mine.token, '待删子部门', parent._id);
    const s = expectOk(await call<{ personId: string }>(mine.token, 'addStaff', { name: '周在岗', idNumber: freshIdNumber(), departmentId: parent._id, postCategory: 'otherWorker', employmentType: 'regular' }));
    const both = await call(mine.token, 'deleteDepartment', { departmentId: parent._id });
    expect(both).toMatchObject({ ok: false, code: 'DEPARTMENT_NOT_EMPTY', details: { staff: 1, children: 1 } });
    if (!both.ok) expect(both.message).toBe('“待删部门”下还有1名人员和1个下级部门，请先将人员调整到其他部门并删除或移走下级部门后再删除');
    expectOk(await call(mine.token, 'deleteDepartment', { departmentId: child._id }));
    const staffOnly = await call(mine.token, 'deleteDepartment', { departmentId: parent._id });
    expect(staffOnly).toMatchObject({ ok: false, code: 'DEPARTMENT_NOT_EMPTY' });
    if (!staffOnly.ok) expect(staffOnly.message).toMatch(/1名人员，请先将人员调整到其他部门后再删除/);
    // The count on read shows the same person.
    expect((await list(mine.token)).find((d) => d._id === parent._id)!.staffCount).toBe(1);
    expectOk(await call(mine.token, 'updateStaff', { personId: s.personId, departmentId: null }));
    expectOk(await call(mine.token, 'deleteDepartment', { departmentId: parent._id }));
    expect((await list(mine.token)).map((d) => d._id)).not.toContain(parent._id);
    expect(await auditCount(cloud, { action: 'department.delete', targetId: parent._id })).toBe(1);
    expect(await call(mine.token, 'deleteDepartment', { departmentId: parent._id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('staff counts per department are computed on read and follow moves and 离职', async () => {
    const d1 = await create(mine.token, '计数一部');
    const d2 = await create(mine.token, '计数二部');
    const ids: string[] = [];
    for (const n of ['吴甲', '吴乙', '吴丙']) {
      ids.push(expectOk(await call<{ personId: string }>(mine.token, 'addStaff', { name: n, idNumber: freshIdNumber(), departmentId: d1._id, postCategory: 'otherWorker', employmentType: 'regular' })).personId);
    }
    expectOk(await call(mine.token, 'updateStaff', { personId: ids[0], departmentId: d2._id }));
    expectOk(await call(mine.token, 'leaveStaff', { personId: ids[1] }));
    cloud.takeRoundTrips();
    const items = await list(mine.token);
    expect(cloud.takeRoundTrips()).toBe(3); // session check, departments, aggregation
    expect(items.find((d) => d._id === d1._id)!.staffCount).toBe(1);
    expect(items.find((d) => d._id === d2._id)!.staffCount).toBe(1);
  });

  it('regulators read departments of enterprises in scope only; nobody else writes them', async () => {
    await create(other.token, '仓储部');
    const seeded = expectOk(await cloud.call<Paged<EnterpriseRow>>('org', { action: 'listEnterprises' }, { sessionToken: tokens.tz_regulator })).items[0];
    expect(await list(tokens.tz_regulator, mine.enterpriseId)).not.toHaveLength(0);
    expect(await list(tokens.tz_regulator, seeded._id)).toEqual([]);
    expect(await call(tokens.tz_regulator, 'listDepartments', { enterpriseId: other.enterpriseId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect((await list(tokens.zz_regulator, other.enterpriseId)).map((d) => d.name)).toContain('仓储部');
    expect(await call(tokens.tz_regulator, 'listDepartments')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call(mine.token, 'listDepartments', { enterpriseId: other.enterpriseId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(tokens.tz_regulator, 'createDepartment', { name: '监管建的' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(tokens.admin, 'deleteDepartment', { departmentId: 'x' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('org', { action: 'listDepartments' }, { openid: 'o-worker' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const theirs = (await list(other.token))[0];
    expect(await call(mine.token, 'renameDepartment', { departmentId: theirs._id, name: '被改名' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(mine.token, 'deleteDepartment', { departmentId: theirs._id })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect((await list(other.token))[0].name).toBe(theirs.name);
  });
});
