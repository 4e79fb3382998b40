import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Dialog, Loading, TextArea } from '@nutui/nutui-react-taro';
import type { RequestRow } from '@shared/contracts';
import { CloudError } from '@shared/client';
import { adminCall, adminLogout, clearAdminSession, getAdminSession } from '../../../services/adminSession';
import { StateView } from '../../../components/StateView';
import { StatusTag } from '../../../components/StatusTag';
import { useConfirm } from '../../../components/Confirm';
import { certificateLabel, formatTime, postLabel, REQUEST_NOUN, REQUEST_STATUS, REQUEST_TYPE } from '../../../utils/labels';
import { errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/feedback';
import './index.scss';

type Tab = 'pending' | 'done';
const PAGE_SIZE = 20;

interface ListState {
  status: 'loading' | 'ready' | 'error';
  items: RequestRow[];
  page: number;
  hasMore: boolean;
  more: 'idle' | 'loading' | 'error';
  error: string;
}
const INITIAL: ListState = { status: 'loading', items: [], page: 1, hasMore: false, more: 'idle', error: '' };

const isSessionError = (err: unknown) => err instanceof CloudError && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED');

/** 人员审核: the enterprise admin approves or rejects self-registrations, transfers and 信息变更. */
export default function ApprovalsPage() {
  const admin = getAdminSession();
  const [tab, setTab] = useState<Tab>('pending');
  const [list, setList] = useState<ListState>(INITIAL);
  const [pendingCount, setPendingCount] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<RequestRow | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const { confirm, dialog } = useConfirm();
  const seq = useRef(0);

  const toLogin = useCallback(() => {
    clearAdminSession();
    void Taro.redirectTo({ url: '/pages/admin/login/index' });
  }, []);

  const load = useCallback(
    async (which: Tab, page: number) => {
      const id = ++seq.current;
      setList((s) => (page === 1 ? { ...INITIAL } : { ...s, more: 'loading' }));
      try {
        const r = await adminCall('org', 'listRequests', { status: which === 'pending' ? 'pending' : 'all', page, pageSize: PAGE_SIZE });
        if (id !== seq.current) return;
        setPendingCount(r.pendingCount);
        // 已处理: everything decided (the 'all' page minus what is still pending).
        const items = which === 'pending' ? r.items : r.items.filter((i) => i.status !== 'pending');
        setList((s) => ({
          status: 'ready',
          items: page === 1 ? items : [...s.items, ...items],
          page,
          hasMore: r.page * r.pageSize < r.total,
          more: 'idle',
          error: '',
        }));
      } catch (err) {
        if (id !== seq.current) return;
        if (isSessionError(err)) return toLogin();
        setList((s) => (page === 1 ? { ...s, status: 'error', error: errorMessage(err) } : { ...s, more: 'error', error: errorMessage(err) }));
      }
    },
    [toLogin],
  );

  useEffect(() => {
    if (!admin) toLogin();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (admin) void load(tab, 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab]);
  const shown = useRef(false);
  useDidShow(() => {
    // Coming back (e.g. from 导入员工): refresh; the first show is covered by the effect above.
    if (shown.current && getAdminSession()) void load(tab, 1);
    shown.current = true;
  });

  const decide = async (r: RequestRow, decision: 'approve' | 'reject', why?: string) => {
    try {
      await adminCall('org', 'decideRequest', { requestId: r._id, decision, ...(why ? { reason: why } : {}) });
      toast(decision === 'approve' ? '已通过' : '已驳回');
    } catch (err) {
      if (isSessionError(err)) return toLogin();
      if (err instanceof CloudError && err.code === 'REQUEST_NOT_PENDING') toast('该申请已被处理');
      else toast(errorMessage(err));
    }
    await load(tab, 1);
  };

  const approve = (r: RequestRow) =>
    confirm({
      title: `通过${r.personName}的${REQUEST_NOUN[r.type]}？`,
      className: 'approve-dialog',
      confirmText: '通过',
      content: (
        <View className='approve-dialog__body'>
          <Text className='approve-dialog__note'>
            {r.type === 'registration'
              ? '通过后即为本企业员工，可参加本企业的培训和考试。'
              : r.type === 'infoChange'
                ? `岗位类别将改为“${postLabel(r.postCategory)}”。`
                : `其在${r.fromEnterpriseName ? `“${r.fromEnterpriseName}”` : '原单位'}的任职记录将结束。`}
          </Text>
        </View>
      ),
      onConfirm: () => decide(r, 'approve'),
    });

  const logout = () =>
    confirm({
      title: '退出管理',
      className: 'admin-logout-dialog',
      confirmText: '退出',
      content: '退出后需重新输入管理员账号和密码。',
      onConfirm: async () => {
        await adminLogout();
        void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/mine/index' }));
      },
    });

  if (!admin) return <View className='page approvals' />;

  return (
    <View className='page approvals'>
      <View className='approvals-banner'>
        <View className='approvals-banner__text'>
          <Text className='approvals-banner__title'>{admin.account.enterpriseName || '本企业'}</Text>
          <Text className='approvals-banner__desc'>{admin.account.displayName}</Text>
        </View>
        <Text className='approvals-banner__logout admin-logout' onClick={logout}>
          退出管理
        </Text>
      </View>

      <View className='card approvals-tools'>
        <View className='approvals-tools__item admin-import' onClick={() => void Taro.navigateTo({ url: '/pages/admin/import/index' })}>
          <Text className='approvals-tools__title'>导入员工</Text>
          <Text className='approvals-tools__desc'>从聊天中选择 Excel 名单批量导入</Text>
          <View className='approvals-tools__arrow' />
        </View>
      </View>

      <View className='approvals-tabs'>
        {(['pending', 'done'] as Tab[]).map((t) => (
          <View key={t} className={`approvals-tab approvals-tab--${t} ${tab === t ? 'approvals-tab--active' : ''}`} onClick={() => setTab(t)}>
            <Text>{t === 'pending' ? '待审核' : '已处理'}</Text>
            {t === 'pending' && !!pendingCount && <Text className='approvals-tab__badge approvals-count'>{pendingCount}</Text>}
          </View>
        ))}
      </View>

      {list.status === 'loading' && (
        <View className='approvals-loading'>
          <Loading type='spinner'>加载中…</Loading>
        </View>
      )}
      {list.status === 'error' && (
        <View className='card'>
          <StateView className='approvals-error' image='error' title='加载失败' description={list.error} actionText='重试' onAction={() => void load(tab, 1)} compact />
        </View>
      )}
      {list.status === 'ready' && list.items.length === 0 && !list.hasMore && (
        <View className='card'>
          <StateView
            className='approvals-empty'
            image='search'
            title={tab === 'pending' ? '暂无待审核的申请' : '暂无已处理的申请'}
            description={tab === 'pending' ? '员工自助注册、申请调入本企业或变更岗位类别后，会显示在这里' : undefined}
            compact
          />
        </View>
      )}
      {list.status === 'ready' &&
        list.items.map((r) => <ApprovalItem key={r._id} r={r} onApprove={() => approve(r)} onReject={() => (setRejecting(r), setReason(''), setReasonError(''))} />)}
      {list.status === 'ready' && list.hasMore && (
        <View className='approvals-more'>
          {list.more === 'loading' ? (
            <Loading type='spinner'>加载中…</Loading>
          ) : (
            <Button className='approval-more' fill='none' size='small' onClick={() => void load(tab, list.page + 1)}>
              {list.more === 'error' ? `${list.error}，点击重试` : '加载更多'}
            </Button>
          )}
        </View>
      )}

      <Dialog
        className='reject-dialog'
        visible={!!rejecting}
        title='驳回申请'
        confirmText='驳回'
        cancelText='取消'
        onConfirm={async () => {
          const why = reason.trim();
          if (!why) {
            setReasonError('请填写驳回原因，员工会看到该原因');
            // Keeps the dialog open.
            throw new Error('reason required');
          }
          const r = rejecting!;
          setRejecting(null);
          await decide(r, 'reject', why);
        }}
        onCancel={() => setRejecting(null)}
        onClose={() => setRejecting(null)}
      >
        <View className='reject-form'>
          <Text className='reject-form__who'>{rejecting ? `驳回${rejecting.personName}的${REQUEST_NOUN[rejecting.type]}` : ''}</Text>
          <TextArea
            className='reject-reason'
            placeholder='请填写驳回原因，如：非本企业员工'
            maxLength={100}
            showCount
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonError('');
            }}
          />
          {reasonError && <Text className='reject-form__error'>{reasonError}</Text>}
        </View>
      </Dialog>
      {dialog}
    </View>
  );
}

