import { workerStateView } from './workerState';

const req = (type: 'registration' | 'changeEmployer', status: 'pending' | 'approved' | 'rejected' | 'cancelled', enterpriseName = '滕州天元矿业有限公司', reason?: string) => ({
  type,
  status,
  enterpriseName,
  ...(reason ? { reason } : {}),
});

describe('workerStateView', () => {
  it('a pending registration: 待审核, the enterprise asked for, one notice', () => {
    const v = workerStateView({ status: 'pending', enterpriseName: null }, [req('registration', 'pending')]);
    expect(v.kind).toBe('registrationPending');
    expect(v.tag).toEqual({ label: '待审核', tone: 'warn' });
    expect(v.enterpriseLine).toBe('申请加入：滕州天元矿业有限公司');
    expect(v.notice?.title).toBe('注册申请待审核');
  });

  it('a rejected registrant: 未通过 with the reason, never 待审核, no sentence said twice', () => {
    const v = workerStateView({ status: 'pending', enterpriseName: null }, [], req('registration', 'rejected', '滕州天元矿业有限公司', '查无此人'));
    expect(v.kind).toBe('rejected');
    expect(v.tag).toEqual({ label: '未通过', tone: 'bad' });
    expect(v.notice?.title).toBe('申请被驳回：查无此人');
    expect(v.notice?.desc).toContain('滕州天元矿业有限公司');
    expect(v.notice?.action).toBe('chooseEmployer');
    const text = `${v.notice?.title}${v.notice?.desc}`;
    expect(text.match(/驳回|未通过/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it('a rejection without a reason says so', () => {
    const v = workerStateView({ status: 'pending', enterpriseName: null }, [], req('registration', 'rejected'));
    expect(v.notice?.title).toContain('未说明原因');
  });

  it('a pending worker who re-applied is waiting again, whatever the old rejection', () => {
    const v = workerStateView({ status: 'pending', enterpriseName: null }, [req('changeEmployer', 'pending', '新企业')], req('registration', 'rejected', '旧企业', 'x'));
    expect(v.kind).toBe('joinPending');
    expect(v.tag.label).toBe('待审核');
    expect(v.enterpriseLine).toBe('申请加入：新企业');
  });

  it('a cancelled registration: not waiting, asked to choose an employer', () => {
    const v = workerStateView({ status: 'pending', enterpriseName: null }, [], req('registration', 'cancelled'));
    expect(v.kind).toBe('unplaced');
    expect(v.tag.label).not.toBe('待审核');
    expect(v.notice?.action).toBe('chooseEmployer');
  });

  it('active: 在职 at the employer; a pending change of employer is the only notice', () => {
    expect(workerStateView({ status: 'active', enterpriseName: 'A' }, [])).toMatchObject({ kind: 'active', tag: { label: '在职' }, enterpriseLine: 'A', notice: null });
    const v = workerStateView({ status: 'active', enterpriseName: 'A' }, [req('changeEmployer', 'pending', 'B')]);
    expect(v.notice?.title).toBe('更换企业申请待审核');
    expect(v.notice?.desc).toContain('B');
  });

  it('left: 已离职 with a hint to ask a new employer', () => {
    const v = workerStateView({ status: 'left', enterpriseName: null }, []);
    expect(v).toMatchObject({ kind: 'left', tag: { label: '已离职', tone: 'muted' }, enterpriseLine: '暂无所在企业' });
    expect(v.notice?.desc).toContain('更换企业');
  });
});
