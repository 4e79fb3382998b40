import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { EnterpriseBrief } from '@shared/contracts';
import { CloudError } from '@shared/client';
import { call } from '../../services/cloud';
import { decisionSeen, markDecisionSeen, refreshSession, useSession } from '../../services/session';
import { EnterpriseSearch } from '../../components/EnterpriseSearch';
import { StateView } from '../../components/StateView';
import { StatusTag } from '../../components/StatusTag';
import { useConfirm } from '../../components/Confirm';
import { formatTime } from '../../utils/labels';
import { errorMessage } from '../../utils/errors';
import { toast } from '../../utils/feedback';
import { enterpriseFromParam } from '../../utils/enterpriseParam';
import './index.scss';

/** Remembers the last request sent from this phone, to tell the worker its outcome later. */
const LAST_KEY = 'anxue.lastEmployerChange';
interface LastChange {
  requestId: string;
  enterpriseId: string;
  enterpriseName: string;
}

function readLast(): LastChange | null {
  try {
    const v = Taro.getStorageSync(LAST_KEY) as LastChange | '';
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

/** 更换企业: search the new employer, confirm, wait for its admin; cancel while pending. */
export default function EmployerChangePage() {
  const session = useSession();
  const { confirm, dialog } = useConfirm();
  const [last, setLast] = useState<LastChange | null>(readLast);
  const [picking, setPicking] = useState(false);
  useDidShow(() => void refreshSession(5_000));
  // 首页 → an enterprise → 申请加入该企业: ask at once (once the session says who this is).
  const preset = useRef(enterpriseFromParam(useRouter().params.enterprise));
  const presetAsked = useRef(false);
  useEffect(() => {
    if (presetAsked.current || !preset.current || session.status !== 'ready' || !session.person) return;
    presetAsked.current = true;
    if (session.pendingRequests.some((r) => r.status === 'pending')) toast('您已有待审核的申请，请先等待审核或撤销');
    else ask(preset.current);
  });

  if (session.status === 'loading') return <View className='page employer-change' />;
  if (session.status === 'error')
    return <StateView className='employer-change-error' image='error' title='加载失败' description={session.error} actionText='重试' onAction={() => void refreshSession()} />;
  const person = session.person;
  if (!person)
    return (
      <View className='page employer-change'>
        <StateView image='search' title='尚未登录' description='登录后可申请更换企业' actionText='去登录' onAction={() => void Taro.redirectTo({ url: '/pages/auth/login/index' })} />
      </View>
    );

  // A pending registration is shown (and can be withdrawn) here too; after a rejected or withdrawn
  // registration the person is `pending` without employer, and a new request re-registers.
  const pending = session.pendingRequests.find((r) => r.status === 'pending');
  const unplaced = person.status === 'pending' && !pending;
  // The server's last decision (with the admin's reason), unless dismissed; an unplaced person
  // always sees why. Otherwise the outcome of the last request sent from this phone (e.g. withdrawn).
  const decision = session.lastDecision;
  const server = !pending && decision && (unplaced || !decisionSeen(decision._id)) ? decision : null;
  const outcome = server ? server.status : !pending && last ? (person.enterpriseId === last.enterpriseId ? 'approved' : 'closed') : null;
  const outcomeName = server ? server.enterpriseName : last?.enterpriseName;

  const forget = () => {
    Taro.removeStorageSync(LAST_KEY);
    setLast(null);
    if (decision) markDecisionSeen(decision._id);
  };

  const ask = (e: EnterpriseBrief) => {
    if (e._id === person.enterpriseId) {
      toast('您已在该企业任职');
      return;
    }
    confirm({
      title: '申请更换企业',
      className: 'employer-change-dialog',
      confirmText: '提交申请',
      content: person.enterpriseName
        ? `将向“${e.name}”提交调入申请，由该企业管理员审核。审核通过后，原单位“${person.enterpriseName}”的任职记录将结束，您的培训档案和积分随本人转移。`
        : `将向“${e.name}”提交注册申请，由该企业管理员审核。`,
      onConfirm: async () => {
        try {
          const r = await call('identity', 'requestEmployerChange', { enterpriseId: e._id });
          const next = { requestId: r.requestId, enterpriseId: e._id, enterpriseName: e.name };
          Taro.setStorageSync(LAST_KEY, next);
          setLast(next);
          setPicking(false);
          await refreshSession();
          toast('申请已提交');
        } catch (err) {
          toast(err instanceof CloudError ? err.message : errorMessage(err));
        }
      },
    });
  };

  const cancel = () =>
    pending &&
    confirm({
      title: '撤销申请',
      className: 'employer-change-cancel-dialog',
      confirmText: '撤销',
      content: `确定撤销${pending.type === 'registration' ? '加入' : '调入'}“${pending.enterpriseName}”的申请吗？`,
      onConfirm: async () => {
        try {
          await call('identity', 'cancelRequest', { requestId: pending._id });
          forget();
          await refreshSession();
          toast('申请已撤销');
        } catch (err) {
          toast(errorMessage(err));
          await refreshSession();
        }
      },
    });

  return (
    <View className='page employer-change'>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>当前单位</Text>
        </View>
        <Text className='employer-change__current'>{person.enterpriseName || '暂无所在企业'}</Text>
      </View>

      {pending && (
        <View className='card employer-change-pending'>
          <View className='employer-change__req'>
            <View className='employer-change__req-line'>
              <Text className='employer-change__req-title'>{pending.type === 'registration' ? '注册申请' : '申请调入'}</Text>
              <StatusTag label='待审核' tone='warn' />
            </View>
            <Text className='employer-change__req-name'>{pending.enterpriseName}</Text>
            <Text className='employer-change__req-time'>提交于 {formatTime(pending.createdAt)}，等待该企业管理员审核</Text>
          </View>
          <View className='form-actions employer-change__req-actions'>
            <Button className='employer-change-cancel' block onClick={cancel}>
              撤销申请
            </Button>
          </View>
        </View>
      )}

      {outcome && (
        <View className={`card employer-change-result employer-change-result--${outcome} ${server && unplaced ? 'employer-change-unplaced' : ''}`}>
          <View className='employer-change__req'>
            <View className='employer-change__req-line'>
              <Text className='employer-change__req-title'>
                {server ? `${server.type === 'registration' ? '注册申请' : '调入申请'}结果` : '申请结果'}
              </Text>
              {outcome === 'approved' ? <StatusTag label='已通过' tone='ok' /> : outcome === 'rejected' ? <StatusTag label='已驳回' tone='bad' /> : <StatusTag label='未通过' tone='bad' />}
            </View>
            <Text className='employer-change__req-name'>{outcomeName}</Text>
            {server?.status === 'rejected' && <Text className='employer-change__reason'>驳回原因：{server.reason || '未说明原因'}</Text>}
            <Text className='employer-change__req-time'>
              {server
                ? `${server.decidedByName ? server.decidedByName + ' ' : ''}${server.decidedAt ? formatTime(server.decidedAt) : ''} ${
                    server.status === 'approved' ? (server.type === 'registration' ? '审核通过。' : '审核通过，已调入该企业，原单位任职记录已结束。') : '驳回了申请，如有疑问请联系该企业管理员。'
                  }`
                : outcome === 'approved'
                  ? '已调入该企业，原单位任职记录已结束。'
                  : '申请未通过或已撤销，如有疑问请联系该企业管理员。'}
            </Text>
          </View>
          {!(server && unplaced) && (
            <Text className='employer-change__dismiss' onClick={forget}>
              知道了
            </Text>
          )}
        </View>
      )}

      {unplaced && !outcome && (
        <View className='card employer-change-unplaced'>
          <StateView image='search' title='注册申请未通过或已撤销' description='请确认所在企业后重新提交申请，由该企业管理员审核' compact />
        </View>
      )}

      {!pending && !picking && (
        <View className='form-actions'>
          <Button className='employer-change-submit' type='primary' block onClick={() => setPicking(true)}>
            {unplaced ? '重新选择企业' : '申请更换企业'}
          </Button>
        </View>
      )}

      {!pending && picking && (
        <View className='card employer-change-search'>
          <View className='card__head'>
            <Text className='card__title'>选择新企业</Text>
            <Text className='card__hint'>搜索新单位名称，点选后确认提交</Text>
          </View>
          <EnterpriseSearch onSelect={ask} selectedId={undefined} />
        </View>
      )}
      {dialog}
    </View>
  );
}
