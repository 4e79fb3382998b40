import { completionOf, departmentTotals, maskPersonName, ruleReachesEnterprise } from './courseCenter';
import { normalizePushRule } from './pushRule';

const ent = { _id: 'E1', regionCode: '370481001', industry: 'machinery' as const, supervisionType: 'emergency' as const, keyAreas: ['dustExplosion' as const], scale: 'above' as const };

describe('ruleReachesEnterprise', () => {
  it.each([
    [{}, true],
    [{ regionCodes: ['3704'] }, true],
    [{ regionCodes: ['3701'] }, false],
    [{ industries: ['machinery'] }, true],
    [{ industries: ['commerce'] }, false],
    [{ keyAreas: ['confinedSpace', 'dustExplosion'] }, true],
    [{ keyAreas: ['confinedSpace'] }, false],
    [{ scales: ['below'] }, false],
    [{ supervisionTypes: ['sector'] }, false],
    [{ enterpriseIds: ['E1'] }, true],
    [{ enterpriseIds: ['E2'] }, false],
    // Persons' own dimensions never exclude the enterprise as a whole.
    [{ postCategories: ['principal'], certificates: ['specialOperation'] }, true],
  ] as const)('%j → %s', (rule, expected) => {
    expect(ruleReachesEnterprise(normalizePushRule(rule as never), ent)).toBe(expected);
  });
});

describe('completionOf', () => {
  it('maps progress documents to statuses', () => {
    expect(completionOf(null)).toEqual({ status: 'notStarted', progress: 0, creditedSeconds: 0 });
    expect(completionOf({ status: 'inProgress', creditedSeconds: 30, requiredSeconds: 120 })).toEqual({ status: 'inProgress', progress: 0.25, creditedSeconds: 30 });
    // Never 100 % before it is done; done is done.
    expect(completionOf({ status: 'inProgress', creditedSeconds: 120, requiredSeconds: 120 }).progress).toBe(0.999);
    expect(completionOf({ status: 'done', creditedSeconds: 10, requiredSeconds: 120 })).toEqual({ status: 'done', progress: 1, creditedSeconds: 10 });
    expect(completionOf({ status: 'notStarted', creditedSeconds: 0, requiredSeconds: 60 }).status).toBe('notStarted');
  });
});

describe('departmentTotals', () => {
  it('counts per department, unassigned last', () => {
    const t = departmentTotals([
      { departmentId: null, departmentName: null, status: 'done' },
      { departmentId: 'd2', departmentName: '生产部', status: 'notStarted' },
      { departmentId: 'd1', departmentName: '安全部', status: 'done' },
      { departmentId: 'd2', departmentName: '生产部', status: 'inProgress' },
    ]);
    expect(t).toEqual([
      { departmentId: 'd1', name: '安全部', done: 1, inProgress: 0, notStarted: 0 },
      { departmentId: 'd2', name: '生产部', done: 0, inProgress: 1, notStarted: 1 },
      { departmentId: null, name: '未分配部门', done: 1, inProgress: 0, notStarted: 0 },
    ]);
  });
});

it('maskPersonName', () => {
  expect(maskPersonName('张三明')).toBe('张*明');
  expect(maskPersonName('欧阳娜娜')).toBe('欧**娜');
  expect(maskPersonName('张三')).toBe('张*');
  expect(maskPersonName('张')).toBe('*');
});