function ApprovalItem({ r, onApprove, onReject }: { r: RequestRow; onApprove: () => void; onReject: () => void }) {
  const st = REQUEST_STATUS[r.status];
  return (
    <View className={`card approval-item approval-item--${r.status}`}>
      <View className='approval-item__head'>
        <View className='approval-item__who'>
          <Text className='approval-item__name'>{r.personName}</Text>
          <Text className='approval-item__id'>{r.idMasked}</Text>
        </View>
        <StatusTag className='approval-item__type' label={REQUEST_TYPE[r.type]} tone={r.type === 'registration' ? 'ok' : r.type === 'infoChange' ? 'muted' : 'warn'} />
      </View>
      <View className='approval-item__rows'>
        {r.type === 'infoChange' ? (
          <Text className='approval-item__row approval-item__change'>
            岗位类别：{r.previousPostCategory ? `${postLabel(r.previousPostCategory)} → ` : ''}
            {postLabel(r.postCategory)}
          </Text>
        ) : (
          <Text className='approval-item__row'>岗位分类：{postLabel(r.postCategory)}</Text>
        )}
        {r.type === 'changeEmployer' && <Text className='approval-item__row'>原单位：{r.fromEnterpriseName || '无'}</Text>}
        {r.type !== 'infoChange' && (
          <Text className='approval-item__row'>
            持证情况：{r.certificates.length ? r.certificates.map((c) => `${certificateLabel(c.type)}（${c.number}）`).join('；') : '无'}
          </Text>
        )}
        <Text className='approval-item__row approval-item__time'>提交时间：{formatTime(r.createdAt)}</Text>
        {r.status !== 'pending' && (
          <Text className='approval-item__row'>
            处理结果：<StatusTag label={st.label} tone={st.tone} />
            {r.decidedAt ? ` ${formatTime(r.decidedAt)}` : ''}
            {r.decidedByName ? ` · ${r.decidedByName}` : ''}
          </Text>
        )}
        {r.reason && <Text className='approval-item__row'>驳回原因：{r.reason}</Text>}
      </View>
      {r.status === 'pending' && (
        <View className='approval-item__actions'>
          <Button className='approval-reject' size='small' onClick={onReject}>
            驳回
          </Button>
          <Button className='approval-approve' size='small' type='primary' onClick={onApprove}>
            通过
          </Button>
        </View>
      )}
    </View>
  );
}
