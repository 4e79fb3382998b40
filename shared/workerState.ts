import type { PersonSelf, RequestRow } from './contracts';

/**
 * What a worker is told about their own state — the same on 首页 and 我的 (and anywhere else), so
 * the two never disagree: one status tag, one line for the employer, at most one notice.
 */
export type WorkerStateKind = 'registrationPending' | 'joinPending' | 'rejected' | 'unplaced' | 'active' | 'left';

export interface WorkerStateView {
  kind: WorkerStateKind;
  tag: { label: string; tone: 'warn' | 'ok' | 'muted' | 'bad' };
  /** Where the worker works, or asked to join. */
  enterpriseLine: string;
  /** A notice under the card; `action` says it leads to 更换企业 (choose an employer again). */
  notice: { tone: 'warn' | 'bad' | 'muted' | 'change'; title: string; desc: string; action?: 'chooseEmployer' } | null;
}

type Person = Pick<PersonSelf, 'status' | 'enterpriseName'>;
type Req = Pick<RequestRow, 'type' | 'status' | 'enterpriseName' | 'reason'>;

export function workerStateView(person: Person, pendingRequests: readonly Req[], lastDecision?: Req | null): WorkerStateView {
  const registration = pendingRequests.find((r) => r.type === 'registration' && r.status === 'pending');
  const change = pendingRequests.find((r) => r.type === 'changeEmployer' && r.status === 'pending');

  if (person.status === 'pending') {
    if (registration) {
      return {
        kind: 'registrationPending',
        tag: { label: '待审核', tone: 'warn' },
        enterpriseLine: `申请加入：${registration.enterpriseName}`,
        notice: { tone: 'warn', title: '注册申请待审核', desc: `等待 ${registration.enterpriseName} 管理员审核，其间可先浏览自主学习内容。` },
      };
    }
    if (change) {
      return {
        kind: 'joinPending',
        tag: { label: '待审核', tone: 'warn' },
        enterpriseLine: `申请加入：${change.enterpriseName}`,
        notice: { tone: 'change', title: '加入企业申请待审核', desc: `等待 ${change.enterpriseName} 管理员审核。` },
      };
    }
    const rejection = lastDecision?.status === 'rejected' ? lastDecision : null;
    if (rejection) {
      return {
        kind: 'rejected',
        tag: { label: '未通过', tone: 'bad' },
        enterpriseLine: '暂无所在企业',
        notice: {
          tone: 'bad',
          title: `申请被驳回：${rejection.reason || '未说明原因'}`,
          desc: `${rejection.enterpriseName} 管理员未同意您加入。请点此重新选择所在企业并提交申请。`,
          action: 'chooseEmployer',
        },
      };
    }
    return {
      kind: 'unplaced',
      tag: { label: '未加入企业', tone: 'muted' },
      enterpriseLine: '暂无所在企业',
      notice: { tone: 'muted', title: '尚未加入企业', desc: '申请已撤销或未提交，请点此选择所在企业并提交申请。', action: 'chooseEmployer' },
    };
  }

  const changeNotice = change
    ? { tone: 'change' as const, title: '更换企业申请待审核', desc: `已申请调入 ${change.enterpriseName}，等待该企业管理员审核。` }
    : null;
  if (person.status === 'left') {
    return {
      kind: 'left',
      tag: { label: '已离职', tone: 'muted' },
      enterpriseLine: person.enterpriseName ? `原单位：${person.enterpriseName}` : '暂无所在企业',
      notice: changeNotice ?? { tone: 'muted', title: '已从原单位离职', desc: '入职新单位后，请在“我的 - 更换企业”中申请加入。' },
    };
  }
  return {
    kind: 'active',
    tag: { label: '在职', tone: 'ok' },
    enterpriseLine: person.enterpriseName || '暂无所在企业',
    notice: changeNotice,
  };
}
