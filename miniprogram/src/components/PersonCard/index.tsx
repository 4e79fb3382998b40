import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { PersonSelf, RequestRow } from '@shared/contracts';
import { StatusTag } from '../StatusTag';
import { markDecisionSeen } from '../../services/session';
import { PERSON_STATUS, postLabel } from '../../utils/labels';
import './index.scss';

interface Props {
  person: PersonSelf;
  pendingRequests: RequestRow[];
  /** The server's last decision on the worker's requests (identity.me). */
  lastDecision?: RequestRow | null;
  /** That decision, when it is still worth a note (not dismissed; see decisionToShow). */
  decisionNote?: RequestRow | null;
}

const goChange = () => void Taro.navigateTo({ url: '/pages/employer-change/index' });

/** 首页: who is signed in, where they work, and anything waiting for approval. */
export function PersonCard({ person, pendingRequests, lastDecision, decisionNote }: Props) {
  const status = PERSON_STATUS[person.status];
  const registration = pendingRequests.find((r) => r.type === 'registration' && r.status === 'pending');
  const change = pendingRequests.find((r) => r.type === 'changeEmployer' && r.status === 'pending');
  const unplaced = person.status === 'pending' && !registration && !change;
  const rejection = lastDecision?.status === 'rejected' ? lastDecision : null;
  return (
    <View className='card person-card'>
      <View className='person-card__main'>
        <View className='person-card__avatar'>{person.name.slice(0, 1)}</View>
        <View className='person-card__body'>
          <View className='person-card__line'>
            <Text className='person-card__name'>{person.name}</Text>
            {/* A rejected registrant is not "waiting" any more. */}
            {unplaced && rejection ? (
              <StatusTag className='person-card__status' label='未通过' tone='bad' />
            ) : (
              <StatusTag className='person-card__status' label={status.label} tone={status.tone} />
            )}
          </View>
          <Text className='person-card__enterprise'>
            {person.enterpriseName || (registration ? `申请加入：${registration.enterpriseName}` : '暂无所在企业')}
          </Text>
          <Text className='person-card__meta'>
            {postLabel(person.postCategory)}
            {person.departmentName ? ` · ${person.departmentName}` : ''}
          </Text>
        </View>
      </View>
      {unplaced && (
        <View className='pending-banner pending-banner--rejected decision-banner decision-banner--rejected' onClick={goChange}>
          <Text className='pending-banner__title'>
            {rejection ? `申请被驳回：${rejection.reason || '未说明原因'}` : '注册申请未通过或已撤销'}
          </Text>
          <Text className='pending-banner__desc'>
            {rejection ? `${rejection.enterpriseName}管理员驳回了您的申请。` : ''}请点此重新选择所在企业并提交申请；如有疑问请联系企业管理员。
          </Text>
        </View>
      )}
      {!unplaced && decisionNote && (
        <View className={`pending-banner pending-banner--${decisionNote.status} decision-banner decision-banner--${decisionNote.status}`}>
          <Text className='pending-banner__title'>
            {decisionNote.status === 'rejected' ? `申请被驳回：${decisionNote.reason || '未说明原因'}` : `已调入 ${decisionNote.enterpriseName}`}
          </Text>
          <Text className='pending-banner__desc'>
            {decisionNote.status === 'rejected'
              ? `${decisionNote.type === 'changeEmployer' ? '调入' : '加入'}“${decisionNote.enterpriseName}”的申请未通过，如有疑问请联系该企业管理员。`
              : '更换企业申请已通过，原单位任职记录已结束，培训档案和积分随本人转移。'}
          </Text>
          <View className='pending-banner__actions'>
            {decisionNote.status === 'rejected' && (
              <Text className='pending-banner__link' onClick={goChange}>
                重新申请
              </Text>
            )}
            <Text className='pending-banner__link decision-banner__dismiss' onClick={() => markDecisionSeen(decisionNote._id)}>
              知道了
            </Text>
          </View>
        </View>
      )}
      {person.status === 'pending' && registration && (
        <View className='pending-banner'>
          <Text className='pending-banner__title'>注册申请待审核</Text>
          <Text className='pending-banner__desc'>
            已提交，等待 {registration.enterpriseName} 管理员审核。审核期间可先浏览自主学习内容。
          </Text>
        </View>
      )}
      {change && (
        <View className='pending-banner pending-banner--change' onClick={goChange}>
          <Text className='pending-banner__title'>更换企业申请待审核</Text>
          <Text className='pending-banner__desc'>已申请调入 {change.enterpriseName}，等待该企业管理员审核</Text>
        </View>
      )}
      {person.status === 'left' && (
        <View className='pending-banner pending-banner--muted'>
          <Text className='pending-banner__desc'>您已从原单位离职。入职新单位后，可在“我的 - 更换企业”中提交申请。</Text>
        </View>
      )}
      {person.mustChangePassword && (
        <View className='person-card__warn'>
          <Text className='person-card__warn-text'>您仍在使用初始密码，请尽快修改</Text>
          <Button size='small' type='primary' fill='outline' onClick={() => void Taro.navigateTo({ url: '/pages/auth/password/index?forced=1' })}>
            修改密码
          </Button>
        </View>
      )}
    </View>
  );
}
